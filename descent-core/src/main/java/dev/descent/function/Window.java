package dev.descent.function;

/**
 * A rectangle of the plane, used as the default plot area of a function.
 *
 * @param xMin left edge
 * @param xMax right edge, greater than {@code xMin}
 * @param yMin bottom edge
 * @param yMax top edge, greater than {@code yMin}
 */
public record Window(double xMin, double xMax, double yMin, double yMax) {

  /** Validates that the rectangle is finite and not empty. */
  public Window {
    if (!(Double.isFinite(xMin) && Double.isFinite(xMax) && xMin < xMax)) {
      throw new IllegalArgumentException(
          "window x range must be finite with xMin < xMax, got [" + xMin + ", " + xMax + "]");
    }
    if (!(Double.isFinite(yMin) && Double.isFinite(yMax) && yMin < yMax)) {
      throw new IllegalArgumentException(
          "window y range must be finite with yMin < yMax, got [" + yMin + ", " + yMax + "]");
    }
  }

  /** The square [-r, r] x [-r, r]. */
  public static Window square(double r) {
    return new Window(-r, r, -r, r);
  }

  /** Whether the point lies inside or on the border. */
  public boolean contains(double x, double y) {
    return x >= xMin && x <= xMax && y >= yMin && y <= yMax;
  }

  /** The smallest window holding this one and the point. */
  public Window including(double x, double y) {
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      return this;
    }
    return new Window(Math.min(xMin, x), Math.max(xMax, x), Math.min(yMin, y), Math.max(yMax, y));
  }

  /** This window grown by {@code fraction} of its size on every side. */
  public Window padded(double fraction) {
    double dx = (xMax - xMin) * fraction;
    double dy = (yMax - yMin) * fraction;
    return new Window(xMin - dx, xMax + dx, yMin - dy, yMax + dy);
  }
}
