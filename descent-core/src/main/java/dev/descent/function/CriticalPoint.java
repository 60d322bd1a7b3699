package dev.descent.function;

/**
 * A known point where the gradient vanishes, with its kind.
 *
 * @param point where it is
 * @param kind minimum, maximum or saddle (by the signs of the Hessian's eigenvalues)
 */
public record CriticalPoint(Point point, Kind kind) {

  /** The classification by the Hessian's eigenvalues. */
  public enum Kind {
    /** All eigenvalues positive (or a global minimum with a degenerate Hessian). */
    MINIMUM,
    /** All eigenvalues negative. */
    MAXIMUM,
    /** Eigenvalues of mixed sign, or a degenerate point that is neither minimum nor maximum. */
    SADDLE
  }

  /** Validates the arguments. */
  public CriticalPoint {
    if (point == null || kind == null) {
      throw new IllegalArgumentException("point and kind must not be null");
    }
  }

  /** A minimum at (x, y). */
  public static CriticalPoint minimum(double x, double y) {
    return new CriticalPoint(new Point(x, y), Kind.MINIMUM);
  }

  /** A saddle point at (x, y). */
  public static CriticalPoint saddle(double x, double y) {
    return new CriticalPoint(new Point(x, y), Kind.SADDLE);
  }
}
