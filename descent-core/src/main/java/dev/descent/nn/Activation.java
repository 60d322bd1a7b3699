package dev.descent.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The hidden-layer activations by name, as the CLI and the experiments choose them. */
public enum Activation {
  /** {@link ReLU}. */
  RELU,
  /** {@link LeakyReLU} with slope 0.01. */
  LEAKY_RELU,
  /** {@link Sigmoid}. */
  SIGMOID,
  /** {@link Tanh}. */
  TANH;

  /** A new layer of this kind. */
  public Layer create() {
    switch (this) {
      case RELU:
        return new ReLU();
      case LEAKY_RELU:
        return new LeakyReLU();
      case SIGMOID:
        return new Sigmoid();
      default:
        return new Tanh();
    }
  }

  /** The lower-case spec name: {@code relu}, {@code leaky_relu}, {@code sigmoid}, {@code tanh}. */
  public String specName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The activation called {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException listing the valid names
   */
  public static Activation parse(String name) {
    List<String> names = new ArrayList<>();
    for (Activation a : values()) {
      if (a.specName().equalsIgnoreCase(name)) {
        return a;
      }
      names.add(a.specName());
    }
    throw new IllegalArgumentException(
        "activation must be one of " + String.join(", ", names) + ", got " + name);
  }
}
