package dev.descent.function;

/**
 * A smooth function f: Rⁿ → R with its exact gradient, in float64: the objective of the full-batch
 * methods ({@code dev.descent.optim.fullbatch}) and the curvature tools ({@code
 * dev.descent.curvature}), which evaluate it at any point they choose rather than consuming a
 * stream of gradients.
 *
 * <p>An objective may also know its Hessian ({@link #hessian}); when it does not, the curvature
 * tools take central differences of the exact gradient.
 *
 * <pre>{@code
 * Objective f = Objective.of(Functions.create("rosenbrock"));
 * double[] g = new double[2];
 * double v = f.valueAndGradient(new double[] {-1.5, 2}, g); // 12.5, g = (-155, -50)
 * }</pre>
 */
public interface Objective {

  /** n, the number of variables. */
  int dimension();

  /**
   * f(x) and ∇f(x).
   *
   * @param x the point, length n (not modified)
   * @param grad receives ∇f(x), length n
   * @return f(x)
   */
  double valueAndGradient(double[] x, double[] grad);

  /**
   * Writes the exact Hessian at {@code x} into {@code out} (row-major n×n) if this objective knows
   * it.
   *
   * @return whether {@code out} was filled; the default knows no Hessian and returns false
   */
  default boolean hessian(double[] x, double[] out) {
    return false;
  }

  /** A name for messages and legends. */
  default String name() {
    return "objective";
  }

  /**
   * The 2-D function {@code f} as an objective of (x, y); its Hessian is {@link
   * Function2D#hessian}, exact for formulas and named functions.
   */
  static Objective of(Function2D f) {
    return new Objective() {
      @Override
      public int dimension() {
        return 2;
      }

      @Override
      public double valueAndGradient(double[] x, double[] grad) {
        return f.valueAndGradient(x[0], x[1], grad);
      }

      @Override
      public boolean hessian(double[] x, double[] out) {
        double[] h = new double[3];
        f.hessian(x[0], x[1], h);
        out[0] = h[0];
        out[1] = h[1];
        out[2] = h[1];
        out[3] = h[2];
        return true;
      }

      @Override
      public String name() {
        return f.name();
      }
    };
  }
}
