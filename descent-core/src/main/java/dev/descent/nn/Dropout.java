package dev.descent.nn;

import dev.descent.concurrent.Workers;
import dev.descent.tensor.Tensor;
import java.util.Locale;

/**
 * Dropout (Srivastava et al., 2014): in training each element is kept with probability {@code 1 -
 * p} and zeroed otherwise; the mask drawn in forward is reused in backward ({@code dx = dy *
 * mask}), so exactly the dropped units pass no gradient.
 *
 * <p>Two named variants differ only in where the {@code 1 - p} scaling happens:
 *
 * <ul>
 *   <li>{@link Variant#INVERTED} (default; PyTorch's {@code nn.Dropout}): training {@code y = x m /
 *       (1 - p)}, evaluation {@code y = x}.
 *   <li>{@link Variant#SCALE_AT_TEST} (the seeds' / book's {@code Dropout}): training {@code y = x
 *       m}, evaluation {@code y = x (1 - p)}.
 * </ul>
 *
 * Both have the same expected output in training and evaluation.
 *
 * <p><b>Masks.</b> Each training pass draws one seed, {@code s = random.nextLong()} from {@link
 * Context#random()}; the batch is split into blocks of {@value Blocks#ROWS} rows and block b draws
 * its elements, row-major, from a SplittableRandom seeded with a SplitMix64 mix of (s, b): element
 * kept iff {@code nextDouble() >= p}. The mask thus depends on the seed and the shapes only, and
 * the blocks can be drawn in parallel on the context's workers with the same bits for every thread
 * count. (The same mask as PyTorch's for the same seed is not a goal: PyTorch's generator differs.)
 */
public final class Dropout implements RowWise, RowLocalBackward {

  /** Where the keep-probability scaling is applied. */
  public enum Variant {
    /** Scale kept units by 1/(1-p) in training; identity at evaluation. */
    INVERTED,
    /** No scaling in training; multiply by the kept ratio (1-p) at evaluation. */
    SCALE_AT_TEST;

    /** The lower-case spec name: {@code inverted} or {@code scale_at_test}. */
    public String specName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The variant called {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException listing the valid names
     */
    public static Variant parse(String name) {
      for (Variant v : values()) {
        if (v.specName().equalsIgnoreCase(name)) {
          return v;
        }
      }
      throw new IllegalArgumentException(
          "dropout variant must be one of inverted, scale_at_test, got " + name);
    }
  }

  private final double p;
  private final Variant variant;
  private final RowBuffer out = new RowBuffer();
  private final RowBuffer maskBuffer = new RowBuffer();
  private final RowBuffer gradIn = new RowBuffer();
  private final Blocks.RowTask forwardTask = new Blocks.RowTask(this::forwardRows);
  private final Blocks.RowTask backwardTask = new Blocks.RowTask(this::backwardRows);
  private Tensor input;
  private Tensor mask;
  private Tensor output;
  private Tensor gradOutput;
  private Tensor gradInput;
  private Workers workers;
  private long seed;
  private final float keptScale;
  private final float evalScale;

  /** Inverted dropout with drop probability {@code p}. */
  public Dropout(double p) {
    this(p, Variant.INVERTED);
  }

  /**
   * @param p the probability of dropping a unit, in [0, 1)
   * @param variant where the scaling happens
   */
  public Dropout(double p, Variant variant) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("p must be in [0, 1), got " + p);
    }
    if (variant == null) {
      throw new IllegalArgumentException("variant must not be null");
    }
    this.p = p;
    this.variant = variant;
    this.keptScale = variant == Variant.INVERTED ? (float) (1.0 / (1.0 - p)) : 1f;
    this.evalScale = variant == Variant.INVERTED ? 1f : (float) (1.0 - p);
  }

  /** The drop probability. */
  public double p() {
    return p;
  }

  /** The scaling variant. */
  public Variant variant() {
    return variant;
  }

  @Override
  public Tensor forward(Tensor x, Context context) {
    Tensor y = prepareForward(x, context);
    forwardTask.run(workers, x.rows());
    return y;
  }

  @Override
  public Tensor prepareForward(Tensor x, Context context) {
    Checks.input("Dropout", x, 0);
    Checks.context("Dropout", context);
    input = x;
    output = out.get(x.rows(), x.cols());
    workers = context.workers();
    if (context.training()) {
      seed = context.requireRandom("Dropout").nextLong();
      mask = maskBuffer.get(x.rows(), x.cols());
    } else {
      mask = null;
    }
    return output;
  }

  @Override
  public void forwardRows(int from, int to) {
    float[] xd = input.data();
    float[] yd = output.data();
    int cols = input.cols();
    int end = to * cols;
    if (mask == null) {
      for (int i = from * cols; i < end; i++) {
        yd[i] = xd[i] * evalScale;
      }
      return;
    }
    // The first row of a block fixes its generator, so a block's mask does not depend on which
    // thread draws it or on the blocks before it.
    float[] m = mask.data();
    for (int b = from / Blocks.ROWS, stop = Blocks.count(to, Blocks.ROWS); b < stop; b++) {
      long state = blockSeed(seed, b);
      int begin = Math.max(from, b * Blocks.ROWS) * cols;
      int limit = Math.min(end, (b + 1) * Blocks.ROWS * cols);
      for (int i = begin; i < limit; i++) {
        state += GOLDEN_GAMMA;
        double u = (mix64(state) >>> 11) * 0x1.0p-53;
        m[i] = u >= p ? keptScale : 0f;
        yd[i] = xd[i] * m[i];
      }
    }
  }

  @Override
  public Tensor backward(Tensor gradOutput, boolean inputGradient) {
    Checks.gradOutput("Dropout", gradOutput, output);
    if (!inputGradient) {
      return null;
    }
    Tensor dx = prepareBackward(gradOutput);
    backwardTask.run(workers, output.rows());
    return dx;
  }

  @Override
  public Tensor prepareBackward(Tensor gradOutput) {
    Checks.gradOutput("Dropout", gradOutput, output);
    this.gradOutput = gradOutput;
    this.gradInput = gradIn.get(output.rows(), output.cols());
    return gradInput;
  }

  @Override
  public void backwardRows(int fromRow, int toRow) {
    int cols = output.cols();
    int from = fromRow * cols;
    int to = toRow * cols;
    float[] dy = gradOutput.data();
    float[] d = gradInput.data();
    if (mask != null) {
      float[] m = mask.data();
      for (int i = from; i < to; i++) {
        d[i] = dy[i] * m[i];
      }
    } else {
      for (int i = from; i < to; i++) {
        d[i] = dy[i] * evalScale;
      }
    }
  }

  /**
   * The seed of row block {@code block}'s generator in a pass seeded with {@code seed}: the block's
   * elements, row-major, are the draws of {@code new SplittableRandom(blockSeed(seed,
   * block)).nextDouble()}.
   */
  static long blockSeed(long seed, int block) {
    return mix64(seed + (block + 1L) * 0xbf58476d1ce4e5b9L);
  }

  // SplittableRandom's increment and output function (Steele, Lea & Flood, 2014), inlined so that
  // each block can start a generator without allocating one.
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /**
   * The mask of the last training forward pass (0 for dropped units, the kept units' scale
   * otherwise), or null after an evaluation pass.
   */
  public Tensor mask() {
    return mask;
  }

  @Override
  public String toString() {
    return "Dropout(p=" + p + ", " + variant.specName() + ")";
  }
}
