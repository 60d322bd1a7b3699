package dev.descent.schedule;

import java.util.Arrays;

/**
 * Decay at chosen steps: {@code lr_t = lr · gamma^(number of milestones ≤ t)}. Spec {@code
 * multistep(lr,milestones,gamma=0.1)}, e.g. ResNet's {@code multistep(lr=0.1,
 * milestones=[30,60,90])} (seed 002: ×0.1 at epochs 30, 60 and 90).
 *
 * <p>PyTorch's {@code MultiStepLR} (default {@code gamma=0.1}); unlike PyTorch, milestones must be
 * given in strictly increasing order instead of being sorted and counted with repeats.
 */
public final class MultiStep implements Schedule {
  private final double lr;
  private final long[] milestones;
  private final double gamma;

  /**
   * @param lr the initial rate, in [0, inf); required
   * @param milestones the steps at which the rate is multiplied by {@code gamma}, strictly
   *     increasing, each in [0, inf); required, at least one
   * @param gamma the factor per milestone, in (0, 1]; default 0.1 (PyTorch)
   */
  public MultiStep(double lr, long[] milestones, double gamma) {
    Check.rate("multistep", "lr", lr);
    Check.gamma("multistep", "gamma", gamma);
    if (milestones.length == 0) {
      throw new IllegalArgumentException("multistep: milestones must not be empty");
    }
    for (int i = 0; i < milestones.length; i++) {
      if (milestones[i] < 0 || (i > 0 && milestones[i] <= milestones[i - 1])) {
        throw new IllegalArgumentException(
            "multistep: milestones must be strictly increasing steps in [0, inf), got "
                + Arrays.toString(milestones));
      }
    }
    this.lr = lr;
    this.milestones = milestones.clone();
    this.gamma = gamma;
  }

  /** The initial rate. */
  public double lr() {
    return lr;
  }

  /** A copy of the milestones. */
  public long[] milestones() {
    return milestones.clone();
  }

  /** The factor per milestone. */
  public double gamma() {
    return gamma;
  }

  @Override
  public double valueAt(long step) {
    Check.step(step);
    int i = Arrays.binarySearch(milestones, step);
    int passed = i >= 0 ? i + 1 : -i - 1;
    return lr * Math.pow(gamma, passed);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MultiStep
        && ((MultiStep) o).lr == lr
        && ((MultiStep) o).gamma == gamma
        && Arrays.equals(((MultiStep) o).milestones, milestones);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Double.hashCode(lr) + Arrays.hashCode(milestones)) + Double.hashCode(gamma);
  }

  @Override
  public String toString() {
    return "MultiStep[lr="
        + lr
        + ", milestones="
        + Arrays.toString(milestones)
        + ", gamma="
        + gamma
        + "]";
  }
}
