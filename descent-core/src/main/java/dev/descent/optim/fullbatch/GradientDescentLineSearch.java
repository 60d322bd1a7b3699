package dev.descent.optim.fullbatch;

import dev.descent.function.Objective;

/**
 * Steepest descent with a line search, the baseline the other full-batch methods are compared with:
 * d = −∇f(x), step from the line search. The first trial step is min(1, 1/‖∇f‖₁)·lr, later ones
 * tₖ₋₁·∇fₖ₋₁ᵀdₖ₋₁ / ∇fₖᵀdₖ (Nocedal &amp; Wright eq. 3.60: assume the first-order change is the
 * same as last time).
 *
 * @param lr the first trial step, &gt; 0; default 1
 * @param search the line search; default Armijo backtracking (c1 = 1e-4, ρ = 0.5)
 */
public record GradientDescentLineSearch(double lr, LineSearch search) implements FullBatchMethod {

  /** Validates the configuration. */
  public GradientDescentLineSearch {
    Checks.positive("lr", lr);
    Checks.notNull("search", search);
  }

  @Override
  public String description() {
    return "gd_linesearch(lr=" + lr + ",search=" + search.description() + ")";
  }

  @Override
  public Result minimize(Objective f, double[] x0, Stopping stop) {
    return Driver.run(description(), f, x0, stop, search, new Steepest());
  }

  private final class Steepest implements Direction {
    private double tPrev;
    private double gtdPrev;

    @Override
    public double direction(
        int iteration, double[] x, double fx, double[] g, double[] d, Driver run) {
      for (int i = 0; i < g.length; i++) {
        d[i] = -g[i];
      }
      double gtd = Line.dot(g, d);
      double t0 = iteration == 1 ? Checks.firstStep(g, lr) : tPrev * gtdPrev / gtd;
      gtdPrev = gtd;
      return Double.isFinite(t0) && t0 > 0 ? t0 : lr;
    }

    @Override
    public void accepted(double t, double[] d, double[] gOld, double[] gNew, Driver run) {
      tPrev = t;
    }
  }
}
