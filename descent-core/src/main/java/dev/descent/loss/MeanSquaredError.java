package dev.descent.loss;

import dev.descent.tensor.Ops;
import dev.descent.tensor.Tensor;

/**
 * Mean squared error, {@code L = (1/(N D)) sum_ij (y_ij - t_ij)^2}, with gradient {@code dL/dy = 2
 * (y - t) / (N D)}.
 *
 * <p>Reduction: the <b>mean over all N x D elements</b>, as PyTorch's {@code nn.MSELoss()} (default
 * {@code reduction='mean'}). The book's {@code mean_squared_error} is {@code 0.5 sum (y - t)^2} for
 * one example: multiply this loss by D/2 to compare.
 *
 * <p>Stateless; accumulation is in double precision.
 */
public final class MeanSquaredError {

  /**
   * The mean squared error, writing dL/dpredictions into {@code gradPredictions} when not null.
   *
   * @param predictions N x D model outputs
   * @param targets N x D targets (same shape)
   * @param gradPredictions same shape, or null to compute only the loss; must not share its array
   *     with the inputs
   * @throws IllegalArgumentException on a null input or a shape mismatch
   */
  public double compute(Tensor predictions, Tensor targets, Tensor gradPredictions) {
    Ops.requireSameShape("predictions", predictions, "targets", targets);
    if (gradPredictions != null) {
      Ops.requireSameShape("gradPredictions", gradPredictions, "predictions", predictions);
      if (gradPredictions.data() == predictions.data()
          || gradPredictions.data() == targets.data()) {
        throw new IllegalArgumentException(
            "gradPredictions must not share its array with predictions or targets");
      }
    }
    float[] y = predictions.data();
    float[] t = targets.data();
    float[] g = gradPredictions == null ? null : gradPredictions.data();
    double invCount = 1.0 / y.length;
    double total = 0;
    for (int i = 0; i < y.length; i++) {
      double d = (double) y[i] - t[i];
      total += d * d;
      if (g != null) {
        g[i] = (float) (2 * d * invCount);
      }
    }
    return total * invCount;
  }
}
