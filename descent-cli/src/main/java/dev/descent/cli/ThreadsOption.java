package dev.descent.cli;

import dev.descent.concurrent.Workers;
import picocli.CommandLine.Option;

/**
 * The {@code --threads} option of {@code train}, {@code evaluate} and {@code bench train} (a
 * picocli mixin): how many threads split each training step and forward pass.
 */
final class ThreadsOption {
  @Option(
      names = "--threads",
      paramLabel = "T",
      description =
          "Threads that split each training step and forward pass (default: one per core; a"
              + " training step uses at most one per 64 batch rows, the most that help)."
              + " Weights and metrics are bit-identical for every T; bin/descent keeps OpenBLAS"
              + " itself on one thread (OPENBLAS_NUM_THREADS=1) unless that variable is set.")
  Integer threads;

  /**
   * The pool for {@code --threads}: {@link Workers#shared()} when it is not given.
   *
   * @throws IllegalArgumentException when T is not in [1, 1024]
   */
  Workers workers() {
    if (threads == null) {
      return Workers.shared();
    }
    if (threads < 1 || threads > 1024) {
      throw new IllegalArgumentException("--threads must be in [1, 1024], got " + threads);
    }
    return Workers.create(threads);
  }
}
