package dev.descent.nn;

import dev.descent.concurrent.Workers;
import dev.descent.init.Initializer;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

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
  /**
   * The most row blocks a batch may have for the row-block backward pass, which keeps one partial
   * weight gradient per block beyond the first.
   */
  static final int MAX_ROW_BLOCKS = 4;

  private final List<Layer> layers;
  private final List<Parameter> parameters;
  // Forward runs of row-wise layers: chainEnd[i] is the end (exclusive) of the run starting at
  // layer i, i + 1 for a layer that is not row-wise.
  private final int[] chainEnd;
  private final RowWise[] rowWise;
  private final Linear[] linear;
  private final RowLocalBackward[] rowLocalBackward;
  private final Blocks.RowTask chainTask = new Blocks.RowTask(this::chainRows);
  private final Blocks.RowTask fillTask = new Blocks.RowTask(this::fillRows);
  // The rows of a forward(x, firstRow, rows, context) when the first layer cannot read them in
  // place.
  private final RowBuffer windowCopy = new RowBuffer();
  // The pass in progress's RowFill, or null.
  private RowFill fill;
  private int chainFrom;
  private int chainTo;
  // Row-block backward (every layer Linear or row-local): the lowest layer it runs, the batch
  // rows, and reduceEnd[i], the reduce tasks of layers 0..i together.
  private final boolean rowLocalModel;
  private final IntConsumer backwardBlock = this::backwardBlock;
  private final IntConsumer reduceTask = this::reduceTask;
  private final int[] reduceEnd;
  private int backwardStop;
  private int backwardRows;
  private Workers workers = Workers.serial();

  /**
   * Writes rows [from, to) of a batch tensor: the input of {@link #forward(Tensor, Context,
   * RowFill)} or the gradient of {@link #backward(Tensor, boolean, RowFill)}. Called from the
   * worker threads, each row exactly once, for blocks of rows fixed by the shapes; it must write
   * only those rows (and per-row data of its own).
   */
  @FunctionalInterface
  public interface RowFill {
    void rows(int from, int to);
  }

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
    this.reduceEnd = new int[n];
    boolean allRowLocal = true;
    for (int i = 0; i < n; i++) {
      linear[i] = this.layers.get(i) instanceof Linear l ? l : null;
      rowLocalBackward[i] = this.layers.get(i) instanceof RowLocalBackward r ? r : null;
      allRowLocal &= linear[i] != null || rowLocalBackward[i] != null;
    }
    this.rowLocalModel = allRowLocal;
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
    return forward(x, context, null);
  }

  /**
   * {@link #forward(Tensor, Context)} of an input whose rows {@code fillInput} writes first: each
   * block of rows is filled right before it goes through the first run of row-wise layers, in the
   * same task (no barrier in between, and the rows are still in that core's cache), or all blocks
   * first when the model starts with another layer. A training step copies its batch this way.
   *
   * @param fillInput writes rows [from, to) of {@code x}; null when {@code x} is ready
   */
  public Tensor forward(Tensor x, Context context, RowFill fillInput) {
    if (x == null) {
      throw new IllegalArgumentException("Sequential: input must not be null");
    }
    return forward(x, 0, x.rows(), context, fillInput);
  }

  /**
   * {@link #forward(Tensor, Context)} of rows [firstRow, firstRow + rows) of {@code x} as the
   * batch. When the model starts with a Linear layer its products read those rows in place, so a
   * caller can run a whole data set's feature matrix through the model batch by batch without
   * copying it; otherwise the rows are copied into a buffer first. The results are the same bits as
   * for a tensor holding just those rows.
   *
   * @throws IllegalArgumentException if the rows do not lie inside {@code x} or {@code x} does not
   *     fit the first layer
   */
  public Tensor forward(Tensor x, int firstRow, int rows, Context context) {
    Checks.rows("Sequential", x, firstRow, rows);
    if (linear[0] == null && (firstRow != 0 || rows != x.rows())) {
      Tensor copy = windowCopy.get(rows, x.cols());
      System.arraycopy(x.data(), firstRow * x.cols(), copy.data(), 0, rows * x.cols());
      return forward(copy, 0, rows, context, null);
    }
    return forward(x, firstRow, rows, context, null);
  }

  /** The forward pass of batch rows [firstRow, firstRow + rows) of x; a window needs linear[0]. */
  private Tensor forward(Tensor x, int firstRow, int rows, Context context, RowFill fillInput) {
    // Indexed loops: no iterator allocation in the hot path, even before the JIT's escape analysis.
    workers = context.workers();
    if (fillInput != null && chainEnd[0] < 2) {
      runFill(fillInput, rows);
      fillInput = null;
    }
    Tensor h = x;
    for (int i = 0, n = layers.size(); i < n; ) {
      int end = chainEnd[i];
      if (end - i < 2) {
        h =
            i == 0 && linear[0] != null
                ? linear[0].forward(h, firstRow, rows, context)
                : layers.get(i).forward(h, context);
        i++;
        continue;
      }
      for (int k = i; k < end; k++) {
        h =
            k == 0 && linear[0] != null
                ? linear[0].prepareForward(h, firstRow, rows, context)
                : rowWise[k].prepareForward(h, context);
      }
      chainFrom = i;
      chainTo = end;
      fill = i == 0 ? fillInput : null;
      try {
        chainTask.run(context.workers(), h.rows());
      } finally {
        fill = null;
      }
      i = end;
    }
    return h;
  }

  private void chainRows(int from, int to) {
    if (fill != null) {
      fill.rows(from, to);
    }
    for (int k = chainFrom; k < chainTo; k++) {
      rowWise[k].forwardRows(from, to);
    }
  }

  private void runFill(RowFill f, int rows) {
    fill = f;
    try {
      fillTask.run(workers, rows);
    } finally {
      fill = null;
    }
  }

  private void fillRows(int from, int to) {
    fill.rows(from, to);
  }

  /**
   * Back-propagates from the last layer to the first.
   *
   * <p>When every layer is a Linear layer or row-local (activations, dropout) and the batch has 2
   * to {@value #MAX_ROW_BLOCKS} blocks of {@value Blocks#ROWS} rows, each row block goes down
   * through the whole model in one task: its rows of every input gradient and its own share of
   * every weight and bias gradient (the product over its rows alone). One barrier ends those tasks,
   * and the shares are then summed in block order (block 0 + block 1 + ...), element by element, so
   * the bits depend on the shapes only, never on the thread count. The cores thus need to meet
   * twice per backward pass instead of once per layer.
   *
   * <p>Otherwise (batch norm in the model, one block, or many) the layers run one after the other,
   * each splitting its own work: the row-local layers right under a Linear layer (its activation
   * and dropout) run inside the Linear's tasks, each row block of the Linear's input gradient going
   * through them while it is in cache. Each layer computes exactly what its own {@link
   * Layer#backward} would.
   */
  @Override
  public Tensor backward(Tensor gradOutput, boolean inputGradient) {
    return backward(gradOutput, inputGradient, null);
  }

  /**
   * {@link #backward(Tensor, boolean)} of a gradient whose rows {@code fillGradient} writes first:
   * on the row-block path each block of rows is filled at the start of the task that takes it down
   * through the model, otherwise all blocks are filled before the layers run. A training step
   * computes the loss's gradient this way, block by block, right where it is used.
   *
   * @param fillGradient writes rows [from, to) of {@code gradOutput}; null when it is ready
   */
  public Tensor backward(Tensor gradOutput, boolean inputGradient, RowFill fillGradient) {
    if (rowLocalModel && gradOutput != null) {
      int blocks = Blocks.count(gradOutput.rows(), Blocks.ROWS);
      if (blocks >= 2 && blocks <= MAX_ROW_BLOCKS) {
        fill = fillGradient;
        try {
          return rowBlockBackward(gradOutput, inputGradient, blocks);
        } finally {
          fill = null;
        }
      }
    }
    if (fillGradient != null && gradOutput != null) {
      runFill(fillGradient, gradOutput.rows());
    }
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

  private Tensor rowBlockBackward(Tensor gradOutput, boolean inputGradient, int blocks) {
    int n = layers.size();
    // A first layer without parameters needs no backward pass unless dx is wanted.
    int stop = inputGradient || linear[0] != null ? 0 : 1;
    Tensor g = gradOutput;
    for (int i = n - 1; i >= stop; i--) {
      boolean needInput = i > 0 || inputGradient;
      g =
          linear[i] != null
              ? linear[i].prepareRowBackward(g, needInput)
              : rowLocalBackward[i].prepareBackward(g);
    }
    backwardStop = stop;
    backwardRows = gradOutput.rows();
    int tasks = 0;
    for (int i = 0; i < n; i++) {
      if (linear[i] != null && i >= stop) {
        tasks += linear[i].reduceChunks();
      }
      reduceEnd[i] = tasks;
    }
    workers.run(blocks, backwardBlock);
    workers.run(tasks, reduceTask);
    for (int i = stop; i < n; i++) {
      if (linear[i] != null) {
        linear[i].finishRowBackward();
      }
    }
    return inputGradient ? g : null;
  }

  private void backwardBlock(int block) {
    int r0 = block * Blocks.ROWS;
    int r1 = Math.min(r0 + Blocks.ROWS, backwardRows);
    if (fill != null) {
      fill.rows(r0, r1);
    }
    for (int i = layers.size() - 1; i >= backwardStop; i--) {
      if (linear[i] != null) {
        linear[i].backwardRowBlock(block);
      } else {
        rowLocalBackward[i].backwardRows(r0, r1);
      }
    }
  }

  private void reduceTask(int task) {
    int i = 0;
    while (task >= reduceEnd[i]) {
      i++;
    }
    linear[i].reduceChunk(task - (i == 0 ? 0 : reduceEnd[i - 1]));
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
