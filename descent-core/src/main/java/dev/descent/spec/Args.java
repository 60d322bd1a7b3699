package dev.descent.spec;

import java.util.List;
import java.util.Map;

/**
 * The arguments of a spec after defaults were filled in and types checked, handed to a registry
 * entry's factory. Getters throw {@link IllegalArgumentException} naming the spec and key.
 */
public final class Args {
  private final String specName;
  private final Map<String, Object> values;

  Args(String specName, Map<String, Object> values) {
    this.specName = specName;
    this.values = values;
  }

  /** The name of the spec these arguments belong to. */
  public String specName() {
    return specName;
  }

  /** Whether {@code key} has a value (given or defaulted). */
  public boolean has(String key) {
    return values.get(key) != null;
  }

  private Object get(String key) {
    Object v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException(specName + ": " + key + " is required");
    }
    return v;
  }

  /** A number argument. */
  public double number(String key) {
    return (Double) get(key);
  }

  /** An integer argument. */
  public int integer(String key) {
    return Math.toIntExact(longInteger(key));
  }

  /** An integer argument as a long. */
  public long longInteger(String key) {
    return (long) (double) (Double) get(key);
  }

  /** A boolean argument. */
  public boolean bool(String key) {
    return (Boolean) get(key);
  }

  /** A word argument (lower case). */
  public String word(String key) {
    return (String) get(key);
  }

  /** A list-of-numbers argument. */
  public double[] numbers(String key) {
    List<?> list = (List<?>) get(key);
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (Double) list.get(i);
    }
    return out;
  }

  /** A nested-spec argument. */
  public Spec spec(String key) {
    return (Spec) get(key);
  }
}
