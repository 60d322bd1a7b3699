package dev.descent.train;

import dev.descent.init.Initializers;
import dev.descent.nn.Activation;
import dev.descent.nn.Mlp;
import dev.descent.nn.Sequential;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The architecture of a fully connected classifier, as the CLI's {@code train} options give it and
 * as checkpoints and safetensors metadata record it, so a saved model can be rebuilt by {@code
 * descent evaluate} and a checkpoint can be checked against the run resuming it.
 *
 * <p>It builds {@link Mlp}'s layer order: for each hidden width {@code Linear -> [BatchNorm] ->
 * activation -> [Dropout]}, then {@code Linear} to the logits.
 *
 * @param inputs input features, positive
 * @param hidden hidden widths, each positive (may be empty)
 * @param outputs classes, positive
 * @param activation the hidden activation
 * @param init the weight initializer spec, e.g. {@code he} (see {@link Initializers})
 * @param batchNorm whether batch norm follows each hidden Linear layer
 * @param dropout inverted-dropout probability after each hidden activation, in [0, 1)
 * @param seed the seed of the initial weights
 */
public record ModelSpec(
    int inputs,
    int[] hidden,
    int outputs,
    Activation activation,
    String init,
    boolean batchNorm,
    double dropout,
    long seed) {

  /** The metadata key naming the architecture family; its value is {@code mlp}. */
  public static final String MODEL_KEY = "descent.model";

  /** Validates every field and copies {@code hidden}. */
  public ModelSpec {
    if (inputs <= 0) {
      throw new IllegalArgumentException("inputs must be positive, got " + inputs);
    }
    if (outputs <= 0) {
      throw new IllegalArgumentException("outputs must be positive, got " + outputs);
    }
    if (hidden == null) {
      throw new IllegalArgumentException("hidden must not be null");
    }
    hidden = hidden.clone();
    for (int i = 0; i < hidden.length; i++) {
      if (hidden[i] <= 0) {
        throw new IllegalArgumentException(
            "hidden widths must be positive, got " + hidden[i] + " at position " + (i + 1));
      }
    }
    if (activation == null) {
      throw new IllegalArgumentException("activation must not be null");
    }
    if (init == null || init.isEmpty()) {
      throw new IllegalArgumentException("init must not be empty");
    }
    Initializers.create(init);
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
    }
  }

  /** The hidden widths (a copy). */
  @Override
  public int[] hidden() {
    return hidden.clone();
  }

  /** A freshly initialized network of this architecture. */
  public Sequential build() {
    return Mlp.builder(inputs, outputs)
        .hidden(hidden)
        .activation(activation)
        .init(Initializers.create(init))
        .batchNorm(batchNorm)
        .dropout(dropout)
        .seed(seed)
        .build();
  }

  /** The architecture as string metadata (safetensors {@code __metadata__}, checkpoints). */
  public Map<String, String> metadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(MODEL_KEY, "mlp");
    m.put("inputs", Integer.toString(inputs));
    m.put("hidden", joined(hidden));
    m.put("outputs", Integer.toString(outputs));
    m.put("activation", activation.specName());
    m.put("init", init);
    m.put("batchnorm", Boolean.toString(batchNorm));
    m.put("dropout", Double.toString(dropout));
    m.put("init_seed", Long.toString(seed));
    return m;
  }

  /**
   * The architecture recorded in {@code metadata} (as written by {@link #metadata()}).
   *
   * @throws IllegalArgumentException naming the missing or invalid key
   */
  public static ModelSpec fromMetadata(Map<String, String> metadata) {
    if (!"mlp".equals(metadata.get(MODEL_KEY))) {
      throw new IllegalArgumentException(
          "metadata "
              + MODEL_KEY
              + " must be mlp (a descent model), got "
              + metadata.get(MODEL_KEY));
    }
    try {
      String h = require(metadata, "hidden");
      int[] hidden =
          h.isEmpty()
              ? new int[0]
              : Arrays.stream(h.split(",")).mapToInt(Integer::parseInt).toArray();
      return new ModelSpec(
          Integer.parseInt(require(metadata, "inputs")),
          hidden,
          Integer.parseInt(require(metadata, "outputs")),
          Activation.parse(require(metadata, "activation")),
          require(metadata, "init"),
          Boolean.parseBoolean(require(metadata, "batchnorm")),
          Double.parseDouble(require(metadata, "dropout")),
          Long.parseLong(require(metadata, "init_seed")));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("metadata has a malformed number: " + e.getMessage(), e);
    }
  }

  private static String require(Map<String, String> m, String key) {
    String v = m.get(key);
    if (v == null) {
      throw new IllegalArgumentException("metadata has no " + key);
    }
    return v;
  }

  private static String joined(int[] xs) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < xs.length; i++) {
      sb.append(i == 0 ? "" : ",").append(xs[i]);
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelSpec && metadata().equals(((ModelSpec) o).metadata());
  }

  @Override
  public int hashCode() {
    return metadata().hashCode();
  }

  @Override
  public String toString() {
    return "ModelSpec" + metadata();
  }
}
