package dev.descent.schedule;

/**
 * The one-cycle policy (Smith &amp; Topin 2017): the rate rises from {@code max_lr/div_factor} to
 * {@code max_lr} over the first {@code pct_start} of the run, then anneals to {@code
 * max_lr/(div_factor·final_div_factor)}; momentum moves the opposite way between {@code
 * max_momentum} and {@code base_momentum}. Spec {@code onecycle(max_lr,total_steps,…)} for the rate
 * and {@code onecycle_momentum(…)} (same keys) for the momentum, see {@link #momentum()}.
 *
 * <p>PyTorch's {@code OneCycleLR} closed form, with its defaults. Phase {@code i} ends at step
 * {@code e_i}: two phases end at {@code pct_start·N − 1} and {@code N − 1}; with {@code
 * three_phase} at {@code pct_start·N − 1}, {@code 2·pct_start·N − 2} and {@code N − 1} (the second
 * phase returns to the initial rate, the third anneals to the minimum). Within a phase from {@code
 * a} to {@code b}, with {@code p = (t − e_{i−1}) / (e_i − e_{i−1})}: {@code cos}: {@code b + (a −
 * b)(1 + cos πp) / 2}; {@code linear}: {@code a + (b − a)p}. Like PyTorch, steps 0 to {@code
 * total_steps} are valid and later steps are an error. Momentum cycling applies to SGD's momentum
 * or Adam's {@code beta1}.
 *
 * @param maxLr the peak rate ({@code max_lr}), in (0, inf); required
 * @param totalSteps the run length N ({@code total_steps}), in [2, inf); required
 * @param pctStart the fraction of the run spent rising ({@code pct_start}), in [0, 1], with every
 *     phase at least one step long; default 0.3
 * @param annealStrategy {@code cos} or {@code linear} ({@code anneal_strategy}); default cos
 * @param divFactor initial rate = max_lr / div_factor ({@code div_factor}), in (0, inf); default 25
 * @param finalDivFactor minimum rate = initial rate / final_div_factor ({@code final_div_factor}),
 *     in (0, inf); default 1e4
 * @param threePhase whether to use PyTorch's three-phase variant ({@code three_phase}); default
 *     false
 * @param baseMomentum the momentum at the peak rate ({@code base_momentum}), in [0, 1); default
 *     0.85
 * @param maxMomentum the momentum at the start and end ({@code max_momentum}), in [0, 1); default
 *     0.95
 */
public record OneCycle(
    double maxLr,
    long totalSteps,
    double pctStart,
    Anneal annealStrategy,
    double divFactor,
    double finalDivFactor,
    boolean threePhase,
    double baseMomentum,
    double maxMomentum)
    implements Schedule {

  /** How the value moves within a phase. */
  public enum Anneal {
    /** Half a cosine. */
    COS,
    /** A straight line. */
    LINEAR
  }

  /** Validates the config, including that every phase has a positive length. */
  public OneCycle {
    Check.above("onecycle", "max_lr", maxLr, 0);
    Check.atLeast("onecycle", "total_steps", totalSteps, 2);
    if (!(pctStart >= 0 && pctStart <= 1)) {
      throw Check.fail("onecycle", "pct_start", "[0, 1]", pctStart);
    }
    if (annealStrategy == null) {
      throw new IllegalArgumentException("onecycle: anneal_strategy must be cos or linear");
    }
    Check.above("onecycle", "div_factor", divFactor, 0);
    Check.above("onecycle", "final_div_factor", finalDivFactor, 0);
    Check.unitOpen("onecycle", "base_momentum", baseMomentum);
    Check.unitOpen("onecycle", "max_momentum", maxMomentum);
    double end1 = pctStart * totalSteps - 1;
    double end2 = threePhase ? 2 * pctStart * totalSteps - 2 : end1;
    if (!(end1 > 0) || (threePhase && !(end2 > end1)) || !(totalSteps - 1 > end2)) {
      throw new IllegalArgumentException(
          "onecycle: pct_start="
              + pctStart
              + " with total_steps="
              + totalSteps
              + (threePhase ? " and three_phase" : "")
              + " leaves a phase without steps; pct_start * total_steps must be > 1 and "
              + (threePhase ? "2 * pct_start * total_steps - 1" : "pct_start * total_steps")
              + " must be < total_steps");
    }
  }

  /** The rate at {@code step}, in [0, total_steps]. */
  @Override
  public double valueAt(long step) {
    double initial = maxLr / divFactor;
    double min = initial / finalDivFactor;
    return threePhase
        ? at(step, initial, maxLr, maxLr, initial, initial, min)
        : at(step, initial, maxLr, maxLr, min, 0, 0);
  }

  /** The momentum (or Adam's beta1) at {@code step}, in [0, total_steps]. */
  public double momentumAt(long step) {
    return threePhase
        ? at(step, maxMomentum, baseMomentum, baseMomentum, maxMomentum, maxMomentum, maxMomentum)
        : at(step, maxMomentum, baseMomentum, baseMomentum, maxMomentum, 0, 0);
  }

  /** The momentum cycle as a schedule of its own. */
  public Schedule momentum() {
    return this::momentumAt;
  }

  private double at(long step, double a1, double b1, double a2, double b2, double a3, double b3) {
    Check.step(step);
    if (step > totalSteps) {
      throw new IllegalArgumentException(
          "onecycle: step " + step + " is past total_steps=" + totalSteps);
    }
    double end1 = pctStart * totalSteps - 1;
    if (step <= end1) {
      return anneal(a1, b1, step / end1);
    }
    double last = totalSteps - 1;
    if (!threePhase) {
      return anneal(a2, b2, (step - end1) / (last - end1));
    }
    double end2 = 2 * pctStart * totalSteps - 2;
    if (step <= end2) {
      return anneal(a2, b2, (step - end1) / (end2 - end1));
    }
    return anneal(a3, b3, (step - end2) / (last - end2));
  }

  private double anneal(double start, double end, double pct) {
    if (annealStrategy == Anneal.COS) {
      return end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1);
    }
    return (end - start) * pct + start;
  }
}
