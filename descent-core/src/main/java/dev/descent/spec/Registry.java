package dev.descent.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Things of one kind (optimizers, schedules, initializers, …) by name: each entry lists its
 * hyperparameters and builds an instance from a {@link Spec}. The CLI, the tuner's search spaces
 * and the report's legends all read the same entries.
 *
 * <pre>{@code
 * Registry<Schedule> r = new Registry<>("schedule");
 * r.register("constant", "a fixed rate", List.of(Param.number("lr", 0.01, "[0, inf)", "rate")),
 *     a -> new Constant(a.number("lr")));
 * Schedule s = r.create("constant(lr=0.1)");
 * }</pre>
 *
 * @param <T> what the entries build
 */
public final class Registry<T> {

  /**
   * One named entry.
   *
   * @param name the spec name
   * @param doc one line for help texts
   * @param params the hyperparameters in display order
   * @param factory builds an instance from checked arguments
   * @param <T> what it builds
   */
  public record Entry<T>(String name, String doc, List<Param> params, Function<Args, T> factory) {
    /** Freezes the parameter list. */
    public Entry {
      params = List.copyOf(params);
    }

    /** The parameter with {@code key}, or null. */
    public Param param(String key) {
      for (Param p : params) {
        if (p.key().equals(key)) {
          return p;
        }
      }
      return null;
    }

    /** {@code name(k1=d1,k2=d2,…)} with defaults, for help texts. */
    public String usage() {
      if (params.isEmpty()) {
        return name;
      }
      StringBuilder sb = new StringBuilder(name).append('(');
      for (int i = 0; i < params.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(params.get(i).usage());
      }
      return sb.append(')').toString();
    }
  }

  private final String kind;
  private final Map<String, Entry<T>> entries = new LinkedHashMap<>();

  /**
   * @param kind what the entries are, for messages ("optimizer", "schedule", …)
   */
  public Registry(String kind) {
    this.kind = kind;
  }

  /** Adds an entry; returns this. */
  public Registry<T> register(
      String name, String doc, List<Param> params, Function<Args, T> factory) {
    if (entries.containsKey(name)) {
      throw new IllegalStateException(kind + " '" + name + "' is registered twice");
    }
    entries.put(name, new Entry<>(name, doc, params, factory));
    return this;
  }

  /** The entry names in registration order. */
  public List<String> names() {
    return List.copyOf(entries.keySet());
  }

  /** All entries in registration order. */
  public List<Entry<T>> entries() {
    return Collections.unmodifiableList(new ArrayList<>(entries.values()));
  }

  /**
   * The entry called {@code name}.
   *
   * @throws IllegalArgumentException listing the valid names and the closest match
   */
  public Entry<T> entry(String name) {
    Entry<T> e = entries.get(name);
    if (e == null) {
      throw new IllegalArgumentException(
          "unknown "
              + kind
              + " '"
              + name
              + "'"
              + suggestion(name, entries.keySet())
              + "; valid "
              + kind
              + "s: "
              + String.join(", ", entries.keySet()));
    }
    return e;
  }

  /** Parses {@code text} and builds the instance it names. */
  public T create(String text) {
    return create(Spec.parse(text));
  }

  /**
   * Builds the instance {@code spec} names, after checking its keys and value types and filling in
   * defaults.
   *
   * @throws IllegalArgumentException for an unknown name or key, a missing required key or a value
   *     of the wrong type; the instance's own constructor validates ranges
   */
  public T create(Spec spec) {
    return entry(spec.name()).factory().apply(args(spec));
  }

  /** The checked arguments of {@code spec} with defaults filled in. */
  public Args args(Spec spec) {
    Entry<T> e = entry(spec.name());
    Map<String, Object> values = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>();
    for (Param p : e.params()) {
      keys.add(p.key());
    }
    for (Map.Entry<String, Object> a : spec.args().entrySet()) {
      Param p = e.param(a.getKey());
      if (p == null) {
        throw new IllegalArgumentException(
            "unknown key '"
                + a.getKey()
                + "' for "
                + kind
                + " "
                + e.name()
                + suggestion(a.getKey(), keys)
                + "; valid keys: "
                + (keys.isEmpty() ? "(none)" : String.join(", ", keys)));
      }
      values.put(p.key(), checkType(e.name(), p, a.getValue()));
    }
    for (Param p : e.params()) {
      if (!values.containsKey(p.key())) {
        if (p.required()) {
          throw new IllegalArgumentException(
              kind
                  + " "
                  + e.name()
                  + " needs "
                  + p.key()
                  + " ("
                  + p.doc()
                  + "), e.g. "
                  + e.name()
                  + "("
                  + p.key()
                  + "=…)");
        }
        values.put(p.key(), p.defaultValue());
      }
    }
    return new Args(e.name(), values);
  }

  private static Object checkType(String name, Param p, Object v) {
    String where = name + ": " + p.key();
    switch (p.type()) {
      case NUMBER:
        if (v instanceof Double) {
          return v;
        }
        break;
      case INTEGER:
        if (v instanceof Double) {
          double d = (Double) v;
          if (d == Math.rint(d) && Math.abs(d) <= Long.MAX_VALUE) {
            return v;
          }
          throw new IllegalArgumentException(where + " must be a whole number, got " + d);
        }
        break;
      case BOOLEAN:
        if (v instanceof Boolean) {
          return v;
        }
        break;
      case WORD:
        if (v instanceof String) {
          List<String> choices = List.of(p.range().split("\\|"));
          if (choices.contains(v)) {
            return v;
          }
          throw new IllegalArgumentException(
              where
                  + " must be one of "
                  + String.join(", ", choices)
                  + ", got "
                  + v
                  + suggestion((String) v, choices));
        }
        break;
      case NUMBER_LIST:
        if (v instanceof List && ((List<?>) v).stream().allMatch(x -> x instanceof Double)) {
          return v;
        }
        if (v instanceof Double) {
          return List.of(v);
        }
        break;
      case SPEC:
        if (v instanceof Spec) {
          return v;
        }
        if (v instanceof String) {
          return Spec.of((String) v);
        }
        break;
    }
    StringBuilder got = new StringBuilder();
    Spec.appendValue(got, v);
    throw new IllegalArgumentException(where + " must be " + describe(p.type()) + ", got " + got);
  }

  private static String describe(Param.Type t) {
    switch (t) {
      case NUMBER:
        return "a number";
      case INTEGER:
        return "a whole number";
      case BOOLEAN:
        return "true or false";
      case WORD:
        return "a word";
      case NUMBER_LIST:
        return "a list of numbers like [1,2,3]";
      default:
        return "a spec like name(key=value)";
    }
  }

  /** "; did you mean 'x'?" for the closest candidate within a small edit distance, else "". */
  static String suggestion(String given, Iterable<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = editDistance(given, c);
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    if (best == null || bestDistance > Math.max(2, given.length() / 3)) {
      return "";
    }
    return "; did you mean '" + best + "'?";
  }

  /** Levenshtein distance. */
  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
