package dev.descent.lab.fullbatch;

import dev.descent.function.Objective;
import dev.descent.optim.Optimizer;
import dev.descent.optim.OptimizerState;
import dev.descent.optim.Optimizers;
import dev.descent.optim.fullbatch.FullBatchMethods;
import dev.descent.optim.fullbatch.Result;
import dev.descent.optim.fullbatch.Stopping;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Experiment 9: first-order optimizers against full-batch second-order methods on one objective,
 * with the same budget of function+gradient evaluations. A first-order step costs one evaluation; a
 * full-batch iteration costs what its line search spends (and Newton one exact Hessian on top).
 *
 * <pre>{@code
 * List<Curve> curves = FullBatchComparison.run(LogisticRegression.synthetic(500, 10, 1e-3, 0),
 *     List.of("sgd(lr=0.1)", "adam(lr=0.05)", "lbfgs(history=10)", "newton", "cg"), 200);
 * }</pre>
 */
public final class FullBatchComparison {
  private FullBatchComparison() {}

  /**
   * The loss of one method against the evaluations it spent.
   *
   * @param label the spec
   * @param evaluations cumulative evaluations at each point
   * @param loss f at each point
   */
  public record Curve(String label, long[] evaluations, double[] loss) {
    /** Copies the arrays. */
    public Curve {
      evaluations = evaluations.clone();
      loss = loss.clone();
    }

    /** The final loss. */
    public double last() {
      return loss[loss.length - 1];
    }
  }

  /**
   * Runs every spec (first-order optimizers by {@link Optimizers}, full-batch methods by {@link
   * FullBatchMethods}) from θ = 0 until it has spent {@code budget} evaluations (a full-batch
   * method may also stop earlier, at ‖∇f‖∞ ≤ 1e-7).
   *
   * @throws IllegalArgumentException for an unknown spec or a budget &lt; 1
   */
  public static List<Curve> run(Objective f, List<String> specs, int budget) {
    if (budget < 1) {
      throw new IllegalArgumentException("budget must be in [1, 2147483647], got " + budget);
    }
    List<Curve> out = new ArrayList<>();
    for (String spec : specs) {
      double[] start = new double[f.dimension()];
      if (FullBatchMethods.isFullBatch(spec)) {
        Result r =
            FullBatchMethods.create(spec)
                .minimize(f, start, new Stopping(budget, budget, Stopping.TOLERANCE_GRAD, 0));
        long[] evals = new long[r.iterations() + 1];
        double[] loss = new double[r.iterations() + 1];
        for (int i = 0; i <= r.iterations(); i++) {
          evals[i] = r.evaluations(i);
          loss[i] = r.value(i);
        }
        out.add(new Curve(spec, evals, loss));
      } else {
        out.add(firstOrder(f, Optimizers.create(spec), spec, start, budget));
      }
    }
    return out;
  }

  private static Curve firstOrder(
      Objective f, Optimizer optimizer, String label, double[] x, int budget) {
    double[] g = new double[x.length];
    long[] evals = new long[budget + 1];
    double[] loss = new double[budget + 1];
    loss[0] = f.valueAndGradient(x, g);
    evals[0] = 1;
    OptimizerState state = optimizer.init(x);
    int points = 1;
    for (int t = 1; t < budget; t++) {
      optimizer.step(x, g, state);
      double v = f.valueAndGradient(x, g);
      if (!Double.isFinite(v)) {
        break;
      }
      loss[points] = v;
      evals[points] = t + 1;
      points++;
    }
    return new Curve(label, Arrays.copyOf(evals, points), Arrays.copyOf(loss, points));
  }
}
