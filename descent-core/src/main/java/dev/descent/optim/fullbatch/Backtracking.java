package dev.descent.optim.fullbatch;

import dev.descent.spec.Spec;

/**
 * Backtracking line search for sufficient decrease (Armijo 1966; Nocedal &amp; Wright Algorithm
 * 3.1): try t = t0, then t·ρ, t·ρ², … until
 *
 * <pre>
 *   f(x + t·d) ≤ f(x) + c1·t·∇f(x)ᵀd
 * </pre>
 *
 * <p>A NaN or infinite f counts as too high. After {@code maxEvaluations} trials without success it
 * returns the lowest finite point it saw below f(x) (or t = 0 when there was none) and reports the
 * failure.
 *
 * @param c1 sufficient-decrease constant, in (0, 1); default 1e-4 (N&amp;W §3.1)
 * @param shrink the factor ρ, in (0, 1); default 0.5
 * @param maxEvaluations trials per search, ≥ 1; default 30 (0.5³⁰ ≈ 1e-9 of the first trial)
 */
public record Backtracking(double c1, double shrink, int maxEvaluations) implements LineSearch {

  /** Validates the constants. */
  public Backtracking {
    if (!(c1 > 0 && c1 < 1)) {
      throw new IllegalArgumentException("c1 must be in (0, 1), got " + c1);
    }
    if (!(shrink > 0 && shrink < 1)) {
      throw new IllegalArgumentException("shrink must be in (0, 1), got " + shrink);
    }
    if (maxEvaluations < 1) {
      throw new IllegalArgumentException(
          "maxEvaluations must be in [1, 2147483647], got " + maxEvaluations);
    }
  }

  /** c1 with ρ = 0.5 and 30 trials. */
  public static Backtracking armijo(double c1) {
    return new Backtracking(c1, 0.5, 30);
  }

  @Override
  public String description() {
    return "armijo,c1=" + Spec.formatNumber(c1);
  }

  @Override
  public Step search(Line line, double f0, double[] g0, double gtd0, double t0, double[] gOut) {
    double[] bestG = line.scratch(0);
    double bestT = 0;
    double bestF = f0;
    double t = t0;
    for (int k = 0; k < maxEvaluations; k++) {
      double f = line.evaluate(t, gOut);
      if (f <= f0 + c1 * t * gtd0) {
        return new Step(t, f, line.evaluations(), true, "");
      }
      if (f < bestF) {
        bestF = f;
        bestT = t;
        System.arraycopy(gOut, 0, bestG, 0, gOut.length);
      }
      t *= shrink;
    }
    System.arraycopy(bestT == 0 ? g0 : bestG, 0, gOut, 0, gOut.length);
    return new Step(
        bestT,
        bestF,
        line.evaluations(),
        false,
        "armijo: no step down to "
            + t0 * Math.pow(shrink, maxEvaluations - 1)
            + " gave sufficient decrease ("
            + maxEvaluations
            + " evaluations)");
  }
}
