package dev.descent.cli;

import dev.descent.curvature.PointAnalysis;
import dev.descent.function.Function2D;
import dev.descent.function.Functions;
import dev.descent.function.Objective;
import dev.descent.function.Point;
import dev.descent.function.Window;
import dev.descent.lab.chart.TrajectoryFigure;
import dev.descent.lab.trajectory.FullBatchTrajectory;
import dev.descent.lab.trajectory.Trajectory;
import dev.descent.lab.trajectory.TrajectoryRunner;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Optimizers;
import dev.descent.optim.fullbatch.FullBatchMethods;
import dev.descent.schedule.Schedule;
import dev.descent.schedule.Schedules;
import dev.descent.spec.Spec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code descent trajectory}: optimizer paths on a 2-D function, as CSV or a contour figure. */
@Command(
    name = "trajectory",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run optimizers on a 2-D function from a start point and write their paths as CSV, or draw"
          + " them over the function's contours (PNG, SVG, animated GIF).",
      "",
      "--function is a name (anisotropic, saddle, monkey_saddle, rosenbrock, beale, himmelblau,"
          + " booth, rastrigin, ackley, long_valley; with arguments like rosenbrock(a=1,b=100))"
          + " or a formula in x and y (x^2/20 + y^2) with + - * / ^, parentheses, exp log sqrt"
          + " sin cos tan tanh abs, pi and e. A bare word or word(key=value,...) is a name;"
          + " anything else is a formula. Gradients are exact (automatic differentiation).",
      "",
      "CSV: header step,x,y,f,evals, one row per step 0..N (row 0 is the start; evals counts"
          + " gradient evaluations). With several --optimizer the header is"
          + " optimizer,step,x,y,f,evals. A path that diverges (overflow to infinity or NaN)"
          + " stops at its last finite point with a note on stderr.",
      "",
      "Full-batch methods (lbfgs, bfgs, newton, cg, gd_linesearch, coordinate_descent, e.g."
          + " 'lbfgs(history=10)') evaluate f themselves: --steps is their iteration limit, each"
          + " row is one iteration, evals counts every function+gradient evaluation (line-search"
          + " trials included), and they stop early once max|grad f| <= 1e-7.",
      "",
      "--analyze X,Y prints the gradient, Hessian, its eigenvalues and the classification"
          + " (minimum, maximum, saddle, degenerate) at that point instead of running optimizers.",
      "",
      "Example (the seeds' comparison figure):",
      "  descent trajectory --function anisotropic --start -7,2 --steps 30 \\",
      "    --optimizer 'sgd(lr=0.95)' --optimizer 'momentum(lr=0.1)' \\",
      "    --optimizer 'adagrad(lr=1.5)' --optimizer 'adam(lr=0.3)' --out figure.png",
      ""
    })
final class TrajectoryCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec CommandSpec spec;

  @Option(
      names = "--function",
      required = true,
      paramLabel = "F",
      description = "A named function or a formula in x and y (see above).")
  String function;

  @Option(
      names = "--optimizer",
      paramLabel = "SPEC",
      description =
          "An optimizer spec, e.g. 'adam(lr=0.3)' or 'lbfgs(history=10)'; repeat for several."
              + " An unknown name lists the valid ones.")
  List<String> optimizers;

  @Option(
      names = "--analyze",
      paramLabel = "X,Y",
      description = "Print gradient, Hessian, eigenvalues and classification at X,Y and exit.")
  String analyze;

  @Option(
      names = "--start",
      paramLabel = "X,Y",
      description = "Start point (default: the named function's classic start; formulas need it).")
  String start;

  @Option(
      names = "--steps",
      defaultValue = "30",
      paramLabel = "N",
      description = "Number of updates (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(
      names = "--schedule",
      paramLabel = "SPEC",
      description =
          "Learning-rate schedule for every optimizer, e.g. 'cosine(lr=0.3,t_max=30)'; replaces"
              + " the optimizers' lr.")
  String schedule;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "csv, png, svg or gif (default: from the --out extension, else csv).")
  String format;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Output file (default: CSV to standard output; images need a file).")
  Path out;

  @Option(
      names = "--layout",
      defaultValue = "grid",
      paramLabel = "LAYOUT",
      description =
          "For several optimizers: grid (one panel each, 2x2 for four) or overlay (one plot)"
              + " (default: ${DEFAULT-VALUE}).")
  String layout;

  @Option(
      names = "--window",
      paramLabel = "XMIN,XMAX,YMIN,YMAX",
      description =
          "Plotted region (default: the function's window, grown to show the start and the paths"
              + " up to 1.5 times its size).")
  String window;

  @Override
  public Integer call() throws IOException {
    String fmt = format();
    TrajectoryFigure.Layout figureLayout = layout();
    if (steps < 0) {
      throw new IllegalArgumentException("--steps must be in [0, 2147483647], got " + steps);
    }
    Function2D f = Functions.create(function);
    if (analyze != null) {
      return analyze(f);
    }
    if (optimizers == null || optimizers.isEmpty()) {
      throw new IllegalArgumentException("--optimizer SPEC is required (or --analyze X,Y)");
    }
    Point from = startPoint(f);
    Schedule lr = schedule == null ? null : Schedules.create(schedule);
    List<Trajectory> paths = new ArrayList<>();
    for (String o : optimizers) {
      if (FullBatchMethods.isFullBatch(o)) {
        if (lr != null) {
          throw new IllegalArgumentException(
              "--schedule does not apply to the full-batch method "
                  + o
                  + " (it uses line searches)");
        }
        paths.add(
            FullBatchTrajectory.run(
                f, FullBatchMethods.create(o), from, steps, Spec.parse(o).toString()));
        continue;
      }
      Optimizer opt = optimizer(o);
      if (lr != null) {
        opt = opt.withSchedule(lr);
      }
      paths.add(TrajectoryRunner.run(f, opt, from, steps, Spec.parse(o).toString()));
    }
    PrintWriter err = spec.commandLine().getErr();
    for (Trajectory t : paths) {
      t.note().ifPresent(note -> err.println("note: " + note));
    }
    err.flush();
    if (fmt.equals("csv")) {
      if (out == null) {
        PrintWriter w = spec.commandLine().getOut();
        writeCsv(paths, w);
        w.flush();
      } else {
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
          writeCsv(paths, w);
        }
      }
      return 0;
    }
    if (out == null) {
      throw new IllegalArgumentException("--out FILE is required for --format " + fmt);
    }
    Window plotWindow = window == null ? defaultWindow(f, from, paths) : parseWindow(window);
    String subtitle =
        "start ("
            + Spec.formatNumber(from.x())
            + ", "
            + Spec.formatNumber(from.y())
            + ")   ·   "
            + steps
            + " steps"
            + (schedule == null ? "" : "   ·   schedule " + schedule);
    TrajectoryFigure figure = new TrajectoryFigure(f, plotWindow, paths, figureLayout, subtitle);
    switch (fmt) {
      case "png":
        figure.writePng(out);
        break;
      case "svg":
        figure.writeSvg(out);
        break;
      default:
        figure.writeGif(out);
        break;
    }
    PrintWriter w = spec.commandLine().getOut();
    w.println("wrote " + out);
    w.flush();
    return 0;
  }

  private Integer analyze(Function2D f) {
    Point p;
    try {
      p = Point.parse(analyze);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--analyze: " + e.getMessage(), e);
    }
    PointAnalysis a = PointAnalysis.at(Objective.of(f), new double[] {p.x(), p.y()});
    PrintWriter w = spec.commandLine().getOut();
    w.println("function    " + f.name() + " = " + f.formula());
    w.print(a.format());
    w.flush();
    return 0;
  }

  /** A first-order optimizer; an unknown name lists the full-batch methods too. */
  private static Optimizer optimizer(String text) {
    String name = Spec.parse(text).name();
    if (!Optimizers.names().contains(name)) {
      try {
        Optimizers.create(text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            e.getMessage() + "; full-batch methods: " + String.join(", ", FullBatchMethods.names()),
            e);
      }
    }
    return Optimizers.create(text);
  }

  private String format() {
    String fmt = format;
    if (fmt == null) {
      String name = out == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
      int dot = name.lastIndexOf('.');
      String ext = dot < 0 ? "" : name.substring(dot + 1);
      fmt = List.of("csv", "png", "svg", "gif").contains(ext) ? ext : "csv";
    }
    fmt = fmt.toLowerCase(Locale.ROOT);
    if (!List.of("csv", "png", "svg", "gif").contains(fmt)) {
      throw new IllegalArgumentException(
          "--format must be csv, png, svg or gif, got '" + fmt + "'");
    }
    return fmt;
  }

  private TrajectoryFigure.Layout layout() {
    switch (layout.toLowerCase(Locale.ROOT)) {
      case "grid":
        return TrajectoryFigure.Layout.GRID;
      case "overlay":
        return TrajectoryFigure.Layout.OVERLAY;
      default:
        throw new IllegalArgumentException(
            "--layout must be grid or overlay, got '" + layout + "'");
    }
  }

  private Point startPoint(Function2D f) {
    if (start != null) {
      try {
        return Point.parse(start);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--start: " + e.getMessage(), e);
      }
    }
    return f.defaultStart()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "--start X,Y is required for a formula (named functions have a default start)"));
  }

  /**
   * The function's window, grown to show the start and every point of the paths that lies within
   * the window enlarged to 1.5 times its width and height (so that a diverging path does not shrink
   * the contours to a dot), with a 5% margin when it grew.
   */
  static Window defaultWindow(Function2D f, Point start, List<Trajectory> paths) {
    Window w = f.window();
    Window limit = w.padded(0.25);
    Window grown = w.including(start.x(), start.y());
    for (Trajectory t : paths) {
      for (int i = 0; i < t.size(); i++) {
        if (limit.contains(t.x(i), t.y(i))) {
          grown = grown.including(t.x(i), t.y(i));
        }
      }
    }
    return grown.equals(w) ? w : grown.padded(0.05);
  }

  static Window parseWindow(String text) {
    String[] parts = text.split(",", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException(
          "--window must be XMIN,XMAX,YMIN,YMAX (e.g. -10,10,-5,5), got '" + text + "'");
    }
    double[] v = new double[4];
    for (int i = 0; i < 4; i++) {
      try {
        v[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--window must be XMIN,XMAX,YMIN,YMAX (e.g. -10,10,-5,5), got '" + text + "'", e);
      }
    }
    try {
      return new Window(v[0], v[1], v[2], v[3]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--window: " + e.getMessage(), e);
    }
  }

  /** Rows step 0..n of each path; an optimizer column first when there are several. */
  static void writeCsv(List<Trajectory> paths, Writer w) throws IOException {
    boolean several = paths.size() > 1;
    w.write(several ? "optimizer,step,x,y,f,evals\n" : "step,x,y,f,evals\n");
    StringBuilder row = new StringBuilder();
    for (Trajectory t : paths) {
      String label = csvField(t.label());
      for (int i = 0; i < t.size(); i++) {
        row.setLength(0);
        if (several) {
          row.append(label).append(',');
        }
        row.append(i)
            .append(',')
            .append(t.x(i))
            .append(',')
            .append(t.y(i))
            .append(',')
            .append(t.f(i))
            .append(',')
            .append(t.evals(i))
            .append('\n');
        w.write(row.toString());
      }
    }
  }

  private static String csvField(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
