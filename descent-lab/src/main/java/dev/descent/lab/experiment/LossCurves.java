package dev.descent.lab.experiment;

import dev.descent.data.Sampling;
import dev.descent.data.Splits;
import dev.descent.lab.Artifacts;
import dev.descent.lab.Budget;
import dev.descent.lab.Experiment;
import dev.descent.lab.LabContext;
import dev.descent.lab.Parallel;
import dev.descent.lab.Section;
import dev.descent.lab.Smoothing;
import dev.descent.lab.Training;
import dev.descent.lab.chart.Charts;
import dev.descent.lab.chart.Palette;
import dev.descent.nn.Activation;
import dev.descent.train.ModelSpec;
import dev.descent.train.TrainConfig;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * Experiments 2 and 4 (MISSION §8): training-loss curves of a 784-100-100-100-100-10 ReLU network
 * on MNIST-like data, batch 128, 2000 iterations, smoothed as the seeds smooth them ({@link
 * Smoothing}) with the raw curves faint behind. {@link #optimizers()} compares SGD, Momentum,
 * AdaGrad and Adam (He init, Deep Learning from Scratch {@code optimizer_compare_mnist.py}); {@link
 * #weightInit()} compares std 0.01, Xavier and He under SGD η = 0.01 ({@code
 * weight_init_compare.py}).
 */
public final class LossCurves implements Experiment {
  private static final int[] HIDDEN = {100, 100, 100, 100};

  /** One curve: its legend label, initializer spec and optimizer spec. */
  private record Arm(String label, String init, String optimizer) {}

  private final String name;
  private final String summary;
  private final String title;
  private final String lesson;
  private final List<Arm> arms;
  private final boolean byOptimizer;

  private LossCurves(
      String name,
      String summary,
      String title,
      String lesson,
      List<Arm> arms,
      boolean byOptimizer) {
    this.name = name;
    this.summary = summary;
    this.title = title;
    this.lesson = lesson;
    this.arms = arms;
    this.byOptimizer = byOptimizer;
  }

  /** Experiment 2: SGD η=0.01, Momentum η=0.01, AdaGrad η=0.01, Adam η=0.001, He init. */
  public static LossCurves optimizers() {
    return new LossCurves(
        "optimizers",
        "SGD vs Momentum vs AdaGrad vs Adam on MNIST-like data (loss curves)",
        "Optimizers on images: smoothed training loss",
        "The same network and data, four update rules. Plain SGD takes the raw gradient step and"
            + " is slowest; Momentum, AdaGrad and Adam reach a low loss much sooner. Look at how"
            + " fast each curve falls in the first few hundred iterations and where it ends.",
        List.of(
            new Arm("sgd(lr=0.01)", "he", "sgd(lr=0.01)"),
            new Arm("momentum(lr=0.01)", "he", "momentum(lr=0.01,momentum=0.9)"),
            new Arm("adagrad(lr=0.01)", "he", "adagrad(lr=0.01)"),
            new Arm("adam(lr=0.001)", "he", "adam(lr=0.001)")),
        true);
  }

  /** Experiment 4: N(0, 0.01²) vs Xavier (√(1/n)) vs He (√(2/n)), SGD η = 0.01. */
  public static LossCurves weightInit() {
    return new LossCurves(
        "weight-init",
        "std 0.01 vs Xavier vs He initial weights, SGD 0.01 (loss curves)",
        "Weight initialization: smoothed training loss",
        "With tiny weights (std 0.01) the signal shrinks layer by layer, the gradients vanish and"
            + " the loss stays at ln 10 ≈ 2.30, the loss of guessing. Xavier (√(1/n), the Caffe"
            + " form the seeds use) and He (√(2/n), made for ReLU) keep the activations alive, and"
            + " He learns fastest with ReLU.",
        List.of(
            new Arm("std=0.01", "normal(std=0.01)", "sgd(lr=0.01)"),
            new Arm("Xavier", "xavier_caffe", "sgd(lr=0.01)"),
            new Arm("He", "he", "sgd(lr=0.01)")),
        false);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String summary() {
    return summary;
  }

  @Override
  public boolean needsData() {
    return true;
  }

  @Override
  public Section run(LabContext ctx) throws IOException {
    long t0 = System.nanoTime();
    Budget b = ctx.budget();
    int iterations = b.pick(2000, 200, 40);
    Splits data = ctx.requireData().splits(b.pick(60_000, 5000, 600), b.pick(10_000, 1000, 200));
    long seed = ctx.seed();
    List<Training.Run> runs =
        Parallel.map(
            arms,
            ctx.threads(),
            arm ->
                Training.run(
                    arm.label(),
                    new ModelSpec(
                        data.train().features(),
                        HIDDEN,
                        10,
                        Activation.RELU,
                        arm.init(),
                        false,
                        0,
                        seed),
                    new TrainConfig(
                        arm.optimizer(),
                        null,
                        128,
                        0,
                        iterations,
                        seed,
                        0,
                        Sampling.SHUFFLE,
                        0,
                        0,
                        0),
                    data));
    Artifacts a = new Artifacts(ctx.out(), name);
    XYChart chart =
        Charts.lines(
            title + b.tag(),
            "iteration (mini-batches of 128)",
            "training loss (cross-entropy, nats)",
            900,
            560);
    List<String> labels = new ArrayList<>();
    for (Training.Run r : runs) {
      labels.add(r.label());
    }
    List<Color> colors = byOptimizer ? Palette.colorsFor(labels) : initColors(labels.size());
    List<String> columns = new ArrayList<>(List.of("iteration"));
    double[][] raw = new double[runs.size()][];
    double[][] smooth = new double[runs.size()][];
    for (int i = 0; i < runs.size(); i++) {
      raw[i] = runs.get(i).losses();
      smooth[i] = Smoothing.smooth(raw[i]);
      if (runs.get(i).diverged()) {
        ctx.log().accept("lab: " + name + ": " + labels.get(i) + " " + runs.get(i).divergence());
      }
      columns.add(labels.get(i) + " raw");
      columns.add(labels.get(i) + " smoothed");
    }
    for (int i = 0; i < runs.size(); i++) {
      double[] x = Charts.index(raw[i].length, true);
      Charts.line(chart, labels.get(i) + " raw", x, raw[i], colors.get(i), true);
    }
    for (int i = 0; i < runs.size(); i++) {
      double[] x = Charts.index(raw[i].length, true);
      Charts.line(
          chart,
          labels.get(i) + (runs.get(i).diverged() ? " (diverged)" : ""),
          x,
          smooth[i],
          colors.get(i),
          false);
    }
    Artifacts.Table table = new Artifacts.Table(columns, new ArrayList<>());
    for (int t = 0; t < iterations; t++) {
      Object[] row = new Object[1 + 2 * runs.size()];
      row[0] = t + 1;
      for (int i = 0; i < runs.size(); i++) {
        row[1 + 2 * i] = t < raw[i].length ? raw[i][t] : Double.NaN;
        row[2 + 2 * i] = t < raw[i].length ? smooth[i][t] : Double.NaN;
      }
      table.add(row);
    }
    int tail = Math.max(1, iterations / 20);
    Map<String, Object> finals = new LinkedHashMap<>();
    Map<String, Object> firsts = new LinkedHashMap<>();
    for (int i = 0; i < runs.size(); i++) {
      finals.put(labels.get(i), Training.tailMean(raw[i], tail));
      firsts.put(labels.get(i), Training.tailMean(Arrays.copyOf(raw[i], tail), tail));
    }
    String caption = caption(finals, firsts, tail, iterations, b);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("final_loss_mean_of_last", tail);
    meta.put("final_loss", finals);
    meta.put("first_loss", firsts);
    meta.put("caption", caption);
    a.chart("loss", chart);
    a.table("loss", table, meta);
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("network", "784-100-100-100-100-10, ReLU, softmax cross-entropy");
    settings.put("arms", String.join("; ", armDescriptions()));
    settings.put("batch", "128 (shuffled each epoch)");
    settings.put("iterations", iterations + b.tag());
    settings.put(
        "data", data.train().size() + " training images, " + data.test().size() + " test images");
    settings.put("seed", Long.toString(seed) + " (weights and batch order)");
    settings.put("smoothing", "11-point Kaiser window, β=2 (the seeds' smooth_curve)");
    return new Section(
        name,
        title,
        lesson,
        List.of(Section.Figure.of(a, "loss", caption)),
        settings,
        (System.nanoTime() - t0) / 1e9);
  }

  private List<String> armDescriptions() {
    List<String> out = new ArrayList<>();
    for (Arm arm : arms) {
      out.add(arm.label() + ": init " + arm.init() + ", " + arm.optimizer());
    }
    return out;
  }

  private String caption(
      Map<String, Object> finals, Map<String, Object> firsts, int tail, int iterations, Budget b) {
    StringBuilder s = new StringBuilder();
    s.append("Mean loss over the last ")
        .append(tail)
        .append(" of ")
        .append(iterations)
        .append(" iterations")
        .append(b.tag())
        .append(": ");
    List<String> parts = new ArrayList<>();
    String best = null;
    String worst = null;
    for (Map.Entry<String, Object> e : finals.entrySet()) {
      double v = (Double) e.getValue();
      double first = (Double) firsts.get(e.getKey());
      String part = e.getKey() + " " + fmt(v);
      if (!byOptimizer && first - v < 0.1) {
        part += " (started at " + fmt(first) + " — no learning)";
      }
      parts.add(part);
      if (best == null || v < (Double) finals.get(best)) {
        best = e.getKey();
      }
      if (worst == null || v > (Double) finals.get(worst)) {
        worst = e.getKey();
      }
    }
    s.append(String.join(", ", parts)).append(". ");
    s.append("Lowest: ").append(best).append("; highest: ").append(worst).append('.');
    return s.toString();
  }

  private static List<Color> initColors(int n) {
    Color[] c = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c)};
    List<Color> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(c[i % c.length]);
    }
    return out;
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3g", v);
  }
}
