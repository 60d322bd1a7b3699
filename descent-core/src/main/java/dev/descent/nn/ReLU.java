package dev.descent.nn;

/**
 * Rectified linear unit, {@code y = max(0, x)}; derivative 1 for x &gt; 0 and 0 otherwise (0 at x =
 * 0, as in PyTorch). Nair &amp; Hinton (2010); the activation He initialization is made for.
 */
public final class ReLU extends Elementwise {

  @Override
  String name() {
    return "ReLU";
  }

  @Override
  void apply(float[] x, float[] y, int n) {
    for (int i = 0; i < n; i++) {
      y[i] = x[i] > 0f ? x[i] : 0f;
    }
  }

  @Override
  void derivative(float[] x, float[] y, float[] dy, float[] dx, int n) {
    for (int i = 0; i < n; i++) {
      dx[i] = x[i] > 0f ? dy[i] : 0f;
    }
  }
}
