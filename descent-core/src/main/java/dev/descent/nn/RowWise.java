package dev.descent.nn;

import dev.descent.tensor.Tensor;

/**
 * A layer whose forward pass computes each output row from the same input row alone, so a batch can
 * be computed block of rows by block of rows, in any order and on any thread. {@link Sequential}
 * uses it to run a chain of such layers (Linear, activation, dropout) on one row block in one task,
 * while the block is hot in cache, with one barrier for the whole chain.
 */
interface RowWise extends Layer {

  /**
   * Does everything of {@link #forward} except computing the rows: checks {@code x}, sizes the
   * output, remembers what backward needs and draws what the pass needs from the context.
   *
   * @return the output buffer, to be filled by {@link #forwardRows}
   */
  Tensor prepareForward(Tensor x, Context context);

  /** Computes output rows [from, to) of the forward pass last prepared. */
  void forwardRows(int from, int to);
}
