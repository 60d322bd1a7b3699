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
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Experiment 7 (MISSION §8, Deep Learning from Scratch {@code hyperparameter_optimization.py}):
 * random search over the learning rate 10^U(−6, −2) and the weight decay 10^U(−8, −4), 100 trials
 * of 50 epochs each on 500 training images of which 20% are held out for validation; 784-100×6-10
 * ReLU, He init, SGD, batch 100. Trials are scored on the validation split only, never on test
 * data. The best 20 trials' curves and a log-log scatter of every trial's validation accuracy.
 */
public final class RandomSearch implements Experiment {
  private record Trial(int id, double lr, double weightDecay) {}

  private record Outcome(Trial trial, double[] train, double[] validation) {
    /** The last validation accuracy; 0 for a trial that diverged before its first epoch end. */
    double score() {
      return validation.length == 0 ? 0 : Training.last(validation);
    }
  }

  @Override
  public String name() {
    return "search";
  }

  @Override
  public String summary() {
    return "random search of lr and weight decay on a validation split (best-20 grid, scatter)";
  }

  @Override
  public boolean needsData() {
    return true;
  }

  @Override
  public Section run(LabContext ctx) throws IOException {
    long t0 = System.nanoTime();
    Budget b = ctx.budget();
    int trials = b.pick(100, 30, 4);
    int epochs = b.pick(50, 15, 2);
    long seed = ctx.seed();
    // the test split is a token 100 images the Trainer requires; the search never reads it
    Splits data = ctx.requireData().splits(500, 100).withValidation(0.2, seed);
    SplittableRandom random = new SplittableRandom(seed ^ 0x5ea2c4L);
    List<Trial> list = new ArrayList<>();
    for (int i = 0; i < trials; i++) {
      double lr = Math.pow(10, random.nextDouble(-6, -2));
      double wd = Math.pow(10, random.nextDouble(-8, -4));
      list.add(new Trial(i + 1, lr, wd));
    }
    List<Outcome> outcomes =
        Parallel.map(
            list,
            ctx.threads(),
            t -> {
              Training.Run r =
                  Training.run(
                      "trial " + t.id(),
                      new ModelSpec(
                          data.train().features(),
                          new int[] {100, 100, 100, 100, 100, 100},
                          10,
                          Activation.RELU,
                          "he",
                          false,
                          0,
                          seed + t.id()),
                      new TrainConfig(
                          String.format(Locale.ROOT, "sgd(lr=%s)", t.lr()),
                          null,
                          100,
                          epochs,
                          0,
                          seed + t.id(),
                          t.weightDecay(),
                          Sampling.SHUFFLE,
                          0,
                          0,
                          0),
                      data);
              return new Outcome(t, r.epochAccuracy(false), r.epochValidationAccuracy());
            });
    List<Outcome> ranked = new ArrayList<>(outcomes);
    ranked.sort(Comparator.comparingDouble(Outcome::score).reversed());
    Artifacts a = new Artifacts(ctx.out(), name());
    Artifacts.Table table =
        Artifacts.Table.of(
            "trial", "lr", "weight_decay", "epoch", "train_accuracy", "val_accuracy");
    for (Outcome o : outcomes) {
      for (int e = 0; e < o.train().length; e++) {
        table.add(
            o.trial().id(),
            o.trial().lr(),
            o.trial().weightDecay(),
            e + 1,
            o.train()[e],
            o.validation()[e]);
      }
    }
    int shown = Math.min(20, ranked.size());
    List<XYChart> panels = new ArrayList<>();
    for (int k = 0; k < shown; k++) {
      Outcome o = ranked.get(k);
      XYChart c =
          Charts.lines(
              String.format(
                  Locale.ROOT,
                  "#%d val %.2f  lr %.1e  wd %.1e",
                  k + 1,
                  o.score(),
                  o.trial().lr(),
                  o.trial().weightDecay()),
              "epoch",
              "accuracy",
              260,
              200);
      c.getStyler().setYAxisMin(0.0);
      c.getStyler().setYAxisMax(1.0);
      c.getStyler().setLegendVisible(k == 0);
      c.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 10));
      c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
      double[] x = Charts.index(o.train().length, true);
      Charts.line(c, "validation", x, o.validation(), new Color(0x1f77b4), false);
      Charts.line(c, "train", x, o.train(), new Color(0x7f7f7f), false)
          .setLineStyle(
              new BasicStroke(
                  1.5f,
                  BasicStroke.CAP_BUTT,
                  BasicStroke.JOIN_MITER,
                  10f,
                  new float[] {5f, 3f},
                  0f));
      panels.add(c);
    }
    Outcome best = ranked.get(0);
    double minLr = Double.POSITIVE_INFINITY;
    double maxLr = 0;
    for (int k = 0; k < shown; k++) {
      minLr = Math.min(minLr, ranked.get(k).trial().lr());
      maxLr = Math.max(maxLr, ranked.get(k).trial().lr());
    }
    double[] score = new double[outcomes.size()];
    double[] logLr = new double[outcomes.size()];
    double[] logWd = new double[outcomes.size()];
    for (int i = 0; i < score.length; i++) {
      score[i] = outcomes.get(i).score();
      logLr[i] = Math.log10(outcomes.get(i).trial().lr());
      logWd[i] = Math.log10(outcomes.get(i).trial().weightDecay());
    }
    double lrCorrelation = correlation(logLr, score);
    double wdCorrelation = correlation(logWd, score);
    String caption =
        String.format(
            Locale.ROOT,
            "%d trials of %d epochs%s. Best: validation accuracy %.3f with lr %.2e and weight decay"
                + " %.2e. The best %d trials had lr between %.1e and %.1e — narrow the ranges"
                + " there and search again. Correlation of the validation accuracy with log10 lr:"
                + " %.2f, with log10 weight decay: %.2f.",
            trials,
            epochs,
            b.tag(),
            best.score(),
            best.trial().lr(),
            best.trial().weightDecay(),
            shown,
            minLr,
            maxLr,
            lrCorrelation,
            wdCorrelation);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("best_val_accuracy", best.score());
    meta.put("best_lr", best.trial().lr());
    meta.put("best_weight_decay", best.trial().weightDecay());
    meta.put("best_lr_range", new double[] {minLr, maxLr});
    meta.put("correlation_log_lr", lrCorrelation);
    meta.put("correlation_log_weight_decay", wdCorrelation);
    meta.put("caption", caption);
    new ChartGrid(
            "Best "
                + shown
                + " of "
                + trials
                + " trials: validation (solid) and train (dashed)"
                + " accuracy"
                + b.tag(),
            panels,
            5,
            260,
            200)
        .write(a.dir(), "best");
    a.table("best", table, meta);

    XYChart scatter =
        Charts.lines(
            "Validation accuracy over lr and weight decay" + b.tag(),
            "learning rate (log scale)",
            "weight decay λ (log scale)",
            900,
            600);
    scatter.getStyler().setXAxisLogarithmic(true);
    scatter.getStyler().setYAxisLogarithmic(true);
    scatter.getStyler().setXAxisDecimalPattern("0E0");
    scatter.getStyler().setYAxisDecimalPattern("0E0");
    scatter.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
    double[] edges = {0, 0.2, 0.4, 0.6, 0.8, 1.01};
    Color[] colors = {
      new Color(0xc6dbef),
      new Color(0x9ecae1),
      new Color(0x4292c6),
      new Color(0x2171b5),
      new Color(0x08306b)
    };
    Artifacts.Table points = Artifacts.Table.of("trial", "lr", "weight_decay", "val_accuracy");
    for (Outcome o : outcomes) {
      points.add(o.trial().id(), o.trial().lr(), o.trial().weightDecay(), o.score());
    }
    for (int k = 0; k < colors.length; k++) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (Outcome o : outcomes) {
        if (o.score() >= edges[k] && o.score() < edges[k + 1]) {
          xs.add(o.trial().lr());
          ys.add(o.trial().weightDecay());
        }
      }
      if (xs.isEmpty()) {
        continue;
      }
      XYSeries s =
          scatter.addSeries(
              String.format(Locale.ROOT, "val acc %.1f-%.1f", edges[k], Math.min(1, edges[k + 1])),
              xs,
              ys);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(colors[k]);
    }
    String scatterCaption =
        String.format(
            Locale.ROOT,
            "Each dot is one trial; darker is better. Look for the good trials lining up along one"
                + " axis: the hyperparameter that matters. Best lr %.1e, best weight decay %.1e%s.",
            best.trial().lr(),
            best.trial().weightDecay(),
            b.tag());
    Map<String, Object> meta2 = new LinkedHashMap<>();
    meta2.put("caption", scatterCaption);
    meta2.put("best_lr", best.trial().lr());
    a.chart("scatter", scatter);
    a.table("scatter", points, meta2);
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("search space", "lr = 10^U(-6, -2), weight decay = 10^U(-8, -4)");
    settings.put("trials", trials + " × " + epochs + " epochs" + b.tag());
    settings.put(
        "data",
        data.train().size()
            + " training / "
            + data.validation().size()
            + " validation images (20% of 500 held out); test data not used");
    settings.put("network", "784-100×6-10 ReLU, He init, SGD, batch 100");
    settings.put("seed", seed + " (draws: seed ^ 0x5ea2c4; trial k: weights and order seed + k)");
    return new Section(
        name(),
        "Hyperparameter random search",
        "Pick ranges on a log scale, sample at random, train briefly, and score on a validation"
            + " split — never on test data. Random search tries a new value of every"
            + " hyperparameter in every trial, so it finds the one that matters (here the learning"
            + " rate) faster than a grid. Then narrow the ranges and repeat.",
        List.of(
            Section.Figure.of(a, "best", caption), Section.Figure.of(a, "scatter", scatterCaption)),
        settings,
        (System.nanoTime() - t0) / 1e9);
  }

  /** Pearson's correlation of x and y; 0 when either is constant. */
  static double correlation(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i] / n;
      my += y[i] / n;
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
  }
}
