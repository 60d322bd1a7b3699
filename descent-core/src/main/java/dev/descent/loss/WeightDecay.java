package dev.descent.loss;

import dev.descent.nn.Parameter;
import dev.descent.tensor.Ops;
import java.util.List;

/**
 * L2 weight decay as a loss term (the book's {@code weight_decay_lambda}): {@code R = (lambda/2)
 * sum_W ||W||^2} over the parameters with {@link Parameter#decay()} true (weights; biases and batch
 * norm's gamma/beta are excluded by default), with gradient {@code dR/dW = lambda W}.
 *
 * <p>This is <em>coupled</em> L2 regularization: its gradient flows through the optimizer (and so
 * through Adam's scaling). It differs from an optimizer's decoupled decay (AdamW), which shrinks
 * the weights outside the gradient.
 */
public final class WeightDecay {
  private final double lambda;

  /**
   * @param lambda the strength λ, finite and &gt;= 0
   */
  public WeightDecay(double lambda) {
    if (!(lambda >= 0 && lambda < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("lambda must be in [0, inf), got " + lambda);
    }
    this.lambda = lambda;
  }

  /** λ. */
  public double lambda() {
    return lambda;
  }

  /** The penalty {@code (lambda/2) sum ||W||^2} over the decayed parameters. */
  public double value(List<Parameter> parameters) {
    requireParameters(parameters);
    double sum = 0;
    for (int i = 0, n = parameters.size(); i < n; i++) {
      Parameter p = parameters.get(i);
      if (p.decay()) {
        float[] w = p.value().data();
        for (int k = 0; k < w.length; k++) {
          sum += (double) w[k] * w[k];
        }
      }
    }
    return 0.5 * lambda * sum;
  }

  /**
   * Adds {@code lambda W} to the gradient of every decayed parameter (call after the backward pass,
   * which overwrites the gradients) and returns the penalty {@link #value}.
   */
  public double addGradient(List<Parameter> parameters) {
    double v = value(parameters);
    if (lambda != 0) {
      for (int i = 0, n = parameters.size(); i < n; i++) {
        Parameter p = parameters.get(i);
        if (p.decay()) {
          Ops.axpy((float) lambda, p.value(), p.grad());
        }
      }
    }
    return v;
  }

  private static void requireParameters(List<Parameter> parameters) {
    if (parameters == null) {
      throw new IllegalArgumentException("parameters must not be null");
    }
  }
}
