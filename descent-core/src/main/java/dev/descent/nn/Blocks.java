package dev.descent.nn;

import dev.descent.concurrent.Workers;
import java.util.function.IntConsumer;

/**
 * The fixed blocks the layers split their work into. Block bounds are functions of the shapes
 * alone, never of the thread count, so whichever thread computes a block computes the same bits,
 * and a result never depends on {@link Workers#threads()}.
 */
final class Blocks {
  /**
   * Batch rows per block of row-local work (a Linear layer's products, activations, dropout). Each
   * product call packs the whole weight matrix again, so small blocks cost CPU: on the 784-100
   * layer at batch 128, single-threaded OpenBLAS needed about 190 µs of CPU in one call, 245 µs in
   * blocks of 64 rows and 275 µs in blocks of 32 (the input gradient of a 100-100 layer: 27, 36 and
   * 46 µs). 64 rows split a batch of 128 in two, one block per core of a 2-core machine.
   */
  static final int ROWS = 64;

  /**
   * Features per block of column-local work: rows of a weight gradient {@code dW = x^T dy} (a
   * 784-100 layer's at batch 128 took 180 µs of CPU in one call, 147 µs in blocks of 64 and 157 µs
   * in blocks of 32), and batch norm's per-feature statistics.
   */
  static final int FEATURES = 64;

  private Blocks() {}

  /** A computation over a range of batch rows, [from, to). */
  @FunctionalInterface
  interface RowRange {
    void rows(int from, int to);
  }

  /**
   * Runs a {@link RowRange} over the blocks of {@value #ROWS} rows of a batch on {@link Workers}.
   * Build one per layer and direction, once: {@link #run} then allocates nothing.
   */
  static final class RowTask implements IntConsumer {
    private final RowRange body;
    private int rows;

    RowTask(RowRange body) {
      this.body = body;
    }

    /**
     * Calls the body for every row block of a batch of {@code rows} rows, across {@code workers}.
     */
    void run(Workers workers, int rows) {
      this.rows = rows;
      workers.run(count(rows, ROWS), this);
    }

    @Override
    public void accept(int block) {
      int from = block * ROWS;
      body.rows(from, Math.min(from + ROWS, rows));
    }
  }

  /** The number of blocks of {@code size} covering {@code n} items (the last may be shorter). */
  static int count(int n, int size) {
    return (n + size - 1) / size;
  }
}
