package dev.descent.data;

/**
 * Mini-batches over a {@link Dataset}, written into buffers the caller owns: no allocation per
 * batch.
 *
 * <p>The order is a pure function of {@code (seed, epoch, position)}: epoch {@code e}'s permutation
 * is built from a generator seeded with {@code (seed, e)} alone, and a with-replacement batch from
 * {@code (seed, e, position)}. A resumed run therefore calls {@link #seek(long, int)} with the
 * saved epoch and position and continues with exactly the batches an uninterrupted run would have
 * seen. Epochs roll over automatically: after the last batch of epoch {@code e} the next call
 * returns the first batch of epoch {@code e + 1}.
 *
 * <pre>{@code
 * BatchIterator it = new BatchIterator(train, 128, Sampling.SHUFFLE, seed, false);
 * float[] x = new float[128 * train.features()];
 * int[] y = new int[128];
 * for (int step = 0; step < 2000; step++) {
 *   int n = it.next(x, y);   // n == 128 except for a last partial batch
 *   ...
 * }
 * }</pre>
 */
public final class BatchIterator {
  private final Dataset data;
  private final int batchSize;
  private final Sampling sampling;
  private final long seed;
  private final boolean dropLast;
  private final int batchesPerEpoch;
  private final int[] order;
  private final int[] batch;
  private final Rng rng = new Rng(0);
  private long epoch;
  private int position;
  private long preparedEpoch = -1;

  /**
   * @param data the examples
   * @param batchSize examples per batch, in {@code [1, data.size()]}
   * @param sampling how batches are drawn
   * @param seed the run's data-order seed
   * @param dropLast whether to skip a last batch smaller than {@code batchSize} (ignored by
   *     with-replacement sampling, whose batches are always full)
   * @throws IllegalArgumentException if the batch size is out of range
   */
  public BatchIterator(
      Dataset data, int batchSize, Sampling sampling, long seed, boolean dropLast) {
    if (batchSize < 1 || batchSize > data.size()) {
      throw new IllegalArgumentException(
          "batch size must be in [1, "
              + data.size()
              + "] for "
              + data.name()
              + ", got "
              + batchSize);
    }
    this.data = data;
    this.batchSize = batchSize;
    this.sampling = sampling;
    this.seed = seed;
    this.dropLast = dropLast && sampling != Sampling.WITH_REPLACEMENT;
    int n = data.size();
    this.batchesPerEpoch = this.dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    this.order = sampling == Sampling.WITH_REPLACEMENT ? null : new int[n];
    this.batch = new int[batchSize];
  }

  /** Batches in one epoch. */
  public int batchesPerEpoch() {
    return batchesPerEpoch;
  }

  /** The batch size. */
  public int batchSize() {
    return batchSize;
  }

  /** The epoch the next batch belongs to (0-based). */
  public long epoch() {
    return epoch;
  }

  /** The index of the next batch within its epoch, in {@code [0, batchesPerEpoch())}. */
  public int position() {
    return position;
  }

  /**
   * Moves to batch {@code position} of epoch {@code epoch}, e.g. to resume a run.
   *
   * @throws IllegalArgumentException if either is out of range
   */
  public void seek(long epoch, int position) {
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
    }
    if (position < 0 || position >= batchesPerEpoch) {
      throw new IllegalArgumentException(
          "position must be in [0, " + batchesPerEpoch + "), got " + position);
    }
    this.epoch = epoch;
    this.position = position;
  }

  /**
   * Writes the next batch's dataset row indices into {@code rows} and advances.
   *
   * @return the number of rows written
   */
  public int nextRows(int[] rows) {
    if (rows.length < batchSize) {
      throw new IllegalArgumentException(
          "rows must hold batch size " + batchSize + " entries, got " + rows.length);
    }
    int n = data.size();
    int count;
    if (sampling == Sampling.WITH_REPLACEMENT) {
      rng.reseed(Rng.derive(seed, epoch, position));
      for (int k = 0; k < batchSize; k++) {
        rows[k] = rng.nextInt(n);
      }
      count = batchSize;
    } else {
      if (preparedEpoch != epoch) {
        for (int i = 0; i < n; i++) {
          order[i] = i;
        }
        if (sampling == Sampling.SHUFFLE) {
          rng.reseed(Rng.derive(seed, epoch, -1));
          rng.shuffle(order, n);
        }
        preparedEpoch = epoch;
      }
      int start = position * batchSize;
      count = Math.min(batchSize, n - start);
      System.arraycopy(order, start, rows, 0, count);
    }
    if (++position == batchesPerEpoch) {
      position = 0;
      epoch++;
    }
    return count;
  }

  /**
   * Writes the next batch into {@code x} ({@code rows × features}, row-major) and {@code y} and
   * advances.
   *
   * @return the number of examples written; rows beyond it are left as they were
   * @throws IllegalArgumentException if a buffer is smaller than one full batch
   */
  public int next(float[] x, int[] y) {
    int cols = data.features();
    if (x.length < (long) batchSize * cols || y.length < batchSize) {
      throw new IllegalArgumentException(
          "buffers must hold a full batch: x needs "
              + (long) batchSize * cols
              + " floats and y "
              + batchSize
              + " ints, got "
              + x.length
              + " and "
              + y.length);
    }
    int count = nextRows(batch);
    for (int k = 0; k < count; k++) {
      data.row(batch[k], x, k * cols);
      y[k] = data.label(batch[k]);
    }
    return count;
  }
}
