package dev.descent.lab.fullbatch;

import dev.descent.function.Objective;
import java.util.SplittableRandom;

/**
 * L2-regularised logistic regression on a fixed data set, as a full-batch objective of θ = (w, b):
 *
 * <pre>
 *   f(θ) = (1/m) Σᵢ [log(1 + e^{zᵢ}) − yᵢ zᵢ] + (λ/2)‖w‖²,   zᵢ = xᵢᵀw + b
 *   ∇f   = (1/m) Xᵀ(σ(z) − y) + λw,   ∂f/∂b = (1/m) Σ (σ(zᵢ) − yᵢ)
 *   ∇²f  = (1/m) X̃ᵀ S X̃ + λ diag(1, …, 1, 0),   S = diag(σ(zᵢ)(1 − σ(zᵢ))),  X̃ = [X 1]
 * </pre>
 *
 * <p>log(1 + eᶻ) is evaluated as max(z, 0) + log1p(e^{−|z|}) so large |z| does not overflow. The
 * exact Hessian is provided, so Newton needs no difference probes.
 */
public final class LogisticRegression implements Objective {
  private final double[] x;
  private final double[] y;
  private final int m;
  private final int d;
  private final double lambda;
  private final double[] z;

  /**
   * @param x features, row-major m×d
   * @param y labels in {0, 1}, length m
   * @param lambda L2 strength λ ≥ 0 (not applied to the bias)
   * @throws IllegalArgumentException if the shapes disagree, a label is not 0 or 1, or λ &lt; 0
   */
  public LogisticRegression(double[] x, double[] y, double lambda) {
    this.m = y.length;
    if (m == 0 || x.length % m != 0) {
      throw new IllegalArgumentException(
          "x must have m·d entries for m = " + m + " labels, got " + x.length);
    }
    for (double v : y) {
      if (v != 0 && v != 1) {
        throw new IllegalArgumentException("labels must be 0 or 1, got " + v);
      }
    }
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("lambda must be in [0, inf), got " + lambda);
    }
    this.d = x.length / m;
    this.x = x.clone();
    this.y = y.clone();
    this.lambda = lambda;
    this.z = new double[m];
  }

  /**
   * Two overlapping Gaussian classes in d dimensions (means ±0.5 along a random unit direction,
   * unit variance; features scaled so their spreads differ by up to 10×, which makes the problem
   * ill-conditioned for gradient descent), m samples, drawn from {@code seed}.
   */
  public static LogisticRegression synthetic(int m, int d, double lambda, long seed) {
    if (m < 1 || d < 1) {
      throw new IllegalArgumentException("m and d must be ≥ 1, got m = " + m + ", d = " + d);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    double[] direction = new double[d];
    double norm = 0;
    for (int j = 0; j < d; j++) {
      direction[j] = rng.nextDouble(-1, 1);
      norm += direction[j] * direction[j];
    }
    norm = Math.sqrt(norm);
    double[] scale = new double[d];
    for (int j = 0; j < d; j++) {
      direction[j] /= norm;
      scale[j] = Math.pow(10, (double) j / Math.max(1, d - 1));
    }
    double[] xs = new double[m * d];
    double[] ys = new double[m];
    for (int i = 0; i < m; i++) {
      ys[i] = rng.nextBoolean() ? 1 : 0;
      double sign = ys[i] == 1 ? 0.5 : -0.5;
      for (int j = 0; j < d; j++) {
        xs[i * d + j] = scale[j] * (sign * direction[j] + gaussian(rng));
      }
    }
    return new LogisticRegression(xs, ys, lambda);
  }

  private static double gaussian(SplittableRandom rng) {
    double u = rng.nextDouble();
    double v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
  }

  @Override
  public int dimension() {
    return d + 1;
  }

  @Override
  public String name() {
    return "logistic_regression(m=" + m + ",d=" + d + ",lambda=" + lambda + ")";
  }

  @Override
  public double valueAndGradient(double[] theta, double[] grad) {
    java.util.Arrays.fill(grad, 0, d + 1, 0.0);
    double f = 0;
    double b = theta[d];
    for (int i = 0; i < m; i++) {
      double zi = b;
      for (int j = 0; j < d; j++) {
        zi += x[i * d + j] * theta[j];
      }
      z[i] = zi;
      f += Math.max(zi, 0) + Math.log1p(Math.exp(-Math.abs(zi))) - y[i] * zi;
      double r = sigmoid(zi) - y[i];
      for (int j = 0; j < d; j++) {
        grad[j] += r * x[i * d + j];
      }
      grad[d] += r;
    }
    double reg = 0;
    for (int j = 0; j <= d; j++) {
      grad[j] /= m;
    }
    for (int j = 0; j < d; j++) {
      reg += theta[j] * theta[j];
      grad[j] += lambda * theta[j];
    }
    return f / m + 0.5 * lambda * reg;
  }

  @Override
  public boolean hessian(double[] theta, double[] out) {
    int n = d + 1;
    java.util.Arrays.fill(out, 0, n * n, 0.0);
    for (int i = 0; i < m; i++) {
      double zi = theta[d];
      for (int j = 0; j < d; j++) {
        zi += x[i * d + j] * theta[j];
      }
      double s = sigmoid(zi);
      double w = s * (1 - s) / m;
      for (int a = 0; a < n; a++) {
        double xa = a < d ? x[i * d + a] : 1;
        for (int c = 0; c < n; c++) {
          double xc = c < d ? x[i * d + c] : 1;
          out[a * n + c] += w * xa * xc;
        }
      }
    }
    for (int j = 0; j < d; j++) {
      out[j * n + j] += lambda;
    }
    return true;
  }

  private static double sigmoid(double z) {
    if (z >= 0) {
      return 1 / (1 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1 + e);
  }
}
