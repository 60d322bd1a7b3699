package dev.descent.schedule;

/**
 * Reduce the rate when a metric stops improving: after more than {@code patience} epochs without an
 * improvement, multiply the rate by {@code factor} (never below {@code min_lr}), then ignore {@code
 * cooldown} epochs. Spec {@code
 * plateau(lr,mode=min,factor=0.1,patience=10,threshold=1e-4,threshold_mode=rel,cooldown=0,min_lr=0,eps=1e-8)}.
 *
 * <p>PyTorch's {@code ReduceLROnPlateau} with its defaults. A metric {@code a} improves on the best
 * so far {@code b} when, for {@code mode=min}: {@code a < b·(1 − threshold)} (rel) or {@code a < b
 * − threshold} (abs); for {@code mode=max}: {@code a > b·(1 + threshold)} (rel) or {@code a > b +
 * threshold} (abs). A reduction smaller than {@code eps} is skipped.
 *
 * <p>Not a {@link Schedule}: the rate depends on the metrics seen, not on the step. This record is
 * the immutable config; the trainer keeps a {@link State} (saved with checkpoints) and feeds each
 * epoch's metric to {@link #step(State, double)}:
 *
 * <pre>{@code
 * Plateau p = Schedules.createPlateau("plateau(lr=0.1,patience=5)");
 * Plateau.State s = p.start();
 * for (...) { s = p.step(s, validationLoss); optimizer.setLr(s.lr()); }
 * }</pre>
 *
 * @param lr the initial rate, in [0, inf); required
 * @param mode whether lower ({@code min}) or higher ({@code max}) metrics are better; default min
 * @param factor the reduction factor, in (0, 1); default 0.1
 * @param patience epochs without improvement tolerated before reducing, in [0, inf); default 10
 * @param threshold the least change that counts as an improvement, in [0, 1) for rel and [0, inf)
 *     for abs; default 1e-4
 * @param thresholdMode whether {@code threshold} is relative or absolute; default rel
 * @param cooldown epochs to wait after a reduction before counting again, in [0, inf); default 0
 * @param minLr the lowest rate ({@code min_lr}), in [0, inf); default 0
 * @param eps reductions smaller than this are skipped, in [0, inf); default 1e-8
 */
public record Plateau(
    double lr,
    Mode mode,
    double factor,
    long patience,
    double threshold,
    ThresholdMode thresholdMode,
    long cooldown,
    double minLr,
    double eps) {

  /** Which direction of the metric is better. */
  public enum Mode {
    /** Lower is better (a loss). */
    MIN,
    /** Higher is better (an accuracy). */
    MAX
  }

  /** How {@code threshold} is applied. */
  public enum ThresholdMode {
    /** Relative to the best value so far. */
    REL,
    /** In the metric's units. */
    ABS
  }

  /**
   * The state that evolves with the metrics: everything a checkpoint needs to resume exactly.
   *
   * @param epoch the number of metrics fed so far
   * @param lr the rate to use now
   * @param best the best metric so far (±inf before the first)
   * @param badEpochs epochs since the last improvement (reset by reductions and cooldown)
   * @param cooldownLeft epochs of cooldown still to wait
   */
  public record State(long epoch, double lr, double best, long badEpochs, long cooldownLeft) {
    /** Validates the state (e.g. one read from a checkpoint). */
    public State {
      if (epoch < 0 || badEpochs < 0 || cooldownLeft < 0 || !(lr >= 0) || Double.isNaN(best)) {
        throw new IllegalArgumentException(
            "invalid plateau state: epoch="
                + epoch
                + ", lr="
                + lr
                + ", best="
                + best
                + ", badEpochs="
                + badEpochs
                + ", cooldownLeft="
                + cooldownLeft);
      }
    }
  }

  /** Validates the config. */
  public Plateau {
    Check.rate("plateau", "lr", lr);
    if (mode == null) {
      throw new IllegalArgumentException("plateau: mode must be min or max");
    }
    if (!(factor > 0 && factor < 1)) {
      throw Check.fail("plateau", "factor", "(0, 1)", factor);
    }
    Check.atLeast("plateau", "patience", patience, 0);
    if (thresholdMode == null) {
      throw new IllegalArgumentException("plateau: threshold_mode must be rel or abs");
    }
    if (thresholdMode == ThresholdMode.REL && !(threshold >= 0 && threshold < 1)) {
      throw Check.fail("plateau", "threshold", "[0, 1) with threshold_mode=rel", threshold);
    }
    Check.rate("plateau", "threshold", threshold);
    Check.atLeast("plateau", "cooldown", cooldown, 0);
    Check.rate("plateau", "min_lr", minLr);
    Check.rate("plateau", "eps", eps);
  }

  /** The state before the first metric. */
  public State start() {
    return new State(
        0, lr, mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY, 0, 0);
  }

  /**
   * The state after one more epoch whose metric is {@code metric}.
   *
   * @throws IllegalArgumentException if {@code metric} is NaN
   */
  public State step(State s, double metric) {
    if (Double.isNaN(metric)) {
      throw new IllegalArgumentException(
          "plateau: metric must be a number, got NaN at epoch " + (s.epoch() + 1));
    }
    double best = s.best();
    long bad = s.badEpochs() + 1;
    if (improves(metric, best)) {
      best = metric;
      bad = 0;
    }
    long cooldownLeft = s.cooldownLeft();
    if (cooldownLeft > 0) {
      cooldownLeft--;
      bad = 0;
    }
    double rate = s.lr();
    if (bad > patience) {
      double reduced = Math.max(rate * factor, minLr);
      if (rate - reduced > eps) {
        rate = reduced;
      }
      cooldownLeft = cooldown;
      bad = 0;
    }
    return new State(s.epoch() + 1, rate, best, bad, cooldownLeft);
  }

  private boolean improves(double a, double best) {
    if (mode == Mode.MIN) {
      return thresholdMode == ThresholdMode.REL ? a < best * (1 - threshold) : a < best - threshold;
    }
    return thresholdMode == ThresholdMode.REL ? a > best * (threshold + 1) : a > best + threshold;
  }
}
