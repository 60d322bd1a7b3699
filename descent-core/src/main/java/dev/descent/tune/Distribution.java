package dev.descent.tune;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The range one hyperparameter is searched over, written {@code log_uniform(a,b)}, {@code
 * uniform(a,b)}, {@code int(a,b)} or {@code choice(x,y,…)}.
 *
 * <p>Every sampler draws points in the unit cube and maps each coordinate u ∈ [0, 1) through {@link
 * #at(double)} (the inverse CDF): {@code log_uniform(a,b)} gives a·(b/a)^u, so the exponent is
 * uniform (the seeds' 10^U(−6,−2) is {@code log_uniform(1e-6,1e-2)}); {@code uniform} gives a + u(b
 * − a); {@code int(a,b)} gives each integer in [a, b] with equal probability; {@code choice} picks
 * each listed value with equal probability. Values are {@link Double}s, {@link Long}s (for {@code
 * int}) or, for {@code choice}, numbers or words (e.g. {@code choice(he,xavier)}).
 */
public sealed interface Distribution
    permits Distribution.LogUniform,
        Distribution.Uniform,
        Distribution.IntRange,
        Distribution.Choice {

  /** The value at unit coordinate {@code u} in [0, 1). */
  Object at(double u);

  /** {@code levels} values spread evenly over the range, both ends included (grid search). */
  List<Object> grid(int levels);

  /**
   * The position of {@code value} on the sampling scale, in [0, 1] (0 = lower end, 1 = upper end);
   * NaN for {@code choice}.
   */
  double position(Object value);

  /**
   * The range narrowed around {@code best} (coarse-to-fine): numeric ranges shrink to the span of
   * the best values on the sampling scale, padded by a quarter of that span on each side (a tenth
   * of the old width when the values coincide) and clipped to this range; {@code choice} keeps the
   * values that occur among {@code best}.
   */
  Distribution narrow(List<Object> best);

  /** Whether the range is numeric (charts put it on the x axis). */
  default boolean numeric() {
    return !(this instanceof Choice);
  }

  /**
   * A value uniform in the exponent: a·(b/a)^u, for scale parameters such as learning rates.
   *
   * @param lo the lower end a, positive
   * @param hi the upper end b, &gt; a
   */
  record LogUniform(double lo, double hi) implements Distribution {
    /** Checks 0 &lt; lo &lt; hi &lt; ∞. */
    public LogUniform {
      if (!(lo > 0 && hi > lo && hi < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException(
            "log_uniform(a,b) needs 0 < a < b < inf, got a=" + lo + ", b=" + hi);
      }
    }

    @Override
    public Object at(double u) {
      // clamped: exp(log(x)) may round past the ends
      return Math.min(hi, Math.max(lo, Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo)))));
    }

    @Override
    public List<Object> grid(int levels) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < levels; i++) {
        out.add(at(levels == 1 ? 0.5 : i / (double) (levels - 1)));
      }
      return out;
    }

    @Override
    public double position(Object value) {
      return (Math.log(((Number) value).doubleValue()) - Math.log(lo))
          / (Math.log(hi) - Math.log(lo));
    }

    @Override
    public Distribution narrow(List<Object> best) {
      double[] r = padded(best, Math.log(lo), Math.log(hi), true);
      return new LogUniform(Math.max(lo, Math.exp(r[0])), Math.min(hi, Math.exp(r[1])));
    }

    @Override
    public String toString() {
      return "log_uniform(" + number(lo) + "," + number(hi) + ")";
    }
  }

  /**
   * A value uniform in [a, b).
   *
   * @param lo the lower end a
   * @param hi the upper end b, &gt; a
   */
  record Uniform(double lo, double hi) implements Distribution {
    /** Checks −∞ &lt; lo &lt; hi &lt; ∞. */
    public Uniform {
      if (!(Double.isFinite(lo) && Double.isFinite(hi) && hi > lo)) {
        throw new IllegalArgumentException(
            "uniform(a,b) needs finite a < b, got a=" + lo + ", b=" + hi);
      }
    }

    @Override
    public Object at(double u) {
      return lo + u * (hi - lo);
    }

    @Override
    public List<Object> grid(int levels) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < levels; i++) {
        out.add(at(levels == 1 ? 0.5 : i / (double) (levels - 1)));
      }
      return out;
    }

    @Override
    public double position(Object value) {
      return (((Number) value).doubleValue() - lo) / (hi - lo);
    }

    @Override
    public Distribution narrow(List<Object> best) {
      double[] r = padded(best, lo, hi, false);
      return new Uniform(r[0], r[1]);
    }

    @Override
    public String toString() {
      return "uniform(" + number(lo) + "," + number(hi) + ")";
    }
  }

  /**
   * An integer uniform in [a, b], both ends included.
   *
   * @param lo the lower end a
   * @param hi the upper end b, &gt;= a
   */
  record IntRange(long lo, long hi) implements Distribution {
    /** Checks lo &lt;= hi. */
    public IntRange {
      if (hi < lo) {
        throw new IllegalArgumentException("int(a,b) needs a <= b, got a=" + lo + ", b=" + hi);
      }
    }

    @Override
    public Object at(double u) {
      long n = hi - lo + 1;
      return Math.min(hi, lo + (long) Math.floor(u * n));
    }

    @Override
    public List<Object> grid(int levels) {
      int n = (int) Math.min(levels, hi - lo + 1);
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(n == 1 ? (lo + hi) / 2 : lo + Math.round(i * (hi - lo) / (double) (n - 1)));
      }
      return out;
    }

    @Override
    public double position(Object value) {
      return hi == lo ? 0.5 : (((Number) value).doubleValue() - lo) / (double) (hi - lo);
    }

    @Override
    public Distribution narrow(List<Object> best) {
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (Object v : best) {
        long x = ((Number) v).longValue();
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
      long pad = (max - min) / 4;
      return new IntRange(Math.max(lo, min - pad), Math.min(hi, max + pad));
    }

    @Override
    public String toString() {
      return "int(" + lo + "," + hi + ")";
    }
  }

  /**
   * One of a list of values.
   *
   * @param values the choices (numbers or words), at least one, no duplicates
   */
  record Choice(List<Object> values) implements Distribution {
    /** Checks and copies the values. */
    public Choice {
      if (values == null || values.isEmpty()) {
        throw new IllegalArgumentException("choice(…) needs at least one value");
      }
      if (new LinkedHashSet<>(values).size() != values.size()) {
        throw new IllegalArgumentException("choice(…) lists a value twice: " + values);
      }
      values = List.copyOf(values);
    }

    @Override
    public Object at(double u) {
      return values.get(Math.min(values.size() - 1, (int) Math.floor(u * values.size())));
    }

    @Override
    public List<Object> grid(int levels) {
      return values;
    }

    @Override
    public double position(Object value) {
      return Double.NaN;
    }

    @Override
    public Distribution narrow(List<Object> best) {
      List<Object> kept = new ArrayList<>();
      for (Object v : values) {
        if (best.contains(v)) {
          kept.add(v);
        }
      }
      return new Choice(kept);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("choice(");
      for (int i = 0; i < values.size(); i++) {
        sb.append(i == 0 ? "" : ",").append(format(values.get(i)));
      }
      return sb.append(')').toString();
    }
  }

  /**
   * Parses {@code log_uniform(a,b)}, {@code uniform(a,b)}, {@code int(a,b)} or {@code
   * choice(x,y,…)}; choice values may be nested specs such as {@code normal(std=0.01)}.
   *
   * @throws IllegalArgumentException naming the text and the valid forms
   */
  static Distribution parse(String text) {
    String t = text.strip();
    int open = t.indexOf('(');
    if (open < 0 || !t.endsWith(")")) {
      throw new IllegalArgumentException(
          "search range must be log_uniform(a,b), uniform(a,b), int(a,b) or choice(x,y,…), got '"
              + text
              + "'");
    }
    String name = t.substring(0, open).strip().toLowerCase(Locale.ROOT);
    List<String> args = splitTopLevel(t.substring(open + 1, t.length() - 1));
    switch (name) {
      case "log_uniform":
        return new LogUniform(number(args, 0, text), number(args, 1, text));
      case "uniform":
        return new Uniform(number(args, 0, text), number(args, 1, text));
      case "int":
        twoArgs(args, text);
        try {
          return new IntRange(Long.parseLong(args.get(0)), Long.parseLong(args.get(1)));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("int(a,b) needs integers, got '" + text + "'", e);
        }
      case "choice":
        List<Object> values = new ArrayList<>();
        for (String a : args) {
          if (a.isEmpty()) {
            throw new IllegalArgumentException("choice(…) has an empty value in '" + text + "'");
          }
          values.add(value(a));
        }
        return new Choice(values);
      default:
        throw new IllegalArgumentException(
            "search range must be log_uniform, uniform, int or choice, got '" + name + "'");
    }
  }

  /** A number when {@code s} reads as one, else the word itself. */
  static Object value(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return s;
    }
  }

  /** A value as it is written into messages and range texts. */
  static String format(Object v) {
    if (v instanceof Double) {
      return number((Double) v);
    }
    return String.valueOf(v);
  }

  /**
   * The shortest exact text of {@code d}: {@code 0.01}, {@code 1e-6}, {@code 1}, {@code 2.5e+8}.
   */
  static String number(double d) {
    if (!Double.isFinite(d)) {
      return Double.toString(d);
    }
    java.math.BigDecimal b = java.math.BigDecimal.valueOf(d).stripTrailingZeros();
    double a = Math.abs(d);
    if (d == 0 || (a >= 1e-3 && a < 1e7)) {
      return b.toPlainString();
    }
    String digits = b.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - b.scale();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return (d < 0 ? "-" : "") + mantissa + "e" + (exponent > 0 ? "+" : "") + exponent;
  }

  private static double number(List<String> args, int i, String text) {
    twoArgs(args, text);
    try {
      return Double.parseDouble(args.get(i));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + args.get(i) + "' in '" + text + "' is not a number", e);
    }
  }

  private static void twoArgs(List<String> args, String text) {
    if (args.size() != 2) {
      throw new IllegalArgumentException(
          "'" + text + "' needs exactly two arguments, got " + args.size());
    }
  }

  private static List<String> splitTopLevel(String s) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(' || c == '[') {
        depth++;
      } else if (c == ')' || c == ']') {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(s.substring(start, i).strip());
        start = i + 1;
      }
    }
    out.add(s.substring(start).strip());
    return out;
  }

  /** [min, max] of the best values on the (log) scale, padded and clipped to [lo, hi]. */
  private static double[] padded(List<Object> best, double lo, double hi, boolean log) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Object v : best) {
      double x = ((Number) v).doubleValue();
      x = log ? Math.log(x) : x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    double pad = max > min ? (max - min) / 4 : (hi - lo) / 20;
    return new double[] {Math.max(lo, min - pad), Math.min(hi, max + pad)};
  }
}
