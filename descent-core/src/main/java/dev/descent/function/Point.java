package dev.descent.function;

/**
 * A point in the plane.
 *
 * @param x the first coordinate
 * @param y the second coordinate
 */
public record Point(double x, double y) {

  /**
   * Parses {@code "X,Y"}, e.g. {@code "-7,2"}.
   *
   * @throws IllegalArgumentException naming the text when it is not two finite numbers
   */
  public static Point parse(String text) {
    String[] parts = text.split(",", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException("a point must be X,Y (e.g. -7,2), got '" + text + "'");
    }
    try {
      double x = Double.parseDouble(parts[0].trim());
      double y = Double.parseDouble(parts[1].trim());
      if (!Double.isFinite(x) || !Double.isFinite(y)) {
        throw new IllegalArgumentException(
            "a point must have finite coordinates, got '" + text + "'");
      }
      return new Point(x, y);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a point must be X,Y (e.g. -7,2), got '" + text + "'", e);
    }
  }
}
