package dev.descent.optim;

import dev.descent.nn.Parameter;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The float32 engine of one {@link OptimizerState}: the parameters cut into fixed blocks of at most
 * {@link #BLOCK} elements (a block never spans two parameters; blocks are numbered in parameter
 * order), and the task {@code Workers.run} calls once per block. Built once at {@code init} and
 * reused by every step, so a step allocates nothing.
 *
 * <p>Why it is deterministic: a {@link FloatRule} is element-wise, so a block's result does not
 * depend on the thread that computes it; the one global reduction, the gradient norm for clipping,
 * is summed per block and the block sums are added in block order.
 *
 * <p>Subnormal state: every {@link #SWEEP_EVERY}th update also sets each state value with {@code
 * |v| <= Float.MIN_NORMAL} (1.2e-38) to zero, block by block while the block is in cache. A value
 * that decays while its gradient stays exactly zero (the weights of a dead ReLU unit) sinks into
 * the subnormal range and stays there, since {@code 0.9 × 2⁻¹⁴⁹} rounds back to {@code 2⁻¹⁴⁹}, and
 * every operation on a subnormal costs a microcode assist of about a hundred cycles: on the
 * 784-100-100-100-100-10 MLP trained on one fixed batch, 16% of Adam's state was subnormal after
 * 6000 steps and the update took 0.88 ms instead of 0.12 ms. Flushing inside the update loop would
 * make JDK 17 compile it without vectorizing (a comparison or the float's bits per element: 3-4×
 * slower); the sweep costs a scalar pass every 16 updates. Values this small change nothing a
 * float32 update can represent; PyTorch keeps them (unless {@code torch.set_flush_denormal}). The
 * sweep depends on the update count only, so results stay the same for every thread count.
 */
final class FloatUpdate implements IntConsumer {
  /** Elements per block: large enough to amortize a task, small enough to spread 100k weights. */
  static final int BLOCK = 16_384;

  /** Every how many updates the state's subnormal values are set to zero. */
  static final int SWEEP_EVERY = 16;

  final float[][][] slots;
  final float[] c = new float[FloatRule.COEFFICIENTS];
  private final int[] param;
  private final int[] from;
  private final int[] to;
  private final double[] squares;
  private final boolean[] finite;
  // The current call's arguments; set by prepare, cleared by finish.
  private FloatRule rule;
  private List<Parameter> params;
  private boolean[] active;
  private boolean measure;
  private boolean check;
  private boolean sweep;

  FloatUpdate(int[] sizes, float[][][] slots) {
    this.slots = slots;
    int n = 0;
    for (int size : sizes) {
      n += Math.max(1, (size + BLOCK - 1) / BLOCK);
    }
    param = new int[n];
    from = new int[n];
    to = new int[n];
    squares = new double[n];
    finite = new boolean[n];
    int b = 0;
    for (int i = 0; i < sizes.length; i++) {
      int off = 0;
      do {
        param[b] = i;
        from[b] = off;
        to[b] = Math.min(sizes[i], off + BLOCK);
        off = to[b++];
      } while (off < sizes[i]);
    }
  }

  /** The number of blocks, i.e. of tasks per pass. */
  int blocks() {
    return param.length;
  }

  /**
   * Sets the call's arguments; {@code check}: whether update passes check for NaN and ±inf; {@code
   * sweep}: whether they set subnormal state values to zero.
   */
  void prepare(
      FloatRule rule, List<Parameter> params, boolean[] active, boolean check, boolean sweep) {
    this.rule = rule;
    this.params = params;
    this.active = active;
    this.check = check;
    this.sweep = sweep;
  }

  void finish() {
    rule = null;
    params = null;
    active = null;
  }

  /** Sets whether the next pass sums squared gradients (true) or updates (false). */
  void measure(boolean measure) {
    this.measure = measure;
  }

  /** The gradient norm of the active parameters from the last measuring pass. */
  double gradNorm() {
    double sum = 0;
    for (double s : squares) {
      sum += s;
    }
    return Math.sqrt(sum);
  }

  /** Whether every value written by the last checking update pass is finite. */
  boolean allFinite() {
    for (boolean f : finite) {
      if (!f) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void accept(int b) {
    int p = param[b];
    if (active != null && !active[p]) {
      squares[b] = 0;
      finite[b] = true;
      return;
    }
    Parameter parameter = params.get(p);
    float[] g = parameter.grad().data();
    if (measure) {
      // Four running sums (a fixed order): one sum's chain of dependent additions is 4× slower.
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      int i = from[b];
      for (; i + 3 < to[b]; i += 4) {
        s0 += (double) g[i] * g[i];
        s1 += (double) g[i + 1] * g[i + 1];
        s2 += (double) g[i + 2] * g[i + 2];
        s3 += (double) g[i + 3] * g[i + 3];
      }
      for (; i < to[b]; i++) {
        s0 += (double) g[i] * g[i];
      }
      squares[b] = (s0 + s1) + (s2 + s3);
      return;
    }
    float[] x = parameter.value().data();
    rule.update(x, g, slots[p], from[b], to[b], c, parameter.decay());
    finite[b] = !check || finite(x, from[b], to[b]);
    if (sweep) {
      for (float[] slot : slots[p]) {
        flushSubnormals(slot, from[b], to[b]);
      }
    }
  }

  /** Sets every value of {@code s[from, to)} with {@code |v| <= Float.MIN_NORMAL} to zero. */
  static void flushSubnormals(float[] s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Math.abs(s[i]) <= Float.MIN_NORMAL) {
        s[i] = 0f;
      }
    }
  }

  /**
   * Whether {@code x[from, to)} holds no NaN or infinity. A separate scalar pass over the block
   * while it is in cache: JDK 17 vectorizes no reduction that would let the update loop check as it
   * writes (a max or sum inside it costs more than this pass), and this early-exit loop measured
   * fastest among the scalar forms (max of |x|, bit masks, sums of x·0).
   */
  static boolean finite(float[] x, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!(Math.abs(x[i]) <= Float.MAX_VALUE)) {
        return false;
      }
    }
    return true;
  }
}
