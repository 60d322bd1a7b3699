package dev.descent.optim.fullbatch;

import dev.descent.function.Objective;
import java.util.SplittableRandom;

/** f(x) = ½xᵀAx − bᵀx with A symmetric positive definite, for tests; knows its Hessian A. */
final class Quadratic implements Objective {
  final int n;
  final double[] a;
  final double[] b;
  private final boolean exposeHessian;

  Quadratic(double[] a, double[] b, boolean exposeHessian) {
    this.n = b.length;
    this.a = a;
    this.b = b;
    this.exposeHessian = exposeHessian;
  }

  /** A = MᵀM + I for a seeded random M, b random: well conditioned, SPD. */
  static Quadratic random(int n, long seed, boolean exposeHessian) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] m = new double[n * n];
    for (int i = 0; i < m.length; i++) {
      m[i] = rng.nextDouble(-1, 1);
    }
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = i == j ? 1 : 0;
        for (int k = 0; k < n; k++) {
          s += m[k * n + i] * m[k * n + j];
        }
        a[i * n + j] = s;
      }
    }
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      b[i] = rng.nextDouble(-2, 2);
    }
    return new Quadratic(a, b, exposeHessian);
  }

  @Override
  public int dimension() {
    return n;
  }

  @Override
  public double valueAndGradient(double[] x, double[] grad) {
    double f = 0;
    for (int i = 0; i < n; i++) {
      double ax = 0;
      for (int j = 0; j < n; j++) {
        ax += a[i * n + j] * x[j];
      }
      grad[i] = ax - b[i];
      f += 0.5 * x[i] * ax - b[i] * x[i];
    }
    return f;
  }

  @Override
  public boolean hessian(double[] x, double[] out) {
    if (!exposeHessian) {
      return false;
    }
    System.arraycopy(a, 0, out, 0, n * n);
    return true;
  }

  /** dᵀAd. */
  double curvature(double[] d) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        s += d[i] * a[i * n + j] * d[j];
      }
    }
    return s;
  }

  /** The minimiser A⁻¹b by Gaussian elimination with partial pivoting (textbook). */
  double[] solution() {
    double[][] m = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = a[i * n + j];
      }
      m[i][n] = b[i];
    }
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
          p = r;
        }
      }
      double[] t = m[c];
      m[c] = m[p];
      m[p] = t;
      for (int r = c + 1; r < n; r++) {
        double f = m[r][c] / m[c][c];
        for (int k = c; k <= n; k++) {
          m[r][k] -= f * m[c][k];
        }
      }
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = m[i][n];
      for (int k = i + 1; k < n; k++) {
        s -= m[i][k] * x[k];
      }
      x[i] = s / m[i][i];
    }
    return x;
  }

  /** The exact line search on this quadratic: t = −gᵀd / dᵀAd. */
  LineSearch exactLineSearch() {
    return new LineSearch() {
      @Override
      public Step search(Line line, double f0, double[] g0, double gtd0, double t0, double[] gOut) {
        double t = -gtd0 / curvature(line.direction());
        double f = line.evaluate(t, gOut);
        return new Step(t, f, line.evaluations(), true, "");
      }

      @Override
      public String description() {
        return "exact";
      }
    };
  }
}
