package dev.descent.function;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A function f(x, y) with its exact gradient: the objective of the 2-D trajectory lab.
 *
 * <p>Besides values and derivatives it carries what a plot of it needs: a default window, a classic
 * start point (named functions) and its known critical points (minima are marked on contour plots).
 * Implementations are immutable and safe to share between threads.
 *
 * <pre>{@code
 * Function2D f = Functions.create("rosenbrock");
 * double[] g = new double[2];
 * double v = f.valueAndGradient(-1.5, 2, g); // v = 12.5, g = ∇f(-1.5, 2) = (-155, -50)
 * }</pre>
 */
public interface Function2D {

  /** The name it was created from: a spec such as {@code rosenbrock(a=1,b=100)}, or a formula. */
  String name();

  /** The formula in the syntax of {@link Expression}, with parameters substituted. */
  String formula();

  /** f(x, y). */
  double value(double x, double y);

  /**
   * f(x, y) and its exact gradient.
   *
   * @param grad receives (∂f/∂x, ∂f/∂y); length at least 2
   * @return f(x, y)
   */
  double valueAndGradient(double x, double y, double[] grad);

  /**
   * The Hessian at (x, y) as {fxx, fxy, fyy}. The default takes central differences of the exact
   * gradient (step 1e-5 relative to the coordinates); formula-based functions override it with the
   * exact second derivatives.
   *
   * @param out receives {fxx, fxy, fyy}; length at least 3
   */
  default void hessian(double x, double y, double[] out) {
    double hx = 1e-5 * Math.max(1, Math.abs(x));
    double hy = 1e-5 * Math.max(1, Math.abs(y));
    double[] gp = new double[2];
    double[] gm = new double[2];
    valueAndGradient(x + hx, y, gp);
    valueAndGradient(x - hx, y, gm);
    double fxx = (gp[0] - gm[0]) / (2 * hx);
    double fyx = (gp[1] - gm[1]) / (2 * hx);
    valueAndGradient(x, y + hy, gp);
    valueAndGradient(x, y - hy, gm);
    double fxy = (gp[0] - gm[0]) / (2 * hy);
    double fyy = (gp[1] - gm[1]) / (2 * hy);
    out[0] = fxx;
    out[1] = 0.5 * (fxy + fyx);
    out[2] = fyy;
  }

  /** The default plot window: shows the interesting region and the known minima. */
  Window window();

  /**
   * The classic start point of a trajectory on this function, if it has one (named functions do;
   * formulas do not).
   */
  Optional<Point> defaultStart();

  /** The known critical points (global minima, and saddles where those are the point). */
  List<CriticalPoint> criticalPoints();

  /** The known minima among {@link #criticalPoints()}. */
  default List<Point> minima() {
    List<Point> out = new ArrayList<>();
    for (CriticalPoint c : criticalPoints()) {
      if (c.kind() == CriticalPoint.Kind.MINIMUM) {
        out.add(c.point());
      }
    }
    return out;
  }
}
