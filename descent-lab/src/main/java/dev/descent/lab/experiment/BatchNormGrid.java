package dev.descent.lab.experiment;

import dev.descent.data.Sampling;
import dev.descent.data.Splits;
import dev.descent.lab.Artifacts;
import dev.descent.lab.Budget;
import dev.descent.lab.Experiment;
import dev.descent.lab.LabContext;
import dev.descent.lab.Parallel;
import dev.descent.lab.Section;
import dev.descent.lab.Training;
import dev.descent.lab.chart.ChartGrid;
import dev.descent.lab.chart.Charts;
import dev.descent.nn.Activation;
import dev.descent.train.ModelSpec;
import dev.descent.train.TrainConfig;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * Experiment 5 (MISSION §8, Deep Learning from Scratch {@code batch_norm_test.py}): 1000 training
 * images, 5 hidden ReLU layers of 100, initial weights N(0, w²) for 16 scales w log-spaced from 1
 * to 1e-4, 20 epochs of SGD η = 0.01 with batches of 100, with and without batch norm; the training
 * accuracy after each epoch in a 4×4 grid.
 */
public final class BatchNormGrid implements Experiment {
  private record Job(double scale, boolean batchNorm) {}

  @Override
  public String name() {
    return "batchnorm";
  }

  @Override
  public String summary() {
    return "train accuracy with vs without batch norm across 16 weight scales 1..1e-4 (4×4 grid)";
  }

  @Override
  public boolean needsData() {
    return true;
  }

  @Override
  public Section run(LabContext ctx) throws IOException {
    long t0 = System.nanoTime();
    Budget b = ctx.budget();
    int scales = b.pick(16, 8, 4);
    int epochs = b.pick(20, 10, 2);
    int samples = b.pick(1000, 1000, 200);
    Splits data = ctx.requireData().splits(samples, b.pick(1000, 200, 100));
    long seed = ctx.seed();
    List<Job> jobs = new ArrayList<>();
    double[] ws = new double[scales];
    for (int i = 0; i < scales; i++) {
      ws[i] = Math.pow(10, -4.0 * i / (scales - 1));
      jobs.add(new Job(ws[i], true));
      jobs.add(new Job(ws[i], false));
    }
    List<Training.Run> runs =
        Parallel.map(
            jobs,
            ctx.threads(),
            j ->
                Training.run(
                    (j.batchNorm() ? "batch norm" : "plain")
                        + String.format(Locale.ROOT, " w=%.2g", j.scale()),
                    new ModelSpec(
                        data.train().features(),
                        new int[] {100, 100, 100, 100, 100},
                        10,
                        Activation.RELU,
                        String.format(Locale.ROOT, "normal(std=%s)", j.scale()),
                        j.batchNorm(),
                        0,
                        seed),
                    new TrainConfig(
                        "sgd(lr=0.01)", null, 100, epochs, 0, seed, 0, Sampling.SHUFFLE, 0, 0, 0),
                    data));
    Artifacts a = new Artifacts(ctx.out(), name());
    Artifacts.Table table = Artifacts.Table.of("scale", "batch_norm", "epoch", "train_accuracy");
    List<XYChart> panels = new ArrayList<>();
    Color bn = new Color(0xd62728);
    Color plain = new Color(0x1f77b4);
    double[] finalBn = new double[scales];
    double[] finalPlain = new double[scales];
    List<String> diverged = new ArrayList<>();
    for (int i = 0; i < scales; i++) {
      double[] accBn = runs.get(2 * i).epochAccuracy(false);
      double[] accPlain = runs.get(2 * i + 1).epochAccuracy(false);
      finalBn[i] = finalAccuracy(runs.get(2 * i), accBn);
      finalPlain[i] = finalAccuracy(runs.get(2 * i + 1), accPlain);
      if (runs.get(2 * i).diverged() || runs.get(2 * i + 1).diverged()) {
        diverged.add(
            runs.get(2 * i).diverged() ? runs.get(2 * i).label() : runs.get(2 * i + 1).label());
      }
      for (int e = 0; e < epochs; e++) {
        // a diverged run has fewer epochs: the rest are missing (empty in CSV, null in JSON)
        table.add(ws[i], true, e + 1, e < accBn.length ? accBn[e] : Double.NaN);
        table.add(ws[i], false, e + 1, e < accPlain.length ? accPlain[e] : Double.NaN);
      }
      XYChart c =
          Charts.lines(
              String.format(Locale.ROOT, "w = %.2g", ws[i]), "epoch", "train accuracy", 300, 230);
      c.getStyler().setYAxisMin(0.0);
      c.getStyler().setYAxisMax(1.0);
      c.getStyler().setLegendVisible(i == 0);
      c.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
      c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
      // a run that diverged before its first epoch end has no point to draw
      if (accBn.length > 0) {
        Charts.line(c, "batch norm", Charts.index(accBn.length, true), accBn, bn, false);
      }
      if (accPlain.length > 0) {
        Charts.line(c, "plain", Charts.index(accPlain.length, true), accPlain, plain, false);
      }
      panels.add(c);
    }
    int bnWins = 0;
    int bnHigh = 0;
    int bnHighPlainLow = 0;
    for (int i = 0; i < scales; i++) {
      if (finalBn[i] > finalPlain[i]) {
        bnWins++;
      }
      if (finalBn[i] >= 0.8) {
        bnHigh++;
        if (finalPlain[i] < 0.2) {
          bnHighPlainLow++;
        }
      }
    }
    String caption =
        String.format(
                Locale.ROOT,
                "After %d epochs%s: batch norm ended with the higher train accuracy at %d of %d weight"
                    + " scales; it reached ≥ 0.8 at %d scales, %d of them scales where plain SGD stayed"
                    + " below 0.2 (chance is 0.1). Best: batch norm %.2f, plain %.2f.",
                epochs,
                b.tag(),
                bnWins,
                scales,
                bnHigh,
                bnHighPlainLow,
                max(finalBn),
                max(finalPlain))
            + (diverged.isEmpty()
                ? ""
                : " Diverged (loss became NaN/∞; curve ends there, counted as chance 0.1): "
                    + String.join(", ", diverged)
                    + ".");
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("scales", ws);
    meta.put("final_accuracy_batch_norm", finalBn);
    meta.put("final_accuracy_plain", finalPlain);
    meta.put("batch_norm_wins", bnWins);
    meta.put("diverged", diverged);
    meta.put("caption", caption);
    int cols = 4;
    new ChartGrid(
            "Batch norm (red) vs plain (blue): train accuracy per epoch for initial weight scale w"
                + b.tag(),
            panels,
            cols,
            300,
            230)
        .write(a.dir(), "grid");
    a.table("grid", table, meta);
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("network", "784-100×5-10 ReLU; Linear → BatchNorm → ReLU when on");
    settings.put(
        "initial weights", "N(0, w²), w = 10^(-4k/" + (scales - 1) + "), " + scales + " scales");
    settings.put("training", "SGD lr=0.01, batch 100, " + epochs + " epochs" + b.tag());
    settings.put("data", data.train().size() + " training images");
    settings.put("seed", seed + " (weights and batch order)");
    return new Section(
        name(),
        "Batch normalization across weight scales",
        "Batch norm re-centres and re-scales every layer's input from the mini-batch's own"
            + " statistics, so the network trains whatever the scale of the initial weights. Without"
            + " it, too-small weights make the signal vanish (accuracy stuck at chance, 0.1) and"
            + " too-large ones saturate it. Compare red and blue in each panel.",
        List.of(Section.Figure.of(a, "grid", caption)),
        settings,
        (System.nanoTime() - t0) / 1e9);
  }

  /** The last epoch's train accuracy; chance (0.1) for a run that diverged. */
  private static double finalAccuracy(Training.Run r, double[] acc) {
    return r.diverged() || acc.length == 0 ? 0.1 : Training.last(acc);
  }

  private static double max(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double d : v) {
      m = Math.max(m, d);
    }
    return m;
  }
}
