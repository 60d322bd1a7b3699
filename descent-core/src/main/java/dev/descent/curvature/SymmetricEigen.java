package dev.descent.curvature;

import java.util.Arrays;

/**
 * Eigenvalues of a small real symmetric matrix.
 *
 * <p>2×2: the closed form λ = (a + c)/2 ± √(((a − c)/2)² + b²) for [[a, b], [b, c]]. Larger: the
 * cyclic Jacobi method (Golub &amp; Van Loan, <i>Matrix Computations</i> §8.5): plane rotations
 * zero each off-diagonal entry in turn until the off-diagonal norm is below 1e-15 of the Frobenius
 * norm (at most 100 sweeps; Jacobi converges quadratically, a handful of sweeps is typical). Meant
 * for Hessians of small problems (n up to a few hundred).
 */
public final class SymmetricEigen {
  private static final int MAX_SWEEPS = 100;

  private SymmetricEigen() {}

  /**
   * The eigenvalues of the symmetric n×n matrix {@code a} (row-major; only symmetry within 1e-9
   * relative is accepted), in ascending order.
   *
   * @throws IllegalArgumentException if {@code a} has not n·n entries, is not symmetric or has a
   *     non-finite entry
   */
  public static double[] eigenvalues(double[] a, int n) {
    if (n < 1 || a == null || a.length != n * n) {
      throw new IllegalArgumentException(
          "a must be an n×n matrix with n ≥ 1, got n = "
              + n
              + " and "
              + (a == null ? "null" : a.length + " entries"));
    }
    double scale = 0;
    for (double v : a) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("a must be finite, got an entry " + v);
      }
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (Math.abs(a[i * n + j] - a[j * n + i]) > 1e-9 * scale) {
          throw new IllegalArgumentException(
              "a must be symmetric, got a["
                  + i
                  + "]["
                  + j
                  + "] = "
                  + a[i * n + j]
                  + " and a["
                  + j
                  + "]["
                  + i
                  + "] = "
                  + a[j * n + i]);
        }
      }
    }
    if (n == 1) {
      return new double[] {a[0]};
    }
    if (n == 2) {
      return twoByTwo(a[0], 0.5 * (a[1] + a[2]), a[3]);
    }
    return jacobi(a.clone(), n);
  }

  /** The eigenvalues of [[a, b], [b, c]] in ascending order. */
  public static double[] twoByTwo(double a, double b, double c) {
    double mean = 0.5 * (a + c);
    double r = Math.hypot(0.5 * (a - c), b);
    return new double[] {mean - r, mean + r};
  }

  private static double[] jacobi(double[] a, int n) {
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double off = 0;
      double total = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double v = a[i * n + j] * a[i * n + j];
          total += v;
          if (i != j) {
            off += v;
          }
        }
      }
      if (off <= 1e-30 * total) {
        break;
      }
      for (int p = 0; p < n - 1; p++) {
        for (int q = p + 1; q < n; q++) {
          double apq = a[p * n + q];
          if (apq == 0) {
            continue;
          }
          double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < n; k++) {
            double akp = a[k * n + p];
            double akq = a[k * n + q];
            a[k * n + p] = c * akp - s * akq;
            a[k * n + q] = s * akp + c * akq;
          }
          for (int k = 0; k < n; k++) {
            double apk = a[p * n + k];
            double aqk = a[q * n + k];
            a[p * n + k] = c * apk - s * aqk;
            a[q * n + k] = s * apk + c * aqk;
          }
        }
      }
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = a[i * n + i];
    }
    Arrays.sort(out);
    return out;
  }
}
