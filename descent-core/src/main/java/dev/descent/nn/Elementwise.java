package dev.descent.nn;

import dev.descent.concurrent.Workers;
import dev.descent.tensor.Tensor;

/**
 * Base of the element-wise activations: owns the output and input-gradient buffers and the shape
 * checks, and runs forward and backward in blocks of {@value Blocks#ROWS} rows on the context's
 * {@link Workers}; subclasses give the function and its derivative as loops over ranges of the flat
 * arrays.
 */
abstract class Elementwise implements RowWise, RowLocalBackward {
  private final RowBuffer out = new RowBuffer();
  private final RowBuffer gradIn = new RowBuffer();
  private final Blocks.RowTask forwardTask = new Blocks.RowTask(this::forwardRows);
  private final Blocks.RowTask backwardTask = new Blocks.RowTask(this::backwardRows);
  private Tensor input;
  private Tensor output;
  private Tensor gradOutput;
  private Tensor gradInput;
  private Workers workers;

  /** The layer's name in messages. */
  abstract String name();

  /** {@code y[i] = f(x[i])} for i in [from, to). */
  abstract void apply(float[] x, float[] y, int from, int to);

  /**
   * {@code dx[i] = dy[i] * f'(x[i])} for i in [from, to), where {@code y[i] = f(x[i])} is available
   * too.
   */
  abstract void derivative(float[] x, float[] y, float[] dy, float[] dx, int from, int to);

  @Override
  public Tensor forward(Tensor x, Context context) {
    Tensor y = prepareForward(x, context);
    forwardTask.run(workers, x.rows());
    return y;
  }

  @Override
  public Tensor prepareForward(Tensor x, Context context) {
    Checks.input(name(), x, 0);
    Checks.context(name(), context);
    input = x;
    output = out.get(x.rows(), x.cols());
    workers = context.workers();
    return output;
  }

  @Override
  public void forwardRows(int from, int to) {
    int cols = input.cols();
    apply(input.data(), output.data(), from * cols, to * cols);
  }

  @Override
  public Tensor backward(Tensor gradOutput, boolean inputGradient) {
    Checks.gradOutput(name(), gradOutput, output);
    if (!inputGradient) {
      return null;
    }
    Tensor dx = prepareBackward(gradOutput);
    backwardTask.run(workers, output.rows());
    return dx;
  }

  @Override
  public Tensor prepareBackward(Tensor gradOutput) {
    Checks.gradOutput(name(), gradOutput, output);
    this.gradOutput = gradOutput;
    this.gradInput = gradIn.get(output.rows(), output.cols());
    return gradInput;
  }

  @Override
  public void backwardRows(int from, int to) {
    int cols = output.cols();
    derivative(
        input.data(), output.data(), gradOutput.data(), gradInput.data(), from * cols, to * cols);
  }

  @Override
  public String toString() {
    return name();
  }
}
