package dev.descent.schedule;

/**
 * A fixed rate: {@code lr_t = lr}. Spec {@code constant(lr)}.
 *
 * <p>Equivalent to no PyTorch scheduler at all (the optimizer's own {@code lr}). Use {@link
 * Schedule#constant} for a fixed value of a hyperparameter that is not a rate.
 *
 * @param lr the rate, in [0, inf); required
 */
public record Constant(double lr) implements Schedule {
  /** Validates the rate. */
  public Constant {
    Check.rate("constant", "lr", lr);
  }

  @Override
  public double valueAt(long step) {
    Check.step(step);
    return lr;
  }
}
