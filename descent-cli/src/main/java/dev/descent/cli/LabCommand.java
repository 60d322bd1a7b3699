package dev.descent.cli;

import dev.descent.lab.Budget;
import dev.descent.lab.Experiment;
import dev.descent.lab.Lab;
import dev.descent.lab.LabContext;
import dev.descent.lab.LabData;
import dev.descent.lab.Section;
import dev.descent.lab.report.HtmlReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code descent lab}: the seeds' experiments as figures, numbers and one HTML report. */
@Command(
    name = "lab",
    mixinStandardHelpOptions = true,
    description = {
      "Run the seeds' experiments (all of them, or those named) and write DIR/index.html with every"
          + " figure, plus each figure as PNG and SVG and its numbers as CSV and JSON under"
          + " DIR/EXPERIMENT/.",
      "Experiments: trajectories, optimizers, activations, weight-init, batchnorm, weight-decay,"
          + " dropout, search, schedules, second-order (descent lab --list describes them).",
      "Data: --dataset, else mnist when its files are found (a test-set-only copy is split 8000"
          + " train / 2000 test), else fashion-mnist.",
      "Examples:",
      "  descent lab --quick --out lab-report",
      "  descent lab optimizers weight-init --dataset fashion-mnist --out lab-full",
      "  descent lab --list"
    })
final class LabCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec CommandSpec command;

  @Parameters(paramLabel = "EXPERIMENT", arity = "0..*", description = "Experiments to run (all).")
  List<String> experiments = new ArrayList<>();

  @Option(names = "--list", description = "List the experiments and exit.")
  boolean list;

  @Option(names = "--out", paramLabel = "DIR", description = "The report folder (created).")
  Path out;

  @Option(
      names = "--quick",
      description = "Scaled-down settings: all experiments in under 3 minutes on 2 cores.")
  boolean quick;

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      description = "mnist, fashion-mnist, kmnist, … (default: mnist, else fashion-mnist).")
  String dataset;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Look for data files here first.")
  Path dataDir;

  @Option(names = "--download", description = "Download the data set when it is not on disk.")
  boolean download;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Base seed (default: ${DEFAULT-VALUE}).")
  long seed = 0;

  @Option(
      names = "--threads",
      paramLabel = "T",
      description = "Models trained at once (default: the number of cores).")
  Integer threads;

  @Option(names = "--tiny", hidden = true, description = "Test-only: smaller than --quick.")
  boolean tiny;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    if (list) {
      for (Experiment e : Lab.all()) {
        stdout.printf(Locale.ROOT, "%-13s %s%n", e.name(), e.summary());
      }
      stdout.flush();
      return 0;
    }
    if (out == null) {
      throw new IllegalArgumentException("--out DIR is required (or use --list)");
    }
    int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (t < 1 || t > 1024) {
      throw new IllegalArgumentException("--threads must be in [1, 1024], got " + t);
    }
    List<Experiment> selected = Lab.select(experiments);
    Budget budget = tiny ? Budget.TINY : quick ? Budget.QUICK : Budget.FULL;
    long t0 = System.nanoTime();
    LabData data = null;
    if (selected.stream().anyMatch(Experiment::needsData)) {
      data =
          LabData.load(
              dataset,
              dataDir,
              List.of(Path.of("datasets"), Path.of("..", "shared", "datasets")),
              download,
              line -> {
                err.println(line);
                err.flush();
              });
      err.println("lab: data " + data.description());
    }
    Files.createDirectories(out);
    LabContext ctx =
        new LabContext(
            budget,
            seed,
            t,
            data,
            out,
            line -> {
              err.println(line);
              err.flush();
            });
    List<Section> sections = Lab.run(selected, ctx);
    double seconds = (System.nanoTime() - t0) / 1e9;
    HtmlReport.Header header =
        new HtmlReport.Header(
            data == null ? null : data.description(),
            BuildInfo.version(),
            gitCommit(),
            budget == Budget.FULL ? "" : budget == Budget.QUICK ? "quick" : "tiny",
            seed,
            t,
            seconds,
            "descent " + String.join(" ", command.commandLine().getParseResult().originalArgs()));
    Path index = HtmlReport.write(out, header, sections);
    stdout.printf(
        Locale.ROOT, "wrote %s (%d experiments, %.1f s)%n", index, sections.size(), seconds);
    stdout.flush();
    return 0;
  }

  /** {@code git rev-parse HEAD} in the working directory, or "unknown". */
  static String gitCommit() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      String text;
      try (InputStream in = p.getInputStream()) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      }
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0 || !text.matches("[0-9a-f]{40}")) {
        return "unknown";
      }
      return text;
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
