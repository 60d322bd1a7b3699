package dev.descent.train;

/**
 * Training produced a loss or a weight that is NaN or infinite. The message reads {@code diverged
 * at step N, epoch E, lr=…} with the optimizer spec; the run stopped before writing any checkpoint
 * of the diverged state, so the last checkpoint on disk is the last good one.
 */
public final class DivergenceException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final long step;

  DivergenceException(String message, long step) {
    super(message);
    this.step = step;
  }

  /** The 1-based step whose loss or update was not finite. */
  public long step() {
    return step;
  }
}
