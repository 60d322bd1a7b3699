package dev.descent.schedule;

/**
 * Cosine annealing: {@code lr_t = eta_min + (lr − eta_min) · (1 + cos(π·t/T)) / 2} (seed 002's αt =
 * ½α0(1 + cos(tπ/T)) when {@code eta_min = 0}). Spec {@code cosine(lr,t_max,eta_min=0)}.
 *
 * <p>PyTorch's {@code CosineAnnealingLR(T_max=t_max, eta_min)} (SGDR without restarts). Like
 * PyTorch, the curve continues past T as a cosine, rising back to {@code lr} at 2T; use {@link
 * CosineRestarts} to restart instead, or set T to the run length. PyTorch computes it recursively;
 * this is its closed form, equal up to float rounding.
 *
 * @param lr the initial rate, in [0, inf); required
 * @param tMax the half period T in steps ({@code t_max}), in [1, inf); required
 * @param etaMin the lowest rate ({@code eta_min}), in [0, lr]; default 0
 */
public record Cosine(double lr, long tMax, double etaMin) implements Schedule {
  /** Validates the config. */
  public Cosine {
    Check.rate("cosine", "lr", lr);
    Check.atLeast("cosine", "t_max", tMax, 1);
    if (!(etaMin >= 0 && etaMin <= lr)) {
      throw Check.fail("cosine", "eta_min", "[0, lr] = [0, " + lr + "]", etaMin);
    }
  }

  @Override
  public double valueAt(long step) {
    Check.step(step);
    return etaMin + (lr - etaMin) * (1 + Math.cos(Math.PI * step / tMax)) / 2;
  }
}
