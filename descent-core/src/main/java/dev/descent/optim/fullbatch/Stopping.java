package dev.descent.optim.fullbatch;

/**
 * When a full-batch method stops, checked after every iteration in PyTorch's order ({@code
 * torch.optim.LBFGS.step}): iteration limit, evaluation limit, gradient tolerance, step change,
 * value change. Before the first iteration only the gradient tolerance is checked.
 *
 * <ul>
 *   <li>‖∇f(xₖ)‖∞ ≤ {@code toleranceGrad} — first-order optimality (PyTorch's {@code
 *       tolerance_grad}, default 1e-7, on the largest gradient component);
 *   <li>‖xₖ − xₖ₋₁‖∞ ≤ {@code toleranceChange}, or |f(xₖ) − f(xₖ₋₁)| &lt; {@code toleranceChange} —
 *       lack of progress (PyTorch's {@code tolerance_change}, default 1e-9); also a search
 *       direction with gᵀd &gt; −{@code toleranceChange} ends the run;
 *   <li>{@code maxIterations} iterations (PyTorch's {@code max_iter}, default 20 per {@code step()}
 *       call);
 *   <li>{@code maxEvaluations} function+gradient evaluations, counted after each iteration
 *       (PyTorch's {@code max_eval}, default max_iter·5/4) — an iteration's line search may pass
 *       it.
 * </ul>
 *
 * <p>PyTorch's value test is absolute, so near a minimum with f* = 0 it stops early (L-BFGS on
 * Rosenbrock ends about 2e-5 from (1, 1)); {@link #untilConverged(int)} turns the change tests off
 * for runs that should go as far as the gradient tolerance.
 *
 * @param maxIterations at most this many iterations, ≥ 0
 * @param maxEvaluations stop once this many evaluations were spent, ≥ 1
 * @param toleranceGrad gradient tolerance (max-norm), ≥ 0
 * @param toleranceChange step and value change tolerance, ≥ 0
 */
public record Stopping(
    int maxIterations, long maxEvaluations, double toleranceGrad, double toleranceChange) {

  /** PyTorch's {@code tolerance_grad}. */
  public static final double TOLERANCE_GRAD = 1e-7;

  /** PyTorch's {@code tolerance_change}. */
  public static final double TOLERANCE_CHANGE = 1e-9;

  /** Validates the limits. */
  public Stopping {
    if (maxIterations < 0) {
      throw new IllegalArgumentException(
          "maxIterations must be in [0, 2147483647], got " + maxIterations);
    }
    if (maxEvaluations < 1) {
      throw new IllegalArgumentException(
          "maxEvaluations must be in [1, 9223372036854775807], got " + maxEvaluations);
    }
    if (!(toleranceGrad >= 0) || Double.isInfinite(toleranceGrad)) {
      throw new IllegalArgumentException("toleranceGrad must be in [0, inf), got " + toleranceGrad);
    }
    if (!(toleranceChange >= 0) || Double.isInfinite(toleranceChange)) {
      throw new IllegalArgumentException(
          "toleranceChange must be in [0, inf), got " + toleranceChange);
    }
  }

  /**
   * PyTorch's defaults for {@code maxIterations} iterations: max_eval = max_iter·5/4,
   * tolerance_grad = 1e-7, tolerance_change = 1e-9.
   */
  public static Stopping pytorch(int maxIterations) {
    return new Stopping(
        maxIterations, Math.max(1, maxIterations * 5L / 4), TOLERANCE_GRAD, TOLERANCE_CHANGE);
  }

  /**
   * Up to {@code maxIterations} iterations and no evaluation limit, stopping early only at ‖∇f‖∞ ≤
   * 1e-7 (or when a line search or the direction fails): the trajectory lab's rule.
   */
  public static Stopping untilConverged(int maxIterations) {
    return new Stopping(maxIterations, Long.MAX_VALUE, TOLERANCE_GRAD, 0);
  }
}
