package dev.descent.lab.experiment;

import dev.descent.init.Initializer;
import dev.descent.init.Initializers;
import dev.descent.lab.Artifacts;
import dev.descent.lab.Experiment;
import dev.descent.lab.LabContext;
import dev.descent.lab.Parallel;
import dev.descent.lab.Section;
import dev.descent.lab.chart.ChartGrid;
import dev.descent.tensor.Tensor;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Experiment 3 (MISSION §8, Deep Learning from Scratch {@code
 * weight_init_activation_histogram.py}): 1000 random inputs of width 100 (N(0, 1)) pass through 5
 * layers of 100 units (no bias); for each initial weight distribution × activation the activations
 * of each layer are histogrammed in 30 bins (range (0, 1) for sigmoid and ReLU as in the seeds,
 * (−1, 1) for tanh). The budget does not change it (it takes well under a second).
 */
public final class ActivationHistograms implements Experiment {
  private static final int SAMPLES = 1000;
  private static final int WIDTH = 100;
  private static final int LAYERS = 5;
  private static final int BINS = 30;
  private static final String[] INIT_LABELS = {"N(0,1)", "std=0.01", "Xavier", "He"};
  private static final String[] INIT_SPECS = {
    "normal(std=1)", "normal(std=0.01)", "xavier_caffe", "he"
  };
  private static final String[] ACTIVATIONS = {"sigmoid", "tanh", "relu"};

  private record Job(int activation, int init) {}

  /** Layer activations of one init × activation pair: {@code [layer][sample * WIDTH + unit]}. */
  private record Result(Job job, double[][] activations) {}

  @Override
  public String name() {
    return "activations";
  }

  @Override
  public String summary() {
    return "histograms of 5 layers' activations for N(0,1)/0.01/Xavier/He × sigmoid/tanh/ReLU";
  }

  @Override
  public boolean needsData() {
    return false;
  }

  @Override
  public Section run(LabContext ctx) throws IOException {
    long t0 = System.nanoTime();
    long seed = ctx.seed();
    List<Job> jobs = new ArrayList<>();
    for (int a = 0; a < ACTIVATIONS.length; a++) {
      for (int i = 0; i < INIT_SPECS.length; i++) {
        jobs.add(new Job(a, i));
      }
    }
    List<Result> results = Parallel.map(jobs, ctx.threads(), job -> forward(job, seed));
    Artifacts a = new Artifacts(ctx.out(), name());
    List<Section.Figure> figures = new ArrayList<>();
    for (int act = 0; act < ACTIVATIONS.length; act++) {
      List<XYChart> panels = new ArrayList<>();
      Artifacts.Table table = Artifacts.Table.of("init", "layer", "bin_low", "bin_high", "count");
      Map<String, Object> meta = new LinkedHashMap<>();
      List<String> parts = new ArrayList<>();
      double lo = ACTIVATIONS[act].equals("tanh") ? -1 : 0;
      for (Result r : results) {
        if (r.job().activation() != act) {
          continue;
        }
        String init = INIT_LABELS[r.job().init()];
        for (int layer = 0; layer < LAYERS; layer++) {
          int[] counts = histogram(r.activations()[layer], lo, 1);
          double[] xs = new double[BINS + 1];
          double[] ys = new double[BINS + 1];
          for (int b = 0; b < BINS; b++) {
            double bl = lo + (1 - lo) * b / BINS;
            double bh = lo + (1 - lo) * (b + 1) / BINS;
            table.add(init, layer + 1, bl, bh, counts[b]);
            xs[b] = bl;
            ys[b] = counts[b];
          }
          xs[BINS] = 1;
          ys[BINS] = counts[BINS - 1];
          panels.add(panel(init + ", layer " + (layer + 1), xs, ys, color(r.job().init())));
        }
        double[] last = r.activations()[LAYERS - 1];
        double std = std(last);
        double sat = saturated(last, ACTIVATIONS[act]);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layer5_std", std);
        m.put("layer5_mean", mean(last));
        m.put("layer5_extreme_fraction", sat);
        meta.put(init, m);
        parts.add(
            String.format(
                Locale.ROOT,
                "%s: layer-5 std %.3g, %.0f%% %s",
                init,
                std,
                100 * sat,
                extremeWord(ACTIVATIONS[act])));
      }
      String caption =
          caption(ACTIVATIONS[act])
              + " This run: "
              + String.join("; ", parts)
              + "."
              + ctx.budget().unchangedNote();
      meta.put("caption", caption);
      String base = ACTIVATIONS[act];
      new ChartGrid(
              "Activations per layer with "
                  + ACTIVATIONS[act]
                  + " (rows: initial weights;"
                  + " columns: layers 1-5; 1000 inputs × 100 units)",
              panels,
              LAYERS,
              250,
              190)
          .write(a.dir(), base);
      a.table(base, table, meta);
      figures.add(Section.Figure.of(a, base, caption));
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("inputs", "1000 × 100, N(0, 1)");
    settings.put("layers", "5 × 100 units, no bias");
    settings.put("initial weights", "N(0,1); N(0, 0.01²); Xavier √(1/n) (Caffe form); He √(2/n)");
    settings.put("histograms", "30 bins over (0, 1) (sigmoid, ReLU) or (-1, 1) (tanh)");
    settings.put("seed", seed + " (inputs and weights)");
    return new Section(
        name(),
        "Activation histograms",
        "How the spread of the initial weights shapes the signal deep in the network. Too large"
            + " (N(0,1)) pushes sigmoid units to 0 and 1 where the gradient vanishes; too small"
            + " (0.01) collapses every unit to the same value, so the layers cannot represent"
            + " anything different; Xavier keeps sigmoid and tanh spread out, He does the same for"
            + " ReLU.",
        figures,
        settings,
        (System.nanoTime() - t0) / 1e9);
  }

  private static String caption(String act) {
    switch (act) {
      case "sigmoid":
        return "Look for the U shape of N(0,1) (saturated at 0 and 1), the single spike at 0.5"
            + " of std=0.01, and the broad bell of Xavier.";
      case "tanh":
        return "Look for N(0,1) saturating at ±1 and std=0.01 collapsing to 0; Xavier stays"
            + " spread.";
      default:
        return "Look for std=0.01 shrinking towards 0 layer by layer while He keeps the same"
            + " spread in every layer.";
    }
  }

  private static String extremeWord(String act) {
    return act.equals("relu")
        ? "exactly 0"
        : act.equals("tanh") ? "beyond ±0.99" : "below 0.01 or above 0.99";
  }

  private static Result forward(Job job, long seed) {
    SplittableRandom random = new SplittableRandom(seed * 31 + job.init() * 7 + job.activation());
    double[] x = new double[SAMPLES * WIDTH];
    for (int i = 0; i < x.length; i++) {
      x[i] = gaussian(random);
    }
    Initializer init = Initializers.create(INIT_SPECS[job.init()]);
    double[][] out = new double[LAYERS][];
    for (int layer = 0; layer < LAYERS; layer++) {
      Tensor w = Tensor.zeros(WIDTH, WIDTH);
      init.initialize(w, WIDTH, WIDTH, random);
      float[] wd = w.data();
      double[] z = new double[SAMPLES * WIDTH];
      for (int s = 0; s < SAMPLES; s++) {
        for (int k = 0; k < WIDTH; k++) {
          double xv = x[s * WIDTH + k];
          for (int j = 0; j < WIDTH; j++) {
            z[s * WIDTH + j] += xv * wd[k * WIDTH + j];
          }
        }
      }
      for (int i = 0; i < z.length; i++) {
        z[i] = activate(ACTIVATIONS[job.activation()], z[i]);
      }
      out[layer] = z;
      x = z;
    }
    return new Result(job, out);
  }

  private static double activate(String act, double v) {
    switch (act) {
      case "sigmoid":
        return 1 / (1 + Math.exp(-v));
      case "tanh":
        return Math.tanh(v);
      default:
        return Math.max(0, v);
    }
  }

  private static double gaussian(SplittableRandom r) {
    double u = 1 - r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Counts in BINS equal bins over [lo, hi]; values outside are not counted (numpy's range). */
  static int[] histogram(double[] v, double lo, double hi) {
    int[] c = new int[BINS];
    for (double d : v) {
      if (d < lo || d > hi) {
        continue;
      }
      int b = (int) ((d - lo) / (hi - lo) * BINS);
      c[Math.min(b, BINS - 1)]++;
    }
    return c;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double d : v) {
      s += d;
    }
    return s / v.length;
  }

  private static double std(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double d : v) {
      s += (d - m) * (d - m);
    }
    return Math.sqrt(s / v.length);
  }

  private static double saturated(double[] v, String act) {
    int n = 0;
    for (double d : v) {
      boolean hit =
          act.equals("relu")
              ? d == 0
              : act.equals("tanh") ? Math.abs(d) > 0.99 : d < 0.01 || d > 0.99;
      if (hit) {
        n++;
      }
    }
    return (double) n / v.length;
  }

  private static Color color(int init) {
    Color[] c = {
      new Color(0xd62728), new Color(0x7f7f7f), new Color(0x1f77b4), new Color(0x2ca02c)
    };
    return c[init];
  }

  private static XYChart panel(String title, double[] x, double[] y, Color color) {
    XYChart c =
        new XYChartBuilder()
            .width(250)
            .height(190)
            .title(title)
            .xAxisTitle("activation value")
            .yAxisTitle("count")
            .build();
    c.getStyler().setLegendVisible(false);
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
    c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
    c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 8));
    c.getStyler().setYAxisMin(0.0);
    XYSeries s = c.addSeries("counts", x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
    s.setMarker(SeriesMarkers.NONE);
    s.setFillColor(color);
    s.setLineColor(color.darker());
    return c;
  }
}
