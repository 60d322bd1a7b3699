package dev.descent.optim;

import dev.descent.nn.Parameter;
import dev.descent.spec.Param;
import dev.descent.spec.Registry;
import java.util.List;

/**
 * How to average the iterates of a run for evaluation (seed 003, "Polyak averaging"; MISSION §7 and
 * §9): the config; the running averages live in the {@link WeightAverage} from {@link #init}.
 *
 * <ul>
 *   <li>{@link #polyak(long) Polyak}: the arithmetic mean of the iterates after updates {@code
 *       start}, {@code start+1}, … (Polyak &amp; Juditsky 1992): {@code θ̄ ← θ̄ + (θ − θ̄)/k}.
 *   <li>{@link #ema(double) EMA}: {@code θ̄ ← decay·θ̄ + (1 − decay)·θ}, starting from the weights
 *       at {@code init} (as timm's {@code ModelEmaV2}).
 * </ul>
 *
 * <pre>{@code
 * WeightAverage avg = Averaging.ema(0.999).init(model.parameters());
 * for (...) { ...; opt.step(model.parameters(), state); avg.update(model.parameters()); }
 * avg.swapIn(model.parameters());   // evaluate with the averaged weights
 * evaluate(model);
 * avg.swapOut(model.parameters());  // back to the training weights, bit for bit
 * }</pre>
 *
 * @param kind Polyak or EMA
 * @param start for Polyak: the first update (1-based) whose iterate enters the mean, ≥ 1
 * @param decay for EMA: the weight of the old average, in [0, 1)
 */
public record Averaging(Kind kind, long start, double decay) {
  private static final Registry<Averaging> REGISTRY =
      new Registry<Averaging>("averaging")
          .register(
              "polyak",
              "arithmetic mean of the iterates from update start on (Polyak & Juditsky 1992)",
              List.of(
                  Param.integer(
                      "start", 1, "[1, inf)", "first update (1-based) whose iterate is averaged")),
              a -> polyak(a.longInteger("start")))
          .register(
              "ema",
              "exponential moving average of the iterates",
              List.of(Param.number("decay", 0.999, "[0, 1)", "weight of the old average")),
              a -> ema(a.number("decay")));

  /** The two averaging rules. */
  public enum Kind {
    /** Running arithmetic mean from a start step. */
    POLYAK,
    /** Exponential moving average. */
    EMA
  }

  /** Validates the ranges. */
  public Averaging {
    if (kind == null) {
      throw new IllegalArgumentException("kind must not be null");
    }
    if (start < 1) {
      throw new IllegalArgumentException("start must be in [1, inf), got " + start);
    }
    Check.unitOpen("decay", decay);
  }

  /**
   * The averaging a spec names: {@code polyak(start=1)} or {@code ema(decay=0.999)} (defaults
   * shown; 0.999 is the usual EMA decay of image classifiers, e.g. timm's examples).
   *
   * @throws IllegalArgumentException for an unknown name or key (with the valid ones) or a value
   *     out of range
   */
  public static Averaging parse(String spec) {
    return REGISTRY.create(spec);
  }

  /** The spec that {@link #parse} turns back into this config. */
  public String spec() {
    return kind == Kind.POLYAK ? "polyak(start=" + start + ")" : "ema(decay=" + decay + ")";
  }

  /** Polyak averaging of the iterates after updates {@code start}, {@code start + 1}, …. */
  public static Averaging polyak(long start) {
    return new Averaging(Kind.POLYAK, start, 0);
  }

  /** An exponential moving average with weight {@code decay} on the old average. */
  public static Averaging ema(double decay) {
    return new Averaging(Kind.EMA, 1, decay);
  }

  /** Fresh averages for these parameters, starting from their current values. */
  public WeightAverage init(List<Parameter> params) {
    return WeightAverage.of(this, params);
  }

  /** Fresh averages for one float64 vector (named {@code x}), starting from its values. */
  public WeightAverage init(double[] x) {
    return WeightAverage.of(this, x);
  }
}
