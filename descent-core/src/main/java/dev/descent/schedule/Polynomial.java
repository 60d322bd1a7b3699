package dev.descent.schedule;

/**
 * Polynomial decay to zero: {@code lr_t = lr · (1 − min(t, T) / T)^power}. Spec {@code
 * polynomial(lr,t_max=5,power=1)}; {@code power=1} is {@link Linear}.
 *
 * <p>PyTorch's {@code PolynomialLR(total_iters=t_max, power)}, whose defaults ({@code
 * total_iters=5}, {@code power=1}) this keeps. PyTorch computes it recursively; this is the closed
 * form, equal up to float rounding.
 *
 * @param lr the initial rate, in [0, inf); required
 * @param tMax the step T at which the rate reaches zero ({@code t_max}), in [1, inf); default 5
 * @param power the exponent, in (0, inf); default 1
 */
public record Polynomial(double lr, long tMax, double power) implements Schedule {
  /** Validates the config. */
  public Polynomial {
    Check.rate("polynomial", "lr", lr);
    Check.atLeast("polynomial", "t_max", tMax, 1);
    Check.above("polynomial", "power", power, 0);
  }

  @Override
  public double valueAt(long step) {
    Check.step(step);
    return lr * Math.pow(1.0 - (double) Math.min(step, tMax) / tMax, power);
  }
}
