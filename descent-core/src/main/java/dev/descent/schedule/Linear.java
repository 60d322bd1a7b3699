package dev.descent.schedule;

/**
 * Linear decay to zero: {@code lr_t = lr · (1 − min(t, T) / T)} (seed 002's αt = α0(1 − t/T)), zero
 * from step T on. Spec {@code linear(lr,t_max=5)}.
 *
 * <p>PyTorch's {@code LinearLR(start_factor=1, end_factor=0, total_iters=t_max)}, whose default
 * {@code total_iters=5} this keeps. PyTorch computes it recursively; this is the closed form, equal
 * up to float rounding.
 *
 * @param lr the initial rate, in [0, inf); required
 * @param tMax the step T at which the rate reaches zero ({@code t_max}), in [1, inf); default 5
 */
public record Linear(double lr, long tMax) implements Schedule {
  /** Validates the config. */
  public Linear {
    Check.rate("linear", "lr", lr);
    Check.atLeast("linear", "t_max", tMax, 1);
  }

  @Override
  public double valueAt(long step) {
    Check.step(step);
    return lr * (1.0 - (double) Math.min(step, tMax) / tMax);
  }
}
