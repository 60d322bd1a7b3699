package dev.descent.nn;

import dev.descent.init.Initializer;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model that applies its layers in order: forward from first to last, backward from last to
 * first.
 *
 * <p>{@link #parameters()} lists every layer's parameters in layer order under PyTorch-style names
 * {@code layers.<index>.<name>} (e.g. {@code layers.0.weight}, {@code layers.0.bias}); they share
 * the layers' tensors, so an optimizer updating them updates the model. {@link #buffers()} names
 * non-trainable state the same way ({@code layers.1.running_mean}).
 *
 * <pre>{@code
 * Sequential model = Sequential.mlp(784, new int[] {100, 100}, 10,
 *     Activation.RELU, Initializers.he(), 42);
 * Tensor logits = model.forward(x, Context.training(rng));
 * double loss = new SoftmaxCrossEntropy().compute(logits, labels, dLogits);
 * model.backward(dLogits, false);   // parameter gradients only
 * }</pre>
 */
public final class Sequential implements Layer {
  private final List<Layer> layers;
  private final List<Parameter> parameters;
  // Forward runs of row-wise layers: chainEnd[i] is the end (exclusive) of the run starting at
  // layer i, i + 1 for a layer that is not row-wise.
  private final int[] chainEnd;
  private final RowWise[] rowWise;
  private final Linear[] linear;
  private final RowLocalBackward[] rowLocalBackward;
  private final Blocks.RowTask chainTask = new Blocks.RowTask(this::chainRows);
  private int chainFrom;
  private int chainTo;

  /** A model of {@code layers} applied in order. */
  public Sequential(Layer... layers) {
    this(layers == null ? null : List.of(layers));
  }

  /** A model of {@code layers} applied in order (copied). */
  public Sequential(List<Layer> layers) {
    if (layers == null || layers.isEmpty()) {
      throw new IllegalArgumentException("layers must be a non-empty list");
    }
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i) == null) {
        throw new IllegalArgumentException("layers[" + i + "] must not be null");
      }
    }
    this.layers = List.copyOf(layers);
    List<Parameter> ps = new ArrayList<>();
    for (int i = 0; i < this.layers.size(); i++) {
      for (Parameter p : this.layers.get(i).parameters()) {
        ps.add(new Parameter(prefix(i) + p.name(), p.value(), p.grad(), p.decay()));
      }
    }
    this.parameters = Collections.unmodifiableList(ps);
    int n = this.layers.size();
    this.rowWise = new RowWise[n];
    this.linear = new Linear[n];
    this.rowLocalBackward = new RowLocalBackward[n];
    this.chainEnd = new int[n];
    for (int i = 0; i < n; i++) {
      linear[i] = this.layers.get(i) instanceof Linear l ? l : null;
      rowLocalBackward[i] = this.layers.get(i) instanceof RowLocalBackward r ? r : null;
    }
    for (int i = n - 1; i >= 0; i--) {
      rowWise[i] = this.layers.get(i) instanceof RowWise r ? r : null;
      chainEnd[i] =
          rowWise[i] != null && i + 1 < n && rowWise[i + 1] != null ? chainEnd[i + 1] : i + 1;
    }
  }

  /**
   * A multi-layer perceptron {@code Linear -> activation -> ... -> Linear} with the given hidden
   * widths, weights from {@code init} seeded by {@code seed}; see {@link Mlp} for batch norm and
   * dropout.
   */
  public static Sequential mlp(
      int in, int[] hidden, int out, Activation activation, Initializer init, long seed) {
    return Mlp.builder(in, out).hidden(hidden).activation(activation).init(init).seed(seed).build();
  }

  private static String prefix(int i) {
    return "layers." + i + ".";
  }

  /** The layers in order (unmodifiable). */
  public List<Layer> layers() {
    return layers;
  }

  /**
   * Runs the layers in order. A run of consecutive row-wise layers (Linear, activations, dropout)
   * is computed block of rows by block of rows: one task per block of {@value Blocks#ROWS} rows
   * pushes that block through the whole run while it is in cache, and one barrier ends the run.
   * Each layer computes exactly what its own {@link Layer#forward} would.
   */
  @Override
  public Tensor forward(Tensor x, Context context) {
    // Indexed loops: no iterator allocation in the hot path, even before the JIT's escape analysis.
    Tensor h = x;
    for (int i = 0, n = layers.size(); i < n; ) {
      int end = chainEnd[i];
      if (end - i < 2) {
        h = layers.get(i).forward(h, context);
        i++;
        continue;
      }
      for (int k = i; k < end; k++) {
        h = rowWise[k].prepareForward(h, context);
      }
      chainFrom = i;
      chainTo = end;
      chainTask.run(context.workers(), h.rows());
      i = end;
    }
    return h;
  }

  private void chainRows(int from, int to) {
    for (int k = chainFrom; k < chainTo; k++) {
      rowWise[k].forwardRows(from, to);
    }
  }

  /**
   * Back-propagates from the last layer to the first. The row-local layers right under a Linear
   * layer (its activation and dropout) run inside the Linear's tasks: each row block of the
   * Linear's input gradient goes through them while it is in cache, with no barrier in between.
   * Each layer computes exactly what its own {@link Layer#backward} would.
   */
  @Override
  public Tensor backward(Tensor gradOutput, boolean inputGradient) {
    Tensor g = gradOutput;
    for (int i = layers.size() - 1; i >= 0; ) {
      boolean needInput = i > 0 || inputGradient;
      if (linear[i] != null && needInput) {
        int lo = i;
        while (lo > 0 && rowLocalBackward[lo - 1] != null && (lo - 1 > 0 || inputGradient)) {
          lo--;
        }
        g = linear[i].backward(g, true, rowLocalBackward, lo, i);
        i = lo - 1;
      } else {
        g = layers.get(i).backward(g, needInput);
        i--;
      }
    }
    return g;
  }

  @Override
  public List<Parameter> parameters() {
    return parameters;
  }

  @Override
  public Map<String, Tensor> buffers() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    for (int i = 0; i < layers.size(); i++) {
      for (Map.Entry<String, Tensor> e : layers.get(i).buffers().entrySet()) {
        m.put(prefix(i) + e.getKey(), e.getValue());
      }
    }
    return Collections.unmodifiableMap(m);
  }

  /** The total number of trainable scalars. */
  public long parameterCount() {
    long n = 0;
    for (Parameter p : parameters) {
      n += p.size();
    }
    return n;
  }

  @Override
  public String toString() {
    return "Sequential" + layers;
  }
}
