package dev.descent.curvature;

import dev.descent.function.Objective;

/**
 * The Hessian ∇²f(x) and Hessian-vector products ∇²f(x)·v of an {@link Objective}.
 *
 * <p>When the objective knows its exact Hessian ({@link Objective#hessian}) it is used; otherwise
 * the Hessian is the symmetrised central difference of the exact gradient, column j being (∇f(x +
 * hⱼeⱼ) − ∇f(x − hⱼeⱼ)) / 2hⱼ with hⱼ = 1e-5·max(1, |xⱼ|) (error O(h²); the step balances
 * truncation against the cancellation of float64 gradients). That costs 2n gradient evaluations,
 * which each method returns so callers can count them.
 *
 * <p>Hessian-vector products by differences need only 2 evaluations: ∇²f(x)·v ≈ (∇f(x + εv) − ∇f(x
 * − εv)) / 2ε with ε = 1e-5·max(1, ‖x‖∞) / ‖v‖∞ (Pearlmutter 1994 gives the exact R-operator form;
 * this is its finite-difference counterpart used by truncated-Newton codes).
 */
public final class Hessians {
  private Hessians() {}

  /**
   * Writes ∇²f(x) (row-major n×n) into {@code out}.
   *
   * @param f the objective
   * @param x the point, length n (not modified)
   * @param out receives the Hessian, length at least n·n
   * @return the number of gradient evaluations spent: 0 when the Hessian is exact, else 2n
   * @throws IllegalArgumentException if the lengths do not match f's dimension
   */
  public static int compute(Objective f, double[] x, double[] out) {
    int n = f.dimension();
    checkLength("x", x, n);
    checkLength("out", out, n * n);
    if (f.hessian(x, out)) {
      return 0;
    }
    double[] probe = x.clone();
    double[] gp = new double[n];
    double[] gm = new double[n];
    for (int j = 0; j < n; j++) {
      double h = 1e-5 * Math.max(1, Math.abs(x[j]));
      probe[j] = x[j] + h;
      f.valueAndGradient(probe, gp);
      probe[j] = x[j] - h;
      f.valueAndGradient(probe, gm);
      probe[j] = x[j];
      for (int i = 0; i < n; i++) {
        out[i * n + j] = (gp[i] - gm[i]) / (2 * h);
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double s = 0.5 * (out[i * n + j] + out[j * n + i]);
        out[i * n + j] = s;
        out[j * n + i] = s;
      }
    }
    return 2 * n;
  }

  /**
   * Writes ∇²f(x)·v into {@code out}: exactly when the objective knows its Hessian, else by a
   * central difference of gradients along v.
   *
   * @return the number of gradient evaluations spent: 0 or 2
   * @throws IllegalArgumentException if the lengths do not match f's dimension
   */
  public static int vectorProduct(Objective f, double[] x, double[] v, double[] out) {
    int n = f.dimension();
    checkLength("x", x, n);
    checkLength("v", v, n);
    checkLength("out", out, n);
    double[] h = new double[n * n];
    if (f.hessian(x, h)) {
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) {
          s += h[i * n + j] * v[j];
        }
        out[i] = s;
      }
      return 0;
    }
    double vmax = 0;
    double xmax = 0;
    for (int i = 0; i < n; i++) {
      vmax = Math.max(vmax, Math.abs(v[i]));
      xmax = Math.max(xmax, Math.abs(x[i]));
    }
    if (vmax == 0) {
      java.util.Arrays.fill(out, 0, n, 0.0);
      return 0;
    }
    double eps = 1e-5 * Math.max(1, xmax) / vmax;
    double[] probe = new double[n];
    double[] gp = new double[n];
    double[] gm = new double[n];
    for (int i = 0; i < n; i++) {
      probe[i] = x[i] + eps * v[i];
    }
    f.valueAndGradient(probe, gp);
    for (int i = 0; i < n; i++) {
      probe[i] = x[i] - eps * v[i];
    }
    f.valueAndGradient(probe, gm);
    for (int i = 0; i < n; i++) {
      out[i] = (gp[i] - gm[i]) / (2 * eps);
    }
    return 2;
  }

  private static void checkLength(String name, double[] a, int min) {
    if (a == null || a.length < min) {
      throw new IllegalArgumentException(
          name + " must have length at least " + min + ", got " + (a == null ? "null" : a.length));
    }
  }
}
