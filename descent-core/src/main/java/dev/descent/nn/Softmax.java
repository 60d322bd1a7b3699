package dev.descent.nn;

import dev.descent.tensor.Tensor;

/**
 * Row-wise softmax, {@code y_ij = exp(x_ij - m_i) / sum_k exp(x_ik - m_i)} with {@code m_i = max_k
 * x_ik} subtracted for stability; backward {@code dx_ij = y_ij (dy_ij - sum_k dy_ik y_ik)}.
 *
 * <p>For classification prefer {@link dev.descent.loss.SoftmaxCrossEntropy} on the logits, which
 * fuses this with the loss and is more accurate; this layer is for models that need probabilities
 * as an intermediate result.
 */
public final class Softmax implements Layer {
  private final RowBuffer out = new RowBuffer();
  private final RowBuffer gradIn = new RowBuffer();
  private Tensor output;

  @Override
  public Tensor forward(Tensor x, Context context) {
    Checks.input("Softmax", x, 0);
    Checks.context("Softmax", context);
    int rows = x.rows();
    int cols = x.cols();
    Tensor y = out.get(rows, cols);
    float[] xd = x.data();
    float[] yd = y.data();
    for (int i = 0; i < rows; i++) {
      int off = i * cols;
      float max = xd[off];
      for (int j = 1; j < cols; j++) {
        max = Math.max(max, xd[off + j]);
      }
      double sum = 0;
      for (int j = 0; j < cols; j++) {
        double e = Math.exp(xd[off + j] - max);
        yd[off + j] = (float) e;
        sum += e;
      }
      float inv = (float) (1.0 / sum);
      for (int j = 0; j < cols; j++) {
        yd[off + j] *= inv;
      }
    }
    output = y;
    return y;
  }

  @Override
  public Tensor backward(Tensor gradOutput, boolean inputGradient) {
    Checks.gradOutput("Softmax", gradOutput, output);
    if (!inputGradient) {
      return null;
    }
    int rows = output.rows();
    int cols = output.cols();
    Tensor dx = gradIn.get(rows, cols);
    float[] y = output.data();
    float[] dy = gradOutput.data();
    float[] d = dx.data();
    for (int i = 0; i < rows; i++) {
      int off = i * cols;
      double dot = 0;
      for (int j = 0; j < cols; j++) {
        dot += (double) dy[off + j] * y[off + j];
      }
      float s = (float) dot;
      for (int j = 0; j < cols; j++) {
        d[off + j] = y[off + j] * (dy[off + j] - s);
      }
    }
    return dx;
  }

  @Override
  public String toString() {
    return "Softmax";
  }
}
