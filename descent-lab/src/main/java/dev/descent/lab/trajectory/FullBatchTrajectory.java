package dev.descent.lab.trajectory;

import dev.descent.function.Function2D;
import dev.descent.function.Objective;
import dev.descent.function.Point;
import dev.descent.optim.fullbatch.FullBatchMethod;
import dev.descent.optim.fullbatch.Result;
import dev.descent.optim.fullbatch.StopReason;
import dev.descent.optim.fullbatch.Stopping;

/**
 * Runs a full-batch method ({@code lbfgs}, {@code bfgs}, {@code newton}, {@code cg}, {@code
 * gd_linesearch}, {@code coordinate_descent}) on a 2-D function and records its path as a {@link
 * Trajectory}: one point per iteration, and in the evals column the cumulative number of
 * function+gradient evaluations, line-search trials and difference-Hessian probes included (point 0
 * counts the evaluation at the start).
 *
 * <p>{@code steps} is the iteration limit; the run uses {@link Stopping#untilConverged(int)}, so it
 * ends early only at ‖∇f‖∞ ≤ 1e-7, when no descent direction is left, or when a line search fails.
 * A path that ends early carries the reason as its note, starting with "converged", "diverged" or
 * "stopped".
 *
 * <pre>{@code
 * Trajectory t = FullBatchTrajectory.run(Functions.create("rosenbrock"),
 *     FullBatchMethods.create("lbfgs(history=10)"), new Point(-1.5, 2), 200, "lbfgs(history=10)");
 * }</pre>
 */
public final class FullBatchTrajectory {
  private FullBatchTrajectory() {}

  /**
   * Minimises f from {@code start} for at most {@code steps} iterations.
   *
   * @param label the legend and CSV label
   * @throws IllegalArgumentException if {@code steps} is negative or f is not finite at the start
   */
  public static Trajectory run(
      Function2D f, FullBatchMethod method, Point start, int steps, String label) {
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be in [0, 2147483647], got " + steps);
    }
    Result r =
        method.minimize(
            Objective.of(f), new double[] {start.x(), start.y()}, Stopping.untilConverged(steps));
    int points = r.iterations() + 1;
    double[] xs = new double[points];
    double[] ys = new double[points];
    double[] fs = new double[points];
    long[] evals = new long[points];
    for (int i = 0; i < points; i++) {
      xs[i] = r.coordinate(i, 0);
      ys[i] = r.coordinate(i, 1);
      fs[i] = r.value(i);
      evals[i] = r.evaluations(i);
    }
    String note = null;
    if (r.reason() == StopReason.GRADIENT_TOLERANCE) {
      note =
          "converged at iteration "
              + r.iterations()
              + " with "
              + label
              + ": "
              + r.message().replaceFirst("^converged: ", "");
    } else if (r.reason() == StopReason.DIVERGED) {
      note = "diverged after iteration " + r.iterations() + " with " + label + ": " + r.message();
    } else if (r.reason() != StopReason.MAX_ITERATIONS) {
      note = "stopped at iteration " + r.iterations() + " with " + label + ": " + r.message();
    }
    return new Trajectory(label, xs, ys, fs, evals, steps, note);
  }
}
