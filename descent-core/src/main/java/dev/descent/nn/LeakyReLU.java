package dev.descent.nn;

/**
 * Leaky ReLU, {@code y = x} for x &gt; 0 and {@code y = slope * x} otherwise (Maas et al., 2013).
 *
 * @see #LeakyReLU(double)
 */
public final class LeakyReLU extends Elementwise {
  /** PyTorch's default negative slope ({@code torch.nn.LeakyReLU(negative_slope=0.01)}). */
  public static final double DEFAULT_SLOPE = 0.01;

  private final float slope;
  private final String name;

  /** A leaky ReLU with the PyTorch default slope 0.01. */
  public LeakyReLU() {
    this(DEFAULT_SLOPE);
  }

  /**
   * @param slope the gradient for negative inputs, in [0, 1)
   */
  public LeakyReLU(double slope) {
    if (!(slope >= 0 && slope < 1)) {
      throw new IllegalArgumentException("slope must be in [0, 1), got " + slope);
    }
    this.slope = (float) slope;
    this.name = "LeakyReLU(slope=" + slope + ")";
  }

  /** The negative slope. */
  public double slope() {
    return slope;
  }

  @Override
  String name() {
    return name;
  }

  @Override
  void apply(float[] x, float[] y, int from, int to) {
    for (int i = from; i < to; i++) {
      y[i] = x[i] > 0f ? x[i] : slope * x[i];
    }
  }

  @Override
  void derivative(float[] x, float[] y, float[] dy, float[] dx, int from, int to) {
    for (int i = from; i < to; i++) {
      dx[i] = x[i] > 0f ? dy[i] : slope * dy[i];
    }
  }
}
