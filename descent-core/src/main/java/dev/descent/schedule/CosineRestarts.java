package dev.descent.schedule;

/**
 * Cosine annealing with warm restarts (SGDR, Loshchilov &amp; Hutter 2017): {@code lr_t = eta_min +
 * (lr − eta_min) · (1 + cos(π·T_cur/T_i)) / 2}, where cycle {@code i} lasts {@code T_i = t_0 ·
 * t_mult^i} steps and {@code T_cur} counts steps since the last restart. Spec {@code
 * cosine_restarts(lr,t_0,t_mult=1,eta_min=0)}.
 *
 * <p>PyTorch's {@code CosineAnnealingWarmRestarts(T_0=t_0, T_mult=t_mult, eta_min)} stepped once
 * per update; the cycle position is found with exact integer arithmetic.
 *
 * @param lr the rate at each restart, in [0, inf); required
 * @param t0 the length of the first cycle ({@code t_0}), in [1, inf); required
 * @param tMult the growth factor of the cycle length ({@code t_mult}), in [1, inf); default 1
 * @param etaMin the lowest rate ({@code eta_min}), in [0, lr]; default 0
 */
public record CosineRestarts(double lr, long t0, long tMult, double etaMin) implements Schedule {
  /** Validates the config. */
  public CosineRestarts {
    Check.rate("cosine_restarts", "lr", lr);
    Check.atLeast("cosine_restarts", "t_0", t0, 1);
    Check.atLeast("cosine_restarts", "t_mult", tMult, 1);
    if (!(etaMin >= 0 && etaMin <= lr)) {
      throw Check.fail("cosine_restarts", "eta_min", "[0, lr] = [0, " + lr + "]", etaMin);
    }
  }

  @Override
  public double valueAt(long step) {
    Check.step(step);
    long cur = step;
    long length = t0;
    if (tMult == 1) {
      cur = step % t0;
    } else {
      while (cur >= length) {
        cur -= length;
        length = length > Long.MAX_VALUE / tMult ? Long.MAX_VALUE : length * tMult;
      }
    }
    return etaMin + (lr - etaMin) * (1 + Math.cos(Math.PI * cur / length)) / 2;
  }
}
