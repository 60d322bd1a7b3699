package dev.descent.optim;

/**
 * The workspace a {@link Transform} works on: elements {@code [from, to)} of one parameter, at most
 * {@link #CAPACITY} of them, in double precision.
 *
 * <p>Why: each rule is written once over {@code double[]} arrays; only loading the gradient into
 * {@link #u()} and storing the result know whether the parameter is float32 or float64. The update
 * buffer and the state arrays share one index, so the JIT can vectorize each step's loop; a block
 * fits in the L1/L2 cache, so chaining several small steps costs few extra memory passes. After the
 * chain, the engine writes {@code x ← x − u}.
 *
 * <p>The block belongs to one {@link OptimizerState} and is reused on every step (no allocation).
 * Its buffers are as long as the largest parameter (8 bytes per element, 16 when a step reads the
 * parameter values); for float64 vectors {@link #p()} is the vector itself.
 */
public final class Block {
  /** Elements per block. */
  public static final int CAPACITY = 1024;

  final double[] u = new double[CAPACITY];
  final double[] p = new double[CAPACITY];
  final double[][] slots;
  int len;
  int base;
  double[] scalars;
  int scalarBase;
  long t;
  double lr;
  boolean decay;
  double gradNorm;
  double momentum = Double.NaN;

  Block(int slotCount) {
    slots = new double[slotCount][CAPACITY];
  }

  /** The update buffer: the gradient on entry to the chain, {@code x − x_new} on exit. */
  public double[] u() {
    return u;
  }

  /** The current parameter values (read only; loaded only when a step says it reads them). */
  public double[] p() {
    return p;
  }

  /** The number of valid elements in {@link #u()}, {@link #p()} and the slots. */
  public int len() {
    return len;
  }

  /** The current step's state slot {@code k} for this block (read and write). */
  public double[] slot(int k) {
    return slots[base + k];
  }

  /** Scalar state {@code k} of the current step. */
  public double scalar(int k) {
    return scalars[scalarBase + k];
  }

  /** Sets scalar state {@code k} of the current step (only from {@link Transform#beginStep}). */
  public void setScalar(int k, double value) {
    scalars[scalarBase + k] = value;
  }

  /** The 1-based number of this update (PyTorch's {@code step}). */
  public long t() {
    return t;
  }

  /** The learning rate of this update, from the optimizer's schedule. */
  public double lr() {
    return lr;
  }

  /**
   * The momentum coefficient of this update: the optimizer's momentum schedule at this step, or
   * {@code configured} when it has none.
   */
  public double momentum(double configured) {
    return Double.isNaN(momentum) ? configured : momentum;
  }

  /** Whether weight decay applies to the current parameter ({@code Parameter.decay()}). */
  public boolean decay() {
    return decay;
  }

  /** The L2 norm of all raw gradients of this step (only when a step asked for it). */
  public double gradNorm() {
    return gradNorm;
  }
}
