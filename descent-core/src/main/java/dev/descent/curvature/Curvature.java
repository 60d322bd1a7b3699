package dev.descent.curvature;

/**
 * What the signs of the Hessian's eigenvalues say about a point (seeds 002/003: "all positive:
 * minimum; all negative: maximum; mixed: saddle"), with the case the seeds leave out: a zero
 * eigenvalue without one of each sign is {@link #DEGENERATE} — the second-order test cannot decide
 * (the monkey saddle's origin, where the Hessian is zero).
 *
 * <p>An eigenvalue counts as zero when |λ| ≤ 1e-8·max(1, max |λᵢ|): exact Hessians are exact to
 * rounding, and difference Hessians to about 1e-10 relative.
 */
public enum Curvature {
  /** All eigenvalues positive: a strict local minimum if the gradient vanishes. */
  MINIMUM,
  /** All eigenvalues negative: a strict local maximum if the gradient vanishes. */
  MAXIMUM,
  /** Eigenvalues of both signs: a saddle point if the gradient vanishes. */
  SADDLE,
  /** Some eigenvalue is zero and the others do not have both signs: the test is inconclusive. */
  DEGENERATE;

  /** The relative size below which an eigenvalue counts as zero. */
  public static final double ZERO_TOLERANCE = 1e-8;

  /**
   * Classifies by the signs of {@code eigenvalues}.
   *
   * @throws IllegalArgumentException if there are none or one is not finite
   */
  public static Curvature classify(double[] eigenvalues) {
    if (eigenvalues == null || eigenvalues.length == 0) {
      throw new IllegalArgumentException("eigenvalues must not be empty");
    }
    double scale = 1;
    for (double v : eigenvalues) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("eigenvalues must be finite, got " + v);
      }
      scale = Math.max(scale, Math.abs(v));
    }
    double zero = ZERO_TOLERANCE * scale;
    boolean positive = false;
    boolean negative = false;
    boolean nil = false;
    for (double v : eigenvalues) {
      if (v > zero) {
        positive = true;
      } else if (v < -zero) {
        negative = true;
      } else {
        nil = true;
      }
    }
    if (positive && negative) {
      return SADDLE;
    }
    if (nil) {
      return DEGENERATE;
    }
    return positive ? MINIMUM : MAXIMUM;
  }

  /** Lower-case name for output ("minimum", "saddle", …). */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
