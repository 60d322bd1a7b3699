package dev.descent.optim.fullbatch;

import dev.descent.function.Objective;

/**
 * A full-batch optimizer: minimises an {@link Objective} from a start point, evaluating f and ∇f
 * wherever it needs them, until a {@link Stopping} rule fires. Implementations are immutable config
 * records; all per-run state lives inside {@link #minimize}, so one instance can drive many runs,
 * also concurrently.
 *
 * <pre>{@code
 * FullBatchMethod lbfgs = FullBatchMethods.create("lbfgs(history=10)");
 * Result r = lbfgs.minimize(Objective.of(Functions.create("rosenbrock")),
 *     new double[] {-1.5, 2}, Stopping.untilConverged(200));
 * r.x(); r.evaluations(); r.reason();
 * }</pre>
 */
public interface FullBatchMethod {

  /**
   * The spec that rebuilds this method, e.g. {@code lbfgs(lr=1,history=10,search=strong_wolfe)}.
   */
  String description();

  /**
   * Minimises f from {@code x0}.
   *
   * @param f the objective
   * @param x0 the start, length f.dimension() (not modified)
   * @param stop when to stop
   * @return the path, evaluation counts and why it stopped
   * @throws IllegalArgumentException if x0 has the wrong length or f is not finite at x0
   */
  Result minimize(Objective f, double[] x0, Stopping stop);
}
