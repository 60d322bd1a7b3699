package dev.descent.lab.trajectory;

import dev.descent.function.Function2D;
import dev.descent.function.Point;
import dev.descent.optim.Optimizer;
import dev.descent.optim.OptimizerState;

/**
 * Runs a first-order optimizer on a 2-D function in double precision and records its path.
 *
 * <p>Step t (1-based) evaluates the exact gradient at point t−1 and lets the optimizer update the
 * point; so point t has {@code evals = t}. A learning-rate schedule is attached to the optimizer
 * beforehand ({@link Optimizer#withSchedule}). If a coordinate or the value at the new point is not
 * finite (overflow to ±∞ or NaN), the path stops at the last finite point with a note naming the
 * step, the point and the optimizer; no exception is thrown.
 *
 * <pre>{@code
 * Trajectory t = TrajectoryRunner.run(Functions.create("anisotropic"),
 *     Optimizers.create("sgd(lr=0.95)"), new Point(-7, 2), 30);
 * }</pre>
 */
public final class TrajectoryRunner {
  private TrajectoryRunner() {}

  /**
   * Runs {@code steps} updates from {@code start}.
   *
   * @param f the function
   * @param optimizer the optimizer (with its schedule, if any)
   * @param start the start point (point 0)
   * @param steps the number of updates, ≥ 0
   * @return the path: {@code steps + 1} points unless it diverged
   * @throws IllegalArgumentException if {@code steps} is negative, the start is not finite, or f or
   *     its gradient is not finite at the start
   */
  public static Trajectory run(Function2D f, Optimizer optimizer, Point start, int steps) {
    return run(f, optimizer, start, steps, optimizer.description());
  }

  /**
   * Runs {@code steps} updates from {@code start}, labelling the path {@code label} (e.g. the spec
   * as the user wrote it, without the defaults the optimizer's description lists).
   *
   * @see #run(Function2D, Optimizer, Point, int)
   */
  public static Trajectory run(
      Function2D f, Optimizer optimizer, Point start, int steps, String label) {
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be in [0, 2147483647], got " + steps);
    }
    double[] p = {start.x(), start.y()};
    double[] g = new double[2];
    double value = f.valueAndGradient(p[0], p[1], g);
    if (!Double.isFinite(p[0]) || !Double.isFinite(p[1]) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "f must be finite at the start, got f("
              + p[0]
              + ", "
              + p[1]
              + ") = "
              + value
              + " for "
              + f.name());
    }
    double[] xs = new double[steps + 1];
    double[] ys = new double[steps + 1];
    double[] fs = new double[steps + 1];
    long[] evals = new long[steps + 1];
    xs[0] = p[0];
    ys[0] = p[1];
    fs[0] = value;
    OptimizerState state = optimizer.init(p);
    double[] next = new double[2];
    long used = 0;
    for (int t = 1; t <= steps; t++) {
      used++;
      optimizer.step(p, g, state);
      value = f.valueAndGradient(p[0], p[1], next);
      if (!Double.isFinite(p[0]) || !Double.isFinite(p[1]) || !Double.isFinite(value)) {
        String note =
            "diverged at step "
                + t
                + ": f("
                + p[0]
                + ", "
                + p[1]
                + ") = "
                + value
                + " with "
                + optimizer.description()
                + "; path stops at step "
                + (t - 1);
        return trimmed(label, xs, ys, fs, evals, t, steps, note);
      }
      xs[t] = p[0];
      ys[t] = p[1];
      fs[t] = value;
      evals[t] = used;
      g[0] = next[0];
      g[1] = next[1];
    }
    return new Trajectory(label, xs, ys, fs, evals, steps, null);
  }

  private static Trajectory trimmed(
      String label,
      double[] xs,
      double[] ys,
      double[] fs,
      long[] evals,
      int points,
      int steps,
      String note) {
    return new Trajectory(
        label,
        java.util.Arrays.copyOf(xs, points),
        java.util.Arrays.copyOf(ys, points),
        java.util.Arrays.copyOf(fs, points),
        java.util.Arrays.copyOf(evals, points),
        steps,
        note);
  }
}
