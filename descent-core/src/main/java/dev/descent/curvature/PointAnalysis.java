package dev.descent.curvature;

import dev.descent.function.Objective;
import java.util.Locale;

/**
 * The first- and second-order picture of an objective at one point: value, gradient, Hessian, its
 * eigenvalues and the {@link Curvature} they imply.
 *
 * <p>The classification speaks about the point as a critical point only when the gradient vanishes
 * there ({@link #stationary()}: ‖∇f‖∞ ≤ 1e-8·max(1, |f|)); elsewhere it describes the local shape
 * (e.g. "curved like a minimum").
 *
 * <pre>{@code
 * PointAnalysis a = PointAnalysis.at(Objective.of(Functions.create("saddle")), new double[] {0, 0});
 * a.curvature(); // SADDLE: eigenvalues -2 and 2
 * }</pre>
 *
 * @param point the point
 * @param value f there
 * @param gradient ∇f there
 * @param hessian ∇²f there, row-major n×n
 * @param exactHessian whether the Hessian is exact (else central differences of the gradient)
 * @param eigenvalues the Hessian's eigenvalues, ascending
 * @param curvature the classification by their signs
 */
public record PointAnalysis(
    double[] point,
    double value,
    double[] gradient,
    double[] hessian,
    boolean exactHessian,
    double[] eigenvalues,
    Curvature curvature) {

  /** Copies the arrays. */
  public PointAnalysis {
    point = point.clone();
    gradient = gradient.clone();
    hessian = hessian.clone();
    eigenvalues = eigenvalues.clone();
  }

  /** A copy of the point. */
  @Override
  public double[] point() {
    return point.clone();
  }

  /** A copy of ∇f. */
  @Override
  public double[] gradient() {
    return gradient.clone();
  }

  /** A copy of ∇²f, row-major. */
  @Override
  public double[] hessian() {
    return hessian.clone();
  }

  /** A copy of the eigenvalues, ascending. */
  @Override
  public double[] eigenvalues() {
    return eigenvalues.clone();
  }

  /**
   * Evaluates f, ∇f and ∇²f at {@code x} and classifies the point.
   *
   * @throws IllegalArgumentException if x has the wrong length or f, ∇f or ∇²f is not finite there
   */
  public static PointAnalysis at(Objective f, double[] x) {
    int n = f.dimension();
    if (x.length != n) {
      throw new IllegalArgumentException(
          "point must have " + n + " coordinates for " + f.name() + ", got " + x.length);
    }
    double[] g = new double[n];
    double v = f.valueAndGradient(x, g);
    double[] h = new double[n * n];
    boolean exact = Hessians.compute(f, x, h) == 0;
    boolean finite = Double.isFinite(v);
    for (double d : g) {
      finite &= Double.isFinite(d);
    }
    for (double d : h) {
      finite &= Double.isFinite(d);
    }
    if (!finite) {
      throw new IllegalArgumentException(
          f.name() + " or its derivatives are not finite at " + java.util.Arrays.toString(x));
    }
    double[] ev = SymmetricEigen.eigenvalues(h, n);
    return new PointAnalysis(x, v, g, h, exact, ev, Curvature.classify(ev));
  }

  /** Whether the gradient vanishes here: ‖∇f‖∞ ≤ 1e-8·max(1, |f|). */
  public boolean stationary() {
    double m = 0;
    for (double d : gradient) {
      m = Math.max(m, Math.abs(d));
    }
    return m <= 1e-8 * Math.max(1, Math.abs(value));
  }

  /**
   * A few lines for the terminal: point, value, gradient, Hessian rows, eigenvalues and the
   * verdict.
   */
  public String format() {
    int n = point.length;
    StringBuilder sb = new StringBuilder();
    sb.append("point       ").append(vector(point)).append('\n');
    sb.append("f           ").append(num(value)).append('\n');
    sb.append("gradient    ").append(vector(gradient)).append('\n');
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? (exactHessian ? "hessian     " : "hessian(fd) ") : "            ");
      double[] row = new double[n];
      System.arraycopy(hessian, i * n, row, 0, n);
      sb.append(vector(row)).append('\n');
    }
    sb.append("eigenvalues ").append(vector(eigenvalues)).append('\n');
    if (stationary()) {
      sb.append("critical point: ").append(curvature.label());
      if (curvature == Curvature.DEGENERATE) {
        sb.append(" (a zero eigenvalue: the second-order test cannot decide)");
      }
    } else {
      sb.append("not a critical point (gradient ≠ 0); curvature here: ")
          .append(curvature.label())
          .append("-like");
    }
    return sb.append('\n').toString();
  }

  private static String vector(double[] v) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(num(v[i]));
    }
    return sb.append(']').toString();
  }

  /** Ten significant digits without trailing zeros: 0, 802, 0.3993607675, 1.5e-12. */
  private static String num(double v) {
    if (v == 0) {
      return "0";
    }
    String s = String.format(Locale.ROOT, "%.10g", v);
    int e = s.indexOf('e');
    String mantissa = e < 0 ? s : s.substring(0, e);
    String exponent = e < 0 ? "" : s.substring(e);
    if (mantissa.contains(".")) {
      mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return mantissa + exponent;
  }
}
