package dev.descent.optim.fullbatch;

/** Why a full-batch run ended; {@link Result#message()} gives the numbers. */
public enum StopReason {
  /** ‖∇f‖∞ fell to the gradient tolerance: converged to a stationary point. */
  GRADIENT_TOLERANCE,
  /** The step ‖xₖ − xₖ₋₁‖∞ fell to the change tolerance. */
  STEP_TOLERANCE,
  /** |f(xₖ) − f(xₖ₋₁)| fell below the change tolerance. */
  VALUE_TOLERANCE,
  /** The search direction was not a descent direction (gᵀd &gt; −tolerance_change). */
  NO_DESCENT_DIRECTION,
  /** The iteration limit was reached. */
  MAX_ITERATIONS,
  /** The evaluation limit was reached. */
  MAX_EVALUATIONS,
  /** A line search found no lower point; the run stays at the last iterate. */
  LINE_SEARCH_FAILED,
  /** f or ∇f became NaN or infinite at a new point; the run stays at the last finite iterate. */
  DIVERGED
}
