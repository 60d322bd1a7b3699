package dev.descent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.descent.concurrent.Workers;
import dev.descent.data.Sampling;
import dev.descent.data.Splits;
import dev.descent.nn.Activation;
import dev.descent.nn.Sequential;
import dev.descent.optim.Averaging;
import dev.descent.optim.fullbatch.FullBatchMethods;
import dev.descent.optim.fullbatch.Result;
import dev.descent.tensor.Blas;
import dev.descent.train.BlockCoordinate;
import dev.descent.train.Curriculum;
import dev.descent.train.FullBatchTrainer;
import dev.descent.train.History;
import dev.descent.train.Metrics;
import dev.descent.train.ModelFileException;
import dev.descent.train.ModelSpec;
import dev.descent.train.NetworkObjective;
import dev.descent.train.Pretraining;
import dev.descent.train.SafeTensors;
import dev.descent.train.TrainConfig;
import dev.descent.train.TrainListener;
import dev.descent.train.TrainResult;
import dev.descent.train.Trainer;
import dev.descent.train.Weights;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code descent train}: trains an MLP classifier on a data set. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Train a fully connected classifier with softmax cross-entropy, evaluating train,"
          + " validation and test accuracy at every epoch end.",
      "Example: descent train --dataset fashion-mnist --hidden 100,100,100,100 --init he"
          + " --optimizer \"adam(lr=0.001)\" --batch 128 --epochs 5 --json",
      "Full-batch methods (lbfgs, bfgs, newton, cg, gd_linesearch, coordinate_descent) train on"
          + " the whole training split at once; --iterations (or --epochs) is their iteration"
          + " limit: descent train --dataset fashion-mnist --train-limit 1000 --hidden 32"
          + " --optimizer \"lbfgs(history=10)\" --iterations 100"
    })
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--dataset",
      required = true,
      paramLabel = "NAME",
      description = "Data set name or spec (see `descent datasets`).")
  String dataset;

  @Mixin DataOptions data;

  @Option(
      names = "--train-limit",
      paramLabel = "N",
      description = "Use only the first N training examples.")
  Integer trainLimit;

  @Option(
      names = "--validation",
      paramLabel = "F",
      defaultValue = "0",
      description = "Hold out this fraction of the training examples for validation.")
  double validation;

  @Option(
      names = "--normalize",
      defaultValue = "auto",
      description =
          "auto (images to [0,1], other features standardized), unit, standard or none"
              + " (default: ${DEFAULT-VALUE}).")
  String normalize;

  @Option(
      names = "--hidden",
      split = ",",
      paramLabel = "W",
      defaultValue = "100,100,100,100",
      description =
          "Hidden layer widths, or none for softmax (logistic) regression"
              + " (default: ${DEFAULT-VALUE}).")
  String[] hiddenText;

  int[] hidden;

  @Option(
      names = "--activation",
      defaultValue = "relu",
      description = "relu, leaky_relu, sigmoid or tanh (default: ${DEFAULT-VALUE}).")
  String activation;

  @Option(
      names = "--init",
      defaultValue = "he",
      paramLabel = "SPEC",
      description = "Weight initializer, e.g. he, xavier, normal(std=0.01) (default: he).")
  String init;

  @Option(names = "--batchnorm", description = "Batch normalization after each hidden layer.")
  boolean batchNorm;

  @Option(
      names = "--dropout",
      defaultValue = "0",
      paramLabel = "P",
      description = "Dropout probability after each hidden activation (default: 0).")
  double dropout;

  @Option(
      names = "--weight-decay",
      defaultValue = "0",
      paramLabel = "LAMBDA",
      description = "L2 penalty ½λ‖W‖² on the weights (biases excluded) (default: 0).")
  double weightDecay;

  @Option(
      names = "--optimizer",
      required = true,
      paramLabel = "SPEC",
      description =
          "Optimizer spec, e.g. adam(lr=0.001) or momentum(lr=0.01,momentum=0.9), or a"
              + " full-batch method: lbfgs(history=10), bfgs, newton, cg, gd_linesearch,"
              + " coordinate_descent.")
  String optimizer;

  @Option(
      names = "--schedule",
      paramLabel = "SPEC",
      description =
          "Learning-rate schedule spec, e.g. cosine(lr=0.1,t_max=2000) or plateau(lr=0.1).")
  String schedule;

  @Option(
      names = "--average",
      paramLabel = "SPEC",
      description =
          "Also evaluate averaged weights at every evaluation: polyak(start=N) or"
              + " ema(decay=0.999); training is unchanged.")
  String average;

  @Option(
      names = "--coordinate",
      paramLabel = "BLOCKS",
      description =
          "Block-coordinate training: update one block per step, layers or params (each"
              + " tensor), the rest held fixed.")
  String coordinate;

  @Option(
      names = "--order",
      defaultValue = "cyclic",
      description = "Block order for --coordinate: cyclic or random (seeded) (default: cyclic).")
  String order;

  @Option(
      names = "--block-steps",
      paramLabel = "K",
      description = "Steps per block turn for --coordinate (default: one epoch).")
  Long blockSteps;

  @Option(
      names = "--init-from",
      paramLabel = "FILE",
      description = "Supervised pretraining: start from the weights in this safetensors file.")
  Path initFrom;

  @Option(
      names = "--init-layers",
      split = ",",
      paramLabel = "L",
      description =
          "Load only these layers from --init-from (1-based among layers with parameters),"
              + " e.g. 1,2 (default: all).")
  int[] initLayers;

  @Option(names = "--freeze", description = "Keep the layers loaded by --init-from fixed.")
  boolean freeze;

  @Option(
      names = "--curriculum",
      paramLabel = "PACING",
      description =
          "Curriculum learning, easy examples first: linear(start=0.25,epochs=5) or root(...),"
              + " the fraction of the easiest examples admitted per epoch.")
  String curriculum;

  @Option(
      names = "--difficulty-from",
      paramLabel = "FILE",
      description =
          "Score difficulty by the loss of this saved model (default: the network trained"
              + " for one epoch with the same optimizer and seed).")
  Path difficultyFrom;

  @Option(
      names = "--difficulty-scores",
      paramLabel = "FILE",
      description =
          "Take each training example's difficulty from this file: one number per line, in"
              + " training-split order (after --train-limit and --validation).")
  Path difficultyScores;

  @Option(
      names = "--batch",
      defaultValue = "128",
      paramLabel = "N",
      description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Length length;

  /** Exactly one of --epochs and --iterations. */
  static final class Length {
    @Option(names = "--epochs", paramLabel = "E", description = "Passes over the training data.")
    Long epochs;

    @Option(
        names = "--iterations",
        paramLabel = "I",
        description = "Optimizer steps (for a full-batch method: its iteration limit).")
    Long iterations;
  }

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Seed of the weights, data order, validation draw and dropout (default: 0).")
  long seed;

  @Mixin ThreadsOption threads;

  private Workers workers;

  @Option(
      names = "--eval-every",
      defaultValue = "0",
      paramLabel = "K",
      description = "Also evaluate every K steps (default: only at epoch ends).")
  long evalEvery;

  @Option(
      names = "--patience",
      defaultValue = "0",
      paramLabel = "P",
      description = "Stop after P epochs without a lower validation (else training) loss.")
  long patience;

  @Option(
      names = "--checkpoint-dir",
      paramLabel = "DIR",
      description = "Write checkpoint.dsc here at every epoch end (created if missing).")
  Path checkpointDir;

  @Option(
      names = "--checkpoint-every",
      defaultValue = "0",
      paramLabel = "K",
      description = "Also checkpoint every K steps.")
  long checkpointEvery;

  @Option(names = "--resume", description = "Continue from the checkpoint in --checkpoint-dir.")
  boolean resume;

  @Option(names = "--save", paramLabel = "FILE", description = "Save the weights (safetensors).")
  Path save;

  @Option(
      names = "--history-out",
      paramLabel = "H",
      description = "Write the history to H.json and H.csv.")
  Path historyOut;

  @Option(names = "--json", description = "End with one JSON line of results on stdout.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long epochs = length.epochs == null ? 0 : length.epochs;
    long iterations = length.iterations == null ? 0 : length.iterations;
    hidden = parseHidden(hiddenText);
    checkOptions(epochs, iterations, err);
    boolean fullBatch = FullBatchMethods.isFullBatch(optimizer);
    if (fullBatch) {
      checkFullBatchOptions();
    }
    Path historyJson = historyOut == null ? null : sibling(historyOut, ".json");
    Path historyCsv = historyOut == null ? null : sibling(historyOut, ".csv");
    requireWritableParent("--save", save);
    requireWritableParent("--history-out", historyJson);
    prepareCheckpointDir();

    TrainingData prep =
        new TrainingData(dataset, trainLimit == null ? 0 : trainLimit, validation, seed, normalize);
    if (fullBatch) {
      return fullBatch(prep, Math.max(epochs, iterations), historyJson, historyCsv, out, err);
    }
    Averaging averaging = average == null ? null : Averaging.parse(average);
    Curriculum.Pacing pacing = curriculum == null ? null : Curriculum.pacing(curriculum);
    TrainConfig config =
        new TrainConfig(
            optimizer,
            schedule,
            batch,
            epochs,
            iterations,
            seed,
            weightDecay,
            Sampling.SHUFFLE,
            evalEvery,
            checkpointEvery,
            patience);
    Activation act = Activation.parse(activation);
    Splits splits = prep.load(data.dataDir, data.offline, err);
    if (batch > splits.train().size()) {
      throw new IllegalArgumentException(
          "--batch must be in [1, "
              + splits.train().size()
              + "] for "
              + splits.train().size()
              + " training examples, got "
              + batch);
    }
    int classes = Math.max(splits.train().classes(), splits.test().classes());
    ModelSpec model =
        new ModelSpec(
            splits.train().features(), hidden, classes, act, init, batchNorm, dropout, seed);
    Map<String, String> architecture = new LinkedHashMap<>(model.metadata());
    architecture.putAll(prep.metadata());
    Sequential network = model.build();
    List<String> loaded =
        initFrom == null ? List.of() : Pretraining.load(network, initFrom, layerSet());
    Trainer trainer = new Trainer(network, architecture, config, splits).workers(workers);
    trainer.averaging(averaging);
    if (freeze) {
      trainer.freeze(loaded);
    }
    if (coordinate != null) {
      long k = blockSteps != null ? blockSteps : (splits.train().size() + batch - 1) / batch;
      trainer.coordinate(BlockCoordinate.parse(coordinate, order, k, seed));
    }
    if (pacing != null) {
      trainer.curriculum(Curriculum.of(difficulty(model, architecture, config, splits), pacing));
    }
    if (checkpointDir != null) {
      trainer.checkpointDir(checkpointDir);
    }
    Progress progress = System.console() != null ? new Progress(trainer.totalSteps()) : null;
    trainer.listener(
        listener(json ? null : out, progress, trainer.totalSteps(), trainer.history()));

    long t0 = System.nanoTime();
    TrainResult result;
    try {
      result = resume ? trainer.resume() : trainer.run();
    } finally {
      if (progress != null) {
        progress.close();
      }
      if (historyOut != null && trainer.history().steps() > 0) {
        trainer.history().writeJson(historyJson);
        trainer.history().writeCsv(historyCsv);
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (save != null) {
      SafeTensors.write(save, Weights.of(trainer.model()), architecture);
    }
    if (json) {
      ObjectNode o = resultJson(result, seconds, trainer.history());
      out.println(o);
    } else {
      History.Evaluation e = result.last();
      out.printf(
          Locale.ROOT,
          "done: %d steps, %d epochs%s, test accuracy %.4f, %.1f s (training %.1f s, %.0f"
              + " samples/s)%n",
          result.steps(),
          result.epochs(),
          result.stoppedEarly() ? " (stopped early)" : "",
          e.test().accuracy(),
          seconds,
          result.trainSeconds(),
          result.samplesPerSecond());
      out.println("weights sha256: " + result.weightsSha256());
      if (save != null) {
        out.println("saved " + save);
      }
    }
    out.flush();
    return 0;
  }

  /** The widths of {@code --hidden}: integers, or the single word none (or empty) for none. */
  static int[] parseHidden(String[] parts) {
    if (parts.length == 1 && (parts[0].isBlank() || parts[0].trim().equals("none"))) {
      return new int[0];
    }
    int[] w = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        w[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--hidden must be comma-separated positive widths or none, got '"
                + String.join(",", parts)
                + "'");
      }
    }
    return w;
  }

  private Set<Integer> layerSet() {
    Set<Integer> s = new TreeSet<>();
    if (initLayers != null) {
      for (int l : initLayers) {
        s.add(l);
      }
    }
    return s;
  }

  /** Options that mean nothing to a full-batch method are refused, not ignored. */
  private void checkFullBatchOptions() {
    CommandLine.ParseResult pr = spec.commandLine().getParseResult();
    for (String o :
        List.of(
            "--schedule",
            "--batch",
            "--patience",
            "--checkpoint-dir",
            "--checkpoint-every",
            "--resume",
            "--average",
            "--coordinate",
            "--order",
            "--block-steps",
            "--freeze",
            "--curriculum",
            "--difficulty-from",
            "--difficulty-scores")) {
      if (pr.hasMatchedOption(o)) {
        throw new IllegalArgumentException(
            o
                + " does not apply to the full-batch method "
                + optimizer
                + " (it trains on the whole training split at once); drop "
                + o
                + " or use a first-order optimizer");
      }
    }
    if (dropout > 0 || batchNorm) {
      throw new IllegalArgumentException(
          "full-batch methods need a deterministic loss: drop "
              + (dropout > 0 ? "--dropout" : "--batchnorm")
              + " with "
              + optimizer);
    }
  }

  private int fullBatch(
      TrainingData prep,
      long iterations,
      Path historyJson,
      Path historyCsv,
      PrintWriter out,
      PrintWriter err)
      throws IOException {
    FullBatchMethods.create(optimizer);
    Splits splits = prep.load(data.dataDir, data.offline, err);
    int classes = Math.max(splits.train().classes(), splits.test().classes());
    ModelSpec model =
        new ModelSpec(
            splits.train().features(),
            hidden,
            classes,
            Activation.parse(activation),
            init,
            false,
            0,
            seed);
    Map<String, String> architecture = new LinkedHashMap<>(model.metadata());
    architecture.putAll(prep.metadata());
    Sequential network = model.build();
    NetworkObjective.requireFullBatch(network, splits.train().size());
    if (initFrom != null) {
      Pretraining.load(network, initFrom, layerSet());
    }
    FullBatchTrainer trainer =
        new FullBatchTrainer(
            network, architecture, optimizer, iterations, weightDecay, evalEvery, splits);
    trainer.listener(listener(json ? null : out, null, iterations, trainer.history()));
    long t0 = System.nanoTime();
    TrainResult result = trainer.run();
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (historyOut != null) {
      trainer.history().writeJson(historyJson);
      trainer.history().writeCsv(historyCsv);
    }
    if (save != null) {
      SafeTensors.write(save, Weights.of(network), architecture);
    }
    Result r = trainer.optimization();
    if (json) {
      ObjectNode o = resultJson(result, seconds, trainer.history());
      o.put("full_batch", true);
      o.put("function_evaluations", r.evaluations());
      o.put("stop_reason", r.reason().name().toLowerCase(Locale.ROOT));
      o.put("stop_message", r.message());
      o.put("final_objective", r.value());
      out.println(o);
    } else {
      out.printf(
          Locale.ROOT,
          "done: %d iterations, %d function evaluations, objective %.6g, test accuracy %.4f,"
              + " %.1f s%n",
          result.steps(),
          r.evaluations(),
          r.value(),
          result.last().test().accuracy(),
          seconds);
      out.println("stopped: " + r.message());
      out.println("weights sha256: " + result.weightsSha256());
      if (save != null) {
        out.println("saved " + save);
      }
    }
    out.flush();
    return 0;
  }

  /**
   * Each training example's difficulty: its loss under the {@code --difficulty-from} model, or
   * under a copy of the network trained for one epoch with the same optimizer, batch and seed.
   */
  private double[] difficulty(
      ModelSpec model, Map<String, String> architecture, TrainConfig config, Splits splits)
      throws IOException {
    if (difficultyScores != null) {
      return readScores(difficultyScores, splits.train().size());
    }
    Sequential scorer = model.build();
    if (difficultyFrom != null) {
      Weights.load(scorer, SafeTensors.read(difficultyFrom).tensors(), difficultyFrom);
    } else {
      TrainConfig brief =
          new TrainConfig(
              config.optimizer(),
              null,
              config.batchSize(),
              1,
              0,
              config.seed(),
              config.weightDecay(),
              config.sampling(),
              0,
              0,
              0);
      new Trainer(scorer, architecture, brief, splits).workers(workers).run();
    }
    return Curriculum.difficulty(scorer, splits.train());
  }

  /** One finite number per line (blank lines and lines starting with # skipped). */
  static double[] readScores(Path file, int expected) throws IOException {
    List<String> lines = Files.readAllLines(file);
    double[] scores = new double[expected];
    int n = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      double v;
      try {
        v = Double.parseDouble(line);
      } catch (NumberFormatException e) {
        v = Double.NaN;
      }
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(
            "--difficulty-scores "
                + file
                + ": line "
                + (i + 1)
                + " is not a finite number: '"
                + line
                + "'");
      }
      if (n == expected) {
        throw new IllegalArgumentException(
            "--difficulty-scores "
                + file
                + " holds more than the "
                + expected
                + " scores the training split needs");
      }
      scores[n++] = v;
    }
    if (n != expected) {
      throw new IllegalArgumentException(
          "--difficulty-scores "
              + file
              + " holds "
              + n
              + " scores, the training split has "
              + expected
              + " examples");
    }
    return scores;
  }

  private void checkOptions(long epochs, long iterations, PrintWriter err) {
    if (length.epochs != null && epochs <= 0) {
      throw new IllegalArgumentException("--epochs must be positive, got " + epochs);
    }
    if (length.iterations != null && iterations <= 0) {
      throw new IllegalArgumentException("--iterations must be positive, got " + iterations);
    }
    if (batch <= 0) {
      throw new IllegalArgumentException("--batch must be positive, got " + batch);
    }
    if (trainLimit != null && trainLimit <= 0) {
      throw new IllegalArgumentException("--train-limit must be positive, got " + trainLimit);
    }
    for (int w : hidden) {
      if (w <= 0) {
        throw new IllegalArgumentException(
            "--hidden widths must be positive, got " + Arrays.toString(hidden));
      }
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
    }
    if (!(weightDecay >= 0 && weightDecay < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("--weight-decay must be in [0, inf), got " + weightDecay);
    }
    if (evalEvery < 0 || checkpointEvery < 0 || patience < 0) {
      throw new IllegalArgumentException(
          "--eval-every, --checkpoint-every and --patience must be >= 0, got "
              + evalEvery
              + ", "
              + checkpointEvery
              + ", "
              + patience);
    }
    if (checkpointEvery > 0 && checkpointDir == null) {
      throw new IllegalArgumentException("--checkpoint-every needs --checkpoint-dir");
    }
    if (resume && checkpointDir == null) {
      throw new IllegalArgumentException("--resume needs --checkpoint-dir");
    }
    if ((initLayers != null || freeze) && initFrom == null) {
      throw new IllegalArgumentException("--init-layers and --freeze need --init-from");
    }
    if ((blockSteps != null || spec.commandLine().getParseResult().hasMatchedOption("--order"))
        && coordinate == null) {
      throw new IllegalArgumentException("--order and --block-steps need --coordinate");
    }
    if (blockSteps != null && blockSteps <= 0) {
      throw new IllegalArgumentException("--block-steps must be positive, got " + blockSteps);
    }
    if ((difficultyFrom != null || difficultyScores != null) && curriculum == null) {
      throw new IllegalArgumentException(
          "--difficulty-from and --difficulty-scores need --curriculum");
    }
    if (difficultyFrom != null && difficultyScores != null) {
      throw new IllegalArgumentException(
          "give one of --difficulty-from and --difficulty-scores, not both");
    }
    workers = threads.workers();
  }

  private void prepareCheckpointDir() throws IOException {
    if (checkpointDir == null) {
      return;
    }
    Path file = checkpointDir.resolve(Trainer.CHECKPOINT_FILE);
    if (resume) {
      if (!Files.isRegularFile(file)) {
        throw new ModelFileException(file, "no checkpoint to resume from");
      }
    } else if (Files.exists(file)) {
      throw new IllegalArgumentException(
          checkpointDir
              + " already holds a checkpoint; pass --resume to continue it, or choose another"
              + " --checkpoint-dir");
    }
    try {
      Files.createDirectories(checkpointDir);
    } catch (IOException e) {
      throw new IOException("cannot create --checkpoint-dir " + checkpointDir + ": " + e, e);
    }
    if (!Files.isWritable(checkpointDir)) {
      throw new IOException("--checkpoint-dir " + checkpointDir + " is not writable");
    }
  }

  private static void requireWritableParent(String option, Path file) throws IOException {
    if (file == null) {
      return;
    }
    Path dir = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      throw new IOException(option + " " + file + ": folder " + dir + " does not exist");
    }
    if (!Files.isWritable(dir)) {
      throw new IOException(option + " " + file + ": folder " + dir + " is not writable");
    }
  }

  /** {@code base} with its extension (if .json or .csv) replaced by {@code ext}. */
  static Path sibling(Path base, String ext) {
    String name = base.getFileName().toString();
    if (name.endsWith(".json") || name.endsWith(".csv")) {
      name = name.substring(0, name.lastIndexOf('.'));
    }
    return base.resolveSibling(name + ext);
  }

  private static TrainListener listener(
      PrintWriter out, Progress progress, long total, History history) {
    return new TrainListener() {
      @Override
      public void onStep(long step, long epoch, double loss, double lr, double sps) {
        if (progress != null) {
          progress.step(step, epoch, loss, sps);
        }
      }

      @Override
      public void onEvaluation(History.Evaluation e) {
        if (out == null) {
          return;
        }
        out.printf(
            Locale.ROOT,
            "epoch %d step %d/%d  lr %s  train loss %.4f acc %.4f%s  test loss %.4f acc %.4f%n",
            e.epoch(),
            e.step(),
            total,
            Double.isNaN(e.lr()) ? "-" : Double.toString(e.lr()),
            e.train().loss(),
            e.train().accuracy(),
            e.validation() == null
                ? ""
                : String.format(
                    Locale.ROOT,
                    "  validation loss %.4f acc %.4f",
                    e.validation().loss(),
                    e.validation().accuracy()),
            e.test().loss(),
            e.test().accuracy());
        History.Evaluation a = history.lastAveraged();
        if (a != null && a.step() == e.step()) {
          out.printf(
              Locale.ROOT,
              "  averaged weights: train loss %.4f acc %.4f%s  test loss %.4f acc %.4f%n",
              a.train().loss(),
              a.train().accuracy(),
              a.validation() == null
                  ? ""
                  : String.format(
                      Locale.ROOT,
                      "  validation loss %.4f acc %.4f",
                      a.validation().loss(),
                      a.validation().accuracy()),
              a.test().loss(),
              a.test().accuracy());
        }
        out.flush();
      }
    };
  }

  private ObjectNode resultJson(TrainResult r, double seconds, History history) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode o = mapper.createObjectNode();
    o.put("dataset", dataset);
    o.put("optimizer", optimizer);
    o.put("schedule", schedule);
    o.put("seed", seed);
    o.put("epochs", r.epochs());
    o.put("steps", r.steps());
    o.put("stopped_early", r.stoppedEarly());
    History.Evaluation e = r.last();
    put(o, "train", e.train());
    put(o, "validation", e.validation());
    put(o, "test", e.test());
    o.put("seconds", seconds);
    o.put("train_seconds", r.trainSeconds());
    o.put("samples_per_second", r.samplesPerSecond());
    o.put("blas", Blas.defaultBlas().name());
    o.put("threads", workers.threads());
    o.put("blas_threads", InfoCommand.blasThreads(Blas.defaultBlas()));
    o.put("weights_sha256", r.weightsSha256());
    if (average != null) {
      o.put("average", Averaging.parse(average).spec());
      History.Evaluation a = history.lastAveraged();
      put(o, "avg_train", a == null ? null : a.train());
      put(o, "avg_validation", a == null ? null : a.validation());
      put(o, "avg_test", a == null ? null : a.test());
    }
    return o;
  }

  private static void put(ObjectNode o, String split, Metrics m) {
    if (m == null) {
      o.putNull(split + "_loss");
      o.putNull(split + "_accuracy");
    } else {
      o.put(split + "_loss", m.loss());
      o.put(split + "_accuracy", m.accuracy());
    }
  }

  /** A terminal progress bar on stderr: steps, ETA, loss and samples/s. */
  private static final class Progress {
    private final ProgressBar bar;

    Progress(long total) {
      bar =
          new ProgressBarBuilder()
              .setTaskName("train")
              .setInitialMax(total)
              .setStyle(ProgressBarStyle.ASCII)
              .setConsumer(new ConsoleProgressBarConsumer(System.err))
              .setUpdateIntervalMillis(250)
              .build();
    }

    void step(long step, long epoch, double loss, double sps) {
      bar.stepTo(step);
      bar.setExtraMessage(
          String.format(Locale.ROOT, " epoch %d loss %.4f %.0f samples/s", epoch + 1, loss, sps));
    }

    void close() {
      bar.close();
    }
  }
}
