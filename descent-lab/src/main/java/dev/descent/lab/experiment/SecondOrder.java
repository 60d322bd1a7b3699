package dev.descent.lab.experiment;

import dev.descent.lab.Artifacts;
import dev.descent.lab.Budget;
import dev.descent.lab.Experiment;
import dev.descent.lab.LabContext;
import dev.descent.lab.Section;
import dev.descent.lab.chart.Charts;
import dev.descent.lab.chart.Palette;
import dev.descent.lab.fullbatch.FullBatchComparison;
import dev.descent.lab.fullbatch.LogisticRegression;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * Experiment 9 (MISSION §8, seeds 002 and 003): first-order optimizers against Newton, BFGS, L-BFGS
 * and conjugate gradients on a full-batch, deterministic problem — L2-regularised logistic
 * regression on synthetic data ({@link LogisticRegression#synthetic}) — compared by the loss gap f
 * − f* against the number of function-and-gradient evaluations spent.
 */
public final class SecondOrder implements Experiment {
  private static final List<String> SPECS =
      List.of(
          "sgd(lr=0.05)",
          "momentum(lr=0.02,momentum=0.9)",
          "adam(lr=0.05)",
          "cg",
          "lbfgs(history=10)",
          "bfgs",
          "newton");
  private static final double TOLERANCE = 1e-6;

  @Override
  public String name() {
    return "second-order";
  }

  @Override
  public String summary() {
    return "Newton, BFGS, L-BFGS, CG vs SGD/Momentum/Adam on full-batch logistic regression";
  }

  @Override
  public boolean needsData() {
    return false;
  }

  @Override
  public Section run(LabContext ctx) throws IOException {
    long t0 = System.nanoTime();
    Budget b = ctx.budget();
    int m = b.pick(2000, 1000, 200);
    int d = b.pick(20, 20, 5);
    int budget = b.pick(500, 200, 40);
    double lambda = 1e-3;
    LogisticRegression problem = LogisticRegression.synthetic(m, d, lambda, ctx.seed());
    List<FullBatchComparison.Curve> curves = FullBatchComparison.run(problem, SPECS, budget);
    double best = Double.POSITIVE_INFINITY;
    for (FullBatchComparison.Curve c : curves) {
      for (double v : c.loss()) {
        best = Math.min(best, v);
      }
    }
    Artifacts a = new Artifacts(ctx.out(), name());
    XYChart chart =
        Charts.lines(
            "Full-batch logistic regression: loss gap vs evaluations" + b.tag(),
            "function + gradient evaluations",
            "f − f* (log scale)",
            900,
            560);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setYAxisDecimalPattern("0E0");
    List<String> labels = new ArrayList<>();
    for (FullBatchComparison.Curve c : curves) {
      labels.add(c.label());
    }
    List<Color> colors = Palette.colorsFor(labels);
    Artifacts.Table table = Artifacts.Table.of("method", "evaluations", "loss", "gap");
    Map<String, Object> reached = new LinkedHashMap<>();
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < curves.size(); i++) {
      FullBatchComparison.Curve c = curves.get(i);
      double[] x = new double[c.loss().length];
      double[] gap = new double[c.loss().length];
      long hit = -1;
      for (int k = 0; k < gap.length; k++) {
        x[k] = c.evaluations()[k];
        gap[k] = Math.max(c.loss()[k] - best, 1e-16);
        table.add(c.label(), c.evaluations()[k], c.loss()[k], c.loss()[k] - best);
        if (hit < 0 && c.loss()[k] - best <= TOLERANCE) {
          hit = c.evaluations()[k];
        }
      }
      Charts.line(chart, c.label(), x, gap, colors.get(i), false);
      reached.put(c.label(), hit < 0 ? null : hit);
      parts.add(
          c.label().replaceAll("\\(.*", "")
              + (hit < 0
                  ? String.format(Locale.ROOT, " not within %d (gap %.1e)", budget, c.last() - best)
                  : " " + hit));
    }
    String caption =
        String.format(
                Locale.ROOT,
                "On a smooth full-batch problem curvature pays: Newton and the quasi-Newton"
                    + " methods need a handful of evaluations where gradient steps need hundreds."
                    + " Evaluations to reach f − f* ≤ %.0e (f* = %.6f, the lowest loss any method"
                    + " reached; %d examples, %d features%s): ",
                TOLERANCE,
                best,
                m,
                d,
                b.tag())
            + String.join(", ", parts)
            + ".";
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("f_star", best);
    meta.put("evaluations_to_tolerance", reached);
    meta.put("tolerance", TOLERANCE);
    meta.put("caption", caption);
    a.chart("gap", chart);
    a.table("gap", table, meta);
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("problem", "logistic regression, " + m + " synthetic examples, λ = " + lambda);
    settings.put("methods", String.join(", ", SPECS));
    settings.put("budget", budget + " evaluations" + b.tag());
    settings.put("seed", ctx.seed() + " (synthetic data)");
    return new Section(
        name(),
        "Second-order vs first-order methods",
        "Newton's method uses the Hessian, θ ← θ − H⁻¹∇J; BFGS and L-BFGS build an estimate of H⁻¹"
            + " from gradient differences; conjugate gradients pick search directions that do not"
            + " undo each other. They shine on full-batch, deterministic problems like this one;"
            + " with noisy mini-batch gradients their curvature estimates break down, which is why"
            + " deep networks are trained with first-order methods.",
        List.of(Section.Figure.of(a, "gap", caption)),
        settings,
        (System.nanoTime() - t0) / 1e9);
  }
}
