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
import dev.descent.lab.chart.Charts;
import dev.descent.nn.Activation;
import dev.descent.train.ModelSpec;
import dev.descent.train.TrainConfig;
import java.awt.Color;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * Experiment 6 (MISSION §8, Deep Learning from Scratch {@code overfit_weight_decay.py} and {@code
 * overfit_dropout.py}): 300 training images, 6 hidden ReLU layers of 100 (He init), SGD η = 0.01,
 * batches of 100; train and test accuracy per epoch without regularization and with weight decay λ
 * = 0.1 (201 epochs) or dropout 0.2 (301 epochs).
 */
public final class Overfitting implements Experiment {
  private final boolean dropout;

  private Overfitting(boolean dropout) {
    this.dropout = dropout;
  }

  /** With weight decay λ = 0.1, 201 epochs. */
  public static Overfitting weightDecay() {
    return new Overfitting(false);
  }

  /** With dropout 0.2, 301 epochs. */
  public static Overfitting dropout() {
    return new Overfitting(true);
  }

  @Override
  public String name() {
    return dropout ? "dropout" : "weight-decay";
  }

  @Override
  public String summary() {
    return dropout
        ? "overfitting 300 samples, without vs with dropout 0.2 (301 epochs)"
        : "overfitting 300 samples, without vs with weight decay λ=0.1 (201 epochs)";
  }

  @Override
  public boolean needsData() {
    return true;
  }

  @Override
  public Section run(LabContext ctx) throws IOException {
    long t0 = System.nanoTime();
    Budget b = ctx.budget();
    int epochs = dropout ? b.pick(301, 40, 3) : b.pick(201, 40, 3);
    Splits data = ctx.requireData().splits(300, b.pick(10_000, 500, 100));
    long seed = ctx.seed();
    String reg = dropout ? "dropout 0.2" : "weight decay λ=0.1";
    List<Boolean> arms = List.of(false, true);
    List<Training.Run> runs =
        Parallel.map(
            arms,
            ctx.threads(),
            on ->
                Training.run(
                    on ? reg : "none",
                    new ModelSpec(
                        data.train().features(),
                        new int[] {100, 100, 100, 100, 100, 100},
                        10,
                        Activation.RELU,
                        "he",
                        false,
                        on && dropout ? 0.2 : 0,
                        seed),
                    new TrainConfig(
                        "sgd(lr=0.01)",
                        null,
                        100,
                        epochs,
                        0,
                        seed,
                        on && !dropout ? 0.1 : 0,
                        Sampling.SHUFFLE,
                        0,
                        0,
                        0),
                    data));
    Artifacts a = new Artifacts(ctx.out(), name());
    XYChart chart =
        Charts.lines(
            "Overfitting on 300 images: without vs with " + reg + b.tag(),
            "epoch",
            "accuracy",
            900,
            560);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(1.0);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
    Color[] colors = {new Color(0x7f7f7f), new Color(0xd62728)};
    Artifacts.Table table =
        Artifacts.Table.of("regularization", "epoch", "train_accuracy", "test_accuracy");
    Map<String, Object> meta = new LinkedHashMap<>();
    StringBuilder caption =
        new StringBuilder(
            "Look at the gap between train (solid) and test (dashed) accuracy: a network with many"
                + " parameters memorises 300 images. ");
    caption.append("After ").append(epochs).append(" epochs").append(b.tag()).append(": ");
    for (int i = 0; i < runs.size(); i++) {
      Training.Run r = runs.get(i);
      double[] tr = r.epochAccuracy(false);
      double[] te = r.epochAccuracy(true);
      for (int e = 0; e < tr.length; e++) {
        table.add(r.label(), e + 1, tr[e], te[e]);
      }
      double[] x = Charts.index(tr.length, true);
      Charts.line(chart, r.label() + ": train", x, tr, colors[i], false);
      Charts.line(chart, r.label() + ": test", x, te, colors[i], false)
          .setLineStyle(
              new java.awt.BasicStroke(
                  2f,
                  java.awt.BasicStroke.CAP_BUTT,
                  java.awt.BasicStroke.JOIN_MITER,
                  10f,
                  new float[] {6f, 4f},
                  0f));
      double ftr = Training.last(tr);
      double fte = Training.last(te);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("train_accuracy", ftr);
      m.put("test_accuracy", fte);
      m.put("gap", ftr - fte);
      meta.put(r.label(), m);
      caption.append(
          String.format(
              Locale.ROOT,
              "%s%s train %.2f / test %.2f (gap %.2f)",
              i == 0 ? "" : "; ",
              r.label(),
              ftr,
              fte,
              ftr - fte));
    }
    double gap0 = (Double) ((Map<?, ?>) meta.get("none")).get("gap");
    double gap1 = (Double) ((Map<?, ?>) meta.get(reg)).get("gap");
    caption.append(
        gap1 < gap0
            ? ". " + reg + " narrowed the gap."
            : ". " + reg + " did not narrow the gap in this run.");
    if (dropout) {
      caption.append(" (The seed's dropout run ended at train 0.73 / test 0.63.)");
    }
    meta.put("caption", caption.toString());
    a.chart("accuracy", chart);
    a.table("accuracy", table, meta);
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("network", "784-100×6-10 ReLU, He init");
    settings.put("training", "SGD lr=0.01, batch 100, " + epochs + " epochs" + b.tag());
    settings.put(
        "regularization", reg + (dropout ? " (inverted dropout)" : " (½λ‖W‖² on weights)"));
    settings.put(
        "data", data.train().size() + " training images, " + data.test().size() + " test images");
    settings.put("seed", seed + " (weights, batch order" + (dropout ? ", dropout masks)" : ")"));
    return new Section(
        name(),
        dropout ? "Overfitting and dropout" : "Overfitting and weight decay",
        dropout
            ? "Dropout switches off a random 20% of hidden units at every training step, so no unit"
                + " can rely on particular others; at test time all units are used. It trades a"
                + " lower training accuracy for a smaller gap to the test accuracy."
            : "Weight decay adds ½λ‖W‖² to the loss, pulling every weight towards zero; large"
                + " weights are what let a big network memorise a small training set. It lowers"
                + " the training accuracy and narrows the gap to the test accuracy.",
        List.of(Section.Figure.of(a, "accuracy", caption.toString())),
        settings,
        (System.nanoTime() - t0) / 1e9);
  }
}
