package dev.descent.schedule;

/**
 * Range checks shared by the schedule configs; messages read "{@code cosine: t_max must be in [1,
 * inf), got 0}".
 */
final class Check {
  private Check() {}

  /** A rate: finite and non-negative. */
  static void rate(String schedule, String key, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw fail(schedule, key, "[0, inf)", value);
    }
  }

  /** A finite number {@code >= min}. */
  static void atLeast(String schedule, String key, double value, double min) {
    if (!(value >= min) || Double.isInfinite(value)) {
      throw fail(schedule, key, "[" + num(min) + ", inf)", value);
    }
  }

  /** A finite number {@code > min}. */
  static void above(String schedule, String key, double value, double min) {
    if (!(value > min) || Double.isInfinite(value)) {
      throw fail(schedule, key, "(" + num(min) + ", inf)", value);
    }
  }

  /** A whole number {@code >= min}. */
  static void atLeast(String schedule, String key, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(
          schedule + ": " + key + " must be in [" + min + ", inf), got " + value);
    }
  }

  /** A decay factor in (0, 1]. */
  static void gamma(String schedule, String key, double value) {
    if (!(value > 0 && value <= 1)) {
      throw fail(schedule, key, "(0, 1]", value);
    }
  }

  /** A momentum-like coefficient in [0, 1). */
  static void unitOpen(String schedule, String key, double value) {
    if (!(value >= 0 && value < 1)) {
      throw fail(schedule, key, "[0, 1)", value);
    }
  }

  /** A non-negative step index. */
  static void step(long step) {
    if (step < 0) {
      throw new IllegalArgumentException("step must be in [0, inf), got " + step);
    }
  }

  static IllegalArgumentException fail(String schedule, String key, String range, double value) {
    return new IllegalArgumentException(
        schedule + ": " + key + " must be in " + range + ", got " + value);
  }

  private static String num(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
