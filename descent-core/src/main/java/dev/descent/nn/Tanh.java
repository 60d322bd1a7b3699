package dev.descent.nn;

/** Hyperbolic tangent, {@code y = tanh(x)}, with {@code dy/dx = 1 - y^2}. */
public final class Tanh extends Elementwise {

  @Override
  String name() {
    return "Tanh";
  }

  @Override
  void apply(float[] x, float[] y, int from, int to) {
    for (int i = from; i < to; i++) {
      y[i] = (float) Math.tanh(x[i]);
    }
  }

  @Override
  void derivative(float[] x, float[] y, float[] dy, float[] dx, int from, int to) {
    for (int i = from; i < to; i++) {
      dx[i] = dy[i] * (1f - y[i] * y[i]);
    }
  }
}
