package dev.descent.function;

import java.util.Arrays;
import java.util.Map;

/**
 * A formula in x and y, parsed once and evaluated with its exact gradient and Hessian by
 * forward-mode automatic differentiation (second-order jets), never by finite differences.
 *
 * <p>Syntax: numbers ({@code 3}, {@code 0.5}, {@code 1e-3}), the variables {@code x} and {@code y},
 * the constants {@code pi} and {@code e}, {@code + - * /}, {@code ^} (also written {@code **};
 * right-associative, binding tighter than unary minus, so {@code -x^2 = -(x^2)} and {@code 2^3^2 =
 * 2^9}), parentheses and the functions {@code exp log sqrt sin cos tan tanh abs}. Names are case
 * sensitive and lower case. Whitespace is ignored.
 *
 * <p>Differentiation: every operation carries the jet (f, fx, fy, fxx, fxy, fyy) through the chain
 * rule; for a unary g(u), g' u_i and g'' u_i u_j + g' u_ij. A power with a constant exponent uses c
 * u^(c−1); a power whose exponent depends on x or y is evaluated as exp(b·log a). Where g' or g''
 * is infinite but the inner derivative is exactly zero (sqrt(x^2+y^2) at the origin, |x| at 0) the
 * product is taken as 0, the one-sided convention of subgradients, instead of NaN.
 *
 * <p>Evaluation allocates nothing after the first call on a thread: each thread reuses its own
 * workspace, so one instance can be shared.
 *
 * <pre>{@code
 * Expression f = Expression.parse("x^2/20 + y^2");
 * double[] g = new double[2];
 * f.valueAndGradient(-7, 2, g); // 6.45, g = (-0.7, 4)
 * }</pre>
 */
public final class Expression {
  static final int CONST = 0;
  static final int X = 1;
  static final int Y = 2;
  static final int ADD = 3;
  static final int SUB = 4;
  static final int MUL = 5;
  static final int DIV = 6;
  static final int NEG = 7;
  static final int POW = 8;
  static final int EXP = 9;
  static final int LOG = 10;
  static final int SQRT = 11;
  static final int SIN = 12;
  static final int COS = 13;
  static final int TAN = 14;
  static final int TANH = 15;
  static final int ABS = 16;

  /** Jet layout in the workspace: value, d/dx, d/dy, d2/dx2, d2/dxdy, d2/dy2. */
  private static final int STRIDE = 6;

  private final String text;
  private final int[] op;
  private final int[] left;
  private final int[] right;
  private final double[] constant;
  private final ThreadLocal<double[]> workspace;

  Expression(String text, int[] op, int[] left, int[] right, double[] constant) {
    this.text = text;
    this.op = op;
    this.left = left;
    this.right = right;
    this.constant = constant;
    int size = op.length * STRIDE;
    this.workspace = ThreadLocal.withInitial(() -> new double[size]);
  }

  /**
   * Parses a formula in x and y.
   *
   * @throws ExpressionParseException naming the problem and its column
   */
  public static Expression parse(String text) {
    return parse(text, Map.of());
  }

  /**
   * Parses a formula in x and y that may also use the named constants in {@code parameters} (used
   * by the named functions, e.g. {@code a} and {@code b} of Rosenbrock).
   *
   * @throws ExpressionParseException naming the problem and its column
   */
  public static Expression parse(String text, Map<String, Double> parameters) {
    return new ExpressionParser(text, parameters).parse();
  }

  /** The text this was parsed from. */
  public String text() {
    return text;
  }

  /** Whether the value depends on x or y at all. */
  public boolean isConstant() {
    for (int o : op) {
      if (o == X || o == Y) {
        return false;
      }
    }
    return true;
  }

  /** f(x, y). */
  public double value(double x, double y) {
    double[] w = evaluate(x, y);
    return w[(op.length - 1) * STRIDE];
  }

  /**
   * f(x, y) and its gradient.
   *
   * @param grad receives (∂f/∂x, ∂f/∂y)
   * @return f(x, y)
   */
  public double valueAndGradient(double x, double y, double[] grad) {
    double[] w = evaluate(x, y);
    int r = (op.length - 1) * STRIDE;
    grad[0] = w[r + 1];
    grad[1] = w[r + 2];
    return w[r];
  }

  /**
   * The Hessian at (x, y).
   *
   * @param out receives {fxx, fxy, fyy}
   * @return f(x, y)
   */
  public double hessian(double x, double y, double[] out) {
    double[] w = evaluate(x, y);
    int r = (op.length - 1) * STRIDE;
    out[0] = w[r + 3];
    out[1] = w[r + 4];
    out[2] = w[r + 5];
    return w[r];
  }

  @Override
  public String toString() {
    return text;
  }

  private double[] evaluate(double x, double y) {
    double[] w = workspace.get();
    for (int i = 0; i < op.length; i++) {
      int o = i * STRIDE;
      int a = left[i] * STRIDE;
      int b = right[i] * STRIDE;
      switch (op[i]) {
        case CONST:
          Arrays.fill(w, o, o + STRIDE, 0);
          w[o] = constant[i];
          break;
        case X:
          Arrays.fill(w, o, o + STRIDE, 0);
          w[o] = x;
          w[o + 1] = 1;
          break;
        case Y:
          Arrays.fill(w, o, o + STRIDE, 0);
          w[o] = y;
          w[o + 2] = 1;
          break;
        case ADD:
          for (int k = 0; k < STRIDE; k++) {
            w[o + k] = w[a + k] + w[b + k];
          }
          break;
        case SUB:
          for (int k = 0; k < STRIDE; k++) {
            w[o + k] = w[a + k] - w[b + k];
          }
          break;
        case NEG:
          for (int k = 0; k < STRIDE; k++) {
            w[o + k] = -w[a + k];
          }
          break;
        case MUL:
          multiply(w, o, a, w[b], w[b + 1], w[b + 2], w[b + 3], w[b + 4], w[b + 5]);
          break;
        case DIV:
          {
            // a / b = a * r with r = 1/b, r' = -r^2, r'' = 2 r^3
            double r = 1 / w[b];
            double r1 = -r * r;
            double r2 = 2 * r * r * r;
            double bx = w[b + 1];
            double by = w[b + 2];
            multiply(
                w,
                o,
                a,
                r,
                chain(r1, bx),
                chain(r1, by),
                chain(r2, bx * bx) + chain(r1, w[b + 3]),
                chain(r2, bx * by) + chain(r1, w[b + 4]),
                chain(r2, by * by) + chain(r1, w[b + 5]));
            break;
          }
        case POW:
          {
            double u = w[a];
            double c = w[b];
            double g1 = c == 0 ? 0 : c * Math.pow(u, c - 1);
            double g2 = c == 0 || c == 1 ? 0 : c * (c - 1) * Math.pow(u, c - 2);
            unary(w, o, a, Math.pow(u, c), g1, g2);
            break;
          }
        case EXP:
          {
            double v = Math.exp(w[a]);
            unary(w, o, a, v, v, v);
            break;
          }
        case LOG:
          {
            double u = w[a];
            unary(w, o, a, Math.log(u), 1 / u, -1 / (u * u));
            break;
          }
        case SQRT:
          {
            double u = w[a];
            double s = Math.sqrt(u);
            unary(w, o, a, s, 0.5 / s, -0.25 / (s * u));
            break;
          }
        case SIN:
          {
            double u = w[a];
            double s = Math.sin(u);
            unary(w, o, a, s, Math.cos(u), -s);
            break;
          }
        case COS:
          {
            double u = w[a];
            double c = Math.cos(u);
            unary(w, o, a, c, -Math.sin(u), -c);
            break;
          }
        case TAN:
          {
            double t = Math.tan(w[a]);
            double sec2 = 1 + t * t;
            unary(w, o, a, t, sec2, 2 * t * sec2);
            break;
          }
        case TANH:
          {
            double t = Math.tanh(w[a]);
            double d = 1 - t * t;
            unary(w, o, a, t, d, -2 * t * d);
            break;
          }
        case ABS:
          {
            double u = w[a];
            unary(w, o, a, Math.abs(u), Math.signum(u), 0);
            break;
          }
        default:
          throw new IllegalStateException("unknown op " + op[i]);
      }
    }
    return w;
  }

  /** w[o..] = g(u) with u = w[a..], g' = g1, g'' = g2. */
  private static void unary(double[] w, int o, int a, double g, double g1, double g2) {
    double ux = w[a + 1];
    double uy = w[a + 2];
    double uxx = w[a + 3];
    double uxy = w[a + 4];
    double uyy = w[a + 5];
    w[o] = g;
    w[o + 1] = chain(g1, ux);
    w[o + 2] = chain(g1, uy);
    w[o + 3] = chain(g2, ux * ux) + chain(g1, uxx);
    w[o + 4] = chain(g2, ux * uy) + chain(g1, uxy);
    w[o + 5] = chain(g2, uy * uy) + chain(g1, uyy);
  }

  /** w[o..] = w[a..] * (b, bx, by, bxx, bxy, byy). Reads all of a before writing o. */
  private static void multiply(
      double[] w,
      int o,
      int a,
      double b,
      double bx,
      double by,
      double bxx,
      double bxy,
      double byy) {
    double av = w[a];
    double ax = w[a + 1];
    double ay = w[a + 2];
    double axx = w[a + 3];
    double axy = w[a + 4];
    double ayy = w[a + 5];
    w[o] = av * b;
    w[o + 1] = ax * b + av * bx;
    w[o + 2] = ay * b + av * by;
    w[o + 3] = axx * b + 2 * ax * bx + av * bxx;
    w[o + 4] = axy * b + ax * by + ay * bx + av * bxy;
    w[o + 5] = ayy * b + 2 * ay * by + av * byy;
  }

  /** g * d, except that a zero inner derivative contributes zero even when g is infinite. */
  private static double chain(double g, double d) {
    return d == 0 ? 0 : g * d;
  }
}
