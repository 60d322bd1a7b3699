package dev.descent.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed spec string: {@code NAME} or {@code NAME(key=value,…)}, the one syntax the CLI, the
 * tuner and the experiments use for optimizers, schedules, initializers and functions.
 *
 * <p>Values are numbers ({@link Double}), booleans ({@link Boolean}), bare words ({@link String}),
 * lists in brackets ({@link List} of values) or nested specs ({@link Spec}), e.g. {@code
 * multistep(lr=0.1,milestones=[30,60,90],gamma=0.1)}. Keys keep the order they were written in.
 *
 * @param name the lower-case name before the parentheses
 * @param args the arguments in the order written
 */
public record Spec(String name, Map<String, Object> args) {

  /** Validates and freezes the arguments. */
  public Spec {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("spec name must not be empty");
    }
    args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
  }

  /** A spec with no arguments. */
  public static Spec of(String name) {
    return new Spec(name, Map.of());
  }

  /**
   * Parses {@code text}.
   *
   * @throws SpecParseException pointing at the column of the first error
   */
  public static Spec parse(String text) {
    return new SpecParser(text).parseTop();
  }

  /** This spec with {@code key} set to {@code value} (added or replaced). */
  public Spec with(String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>(args);
    m.put(key, value);
    return new Spec(name, m);
  }

  /** The canonical text: parses back to an equal spec. */
  @Override
  public String toString() {
    if (args.isEmpty()) {
      return name;
    }
    StringBuilder sb = new StringBuilder(name).append('(');
    boolean first = true;
    for (Map.Entry<String, Object> e : args.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append(e.getKey()).append('=');
      appendValue(sb, e.getValue());
    }
    return sb.append(')').toString();
  }

  static void appendValue(StringBuilder sb, Object v) {
    if (v instanceof Double) {
      sb.append(formatNumber((Double) v));
    } else if (v instanceof List) {
      sb.append('[');
      boolean first = true;
      for (Object o : (List<?>) v) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        appendValue(sb, o);
      }
      sb.append(']');
    } else {
      sb.append(v);
    }
  }

  /** Shortest text that parses back to the same double ({@code 30} rather than {@code 30.0}). */
  public static String formatNumber(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }
}
