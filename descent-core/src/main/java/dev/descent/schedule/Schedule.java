package dev.descent.schedule;

/**
 * A hyperparameter (usually the learning rate) as a pure function of the optimizer step.
 *
 * <p>Step 0 is the value used for the first update, matching a PyTorch scheduler that has been
 * stepped {@code t} times before update {@code t}. Implementations hold no mutable state, so one
 * instance can drive many runs and a resumed run needs only the step count. Metric-driven schedules
 * (reduce on plateau) are fed by the trainer explicitly and are not {@code Schedule}s.
 */
@FunctionalInterface
public interface Schedule {

  /** The value at {@code step} (0-based). */
  double valueAt(long step);

  /** A schedule that always returns {@code value}. */
  static Schedule constant(double value) {
    return step -> value;
  }
}
