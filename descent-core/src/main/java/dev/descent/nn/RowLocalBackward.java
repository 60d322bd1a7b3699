package dev.descent.nn;

import dev.descent.tensor.Tensor;

/**
 * A layer whose backward pass computes each row of dL/dx from the same row of dL/dy alone
 * (activations, dropout). {@link Sequential} runs such layers inside the row-block tasks of the
 * Linear layer above them, right after that block of the Linear's input gradient is computed, so
 * the block is still in cache and no barrier separates the layers.
 */
interface RowLocalBackward extends Layer {

  /**
   * Does everything of {@code backward(gradOutput, true)} except computing the rows: checks {@code
   * gradOutput} and sizes dL/dx.
   *
   * @return the dL/dx buffer, to be filled by {@link #backwardRows}
   */
  Tensor prepareBackward(Tensor gradOutput);

  /** Computes rows [from, to) of dL/dx of the backward pass last prepared. */
  void backwardRows(int from, int to);
}
