package dev.descent.nn;

import dev.descent.init.Initializer;
import dev.descent.init.Initializers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds the fully connected networks of the experiments: for each hidden width {@code Linear ->
 * [BatchNorm] -> activation -> [Dropout]}, then a final {@code Linear} producing logits (the book's
 * {@code MultiLayerNetExtend} layer order).
 *
 * <pre>{@code
 * Sequential net = Mlp.builder(784, 10).hidden(100, 100, 100, 100)
 *     .activation(Activation.RELU).init(Initializers.he()).batchNorm(true).seed(1).build();
 * }</pre>
 *
 * <p>Weights of all Linear layers are drawn in layer order from one {@code SplittableRandom(seed)},
 * so the same settings give bit-identical weights. Defaults: no hidden layers, ReLU, He normal
 * initialization, no batch norm, no dropout, seed 0.
 */
public final class Mlp {
  private final int in;
  private final int out;
  private int[] hidden = new int[0];
  private Activation activation = Activation.RELU;
  private Initializer init = Initializers.he();
  private boolean batchNorm;
  private double dropout;
  private Dropout.Variant dropoutVariant = Dropout.Variant.INVERTED;
  private long seed;

  private Mlp(int in, int out) {
    this.in = Checks.positive("in", in);
    this.out = Checks.positive("out", out);
  }

  /** A builder for a network from {@code in} features to {@code out} outputs. */
  public static Mlp builder(int in, int out) {
    return new Mlp(in, out);
  }

  /** Hidden layer widths, each positive. */
  public Mlp hidden(int... widths) {
    if (widths == null) {
      throw new IllegalArgumentException("hidden must not be null");
    }
    for (int i = 0; i < widths.length; i++) {
      if (widths[i] <= 0) {
        throw new IllegalArgumentException(
            "hidden["
                + i
                + "] must be positive, got "
                + widths[i]
                + " in "
                + Arrays.toString(widths));
      }
    }
    this.hidden = widths.clone();
    return this;
  }

  /** The hidden activation. */
  public Mlp activation(Activation activation) {
    if (activation == null) {
      throw new IllegalArgumentException("activation must not be null");
    }
    this.activation = activation;
    return this;
  }

  /** The weight initializer of every Linear layer. */
  public Mlp init(Initializer init) {
    if (init == null) {
      throw new IllegalArgumentException("init must not be null");
    }
    this.init = init;
    return this;
  }

  /** Whether to insert batch norm after each hidden Linear layer. */
  public Mlp batchNorm(boolean batchNorm) {
    this.batchNorm = batchNorm;
    return this;
  }

  /** Inverted dropout with probability {@code p} after each hidden activation (0 = none). */
  public Mlp dropout(double p) {
    return dropout(p, Dropout.Variant.INVERTED);
  }

  /** Dropout with probability {@code p} in [0, 1) and the given variant (0 = none). */
  public Mlp dropout(double p, Dropout.Variant variant) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), got " + p);
    }
    if (variant == null) {
      throw new IllegalArgumentException("variant must not be null");
    }
    this.dropout = p;
    this.dropoutVariant = variant;
    return this;
  }

  /** The seed of the weight initialization. */
  public Mlp seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** The network. */
  public Sequential build() {
    SplittableRandom random = new SplittableRandom(seed);
    List<Layer> layers = new ArrayList<>();
    int width = in;
    for (int h : hidden) {
      layers.add(new Linear(width, h, init, random));
      if (batchNorm) {
        layers.add(new BatchNorm(h));
      }
      layers.add(activation.create());
      if (dropout > 0) {
        layers.add(new Dropout(dropout, dropoutVariant));
      }
      width = h;
    }
    layers.add(new Linear(width, out, init, random));
    return new Sequential(layers);
  }
}
