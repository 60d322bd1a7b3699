package dev.descent.nn;

import dev.descent.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * One differentiable stage of a model, mapping a batch (rows = examples, columns = features) to a
 * batch.
 *
 * <p><b>Buffers.</b> A layer owns its output and input-gradient tensors: {@link #forward} and
 * {@link #backward} return them, and they stay valid until the next call of the same method. They
 * are sized on first use and kept for the two most recent batch sizes, so a run with a fixed batch
 * size and a smaller last batch allocates nothing once both have been seen. Layers remember a
 * reference to the forward input for the backward pass: do not modify it in between.
 *
 * <p><b>Threads.</b> {@link #forward} spreads its work over {@link Context#workers()} and {@link
 * #backward} over the same pool, in blocks fixed by the shapes, so the results do not depend on the
 * pool's thread count.
 *
 * <p><b>Gradients.</b> {@link #backward} <em>overwrites</em> the {@link Parameter#grad()} tensors
 * with the gradient of the current batch (it does not accumulate as PyTorch does, so there is no
 * zero_grad step); regularizers such as {@link dev.descent.loss.WeightDecay} add to them
 * afterwards.
 */
public interface Layer {

  /**
   * Computes the output for {@code x} in the mode of {@code context}.
   *
   * @param x a batch viewed as rows x columns
   * @return the layer's output buffer, valid until the next forward call
   * @throws IllegalArgumentException when {@code x} is null or has the wrong number of columns
   */
  Tensor forward(Tensor x, Context context);

  /**
   * Back-propagates {@code gradOutput} = dL/dy through the last forward call: writes the parameter
   * gradients and, when {@code inputGradient} is true, returns dL/dx.
   *
   * @param gradOutput the gradient of the loss with respect to the last output (same shape)
   * @param inputGradient whether dL/dx is needed; the first layer of a model can skip it
   * @return dL/dx (a buffer owned by the layer) or null when {@code inputGradient} is false
   * @throws IllegalStateException when no forward call preceded
   * @throws IllegalArgumentException when {@code gradOutput}'s shape differs from the last output's
   */
  Tensor backward(Tensor gradOutput, boolean inputGradient);

  /** {@code backward(gradOutput, true)}. */
  default Tensor backward(Tensor gradOutput) {
    return backward(gradOutput, true);
  }

  /** The trainable parameters in a stable order (empty for parameter-free layers). */
  default List<Parameter> parameters() {
    return List.of();
  }

  /**
   * Non-trainable state that belongs in checkpoints, by name in a stable order (batch norm's
   * running statistics, named as in PyTorch: {@code running_mean}, {@code running_var}).
   */
  default Map<String, Tensor> buffers() {
    return Map.of();
  }
}
