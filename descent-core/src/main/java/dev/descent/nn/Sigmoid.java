package dev.descent.nn;

/**
 * Logistic sigmoid, {@code y = 1 / (1 + e^(-x))}, with {@code dy/dx = y (1 - y)}. Evaluated as
 * {@code e^x / (1 + e^x)} for negative x so large |x| never overflows.
 */
public final class Sigmoid extends Elementwise {

  @Override
  String name() {
    return "Sigmoid";
  }

  @Override
  void apply(float[] x, float[] y, int from, int to) {
    for (int i = from; i < to; i++) {
      double v = x[i];
      if (v >= 0) {
        y[i] = (float) (1.0 / (1.0 + Math.exp(-v)));
      } else {
        double e = Math.exp(v);
        y[i] = (float) (e / (1.0 + e));
      }
    }
  }

  @Override
  void derivative(float[] x, float[] y, float[] dy, float[] dx, int from, int to) {
    for (int i = from; i < to; i++) {
      dx[i] = dy[i] * y[i] * (1f - y[i]);
    }
  }
}
