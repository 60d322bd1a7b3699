package dev.descent.schedule;

/**
 * Step decay: multiply the rate by {@code gamma} every {@code step_size} steps, {@code lr_t = lr ·
 * gamma^⌊t / step_size⌋}. Spec {@code step(lr,step_size,gamma=0.1)}.
 *
 * <p>Seed 002's "step decay" (e.g. halve every few epochs); PyTorch's {@code StepLR}, whose default
 * {@code gamma=0.1} this keeps. PyTorch multiplies recursively; this is the closed form, equal up
 * to float rounding.
 *
 * @param lr the initial rate, in [0, inf); required
 * @param stepSize steps between decays ({@code step_size}), in [1, inf); required
 * @param gamma the factor per decay, in (0, 1]; default 0.1 (PyTorch)
 */
public record StepDecay(double lr, long stepSize, double gamma) implements Schedule {
  /** Validates the config. */
  public StepDecay {
    Check.rate("step", "lr", lr);
    Check.atLeast("step", "step_size", stepSize, 1);
    Check.gamma("step", "gamma", gamma);
  }

  @Override
  public double valueAt(long step) {
    Check.step(step);
    return lr * Math.pow(gamma, step / stepSize);
  }
}
