package dev.descent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.descent.data.Sampling;
import dev.descent.data.Splits;
import dev.descent.nn.Activation;
import dev.descent.tensor.Blas;
import dev.descent.train.History;
import dev.descent.train.Metrics;
import dev.descent.train.ModelFileException;
import dev.descent.train.ModelSpec;
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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
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
          + " --optimizer \"adam(lr=0.001)\" --batch 128 --epochs 5 --json"
    })
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--dataset",
      required = true,
      paramLabel = "NAME",
      description = "Data set name or spec (see `descent datasets`).")
  String dataset;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Look for data files here first.")
  Path dataDir;

  @Option(names = "--offline", description = "Never download data; fail if it is not on disk.")
  boolean offline;

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
      description = "Hidden layer widths (default: ${DEFAULT-VALUE}).")
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
      description = "Optimizer spec, e.g. adam(lr=0.001) or momentum(lr=0.01,momentum=0.9).")
  String optimizer;

  @Option(
      names = "--schedule",
      paramLabel = "SPEC",
      description =
          "Learning-rate schedule spec, e.g. cosine(lr=0.1,t_max=2000) or plateau(lr=0.1).")
  String schedule;

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

    @Option(names = "--iterations", paramLabel = "I", description = "Optimizer steps.")
    Long iterations;
  }

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Seed of the weights, data order, validation draw and dropout (default: 0).")
  long seed;

  @Option(
      names = "--threads",
      paramLabel = "T",
      description =
          "BLAS threads; bin/descent passes it to OpenBLAS as OPENBLAS_NUM_THREADS. Results"
              + " are bit-identical for the same thread count; OpenBLAS with 1 thread can differ"
              + " in the last bits from several threads.")
  Integer threads;

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
    checkOptions(epochs, iterations, err);
    Path historyJson = historyOut == null ? null : sibling(historyOut, ".json");
    Path historyCsv = historyOut == null ? null : sibling(historyOut, ".csv");
    requireWritableParent("--save", save);
    requireWritableParent("--history-out", historyJson);
    prepareCheckpointDir();

    TrainingData prep =
        new TrainingData(dataset, trainLimit == null ? 0 : trainLimit, validation, seed, normalize);
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
    Splits splits = prep.load(dataDir, offline, err);
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
    Trainer trainer = new Trainer(model.build(), architecture, config, splits);
    if (checkpointDir != null) {
      trainer.checkpointDir(checkpointDir);
    }
    Progress progress = System.console() != null ? new Progress(trainer.totalSteps()) : null;
    trainer.listener(listener(json ? null : out, progress, trainer.totalSteps()));

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
      out.println(resultJson(result, seconds));
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
    if (threads != null) {
      if (threads <= 0) {
        throw new IllegalArgumentException("--threads must be positive, got " + threads);
      }
      String env = System.getenv("OPENBLAS_NUM_THREADS");
      if (!threads.toString().equals(env)) {
        err.println(
            "warning: --threads "
                + threads
                + " takes effect through OPENBLAS_NUM_THREADS (now "
                + env
                + "), which bin/descent sets before the JVM starts");
        err.flush();
      }
    }
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

  private static TrainListener listener(PrintWriter out, Progress progress, long total) {
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
            e.lr(),
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
        out.flush();
      }
    };
  }

  private String resultJson(TrainResult r, double seconds) {
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
    o.put("threads", InfoCommand.blasThreads(Blas.defaultBlas()));
    o.put("weights_sha256", r.weightsSha256());
    return o.toString();
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
