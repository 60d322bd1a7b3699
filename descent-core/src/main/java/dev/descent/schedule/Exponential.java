package dev.descent.schedule;

/**
 * Exponential decay in either of its two usual parameterizations: {@code lr_t = lr · gamma^t}
 * (PyTorch's {@code ExponentialLR}) or {@code lr_t = lr · e^(−k·t)} (seed 002's α = α0·e^(−kt)).
 * Spec {@code exponential(lr,gamma)} or {@code exponential(lr,k)}; the two are the same curve with
 * {@code gamma = e^(−k)}.
 *
 * <p>Give one of {@code gamma} and {@code k}: their defaults (1 and 0) leave the rate unchanged,
 * and setting both away from their defaults is an error. PyTorch multiplies by {@code gamma}
 * recursively; this is the closed form, equal up to float rounding.
 *
 * @param lr the initial rate, in [0, inf); required
 * @param gamma the factor per step, in (0, 1]; default 1 (PyTorch requires it)
 * @param k the continuous decay rate, in [0, inf); default 0
 */
public record Exponential(double lr, double gamma, double k) implements Schedule {
  /** Validates the config. */
  public Exponential {
    Check.rate("exponential", "lr", lr);
    Check.gamma("exponential", "gamma", gamma);
    Check.rate("exponential", "k", k);
    if (gamma != 1 && k != 0) {
      throw new IllegalArgumentException(
          "exponential: give gamma (lr·gamma^t) or k (lr·e^(-k·t)), not both; got gamma="
              + gamma
              + ", k="
              + k);
    }
  }

  @Override
  public double valueAt(long step) {
    Check.step(step);
    return k == 0 ? lr * Math.pow(gamma, step) : lr * Math.exp(-k * step);
  }
}
