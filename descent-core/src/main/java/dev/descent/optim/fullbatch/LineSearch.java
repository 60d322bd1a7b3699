package dev.descent.optim.fullbatch;

/**
 * A search for a step length t &gt; 0 along a descent direction d from x, shared by all full-batch
 * methods: φ(t) = f(x + t·d), with φ(0) = f(x) and φ'(0) = ∇f(x)ᵀd &lt; 0 known.
 *
 * <p>A search never loops forever: it has a fixed evaluation budget and reports whether its
 * conditions hold at the returned step ({@link Step#satisfied()}); if they do not, it returns the
 * lowest point it saw, which may be the start (t = 0).
 */
public interface LineSearch {

  /**
   * Searches along the line.
   *
   * @param line evaluates f and ∇f at x + t·d and counts evaluations
   * @param f0 φ(0) = f(x)
   * @param g0 ∇f(x) (not modified)
   * @param gtd0 φ'(0) = ∇f(x)ᵀd, negative
   * @param t0 the first trial step, &gt; 0
   * @param gOut receives ∇f(x + t·d) at the returned step (g0 when t = 0)
   * @return the step, f there, the evaluations spent and whether the conditions hold
   */
  Step search(Line line, double f0, double[] g0, double gtd0, double t0, double[] gOut);

  /**
   * The search as spec arguments of the method that uses it, e.g. {@code
   * strong_wolfe,c1=0.0001,c2=0.9} (so {@code lbfgs(search=strong_wolfe,c1=0.0001,c2=0.9)}).
   */
  String description();

  /**
   * The outcome of one search.
   *
   * @param t the step length (0 when no lower point was found)
   * @param value f(x + t·d)
   * @param evaluations function+gradient evaluations spent in this search
   * @param satisfied whether the search's conditions hold at t
   * @param message why they do not, or "" when they do
   */
  record Step(double t, double value, int evaluations, boolean satisfied, String message) {}
}
