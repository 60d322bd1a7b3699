package dev.descent.schedule;

/**
 * 1/t decay: {@code lr_t = lr / (1 + k·t)} (seed 002's α = α0/(1+kt)). Spec {@code
 * inverse_time(lr,k)}.
 *
 * <p>No PyTorch class; the same as {@code LambdaLR(opt, lambda t: 1 / (1 + k * t))}.
 *
 * @param lr the initial rate, in [0, inf); required
 * @param k the decay rate, in [0, inf); required
 */
public record InverseTime(double lr, double k) implements Schedule {
  /** Validates the config. */
  public InverseTime {
    Check.rate("inverse_time", "lr", lr);
    Check.rate("inverse_time", "k", k);
  }

  @Override
  public double valueAt(long step) {
    Check.step(step);
    return lr / (1 + k * step);
  }
}
