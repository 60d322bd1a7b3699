package dev.descent.optim;

/**
 * The workspace a {@link Transform} works on: a block of at most {@link #CAPACITY} consecutive
 * elements of one parameter, copied to double precision.
 *
 * <p>Why blocks: the rules are written once over {@code double[]} buffers; only loading the
 * gradient and parameter into {@link #u()}/{@link #p()} and storing the result know whether the
 * parameter is float32 or float64. A block fits in the L1 cache, so chaining several small steps
 * costs few extra memory passes. After the chain, the engine writes {@code x ← p − u}.
 *
 * <p>The block belongs to one {@link OptimizerState} and is reused on every step (no allocation).
 */
public final class Block {
  /** Elements per block. */
  public static final int CAPACITY = 512;

  final double[] u = new double[CAPACITY];
  final double[] p = new double[CAPACITY];
  int len;
  int off;
  double[][] state;
  int base;
  double[] scalars;
  int scalarBase;
  long t;
  double lr;
  boolean decay;
  double gradNorm;

  Block() {}

  /** The update buffer: the gradient on entry to the chain, {@code p − x_new} on exit. */
  public double[] u() {
    return u;
  }

  /** The current parameter values of this block (read only). */
  public double[] p() {
    return p;
  }

  /** The number of valid elements in {@link #u()} and {@link #p()}. */
  public int len() {
    return len;
  }

  /** The offset of this block within the parameter; index slot arrays with {@code off() + i}. */
  public int off() {
    return off;
  }

  /** The current step's slot {@code k} for the whole parameter (index with {@code off() + i}). */
  public double[] slot(int k) {
    return state[base + k];
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

  /** Whether weight decay applies to the current parameter ({@code Parameter.decay()}). */
  public boolean decay() {
    return decay;
  }

  /** The L2 norm of all raw gradients of this step (only when a step asked for it). */
  public double gradNorm() {
    return gradNorm;
  }
}
