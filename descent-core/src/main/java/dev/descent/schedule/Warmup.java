package dev.descent.schedule;

/**
 * A linear warm-up in front of any schedule: the rate rises linearly from {@code start_factor ·
 * then(0)} to {@code then(0)} over {@code steps} steps, after which {@code then} runs from its own
 * step 0: {@code lr_t = then(0) · (start_factor + (1 − start_factor)·t/steps)} for {@code t <
 * steps}, else {@code then(t − steps)}. Spec {@code
 * warmup(steps=5,start_factor=0.1,then=cosine(lr=0.1,t_max=95))}.
 *
 * <p>PyTorch's {@code SequentialLR([LinearLR(start_factor, total_iters=steps), then],
 * milestones=[steps])}, with {@code LinearLR}'s defaults ({@code total_iters=5}, {@code
 * start_factor=1/3}). Warm-up keeps the large early updates of adaptive methods from wrecking the
 * initial weights (Goyal et al. 2017).
 *
 * @param steps the warm-up length, in [1, inf); default 5
 * @param startFactor the fraction of {@code then(0)} used at step 0 ({@code start_factor}), in (0,
 *     1]; default 1/3
 * @param then the schedule that follows; required
 */
public record Warmup(long steps, double startFactor, Schedule then) implements Schedule {
  /** Validates the config. */
  public Warmup {
    Check.atLeast("warmup", "steps", steps, 1);
    if (!(startFactor > 0 && startFactor <= 1)) {
      throw Check.fail("warmup", "start_factor", "(0, 1]", startFactor);
    }
    if (then == null) {
      throw new IllegalArgumentException("warmup: then must be a schedule");
    }
  }

  @Override
  public double valueAt(long step) {
    Check.step(step);
    if (step < steps) {
      return then.valueAt(0) * (startFactor + (1 - startFactor) * step / steps);
    }
    return then.valueAt(step - steps);
  }
}
