package dev.descent.optim.fullbatch;

/**
 * The per-run part of a full-batch method: chooses a search direction and learns from each accepted
 * step. Created fresh for every run by the method's config record, so the record itself holds no
 * mutable state.
 */
interface Direction {

  /**
   * Writes the search direction at x into {@code d}.
   *
   * @param iteration 1-based iteration number
   * @param x the current point
   * @param f f(x)
   * @param g ∇f(x)
   * @param d receives the direction
   * @param run counts extra evaluations and collects notes
   * @return the first trial step for the line search
   */
  double direction(int iteration, double[] x, double f, double[] g, double[] d, Driver run);

  /**
   * Called after the step x ← x + t·d was accepted.
   *
   * @param t the step length
   * @param d the direction
   * @param gOld ∇f before the step
   * @param gNew ∇f after the step
   * @param run collects notes
   */
  void accepted(double t, double[] d, double[] gOld, double[] gNew, Driver run);
}
