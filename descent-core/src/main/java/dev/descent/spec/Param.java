package dev.descent.spec;

/**
 * One hyperparameter of a registry entry: its key in spec strings, type, default, valid range and
 * documentation. The registry uses it for help texts, error messages and the tuner's search spaces;
 * the value itself is validated by the config record the entry builds.
 *
 * @param key the spec key, e.g. {@code lr}
 * @param type the value type
 * @param defaultValue the default ({@code null} when the key is required)
 * @param range the valid range in words, e.g. {@code [0, 1)}
 * @param doc one line saying what it does, with its source
 */
public record Param(String key, Type type, Object defaultValue, String range, String doc) {

  /** Value types a spec argument can have. */
  public enum Type {
    /** A {@code double}. */
    NUMBER,
    /** A whole number (written without a fractional part). */
    INTEGER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** A bare word from a fixed set, given in {@code range}. */
    WORD,
    /** A list of numbers in brackets. */
    NUMBER_LIST,
    /** A nested spec. */
    SPEC
  }

  /** Validates the definition. */
  public Param {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("key must not be empty");
    }
    if (type == null) {
      throw new IllegalArgumentException("type of " + key + " must not be null");
    }
  }

  /** A number with a default. */
  public static Param number(String key, double defaultValue, String range, String doc) {
    return new Param(key, Type.NUMBER, defaultValue, range, doc);
  }

  /** A required number (no default). */
  public static Param requiredNumber(String key, String range, String doc) {
    return new Param(key, Type.NUMBER, null, range, doc);
  }

  /** An integer with a default. */
  public static Param integer(String key, long defaultValue, String range, String doc) {
    return new Param(key, Type.INTEGER, (double) defaultValue, range, doc);
  }

  /** A required integer (no default). */
  public static Param requiredInteger(String key, String range, String doc) {
    return new Param(key, Type.INTEGER, null, range, doc);
  }

  /** A boolean with a default. */
  public static Param bool(String key, boolean defaultValue, String doc) {
    return new Param(key, Type.BOOLEAN, defaultValue, "true|false", doc);
  }

  /** A word from {@code choices} (separated by '|') with a default. */
  public static Param word(String key, String defaultValue, String choices, String doc) {
    return new Param(key, Type.WORD, defaultValue, choices, doc);
  }

  /** Whether the key must be given. */
  public boolean required() {
    return defaultValue == null;
  }

  /** {@code key=default} or {@code key (required)}, for help texts. */
  public String usage() {
    if (required()) {
      return key + " (required)";
    }
    StringBuilder sb = new StringBuilder(key).append('=');
    Spec.appendValue(sb, defaultValue);
    return sb.toString();
  }
}
