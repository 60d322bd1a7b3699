package dev.descent.optim.fullbatch;

/** Argument checks with the messages the style guide asks for. */
final class Checks {
  private Checks() {}

  static void positive(String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be in (0, inf), got " + v);
    }
  }

  static void notNull(String name, Object v) {
    if (v == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
  }

  /** min(1, 1/‖g‖₁)·lr: PyTorch L-BFGS's first step, scaled so the first move is at most lr. */
  static double firstStep(double[] g, double lr) {
    double l1 = 0;
    for (double v : g) {
      l1 += Math.abs(v);
    }
    return Math.min(1, 1 / l1) * lr;
  }
}
