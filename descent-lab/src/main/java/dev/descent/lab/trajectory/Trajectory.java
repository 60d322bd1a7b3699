package dev.descent.lab.trajectory;

import java.util.Arrays;
import java.util.Optional;

/**
 * The path of one optimizer on a 2-D function: points 0..n (point 0 is the start), the function
 * value at each, and the cumulative number of gradient evaluations spent to reach each point.
 *
 * <p>A path that diverged (a coordinate or the value overflowed to ±∞ or became NaN) ends at the
 * last finite point and carries a note saying at which step it diverged.
 */
public final class Trajectory {
  private final String label;
  private final double[] x;
  private final double[] y;
  private final double[] f;
  private final long[] evals;
  private final int requestedSteps;
  private final String note;

  /**
   * @param label the optimizer spec, used in legends and CSV
   * @param x first coordinates, one per point
   * @param y second coordinates
   * @param f function values
   * @param evals cumulative gradient evaluations at each point
   * @param requestedSteps the number of steps asked for
   * @param note why the path stopped early, or null if it ran all steps
   */
  public Trajectory(
      String label,
      double[] x,
      double[] y,
      double[] f,
      long[] evals,
      int requestedSteps,
      String note) {
    int n = x.length;
    if (n == 0 || y.length != n || f.length != n || evals.length != n) {
      throw new IllegalArgumentException(
          "x, y, f and evals must have the same positive length, got "
              + n
              + ", "
              + y.length
              + ", "
              + f.length
              + ", "
              + evals.length);
    }
    this.label = label;
    this.x = x.clone();
    this.y = y.clone();
    this.f = f.clone();
    this.evals = evals.clone();
    this.requestedSteps = requestedSteps;
    this.note = note;
  }

  /** The optimizer spec. */
  public String label() {
    return label;
  }

  /** The number of recorded points (steps taken + 1). */
  public int size() {
    return x.length;
  }

  /** The number of steps taken (size − 1). */
  public int steps() {
    return x.length - 1;
  }

  /** The number of steps that were asked for. */
  public int requestedSteps() {
    return requestedSteps;
  }

  /** The first coordinate of point {@code i}. */
  public double x(int i) {
    return x[i];
  }

  /** The second coordinate of point {@code i}. */
  public double y(int i) {
    return y[i];
  }

  /** f at point {@code i}. */
  public double f(int i) {
    return f[i];
  }

  /** Cumulative gradient evaluations spent to reach point {@code i}. */
  public long evals(int i) {
    return evals[i];
  }

  /** Copies of the first coordinates. */
  public double[] xs() {
    return x.clone();
  }

  /** Copies of the second coordinates. */
  public double[] ys() {
    return y.clone();
  }

  /** Whether the path stopped before the requested number of steps. */
  public boolean stoppedEarly() {
    return note != null;
  }

  /** Why the path stopped early (e.g. divergence), if it did. */
  public Optional<String> note() {
    return Optional.ofNullable(note);
  }

  /** The first {@code points} points of this path (for animations). */
  public Trajectory prefix(int points) {
    if (points < 1 || points > size()) {
      throw new IllegalArgumentException("points must be in [1, " + size() + "], got " + points);
    }
    return new Trajectory(
        label,
        Arrays.copyOf(x, points),
        Arrays.copyOf(y, points),
        Arrays.copyOf(f, points),
        Arrays.copyOf(evals, points),
        requestedSteps,
        points == size() ? note : null);
  }

  @Override
  public String toString() {
    int last = size() - 1;
    return label
        + ": "
        + steps()
        + " steps, end ("
        + x[last]
        + ", "
        + y[last]
        + "), f = "
        + f[last]
        + (note == null ? "" : " (" + note + ")");
  }
}
