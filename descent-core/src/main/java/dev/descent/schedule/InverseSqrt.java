package dev.descent.schedule;

/**
 * Inverse square root decay with an optional linear warm-up: {@code lr_t = lr · min(n / w, √(w /
 * n))} with {@code n = t + 1} (the number of the update) and {@code w = max(warmup, 1)}. Spec
 * {@code inverse_sqrt(lr,warmup=0)}.
 *
 * <p>Without warm-up this is seed 002's α = α0/√t with updates counted from 1, so the first update
 * uses {@code lr}. With warm-up it rises linearly to {@code lr} at update {@code warmup} and then
 * decays as {@code 1/√n} (the Transformer's "Noam" shape, fairseq's {@code inverse_sqrt}). No
 * PyTorch class; the same as {@code LambdaLR} with that factor.
 *
 * @param lr the peak rate, in [0, inf); required
 * @param warmup the warm-up length in steps, in [0, inf); default 0 (0 and 1 both mean none)
 */
public record InverseSqrt(double lr, long warmup) implements Schedule {
  /** Validates the config. */
  public InverseSqrt {
    Check.rate("inverse_sqrt", "lr", lr);
    Check.atLeast("inverse_sqrt", "warmup", warmup, 0);
  }

  @Override
  public double valueAt(long step) {
    Check.step(step);
    double w = Math.max(warmup, 1);
    double n = step + 1.0;
    return lr * Math.min(n / w, Math.sqrt(w / n));
  }
}
