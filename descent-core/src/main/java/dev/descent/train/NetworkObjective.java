package dev.descent.train;

import dev.descent.data.Dataset;
import dev.descent.function.Objective;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.loss.WeightDecay;
import dev.descent.nn.BatchNorm;
import dev.descent.nn.Context;
import dev.descent.nn.Dropout;
import dev.descent.nn.Layer;
import dev.descent.nn.Parameter;
import dev.descent.nn.Sequential;
import dev.descent.tensor.Tensor;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The full-batch training loss of a classifier as an {@link Objective} of its flattened parameters,
 * for the full-batch methods ({@code dev.descent.optim.fullbatch}: L-BFGS, BFGS, Newton, CG, …):
 *
 * <pre>f(θ) = (1/N) Σᵢ CE(model_θ(xᵢ), yᵢ) + ½λ Σ_W ‖W‖²</pre>
 *
 * <p>over all N examples of the data set at once (softmax cross-entropy, the L2 penalty on the
 * weights only, as {@link WeightDecay}); ∇f comes from one backward pass.
 *
 * <p><b>Precision.</b> θ is the methods' float64 vector: the parameters in {@link
 * Sequential#parameters()} order, each flattened row-major. Each evaluation rounds θ to float32
 * into the model, runs the float32 forward and backward passes (the loss is summed in float64), and
 * widens the float32 gradient to float64. f is therefore a float32 computation seen through a
 * float64 window: changes of θ below float32's resolution (about 6e-8 relative) do not change f,
 * and f and ∇f carry float32 rounding (relative errors near 1e-6), which is what ends a run on the
 * change tolerance or with a failed line search well before float64 methods would stop.
 *
 * <p><b>Limits.</b> The whole data set is one batch, so inputs, activations and their gradients for
 * all N rows live in memory at once: at most {@link #MAX_EXAMPLES} examples. The model must be
 * deterministic: dropout (a different objective at every call) and batch norm (whose running
 * statistics every line-search trial would move) are rejected.
 *
 * <pre>{@code
 * NetworkObjective f = new NetworkObjective(model, splits.train(), 1e-4);
 * double[] theta = f.parameters();
 * Result r = FullBatchMethods.create("lbfgs(history=10)").minimize(f, theta, stop);
 * f.load(r.x());   // the model now holds the minimiser (rounded to float32)
 * }</pre>
 */
public final class NetworkObjective implements Objective {
  /**
   * The most examples one full batch may hold (10 000: a 784-wide input and four 100-wide layers
   * then need about 100 MB of float32 activations and gradients).
   */
  public static final int MAX_EXAMPLES = 10_000;

  private final Sequential model;
  private final List<Parameter> params;
  private final int dimension;
  private final Tensor x;
  private final int[] y;
  private final Tensor gradLogits;
  private final WeightDecay weightDecay;
  private final SoftmaxCrossEntropy crossEntropy = new SoftmaxCrossEntropy();
  private final Context context = Context.training(new SplittableRandom(0));

  /**
   * @param model the classifier (its parameters are overwritten by every evaluation)
   * @param data the examples; all of them form the batch
   * @param weightDecay λ of the L2 penalty, in [0, inf)
   * @throws IllegalArgumentException if the data holds more than {@link #MAX_EXAMPLES} examples
   *     (the message suggests {@code --train-limit}), the model contains dropout or batch norm, or
   *     λ is out of range
   */
  public NetworkObjective(Sequential model, Dataset data, double weightDecay) {
    this.model = Objects.requireNonNull(model, "model");
    Objects.requireNonNull(data, "data");
    requireFullBatch(model, data.size());
    this.params = model.parameters();
    long n = 0;
    for (Parameter p : params) {
      n += p.size();
    }
    if (n == 0 || n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "the model must have between 1 and " + (Integer.MAX_VALUE - 8) + " parameters, got " + n);
    }
    this.dimension = (int) n;
    this.weightDecay = new WeightDecay(weightDecay);
    int rows = data.size();
    this.x = Tensor.zeros(rows, data.features());
    float[] xd = x.data();
    this.y = new int[rows];
    for (int i = 0; i < rows; i++) {
      data.row(i, xd, i * data.features());
      y[i] = data.label(i);
    }
    Tensor logits = model.forward(x, Context.evaluation());
    int classes = Math.max(data.classes(), max(y) + 1);
    if (logits.cols() < classes) {
      throw new IllegalArgumentException(
          "the model outputs " + logits.cols() + " classes but the data has " + classes);
    }
    this.gradLogits = Tensor.zeros(rows, logits.cols());
  }

  /**
   * Checks that {@code model} can be trained full-batch on {@code examples} examples.
   *
   * @throws IllegalArgumentException naming the limit or the layer that makes f stochastic
   */
  public static void requireFullBatch(Sequential model, int examples) {
    if (examples < 1 || examples > MAX_EXAMPLES) {
      throw new IllegalArgumentException(
          "full-batch training holds all training examples in one batch: their number must be in"
              + " [1, "
              + MAX_EXAMPLES
              + "], got "
              + examples
              + "; use a subset, e.g. --train-limit "
              + Math.min(Math.max(examples, 1), 1000));
    }
    for (Layer l : model.layers()) {
      if (l instanceof Dropout) {
        throw new IllegalArgumentException(
            "full-batch methods need a deterministic loss, but the model has dropout (a new mask"
                + " at every evaluation); train without dropout");
      }
      if (l instanceof BatchNorm) {
        throw new IllegalArgumentException(
            "full-batch methods need a loss that evaluating it does not change, but the model has"
                + " batch norm (each line-search trial would move its running statistics); train"
                + " without batch norm");
      }
    }
  }

  private static int max(int[] a) {
    int m = -1;
    for (int v : a) {
      m = Math.max(m, v);
    }
    return m;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public String name() {
    return "training loss of " + model;
  }

  /** The model's current parameters as a new float64 vector θ. */
  public double[] parameters() {
    double[] theta = new double[dimension];
    int off = 0;
    for (Parameter p : params) {
      float[] v = p.value().data();
      for (int k = 0; k < v.length; k++) {
        theta[off + k] = v[k];
      }
      off += v.length;
    }
    return theta;
  }

  /** Writes θ into the model's parameters, rounding each value to float32. */
  public void load(double[] theta) {
    if (theta.length != dimension) {
      throw new IllegalArgumentException(
          "theta must have " + dimension + " values, got " + theta.length);
    }
    int off = 0;
    for (Parameter p : params) {
      float[] v = p.value().data();
      for (int k = 0; k < v.length; k++) {
        v[k] = (float) theta[off + k];
      }
      off += v.length;
    }
  }

  @Override
  public double valueAndGradient(double[] theta, double[] grad) {
    if (grad.length != dimension) {
      throw new IllegalArgumentException(
          "grad must have " + dimension + " values, got " + grad.length);
    }
    load(theta);
    Tensor logits = model.forward(x, context);
    double loss = crossEntropy.compute(logits, y, gradLogits);
    model.backward(gradLogits, false);
    loss += weightDecay.addGradient(params);
    int off = 0;
    for (Parameter p : params) {
      float[] g = p.grad().data();
      for (int k = 0; k < g.length; k++) {
        grad[off + k] = g[k];
      }
      off += g.length;
    }
    return loss;
  }
}
