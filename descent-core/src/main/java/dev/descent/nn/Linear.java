package dev.descent.nn;

import dev.descent.concurrent.Workers;
import dev.descent.init.Initializer;
import dev.descent.tensor.Blas;
import dev.descent.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Affine layer (the book's {@code Affine}), {@code y = x W + b}.
 *
 * <p>Shapes: x is N x in, <b>W is stored in x out</b> (the layout of the book's {@code np.dot(x,
 * W)}, so the forward pass is one plain product), b has out elements, y is N x out. PyTorch's
 * {@code nn.Linear.weight} is the transpose (out x in): transpose when exchanging weights.
 *
 * <p>Backward: {@code dW = x^T dy}, {@code db = sum over rows of dy}, {@code dx = dy W^T}.
 *
 * <p><b>Blocks.</b> The products run through {@link Blas} in fixed blocks spread over the context's
 * {@link Workers}: the forward product and {@code dx} per block of {@value Blocks#ROWS} batch rows
 * (each output row starts as a copy of the bias and the product is added onto it, the order of
 * PyTorch's {@code addmm}), {@code dW} per block of {@value Blocks#FEATURES} input features with
 * the whole batch as the inner dimension (no partial sums to reduce), {@code db} as the product of
 * a row of ones and {@code dy} (the column sums; the BLAS's order of additions). Inside a {@link
 * Sequential} whose layers are all row-local, a batch of 2 to 4 row blocks goes backward block by
 * block instead: each block's own {@code dW} and {@code db} over its rows, summed in block order
 * afterwards (see {@link Sequential#backward}). Every product thus has the same sizes whatever the
 * thread count, and so gives the same bits; the BLAS itself must run single-threaded for that
 * (OpenBLAS: {@code OPENBLAS_NUM_THREADS=1}, which {@code bin/descent} sets).
 *
 * <p>Parameters: {@code weight} (decayed by L2 weight decay) and {@code bias} (not decayed).
 * Weights come from the given {@link Initializer} with fan-in = in and fan-out = out; the bias
 * starts at zero (the book's choice; PyTorch draws it from U(-1/sqrt(in), 1/sqrt(in))).
 */
public final class Linear implements RowWise {
  // Weight-gradient elements per task when summing the row blocks' partial gradients.
  private static final int REDUCE_CHUNK = 8192;
  private final int in;
  private final int outFeatures;
  private final Blas blas;
  private final Parameter weight;
  private final Parameter bias;
  private final RowBuffer out = new RowBuffer();
  private final RowBuffer gradIn = new RowBuffer();
  private final Blocks.RowTask forwardTask = new Blocks.RowTask(this::forwardRows);
  private final IntConsumer backwardBlock = this::backwardBlock;
  private Tensor input;
  // The pass's batch is rows [inputRow0, inputRow0 + output.rows()) of input.
  private int inputRow0;
  private Tensor output;
  private Workers workers;
  // The backward pass in progress: dy, dx (null when not needed) and the block counts.
  private Tensor gradOutput;
  private Tensor gradInput;
  private int weightBlocks;
  private RowLocalBackward[] below;
  private int belowLo;
  private int belowHi;
  // Sequential's row-block backward: the dW and db of row block b >= 1 (block 0 writes the
  // gradients themselves), summed into the gradients in block order by reduceChunk.
  private float[][] partialWeight = new float[0][];
  private float[][] partialBias = new float[0][];
  private int partials;
  // A row of ones, the left factor of the bias gradient's column sums; as long as the largest
  // batch.
  private float[] ones = new float[0];

  /**
   * A layer with weights drawn by {@code init} from {@code random}, using the default BLAS.
   *
   * @param in input features, positive
   * @param out output features, positive
   */
  public Linear(int in, int out, Initializer init, SplittableRandom random) {
    this(in, out, init, random, Blas.defaultBlas());
  }

  /** As {@link #Linear(int, int, Initializer, SplittableRandom)} with an explicit BLAS. */
  public Linear(int in, int out, Initializer init, SplittableRandom random, Blas blas) {
    this.in = Checks.positive("in", in);
    this.outFeatures = Checks.positive("out", out);
    if (init == null) {
      throw new IllegalArgumentException("init must not be null");
    }
    if (random == null) {
      throw new IllegalArgumentException("random must not be null");
    }
    if (blas == null) {
      throw new IllegalArgumentException("blas must not be null");
    }
    this.blas = blas;
    Tensor w = Tensor.zeros(in, out);
    init.initialize(w, in, out, random);
    this.weight = Parameter.of("weight", w, true);
    this.bias = Parameter.of("bias", Tensor.zeros(out), false);
  }

  /** Input features. */
  public int in() {
    return in;
  }

  /** Output features. */
  public int out() {
    return outFeatures;
  }

  /** The weight parameter, in x out. */
  public Parameter weight() {
    return weight;
  }

  /** The bias parameter, out elements. */
  public Parameter bias() {
    return bias;
  }

  @Override
  public Tensor forward(Tensor x, Context context) {
    Tensor y = prepareForward(x, context);
    forwardTask.run(workers, x.rows());
    return y;
  }

  @Override
  public Tensor prepareForward(Tensor x, Context context) {
    Checks.input("Linear", x, in);
    return prepareForward(x, 0, x.rows(), context);
  }

  /**
   * {@link #forward} of rows [firstRow, firstRow + rows) of {@code x}, read in place: the products
   * take them straight from {@code x}'s array (a whole data set's feature matrix, say), and the
   * output and the backward pass see a batch of {@code rows} rows.
   *
   * @throws IllegalArgumentException if {@code x} has another width or the rows are not inside it
   */
  Tensor forward(Tensor x, int firstRow, int rows, Context context) {
    Tensor y = prepareForward(x, firstRow, rows, context);
    forwardTask.run(workers, rows);
    return y;
  }

  /**
   * {@link #prepareForward(Tensor, Context)} of the rows {@link #forward(Tensor, int, int,
   * Context)} takes.
   */
  Tensor prepareForward(Tensor x, int firstRow, int rows, Context context) {
    Checks.input("Linear", x, in);
    Checks.context("Linear", context);
    Checks.rows("Linear", x, firstRow, rows);
    input = x;
    inputRow0 = firstRow;
    output = out.get(rows, outFeatures);
    workers = context.workers();
    return output;
  }

  @Override
  public void forwardRows(int from, int to) {
    int n = outFeatures;
    float[] y = output.data();
    // y = b + x W as PyTorch's addmm computes it: the block's rows start as copies of the bias and
    // the product is accumulated onto them (beta = 1). Adding the bias after the product instead
    // is a loop JDK 17 does not vectorize (its two arrays are indexed with different offsets):
    // 2.8 µs per 64 x 100 block against 0.4 µs for the row copies.
    float[] b = bias.value().data();
    for (int i = from; i < to; i++) {
      System.arraycopy(b, 0, y, i * n, n);
    }
    blas.sgemm(
        false,
        false,
        to - from,
        n,
        in,
        1f,
        input.data(),
        (inputRow0 + from) * in,
        in,
        weight.value().data(),
        0,
        n,
        1f,
        y,
        from * n,
        n);
  }

  @Override
  public Tensor backward(Tensor gradOutput, boolean inputGradient) {
    return backward(gradOutput, inputGradient, null, 0, 0);
  }

  /**
   * {@link #backward(Tensor, boolean)}, then back through {@code below[hi - 1]}, ..., {@code
   * below[lo]} (the row-local layers under this one, in backward order): each row block of dx goes
   * through them in the task that computed it.
   *
   * @return the gradient with respect to the input of {@code below[lo]} (dx when lo == hi)
   */
  Tensor backward(
      Tensor gradOutput, boolean inputGradient, RowLocalBackward[] below, int lo, int hi) {
    Checks.gradOutput("Linear", gradOutput, output);
    int rows = gradOutput.rows();
    this.gradOutput = gradOutput;
    this.gradInput = inputGradient ? gradIn.get(rows, in) : null;
    this.weightBlocks = Blocks.count(in, Blocks.FEATURES);
    ensureOnes(rows);
    Tensor result = gradInput;
    for (int k = hi - 1; k >= lo; k--) {
      result = below[k].prepareBackward(result);
    }
    this.below = below;
    this.belowLo = lo;
    this.belowHi = hi;
    // One loop for all three products: the dW blocks, then db, then the dx blocks.
    int tasks = weightBlocks + 1 + (inputGradient ? Blocks.count(rows, Blocks.ROWS) : 0);
    workers.run(tasks, backwardBlock);
    this.gradOutput = null;
    this.below = null;
    return result;
  }

  private void backwardBlock(int task) {
    int n = outFeatures;
    int rows = gradOutput.rows();
    float[] dy = gradOutput.data();
    if (task < weightBlocks) {
      // dW[f0:f1, :] = x[:, f0:f1]^T dy, the inner dimension the whole batch.
      int f0 = task * Blocks.FEATURES;
      int f1 = Math.min(f0 + Blocks.FEATURES, in);
      blas.sgemm(
          true,
          false,
          f1 - f0,
          n,
          rows,
          1f,
          input.data(),
          inputRow0 * in + f0,
          in,
          dy,
          0,
          n,
          0f,
          weight.grad().data(),
          f0 * n,
          n);
    } else if (task == weightBlocks) {
      columnSums(dy, 0, rows, bias.grad().data());
    } else {
      int r0 = (task - weightBlocks - 1) * Blocks.ROWS;
      int r1 = Math.min(r0 + Blocks.ROWS, rows);
      inputGradientRows(dy, r0, r1);
      for (int k = belowHi - 1; k >= belowLo; k--) {
        below[k].backwardRows(r0, r1);
      }
    }
  }

  /**
   * Prepares a row-block backward pass (used by {@link Sequential} when every layer of the model is
   * row-local): each block of {@value Blocks#ROWS} rows then gets its own {@code dW} and {@code db}
   * over its rows alone ({@link #backwardRowBlock}), and {@link #reduceChunk} sums those in block
   * order into the gradients. The sizes of every product and the order of every sum are fixed by
   * the shapes, so the bits do not depend on the thread count.
   *
   * @return dx's buffer, filled block by block, or null when {@code inputGradient} is false
   */
  Tensor prepareRowBackward(Tensor gradOutput, boolean inputGradient) {
    Checks.gradOutput("Linear", gradOutput, output);
    int rows = gradOutput.rows();
    this.gradOutput = gradOutput;
    this.gradInput = inputGradient ? gradIn.get(rows, in) : null;
    this.below = null;
    partials = Blocks.count(rows, Blocks.ROWS) - 1;
    ensureOnes(Blocks.ROWS);
    if (partialWeight.length < partials) {
      int had = partialWeight.length;
      partialWeight = Arrays.copyOf(partialWeight, partials);
      partialBias = Arrays.copyOf(partialBias, partials);
      for (int b = had; b < partials; b++) {
        partialWeight[b] = new float[in * outFeatures];
        partialBias[b] = new float[outFeatures];
      }
    }
    return gradInput;
  }

  /**
   * Row block {@code block} of the pass {@link #prepareRowBackward} prepared: the block's share of
   * {@code dW = x^T dy} and {@code db}, then its rows of {@code dx = dy W^T}.
   */
  void backwardRowBlock(int block) {
    int n = outFeatures;
    int r0 = block * Blocks.ROWS;
    int r1 = Math.min(r0 + Blocks.ROWS, gradOutput.rows());
    float[] dy = gradOutput.data();
    float[] dw = block == 0 ? weight.grad().data() : partialWeight[block - 1];
    float[] db = block == 0 ? bias.grad().data() : partialBias[block - 1];
    blas.sgemm(
        true,
        false,
        in,
        n,
        r1 - r0,
        1f,
        input.data(),
        (inputRow0 + r0) * in,
        in,
        dy,
        r0 * n,
        n,
        0f,
        dw,
        0,
        n);
    columnSums(dy, r0, r1, db);
    if (gradInput != null) {
      inputGradientRows(dy, r0, r1);
    }
  }

  /**
   * {@code db = } the sums of rows [r0, r1) of {@code dy}, as the product of a row of ones and
   * those rows: the loop adding the rows is one JDK 17 does not vectorize (its two arrays are
   * indexed with different offsets), 2.2-2.8 µs per 64 x 100 block against 0.4-0.55 for the
   * product. The order of the additions is the BLAS's, fixed by the shapes.
   */
  private void columnSums(float[] dy, int r0, int r1, float[] db) {
    int n = outFeatures;
    int k = r1 - r0;
    blas.sgemm(false, false, 1, n, k, 1f, ones, 0, k, dy, r0 * n, n, 0f, db, 0, n);
  }

  /** Makes {@link #ones} at least {@code rows} long (before any task reads it). */
  private void ensureOnes(int rows) {
    if (ones.length < rows) {
      float[] o = new float[rows];
      Arrays.fill(o, 1f);
      ones = o;
    }
  }

  /** Rows [r0, r1) of {@code dx = dy W^T}. */
  private void inputGradientRows(float[] dy, int r0, int r1) {
    int n = outFeatures;
    blas.sgemm(
        false,
        true,
        r1 - r0,
        in,
        n,
        1f,
        dy,
        r0 * n,
        n,
        weight.value().data(),
        0,
        n,
        0f,
        gradInput.data(),
        r0 * in,
        in);
  }

  /** The number of {@link #reduceChunk} tasks that finish the row-block backward pass. */
  int reduceChunks() {
    return partials == 0 ? 0 : Blocks.count(in * outFeatures, REDUCE_CHUNK) + 1;
  }

  /**
   * Adds the partial gradients of row blocks 1, 2, ... to block 0's, in that order, for chunk
   * {@code chunk} of the weight (the last chunk is the bias).
   */
  void reduceChunk(int chunk) {
    int weightChunks = Blocks.count(in * outFeatures, REDUCE_CHUNK);
    float[] g;
    float[][] parts;
    int from;
    int to;
    if (chunk < weightChunks) {
      g = weight.grad().data();
      parts = partialWeight;
      from = chunk * REDUCE_CHUNK;
      to = Math.min(from + REDUCE_CHUNK, g.length);
    } else {
      g = bias.grad().data();
      parts = partialBias;
      from = 0;
      to = g.length;
    }
    for (int b = 0; b < partials; b++) {
      float[] p = parts[b];
      for (int i = from; i < to; i++) {
        g[i] += p[i];
      }
    }
  }

  /** Ends a row-block backward pass. */
  void finishRowBackward() {
    this.gradOutput = null;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(weight, bias);
  }

  @Override
  public String toString() {
    return "Linear(" + in + ", " + outFeatures + ")";
  }
}
