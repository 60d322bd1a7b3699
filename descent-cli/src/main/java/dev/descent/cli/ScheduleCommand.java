package dev.descent.cli;

import dev.descent.lab.chart.ChartFiles;
import dev.descent.lab.chart.ScheduleChart;
import dev.descent.schedule.Schedule;
import dev.descent.schedule.Schedules;
import dev.descent.spec.Param;
import dev.descent.spec.Registry;
import dev.descent.spec.Spec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code descent schedule}: the values of learning-rate schedules, as CSV or a chart. */
@Command(
    name = "schedule",
    mixinStandardHelpOptions = true,
    description = {
      "Print or plot schedules at steps 0..N-1 (the value used for each update, equal to PyTorch's"
          + " scheduler after that many step() calls).",
      "Examples:",
      "  descent schedule 'cosine(lr=0.1,t_max=100)' --steps 100",
      "  descent schedule 'step(lr=0.1,step_size=30)' 'onecycle(max_lr=0.1,total_steps=100)'"
          + " --steps 100 --out schedules.png",
      "  descent schedule --list"
    })
final class ScheduleCommand implements Callable<Integer> {
  /** Upper bound on --steps, so a typo cannot fill the disk. */
  static final long MAX_STEPS = 10_000_000;

  @picocli.CommandLine.Spec CommandSpec command;

  @Parameters(
      paramLabel = "SPEC",
      arity = "0..*",
      description = "Schedules such as cosine(lr=0.1,t_max=100); see --list.")
  List<String> specs = new ArrayList<>();

  @Option(names = "--steps", paramLabel = "N", description = "Number of steps (rows): 0..N-1.")
  Long steps;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "csv, png or svg (default: from the --out extension when it is .png or .svg, else csv).")
  String format;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write to FILE instead of standard output (required for png and svg).")
  Path out;

  @Option(names = "--log", description = "Logarithmic value axis in charts.")
  boolean logY;

  @Option(names = "--list", description = "List the schedules with their keys and defaults.")
  boolean list;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = command.commandLine().getOut();
    if (list) {
      list(stdout);
      return 0;
    }
    if (specs.isEmpty()) {
      throw new IllegalArgumentException(
          "give at least one schedule SPEC, e.g. 'cosine(lr=0.1,t_max=100)'; see --list");
    }
    if (steps == null) {
      throw new IllegalArgumentException("--steps N is required");
    }
    if (steps < 1 || steps > MAX_STEPS) {
      throw new IllegalArgumentException("--steps must be in [1, " + MAX_STEPS + "], got " + steps);
    }
    String chosen = chooseFormat();
    List<String> names = new ArrayList<>();
    List<double[]> curves = new ArrayList<>();
    for (String text : specs) {
      Spec parsed = Spec.parse(text);
      Schedule schedule = Schedules.create(parsed);
      double[] values = new double[Math.toIntExact(steps)];
      for (int t = 0; t < values.length; t++) {
        values[t] = schedule.valueAt(t);
      }
      names.add(parsed.toString());
      curves.add(values);
    }
    if (chosen.equals("csv")) {
      if (out == null) {
        writeCsv(stdout, names, curves);
        stdout.flush();
      } else {
        try (Writer w = open(out)) {
          writeCsv(w, names, curves);
        }
      }
    } else {
      if (out == null) {
        throw new IllegalArgumentException("--format " + chosen + " needs --out FILE");
      }
      boolean momentum = names.stream().allMatch(n -> n.contains("momentum"));
      ChartFiles.save(
          ScheduleChart.create(
              names.size() == 1
                  ? names.get(0)
                  : (momentum ? "Momentum schedules" : "Learning-rate schedules"),
              momentum ? "momentum" : "learning rate",
              names,
              curves,
              logY),
          out,
          ChartFiles.Format.parse(chosen));
      command.commandLine().getErr().println("wrote " + out);
    }
    return 0;
  }

  private String chooseFormat() {
    if (format != null) {
      String f = format.toLowerCase(Locale.ROOT);
      if (!f.equals("csv") && !f.equals("png") && !f.equals("svg")) {
        throw new IllegalArgumentException(
            "--format must be csv, png or svg, got '" + format + "'");
      }
      return f;
    }
    if (out != null) {
      String file = out.getFileName().toString().toLowerCase(Locale.ROOT);
      if (file.endsWith(".png")) {
        return "png";
      }
      if (file.endsWith(".svg")) {
        return "svg";
      }
    }
    return "csv";
  }

  private static Writer open(Path path) throws IOException {
    try {
      return new BufferedWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new IOException("cannot write " + path + ": its directory does not exist", e);
    } catch (AccessDeniedException e) {
      throw new IOException("cannot write " + path + ": permission denied", e);
    }
  }

  /** CSV: {@code step,lr} for one schedule, else one column per schedule named by its spec. */
  static void writeCsv(Writer w, List<String> names, List<double[]> curves) throws IOException {
    StringBuilder line = new StringBuilder("step");
    if (names.size() == 1) {
      line.append(",lr");
    } else {
      for (String name : names) {
        line.append(",\"").append(name.replace("\"", "\"\"")).append('"');
      }
    }
    w.write(line.append('\n').toString());
    int n = curves.get(0).length;
    for (int t = 0; t < n; t++) {
      line.setLength(0);
      line.append(t);
      for (double[] c : curves) {
        line.append(',').append(c[t]);
      }
      w.write(line.append('\n').toString());
    }
  }

  private static void list(PrintWriter w) {
    printRegistry(w, Schedules.registry());
    w.println();
    w.println("Fed by a metric rather than the step (for training, not plotted here):");
    printRegistry(w, Schedules.plateaus());
    w.flush();
  }

  private static void printRegistry(PrintWriter w, Registry<?> registry) {
    for (Registry.Entry<?> e : registry.entries()) {
      w.println(e.name() + ": " + e.doc());
      for (Param p : e.params()) {
        w.println("    " + p.usage() + "  in " + p.range() + "  " + p.doc());
      }
    }
  }
}
