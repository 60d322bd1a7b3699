package dev.descent.data;

/** How a {@link BatchIterator} picks the examples of each mini-batch. */
public enum Sampling {
  /**
   * A fresh random permutation each epoch, cut into consecutive batches; every example appears
   * exactly once per epoch (the usual mini-batch SGD, PyTorch's {@code DataLoader(shuffle=True)}).
   */
  SHUFFLE,
  /** The stored order every epoch (full-batch and deterministic methods). */
  SEQUENTIAL,
  /**
   * Each batch drawn uniformly with replacement, {@code np.random.choice(train_size, batch_size)},
   * as the book's training loops do; an epoch is {@code ceil(n / batch)} such batches and examples
   * may repeat or be missed.
   */
  WITH_REPLACEMENT
}
