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
import dev.descent.lab.chart.ScheduleChart;
import dev.descent.nn.Activation;
import dev.descent.schedule.Schedule;
import dev.descent.schedule.Schedules;
import dev.descent.train.History;
import dev.descent.train.ModelSpec;
import dev.descent.train.TrainConfig;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * Experiment 8 (MISSION §8, seed 002): the learning-rate schedules' curves over one run, and their
 * effect on training the seeds' 784-100×4-10 ReLU network with SGD (base rate 0.1, batch 128): the
 * smoothed training loss and the final test accuracy for a constant rate, step decay, exponential,
 * 1/t, cosine, linear and inverse-square-root decay.
 */
public final class ScheduleEffects implements Experiment {
  private static final double LR = 0.1;

  @Override
  public String name() {
    return "schedules";
  }

  @Override
  public String summary() {
    return "learning-rate schedule curves and their effect on training";
  }

  @Override
  public boolean needsData() {
    return true;
  }

  private static List<String> specs(int steps) {
    return List.of(
        "constant(lr=0.1)",
        String.format(Locale.ROOT, "step(lr=0.1,step_size=%d,gamma=0.1)", Math.max(1, steps / 3)),
        String.format(Locale.ROOT, "exponential(lr=0.1,k=%s)", 3.0 / steps),
        String.format(Locale.ROOT, "inverse_time(lr=0.1,k=%s)", 10.0 / steps),
        String.format(Locale.ROOT, "cosine(lr=0.1,t_max=%d)", steps),
        String.format(Locale.ROOT, "linear(lr=0.1,t_max=%d)", steps),
        "inverse_sqrt(lr=0.1)");
  }

  @Override
  public Section run(LabContext ctx) throws IOException {
    long t0 = System.nanoTime();
    Budget b = ctx.budget();
    int steps = b.pick(2000, 120, 30);
    List<String> specs = specs(steps);
    Artifacts a = new Artifacts(ctx.out(), name());
    List<String> names = new ArrayList<>();
    List<double[]> curves = new ArrayList<>();
    Artifacts.Table lrTable = Artifacts.Table.of("schedule", "step", "lr");
    for (String spec : specs) {
      Schedule s = Schedules.create(spec);
      double[] v = new double[steps];
      for (int t = 0; t < steps; t++) {
        v[t] = s.valueAt(t);
        lrTable.add(spec, t, v[t]);
      }
      names.add(spec);
      curves.add(v);
    }
    XYChart lrChart =
        ScheduleChart.create(
            "Learning-rate schedules over " + steps + " steps" + b.tag(),
            "learning rate (log scale)",
            names,
            curves,
            true);
    lrChart.getStyler().setXAxisTitleVisible(true);
    Map<String, Object> lrMeta = new LinkedHashMap<>();
    String lrCaption =
        "Every schedule starts at 0.1. Step decay drops ×0.1 every "
            + Math.max(1, steps / 3)
            + " steps; exponential and 1/t fall fast at first; cosine and linear reach 0 at the"
            + " end; inverse square root (updates counted from 1, so the first uses the base rate) decays"
            + " slowest. Rates at step "
            + (steps - 1)
            + b.tag()
            + ": "
            + finalRates(names, curves)
            + ".";
    lrMeta.put("caption", lrCaption);
    a.chart("curves", lrChart);
    a.table("curves", lrTable, lrMeta);

    Splits data = ctx.requireData().splits(b.pick(60_000, 5000, 600), b.pick(10_000, 1000, 200));
    long seed = ctx.seed();
    List<Training.Run> runs =
        Parallel.map(
            specs,
            ctx.threads(),
            spec ->
                Training.run(
                    spec,
                    new ModelSpec(
                        data.train().features(),
                        new int[] {100, 100, 100, 100},
                        10,
                        Activation.RELU,
                        "he",
                        false,
                        0,
                        seed),
                    new TrainConfig(
                        "sgd(lr=0.1)", spec, 128, 0, steps, seed, 0, Sampling.SHUFFLE, 0, 0, 0),
                    data));
    XYChart loss =
        Charts.lines(
            "SGD with each schedule: smoothed training loss" + b.tag(),
            "iteration (mini-batches of 128)",
            "training loss (cross-entropy, nats)",
            900,
            560);
    Color[] colors = {
      new Color(0x1f77b4),
      new Color(0xff7f0e),
      new Color(0x2ca02c),
      new Color(0xd62728),
      new Color(0x9467bd),
      new Color(0x8c564b),
      new Color(0xe377c2)
    };
    Artifacts.Table table = Artifacts.Table.of("schedule", "iteration", "loss", "smoothed_loss");
    Map<String, Object> acc = new LinkedHashMap<>();
    List<String> parts = new ArrayList<>();
    String best = null;
    double bestAcc = -1;
    for (int i = 0; i < runs.size(); i++) {
      Training.Run r = runs.get(i);
      double[] raw = r.losses();
      double[] sm = Smoothing.smooth(raw);
      for (int t = 0; t < raw.length; t++) {
        table.add(r.label(), t + 1, raw[t], sm[t]);
      }
      double[] x = Charts.index(raw.length, true);
      Charts.line(loss, r.label() + " raw", x, raw, colors[i], true);
      Charts.line(loss, r.label() + (r.diverged() ? " (diverged)" : ""), x, sm, colors[i], false);
      History.Evaluation last = r.history().lastEvaluation();
      // a diverged run scores chance: its weights are no longer finite
      double testAcc = r.diverged() || last == null ? 0.1 : last.test().accuracy();
      acc.put(r.label(), testAcc);
      parts.add(String.format(Locale.ROOT, "%s %.3f", r.label().replaceAll("\\(.*", ""), testAcc));
      if (testAcc > bestAcc) {
        bestAcc = testAcc;
        best = r.label();
      }
    }
    int beatConstant = 0;
    for (int i = 1; i < runs.size(); i++) {
      if ((Double) acc.get(runs.get(i).label()) > (Double) acc.get(runs.get(0).label())) {
        beatConstant++;
      }
    }
    String caption =
        String.format(
            Locale.ROOT,
            "Look at whether a decaying rate lets SGD settle lower than the constant one. Test"
                + " accuracy after %d iterations%s: %s. Best: %s; %d of %d decaying schedules beat"
                + " the constant rate.",
            steps,
            b.tag(),
            String.join(", ", parts),
            best,
            beatConstant,
            runs.size() - 1);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("test_accuracy", acc);
    meta.put("schedules_beating_constant", beatConstant);
    meta.put("caption", caption);
    a.chart("training", loss);
    a.table("training", table, meta);
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("schedules", String.join("; ", specs));
    settings.put(
        "training",
        "784-100×4-10 ReLU, He init, SGD base lr 0.1, batch 128, "
            + steps
            + " iterations"
            + b.tag());
    settings.put(
        "data", data.train().size() + " training images, " + data.test().size() + " test images");
    settings.put("seed", seed + " (weights and batch order; the same for every schedule)");
    return new Section(
        name(),
        "Learning-rate schedules",
        "A large rate makes fast progress early but cannot settle; a small one settles but is"
            + " slow. Schedules start large and decay. The first figure shows the rates, the second"
            + " what they do to the same network from the same initial weights.",
        List.of(
            Section.Figure.of(a, "curves", lrCaption), Section.Figure.of(a, "training", caption)),
        settings,
        (System.nanoTime() - t0) / 1e9);
  }

  private static String finalRates(List<String> names, List<double[]> curves) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      double[] v = curves.get(i);
      parts.add(
          String.format(
              Locale.ROOT, "%s %.2g", names.get(i).replaceAll("\\(.*", ""), v[v.length - 1]));
    }
    return String.join(", ", parts);
  }
}
