package dev.descent.lab.experiment;

import dev.descent.function.Function2D;
import dev.descent.function.Functions;
import dev.descent.function.Point;
import dev.descent.lab.Artifacts;
import dev.descent.lab.Experiment;
import dev.descent.lab.LabContext;
import dev.descent.lab.Section;
import dev.descent.lab.chart.Charts;
import dev.descent.lab.chart.Palette;
import dev.descent.lab.chart.TrajectoryFigure;
import dev.descent.lab.trajectory.Trajectory;
import dev.descent.lab.trajectory.TrajectoryRunner;
import dev.descent.optim.Optimizers;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * Experiment 1 (MISSION §8): optimizer paths over contour plots. The seeds' 2×2 comparison on f =
 * x²/20 + y² from (−7, 2) for 30 steps (SGD η=0.95, Momentum η=0.1, AdaGrad η=1.5, Adam η=0.3, in
 * Deep Learning from Scratch's update forms), the saddle x² − y² and the long curved valley, and
 * the learning-rate taxonomy (CS231n): the loss of SGD on the bowl for a too-low, good, too-high
 * and diverging rate. Deterministic functions: the budget does not change it.
 */
public final class Trajectories implements Experiment {
  private static final List<String> SEED_SPECS =
      List.of("sgd(lr=0.95)", "momentum_book(lr=0.1)", "adagrad(lr=1.5)", "adam_book(lr=0.3)");
  private static final List<String> OVERLAY_SPECS =
      List.of(
          "sgd(lr=0.05)",
          "momentum(lr=0.05)",
          "nesterov(lr=0.05)",
          "adagrad(lr=0.5)",
          "rmsprop(lr=0.05)",
          "adam(lr=0.1)");
  private static final double[] TAXONOMY_LR = {0.02, 0.5, 0.95, 1.02};
  private static final String[] TAXONOMY_NAME = {"low", "good", "high", "very high"};

  @Override
  public String name() {
    return "trajectories";
  }

  @Override
  public String summary() {
    return "paths on x²/20+y² (seeds' 2×2), a saddle, a long valley; learning-rate taxonomy";
  }

  @Override
  public boolean needsData() {
    return false;
  }

  @Override
  public Section run(LabContext ctx) throws IOException {
    long t0 = System.nanoTime();
    Artifacts a = new Artifacts(ctx.out(), name());
    List<Section.Figure> figures = new ArrayList<>();

    Function2D bowl = Functions.create("anisotropic");
    List<Trajectory> seeds = paths(bowl, SEED_SPECS, new Point(-7, 2), 30);
    new TrajectoryFigure(bowl, bowl.window(), seeds, TrajectoryFigure.Layout.GRID, "start (-7, 2)")
        .writePng(a.dir().resolve("bowl.png"));
    new TrajectoryFigure(bowl, bowl.window(), seeds, TrajectoryFigure.Layout.GRID, "start (-7, 2)")
        .writeSvg(a.dir().resolve("bowl.svg"));
    figures.add(
        Section.Figure.of(
            a,
            "bowl",
            "Look for SGD zig-zagging across the steep y direction while it crawls along x, Momentum"
                + " rolling like a ball, and AdaGrad and Adam taking even steps in both"
                + " directions. This run: "
                + distances(seeds, bowl)
                + "."
                + ctx.budget().unchangedNote()));
    save(a, "bowl", seeds);

    for (String fn : List.of("saddle", "long_valley")) {
      Function2D f = Functions.create(fn);
      Point start = f.defaultStart().orElse(new Point(-1, 0.5));
      // on the unbounded saddle an escaped path runs off exponentially: 30 steps show the escape
      int steps = fn.equals("saddle") ? 30 : 60;
      List<Trajectory> ps = paths(f, OVERLAY_SPECS, start, steps);
      String sub =
          String.format(Locale.ROOT, "start (%.2f, %.2f), %d steps", start.x(), start.y(), steps);
      TrajectoryFigure fig =
          new TrajectoryFigure(f, f.window(), ps, TrajectoryFigure.Layout.GRID, sub);
      fig.writePng(a.dir().resolve(fn + ".png"));
      fig.writeSvg(a.dir().resolve(fn + ".svg"));
      save(a, fn, ps);
      String look =
          fn.equals("saddle")
              ? "Near a saddle the gradient is tiny: look for which methods leave the ridge y = 0"
                  + " quickly and which linger. Distance |y| from the ridge after "
                  + steps
                  + " steps: "
                  + escapes(ps)
              : "In a narrow curved valley plain SGD crawls along the floor or zig-zags across it;"
                  + " look for which paths reach the minimum at (1, 0). Final f: "
                  + finals(ps);
      figures.add(Section.Figure.of(a, fn, look + "." + ctx.budget().unchangedNote()));
    }

    figures.add(taxonomy(a, ctx.budget().unchangedNote()));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("seeds' figure", String.join(", ", SEED_SPECS) + "; start (-7, 2); 30 steps");
    settings.put(
        "saddle and valley",
        String.join(", ", OVERLAY_SPECS) + "; 30 steps (saddle), 60 steps (valley)");
    settings.put("taxonomy", "sgd on x²/20+y² from (-7, 2), 30 steps, lr 0.02 / 0.5 / 0.95 / 1.02");
    settings.put("randomness", "none (deterministic functions)");
    return new Section(
        name(),
        "Optimizer trajectories",
        "Each optimizer's path over the contour lines of a 2-D function. The bowl f = x²/20 + y²"
            + " is 20 times steeper in y than in x — like a loss surface whose directions have very"
            + " different curvature. Methods that change the gradient (Momentum, Nesterov) smooth"
            + " the zig-zag; methods that change the learning rate per coordinate (AdaGrad,"
            + " RMSProp) equalise the step sizes; Adam does both.",
        figures,
        settings,
        (System.nanoTime() - t0) / 1e9);
  }

  private Section.Figure taxonomy(Artifacts a, String note) throws IOException {
    Function2D bowl = Functions.create("anisotropic");
    XYChart chart =
        Charts.lines(
            "Learning-rate taxonomy: SGD on x²/20 + y²", "step", "f(x, y) (log scale)", 900, 560);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setYAxisDecimalPattern("0.0E0");
    Color[] colors = {
      new Color(0x1f77b4), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0xd62728)
    };
    Artifacts.Table table = Artifacts.Table.of("lr", "name", "step", "f");
    List<String> parts = new ArrayList<>();
    Map<String, Object> meta = new LinkedHashMap<>();
    for (int i = 0; i < TAXONOMY_LR.length; i++) {
      String spec = String.format(Locale.ROOT, "sgd(lr=%s)", TAXONOMY_LR[i]);
      Trajectory t =
          TrajectoryRunner.run(bowl, Optimizers.create(spec), new Point(-7, 2), 30, spec);
      double[] f = new double[t.size()];
      for (int k = 0; k < t.size(); k++) {
        f[k] = Math.max(t.f(k), 1e-12);
        table.add(TAXONOMY_LR[i], TAXONOMY_NAME[i], k, t.f(k));
      }
      Charts.line(
          chart,
          TAXONOMY_NAME[i] + " (lr=" + TAXONOMY_LR[i] + ")",
          Charts.index(f.length, false),
          f,
          colors[i],
          false);
      double last = t.f(t.size() - 1);
      String verdict = last > t.f(0) ? "grew — diverging" : "fell";
      parts.add(
          String.format(
              Locale.ROOT, "lr=%s: f %s from %.3g to %.3g", TAXONOMY_LR[i], verdict, t.f(0), last));
      meta.put("final_f_lr_" + TAXONOMY_LR[i], last);
    }
    String caption =
        "Too low a rate makes slow progress; too high oscillates or blows up; a good rate falls"
            + " fastest. This run (30 steps): "
            + String.join("; ", parts)
            + "."
            + note;
    meta.put("caption", caption);
    a.chart("taxonomy", chart);
    a.table("taxonomy", table, meta);
    return Section.Figure.of(a, "taxonomy", caption);
  }

  private static List<Trajectory> paths(Function2D f, List<String> specs, Point start, int steps) {
    List<Trajectory> out = new ArrayList<>();
    for (String spec : specs) {
      out.add(TrajectoryRunner.run(f, Optimizers.create(spec), start, steps, spec));
    }
    return out;
  }

  private static void save(Artifacts a, String name, List<Trajectory> paths) throws IOException {
    Artifacts.Table table = Artifacts.Table.of("optimizer", "step", "x", "y", "f");
    Map<String, Object> meta = new LinkedHashMap<>();
    Map<String, Object> colors = new LinkedHashMap<>();
    for (Trajectory t : paths) {
      for (int i = 0; i < t.size(); i++) {
        table.add(t.label(), i, t.x(i), t.y(i), t.f(i));
      }
      Color c = Palette.colorOf(t.label());
      colors.put(t.label(), String.format("#%06x", c.getRGB() & 0xffffff));
    }
    meta.put("colors", colors);
    a.table(name, table, meta);
  }

  private static String distances(List<Trajectory> paths, Function2D f) {
    List<String> parts = new ArrayList<>();
    for (Trajectory t : paths) {
      int n = t.size() - 1;
      parts.add(
          String.format(
              Locale.ROOT,
              "%s ended at (%.2f, %.2f), f = %.3g",
              t.label(),
              t.x(n),
              t.y(n),
              f.value(t.x(n), t.y(n))));
    }
    return String.join("; ", parts);
  }

  private static String escapes(List<Trajectory> paths) {
    List<String> parts = new ArrayList<>();
    String fastest = null;
    String slowest = null;
    double max = -1;
    double min = Double.POSITIVE_INFINITY;
    for (Trajectory t : paths) {
      double d = Math.abs(t.y(t.size() - 1));
      parts.add(String.format(Locale.ROOT, "%s %.3g", t.label(), d));
      if (d > max) {
        max = d;
        fastest = t.label();
      }
      if (d < min) {
        min = d;
        slowest = t.label();
      }
    }
    return String.join(", ", parts) + "; fastest escape: " + fastest + ", slowest: " + slowest;
  }

  private static String finals(List<Trajectory> paths) {
    List<String> parts = new ArrayList<>();
    for (Trajectory t : paths) {
      parts.add(String.format(Locale.ROOT, "%s %.3g", t.label(), t.f(t.size() - 1)));
    }
    return String.join(", ", parts);
  }
}
