package dev.descent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.descent.data.Splits;
import dev.descent.lab.tune.TuneCharts;
import dev.descent.nn.Activation;
import dev.descent.tune.Journal;
import dev.descent.tune.Sampler;
import dev.descent.tune.SearchSpace;
import dev.descent.tune.TrialResult;
import dev.descent.tune.TrialTemplate;
import dev.descent.tune.TuneConfig;
import dev.descent.tune.Tuner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code descent tune}: hyperparameter search scored on a validation split. */
@Command(
    name = "tune",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Search hyperparameters: sample settings, train each briefly, score on a validation split"
          + " carved from the training data, and evaluate the best once on the test split.",
      "Keys: lr, momentum, … (optimizer; also optimizer.K), weight_decay (L2 λ), batch, hidden,"
          + " layers, dropout, activation, init, init.K, schedule.K.",
      "Example (the seeds' experiment): descent tune --dataset fashion-mnist --train-limit 500"
          + " --validation 0.2 --optimizer sgd --space \"lr=log_uniform(1e-6,1e-2)\""
          + " --space \"weight_decay=log_uniform(1e-8,1e-4)\" --trials 100 --epochs 50"
          + " --parallel 2 --out tune-mnist"
    })
final class TuneCommand implements Callable<Integer> {
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
      description = "Use only the first N training examples (before the validation split).")
  Integer trainLimit;

  @Option(
      names = "--validation",
      paramLabel = "F",
      defaultValue = "0.2",
      description = "Fraction of the training examples held out for scoring (default: 0.2).")
  double validation;

  @Option(
      names = "--normalize",
      defaultValue = "auto",
      description = "auto, unit, standard or none (default: ${DEFAULT-VALUE}).")
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
      description = "Weight initializer (default: he).")
  String init;

  @Option(names = "--batchnorm", description = "Batch normalization after each hidden layer.")
  boolean batchNorm;

  @Option(
      names = "--dropout",
      defaultValue = "0",
      paramLabel = "P",
      description = "Dropout probability (default: 0).")
  double dropout;

  @Option(
      names = "--weight-decay",
      defaultValue = "0",
      paramLabel = "LAMBDA",
      description = "L2 penalty λ when not searched (default: 0).")
  double weightDecay;

  @Option(
      names = "--optimizer",
      required = true,
      paramLabel = "SPEC",
      description =
          "Optimizer spec; searched keys override its values, e.g. sgd or adam(eps=1e-8).")
  String optimizer;

  @Option(names = "--schedule", paramLabel = "SPEC", description = "Learning-rate schedule spec.")
  String schedule;

  @Option(
      names = "--batch",
      defaultValue = "128",
      paramLabel = "N",
      description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--space",
      required = true,
      paramLabel = "K=DIST",
      description =
          "A searched key and its range: log_uniform(a,b), uniform(a,b), int(a,b) or"
              + " choice(x,y,…); repeat for more keys.")
  List<String> space;

  @Option(
      names = "--sampler",
      defaultValue = "random",
      description = "random, grid, sobol or coarse-to-fine (default: ${DEFAULT-VALUE}).")
  String sampler;

  @Option(
      names = "--trials",
      defaultValue = "100",
      paramLabel = "N",
      description = "Settings tried over all rounds (default: ${DEFAULT-VALUE}).")
  int trials;

  @Option(
      names = "--rounds",
      paramLabel = "R",
      description = "Coarse-to-fine rounds (default: 3 for coarse-to-fine, else 1).")
  Integer rounds;

  @Option(
      names = "--top",
      paramLabel = "K",
      description = "Narrow each round's ranges around its K best (default: a fifth, at least 2).")
  Integer top;

  @Option(
      names = "--epochs",
      defaultValue = "50",
      paramLabel = "E",
      description = "Epochs per trial (with --halving, of the last rung) (default: 50).")
  long epochs;

  @Option(
      names = "--halving",
      description = "Successive halving: train all briefly, promote the best third to 3× epochs.")
  boolean halving;

  @Option(
      names = "--parallel",
      defaultValue = "1",
      paramLabel = "P",
      description =
          "Trials at once, each on one thread (bin/descent sets OPENBLAS_NUM_THREADS=1),"
              + " largest network first; the charts are drawn on P threads too. Results do not"
              + " depend on P (default: 1).")
  int parallel;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Seed of the sampling, the trials and the validation draw (default: 0).")
  long seed;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Folder for journal.jsonl, summary.txt and the charts (created if missing).")
  Path out;

  @Option(names = "--resume", description = "Continue the search journaled in --out.")
  boolean resume;

  @Option(
      names = "--json",
      description =
          "End with one JSON line on stdout: best (trial, epochs, params, validation_accuracy),"
              + " test_accuracy, trials, runs (trainings, counting every halving rung), trained"
              + " (runs trained now, not read from the journal), seconds (the whole command,"
              + " loading the data and writing the charts included; not the JVM's start),"
              + " trial_seconds (the trials alone), warnings, out. Trials per second:"
              + " trained / seconds, or trained / trial_seconds for the trials alone.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    long start = System.nanoTime();
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!(validation > 0 && validation < 1)) {
      throw new IllegalArgumentException(
          "--validation must be in (0, 1) (tuning never scores on test), got " + validation);
    }
    if (batch <= 0) {
      throw new IllegalArgumentException("--batch must be positive, got " + batch);
    }
    for (int w : hidden) {
      if (w <= 0) {
        throw new IllegalArgumentException(
            "--hidden widths must be positive, got " + Arrays.toString(hidden));
      }
    }
    Sampler s = Sampler.parse(sampler);
    int r = rounds != null ? rounds : s == Sampler.COARSE_TO_FINE ? Math.min(3, trials) : 1;
    int perRound = Math.max(1, trials / Math.max(1, r));
    TuneConfig config =
        new TuneConfig(
            SearchSpace.parse(space),
            s,
            trials,
            r,
            top != null ? top : Math.max(2, perRound / 5),
            epochs,
            halving,
            parallel,
            seed);
    TrialTemplate template =
        new TrialTemplate(
            hidden,
            Activation.parse(activation),
            init,
            batchNorm,
            dropout,
            optimizer,
            schedule,
            batch,
            weightDecay);
    TrainingData prep =
        new TrainingData(dataset, trainLimit == null ? 0 : trainLimit, validation, seed, normalize);
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
    Tuner tuner = new Tuner(config, template, splits);
    Files.createDirectories(out);
    Map<String, String> settings = new LinkedHashMap<>(config.settings());
    settings.putAll(prep.metadata());
    settings.put("hidden", Arrays.toString(hidden));
    settings.put("activation", activation);
    settings.put("init", init);
    settings.put("batchnorm", Boolean.toString(batchNorm));
    settings.put("dropout", Double.toString(dropout));
    settings.put("weight_decay", Double.toString(weightDecay));
    settings.put("optimizer", optimizer);
    settings.put("schedule", schedule == null ? "" : schedule);
    settings.put("batch", Integer.toString(batch));

    Tuner.Outcome outcome;
    double trialSeconds;
    try (Journal journal = Journal.open(out.resolve(Journal.FILE), settings, resume)) {
      if (journal.tornBytes() > 0) {
        err.println(
            "warning: cut a torn last line ("
                + journal.tornBytes()
                + " bytes) from "
                + journal.file()
                + "; that trial runs again");
      }
      if (resume && !journal.finished().isEmpty()) {
        err.println("resuming: " + journal.finished().size() + " trials done in " + journal.file());
      }
      err.flush();
      long t0 = System.nanoTime();
      Progress progress =
          System.console() != null ? new Progress(err, t0, journal.finished().size()) : null;
      outcome =
          tuner.run(
              journal,
              new Tuner.Listener() {
                @Override
                public void onTrial(TrialResult t, int done, int total, TrialResult best) {
                  if (progress != null) {
                    progress.show(t, done, total, best);
                  }
                }
              });
      trialSeconds = (System.nanoTime() - t0) / 1e9;
      if (progress != null) {
        progress.end();
      }
    }
    double testAccuracy = tuner.testAccuracy(outcome.best());
    for (String w : outcome.warnings()) {
      err.println("warning: " + w);
    }
    err.flush();
    writeSummary(outcome, testAccuracy, config);
    writeCharts(outcome);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (json) {
      stdout.println(resultJson(outcome, testAccuracy, seconds, trialSeconds));
    } else {
      TrialResult b = outcome.best();
      stdout.printf(
          Locale.ROOT,
          "best: trial %d %s validation accuracy %.4f; test accuracy %.4f (%d trials, %.1f s)%n",
          b.trial(),
          paramsText(b),
          b.validationAccuracy(),
          testAccuracy,
          outcome.finals().size(),
          seconds);
      stdout.println("wrote " + out.resolve(Journal.FILE) + ", " + out.resolve("summary.txt"));
    }
    stdout.flush();
    return 0;
  }

  private static String paramsText(TrialResult r) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Object> e : r.params().entrySet()) {
      Object v = e.getValue();
      sb.append(sb.length() == 0 ? "" : " ").append(e.getKey()).append('=');
      sb.append(v instanceof Double ? String.format(Locale.ROOT, "%.4g", (Double) v) : v);
    }
    return sb.toString();
  }

  private void writeSummary(Tuner.Outcome o, double testAccuracy, TuneConfig config)
      throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("descent tune: ").append(dataset).append(", ").append(optimizer);
    sb.append(", sampler ").append(config.sampler().cliName());
    sb.append(", ").append(o.finals().size()).append(" trials, seed ").append(seed).append('\n');
    for (int i = 0; i < o.spaces().size(); i++) {
      sb.append("round ").append(i + 1).append(" ranges: ").append(o.spaces().get(i)).append('\n');
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "best: trial %d, validation accuracy %.4f; test accuracy of the best %.4f%n",
            o.best().trial(),
            o.best().validationAccuracy(),
            testAccuracy));
    for (String w : o.warnings()) {
      sb.append("warning: ").append(w).append('\n');
    }
    sb.append('\n');
    sb.append(String.format(Locale.ROOT, "%4s %5s %6s  ", "rank", "trial", "epochs"));
    for (String k : config.space().keys()) {
      sb.append(String.format(Locale.ROOT, "%-14s ", k));
    }
    sb.append("val_acc  train_acc val_loss  seconds\n");
    List<TrialResult> f = o.finals();
    for (int i = 0; i < Math.min(20, f.size()); i++) {
      TrialResult t = f.get(i);
      sb.append(String.format(Locale.ROOT, "%4d %5d %6d  ", i + 1, t.trial(), t.epochs()));
      for (String k : config.space().keys()) {
        Object v = t.params().get(k);
        String text = v instanceof Double ? String.format(Locale.ROOT, "%.6g", (Double) v) : "" + v;
        sb.append(String.format(Locale.ROOT, "%-14s ", text));
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "%.4f   %.4f    %.4f  %.2f%s%n",
              t.validationAccuracy(),
              t.trainAccuracy(),
              t.validationLoss(),
              t.seconds(),
              t.diverged() == null ? "" : "  diverged"));
    }
    Files.writeString(out.resolve("summary.txt"), sb.toString(), StandardCharsets.UTF_8);
  }

  /** Writes the charts, rendering them on --parallel threads as the trials ran. */
  private void writeCharts(Tuner.Outcome o) throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<?>> charts = new ArrayList<>();
      SearchSpace first = o.spaces().get(0);
      for (String key : first.keys()) {
        if (!first.range(key).numeric()) {
          continue;
        }
        Path accuracy = out.resolve("accuracy-" + file(key) + ".png");
        charts.add(
            pool.submit(
                () -> {
                  TuneCharts.accuracyOver(key, first, o.finals(), accuracy);
                  return null;
                }));
        if (o.spaces().size() > 1) {
          Path ranges = out.resolve("ranges-" + file(key) + ".png");
          charts.add(
              pool.submit(
                  () -> {
                    TuneCharts.ranges(key, o.spaces(), ranges);
                    return null;
                  }));
        }
      }
      TuneCharts.bestGrid(o.finals(), 20, out.resolve("best-20.png"), pool);
      for (Future<?> c : charts) {
        await(c);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void await(Future<?> chart) throws IOException {
    try {
      chart.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing the charts", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException) {
        throw (IOException) c;
      }
      throw c instanceof RuntimeException
          ? (RuntimeException) c
          : new IllegalStateException("writing a chart failed: " + c, c);
    }
  }

  private static String file(String key) {
    return key.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  private String resultJson(
      Tuner.Outcome o, double testAccuracy, double seconds, double trialSeconds) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    TrialResult b = o.best();
    ObjectNode best = root.putObject("best");
    best.put("trial", b.trial());
    best.put("epochs", b.epochs());
    ObjectNode params = best.putObject("params");
    for (Map.Entry<String, Object> e : b.params().entrySet()) {
      Object v = e.getValue();
      if (v instanceof Double) {
        params.put(e.getKey(), (Double) v);
      } else if (v instanceof Long) {
        params.put(e.getKey(), (Long) v);
      } else {
        params.put(e.getKey(), String.valueOf(v));
      }
    }
    best.put("validation_accuracy", b.validationAccuracy());
    root.put("test_accuracy", testAccuracy);
    root.put("trials", o.finals().size());
    root.put("runs", o.results().size());
    root.put("trained", o.trained());
    root.put("seconds", seconds);
    root.put("trial_seconds", trialSeconds);
    ArrayNode warnings = root.putArray("warnings");
    o.warnings().forEach(warnings::add);
    root.put("out", out.toString());
    return root.toString();
  }

  /** One self-overwriting progress line on a terminal: done/total, best so far, ETA. */
  private static final class Progress {
    private final PrintWriter err;
    private final long t0;
    private final int resumed;

    Progress(PrintWriter err, long t0, int resumed) {
      this.err = err;
      this.t0 = t0;
      this.resumed = resumed;
    }

    void show(TrialResult t, int done, int total, TrialResult best) {
      int ran = done - resumed;
      double elapsed = (System.nanoTime() - t0) / 1e9;
      String eta = ran == 0 ? "?" : duration(elapsed / ran * (total - done));
      err.printf(
          Locale.ROOT,
          "\rtune %d/%d  best validation %.4f (trial %d)  ETA %s   ",
          done,
          total,
          best.validationAccuracy(),
          best.trial(),
          eta);
      err.flush();
    }

    void end() {
      err.println();
      err.flush();
    }

    private static String duration(double s) {
      long x = Math.round(s);
      return x >= 3600
          ? String.format(Locale.ROOT, "%dh%02dm", x / 3600, x / 60 % 60)
          : String.format(Locale.ROOT, "%dm%02ds", x / 60, x % 60);
    }
  }
}
