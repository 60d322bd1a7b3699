package dev.descent.schedule;

/**
 * Cyclical learning rates (Smith 2017): the rate goes linearly from {@code base_lr} up to {@code
 * max_lr} in {@code step_size_up} steps and back down in {@code step_size_down} steps, the
 * amplitude scaled per cycle by the mode; momentum cycles the opposite way. Spec {@code
 * cyclic(base_lr,max_lr,step_size_up=2000,step_size_down,mode=triangular,gamma=1)} for the rate,
 * {@code cyclic_momentum(…)} (same keys) for the momentum, see {@link #momentum()}.
 *
 * <p>PyTorch's {@code CyclicLR} closed form with its defaults: with {@code L = up + down}, cycle
 * {@code c = ⌊1 + t/L⌋}, {@code x = 1 + t/L − c}, the position {@code s = x/r} while {@code x ≤ r =
 * up/L}, else {@code (x − 1)/(r − 1)}, and {@code lr_t = base_lr + (max_lr − base_lr)·s·f}, where
 * {@code f = 1} (triangular), {@code 1/2^(c−1)} (triangular2) or {@code gamma^t} (exp_range);
 * momentum is {@code max_momentum − (max_momentum − base_momentum)·s·f}.
 *
 * @param baseLr the lowest rate ({@code base_lr}), in [0, inf); required
 * @param maxLr the highest rate ({@code max_lr}), in [base_lr, inf); required
 * @param stepSizeUp steps from low to high ({@code step_size_up}), in [1, inf); default 2000
 * @param stepSizeDown steps from high to low ({@code step_size_down}), in [1, inf); default
 *     step_size_up
 * @param mode how the amplitude changes per cycle; default triangular
 * @param gamma the per-step amplitude factor of exp_range, in (0, 1]; default 1
 * @param baseMomentum the momentum at the peak rate ({@code base_momentum}), in [0, 1); default 0.8
 * @param maxMomentum the momentum at the lowest rate ({@code max_momentum}), in [0, 1); default 0.9
 */
public record Cyclic(
    double baseLr,
    double maxLr,
    long stepSizeUp,
    long stepSizeDown,
    Mode mode,
    double gamma,
    double baseMomentum,
    double maxMomentum)
    implements Schedule {

  /** How the amplitude of each cycle is scaled. */
  public enum Mode {
    /** The same amplitude every cycle. */
    TRIANGULAR,
    /** The amplitude halves every cycle. */
    TRIANGULAR2,
    /** The amplitude is multiplied by {@code gamma} every step. */
    EXP_RANGE
  }

  /** Validates the config. */
  public Cyclic {
    Check.rate("cyclic", "base_lr", baseLr);
    if (!(maxLr >= baseLr) || Double.isInfinite(maxLr)) {
      throw Check.fail("cyclic", "max_lr", "[base_lr, inf) = [" + baseLr + ", inf)", maxLr);
    }
    Check.atLeast("cyclic", "step_size_up", stepSizeUp, 1);
    Check.atLeast("cyclic", "step_size_down", stepSizeDown, 1);
    if (mode == null) {
      throw new IllegalArgumentException(
          "cyclic: mode must be triangular, triangular2 or exp_range");
    }
    Check.gamma("cyclic", "gamma", gamma);
    Check.unitOpen("cyclic", "base_momentum", baseMomentum);
    Check.unitOpen("cyclic", "max_momentum", maxMomentum);
  }

  @Override
  public double valueAt(long step) {
    return baseLr + (maxLr - baseLr) * position(step) * amplitude(step);
  }

  /** The momentum at {@code step}. */
  public double momentumAt(long step) {
    return maxMomentum - (maxMomentum - baseMomentum) * position(step) * amplitude(step);
  }

  /** The momentum cycle as a schedule of its own. */
  public Schedule momentum() {
    return this::momentumAt;
  }

  private double position(long step) {
    Check.step(step);
    double total = (double) stepSizeUp + stepSizeDown;
    double ratio = stepSizeUp / total;
    double x = 1.0 + step / total - cycle(step);
    return x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
  }

  private double cycle(long step) {
    return Math.floor(1 + step / ((double) stepSizeUp + stepSizeDown));
  }

  private double amplitude(long step) {
    switch (mode) {
      case TRIANGULAR2:
        return 1 / Math.pow(2.0, cycle(step) - 1);
      case EXP_RANGE:
        return Math.pow(gamma, step);
      default:
        return 1.0;
    }
  }
}
