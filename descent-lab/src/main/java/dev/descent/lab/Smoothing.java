package dev.descent.lab;

/**
 * The seeds' loss-curve smoothing ({@code common/util.py smooth_curve} in Deep Learning from
 * Scratch): a convolution with an 11-point Kaiser window (β = 2), normalised, over the series
 * reflected at both ends (at the start without repeating the first point, at the end repeating the
 * last, as numpy's {@code np.r_} expression there does); the output has the input's length.
 */
public final class Smoothing {
  private static final int WINDOW = 11;
  private static final double BETA = 2;

  private Smoothing() {}

  /** The smoothed series; series shorter than the window are returned as a copy. */
  public static double[] smooth(double[] x) {
    int n = x.length;
    if (n < WINDOW) {
      return x.clone();
    }
    double[] w = kaiser(WINDOW, BETA);
    double sum = 0;
    for (double v : w) {
      sum += v;
    }
    int half = WINDOW / 2;
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double acc = 0;
      for (int k = 0; k < WINDOW; k++) {
        acc += w[k] * x[mirror(i + k - half, n)];
      }
      out[i] = acc / sum;
    }
    return out;
  }

  private static int mirror(int i, int n) {
    if (i < 0) {
      return -i;
    }
    // numpy's np.r_[x[w-1:0:-1], x, x[-1:-w:-1]]: reflected without the first point, with the last
    return i >= n ? 2 * n - 1 - i : i;
  }

  /** numpy's {@code kaiser(m, beta)}: I0(β√(1 − (2k/(m−1) − 1)²)) / I0(β). */
  static double[] kaiser(int m, double beta) {
    double[] w = new double[m];
    for (int k = 0; k < m; k++) {
      double r = 2.0 * k / (m - 1) - 1;
      w[k] = besselI0(beta * Math.sqrt(1 - r * r)) / besselI0(beta);
    }
    return w;
  }

  /** The modified Bessel function of the first kind, order 0, by its power series. */
  static double besselI0(double x) {
    double term = 1;
    double sum = 1;
    double q = x * x / 4;
    for (int k = 1; k < 60; k++) {
      term *= q / ((double) k * k);
      sum += term;
    }
    return sum;
  }
}
