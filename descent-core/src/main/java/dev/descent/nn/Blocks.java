package dev.descent.nn;

import dev.descent.concurrent.Workers;

/**
 * The fixed blocks the layers split their work into. Block bounds are functions of the shapes
 * alone, never of the thread count, so whichever thread computes a block computes the same bits,
 * and a result never depends on {@link Workers#threads()}.
 */
final class Blocks {
  /**
   * Batch rows per block of row-local work (a Linear layer's products, activations, dropout). 32
   * rows keep OpenBLAS's kernels at full speed on the products of a 784-100 layer while a batch of
   * 128 still gives four blocks to balance over the cores.
   */
  static final int ROWS = 32;

  /**
   * Features per block of column-local work: rows of a weight gradient {@code dW = x^T dy}, and
   * batch norm's per-feature statistics.
   */
  static final int FEATURES = 32;

  private Blocks() {}

  /** The number of blocks of {@code size} covering {@code n} items (the last may be shorter). */
  static int count(int n, int size) {
    return (n + size - 1) / size;
  }
}
