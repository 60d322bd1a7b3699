package dev.descent.nn;

import dev.descent.tensor.Ops;
import dev.descent.tensor.Tensor;

/**
 * A trainable tensor and the gradient of the loss with respect to it, as a layer exposes them to
 * optimizers, regularizers and checkpoints.
 *
 * <p>The layer writes {@link #grad()} in its backward pass; the optimizer reads it and updates
 * {@link #value()} in place. {@code decay} says whether L2 weight decay applies: by convention
 * weights yes, biases and batch-norm scale/shift no (PyTorch users exclude them by hand; the seeds'
 * code decays only weights).
 *
 * @param name a stable name unique within a model, e.g. {@code "layers.0.weight"}; used as the key
 *     in checkpoints and safetensors files
 * @param value the parameter values
 * @param grad the gradient, same shape as {@code value}
 * @param decay whether weight decay applies to this parameter
 */
public record Parameter(String name, Tensor value, Tensor grad, boolean decay) {

  /** Validates that the gradient matches the value's shape and does not share its array. */
  public Parameter {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("name must not be empty");
    }
    Ops.requireSameShape(name + ".value", value, name + ".grad", grad);
    if (value.data() == grad.data()) {
      throw new IllegalArgumentException(name + ": value and grad must not share an array");
    }
  }

  /** A parameter with a zeroed gradient of the same shape. */
  public static Parameter of(String name, Tensor value, boolean decay) {
    return new Parameter(name, value, Tensor.zeros(value.shape()), decay);
  }

  /** The number of scalar values. */
  public int size() {
    return value.size();
  }
}
