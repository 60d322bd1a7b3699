package dev.descent.nn;

import dev.descent.tensor.Tensor;

/**
 * Base of the element-wise activations: owns the output and input-gradient buffers and the shape
 * checks; subclasses give the function and its derivative as loops over the flat arrays.
 */
abstract class Elementwise implements Layer {
  private final RowBuffer out = new RowBuffer();
  private final RowBuffer gradIn = new RowBuffer();
  private Tensor input;
  private Tensor output;

  /** The layer's name in messages. */
  abstract String name();

  /** {@code y[i] = f(x[i])} for i in [0, n). */
  abstract void apply(float[] x, float[] y, int n);

  /** {@code dx[i] = dy[i] * f'(x[i])}, where {@code y[i] = f(x[i])} is available too. */
  abstract void derivative(float[] x, float[] y, float[] dy, float[] dx, int n);

  @Override
  public Tensor forward(Tensor x, Context context) {
    Checks.input(name(), x, 0);
    Checks.context(name(), context);
    Tensor y = out.get(x.rows(), x.cols());
    apply(x.data(), y.data(), x.size());
    input = x;
    output = y;
    return y;
  }

  @Override
  public Tensor backward(Tensor gradOutput, boolean inputGradient) {
    Checks.gradOutput(name(), gradOutput, output);
    if (!inputGradient) {
      return null;
    }
    Tensor dx = gradIn.get(output.rows(), output.cols());
    derivative(input.data(), output.data(), gradOutput.data(), dx.data(), output.size());
    return dx;
  }

  @Override
  public String toString() {
    return name();
  }
}
