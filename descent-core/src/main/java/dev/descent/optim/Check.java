package dev.descent.optim;

import dev.descent.spec.Spec;

/** Range checks for config records; messages name the parameter, the range and the value. */
final class Check {
  private Check() {}

  /** {@code v} in [0, inf). */
  static double nonNegative(String name, double v) {
    if (!(v >= 0) || v == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(name + " must be in [0, inf), got " + v);
    }
    return v;
  }

  /** {@code v} in (0, inf). */
  static double positive(String name, double v) {
    if (!(v > 0) || v == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(name + " must be in (0, inf), got " + v);
    }
    return v;
  }

  /** {@code v} in (0, inf]; infinity means "off". */
  static double positiveOrInf(String name, double v) {
    if (!(v > 0)) {
      throw new IllegalArgumentException(name + " must be in (0, inf], got " + v);
    }
    return v;
  }

  /** {@code v} in [0, 1). */
  static double unitOpen(String name, double v) {
    if (!(v >= 0 && v < 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1), got " + v);
    }
    return v;
  }

  /** {@code v} in [0, 1]. */
  static double unitClosed(String name, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], got " + v);
    }
    return v;
  }

  /** {@code name(k1=v1,k2=v2,…)} from alternating keys and values, numbers in shortest form. */
  static String spec(String name, Object... keyValues) {
    StringBuilder sb = new StringBuilder(name).append('(');
    for (int i = 0; i < keyValues.length; i += 2) {
      if (i > 0) {
        sb.append(',');
      }
      Object v = keyValues[i + 1];
      sb.append(keyValues[i])
          .append('=')
          .append(v instanceof Double ? Spec.formatNumber((Double) v) : String.valueOf(v));
    }
    return sb.append(')').toString();
  }

  /** {@code first} followed by {@code rest}. */
  static Object[] join(Object[] first, Object... rest) {
    Object[] out = java.util.Arrays.copyOf(first, first.length + rest.length);
    System.arraycopy(rest, 0, out, first.length, rest.length);
    return out;
  }
}
