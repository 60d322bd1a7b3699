package dev.descent.schedule;

import dev.descent.spec.Args;
import dev.descent.spec.Param;
import dev.descent.spec.Registry;
import dev.descent.spec.Spec;
import java.util.List;
import java.util.Locale;

/**
 * The schedules by name, built from spec strings such as {@code cosine(lr=0.1,t_max=100)} or {@code
 * warmup(steps=10,then=multistep(lr=0.1,milestones=[30,60]))}.
 *
 * <p>Keys and defaults follow PyTorch's {@code torch.optim.lr_scheduler} (lower-cased, e.g. {@code
 * t_max} for {@code T_max}); every schedule takes its base rate as {@code lr} (or {@code
 * max_lr}/{@code base_lr}) because there is no optimizer to take it from. The metric-driven {@code
 * plateau} has its own registry, {@link #plateaus()}.
 */
public final class Schedules {

  private Schedules() {}

  /**
   * Builds the schedule {@code spec} names.
   *
   * @throws IllegalArgumentException for a malformed spec, an unknown name or key (with the valid
   *     ones and the closest match) or a value out of range
   */
  public static Schedule create(String spec) {
    return create(Spec.parse(spec));
  }

  /** Builds the schedule {@code spec} names; see {@link #create(String)}. */
  public static Schedule create(Spec spec) {
    if (spec.name().equals("plateau")) {
      throw new IllegalArgumentException(
          "plateau is driven by a validation metric, not by the step, so it is not a schedule of"
              + " steps; the trainer feeds it metrics (Schedules.createPlateau)");
    }
    return SCHEDULES.create(spec);
  }

  /** Builds the metric-driven {@code plateau(…)} config {@code spec} names. */
  public static Plateau createPlateau(String spec) {
    return PLATEAUS.create(spec);
  }

  /** A fresh copy of the schedule registry (names, keys, defaults, docs), e.g. for help texts. */
  public static Registry<Schedule> registry() {
    return build();
  }

  /** A fresh copy of the registry of metric-driven schedules ({@code plateau}). */
  public static Registry<Plateau> plateaus() {
    return buildPlateaus();
  }

  private static final Param LR =
      Param.requiredNumber(
          "lr", "[0, inf)", "the initial rate (PyTorch takes it from the optimizer)");

  private static Param gamma(double defaultValue, String doc) {
    return Param.number("gamma", defaultValue, "(0, 1]", doc);
  }

  private static Registry<Schedule> build() {
    Registry<Schedule> r = new Registry<>("schedule");
    r.register("constant", "a fixed rate", List.of(LR), a -> new Constant(a.number("lr")));
    r.register(
        "step",
        "lr * gamma^floor(t/step_size) (PyTorch StepLR)",
        List.of(
            LR,
            Param.requiredInteger("step_size", "[1, inf)", "steps between decays"),
            gamma(0.1, "factor per decay (PyTorch default)")),
        a -> new StepDecay(a.number("lr"), a.longInteger("step_size"), a.number("gamma")));
    r.register(
        "multistep",
        "lr * gamma^(milestones passed) (PyTorch MultiStepLR)",
        List.of(
            LR,
            new Param(
                "milestones",
                Param.Type.NUMBER_LIST,
                null,
                "strictly increasing steps",
                "the steps at which the rate is multiplied by gamma"),
            gamma(0.1, "factor per milestone (PyTorch default)")),
        a -> new MultiStep(a.number("lr"), wholeNumbers(a, "milestones"), a.number("gamma")));
    r.register(
        "exponential",
        "lr * gamma^t (PyTorch ExponentialLR) or lr * e^(-k t) (seed 002); give gamma or k",
        List.of(
            LR,
            gamma(1, "factor per step (PyTorch ExponentialLR)"),
            Param.number("k", 0, "[0, inf)", "continuous decay rate, lr * e^(-k t)")),
        a -> new Exponential(a.number("lr"), a.number("gamma"), a.number("k")));
    r.register(
        "inverse_time",
        "lr / (1 + k t) (seed 002's 1/t decay)",
        List.of(LR, Param.requiredNumber("k", "[0, inf)", "decay rate")),
        a -> new InverseTime(a.number("lr"), a.number("k")));
    r.register(
        "inverse_sqrt",
        "lr * min((t+1)/warmup, sqrt(warmup/(t+1))) (seed 002's lr/sqrt(t), Noam warm-up)",
        List.of(LR, Param.integer("warmup", 0, "[0, inf)", "linear warm-up steps (0: none)")),
        a -> new InverseSqrt(a.number("lr"), a.longInteger("warmup")));
    r.register(
        "linear",
        "lr * (1 - min(t,t_max)/t_max) (PyTorch LinearLR to 0)",
        List.of(
            LR,
            Param.integer("t_max", 5, "[1, inf)", "step at which the rate reaches 0 (PyTorch)")),
        a -> new Linear(a.number("lr"), a.longInteger("t_max")));
    r.register(
        "polynomial",
        "lr * (1 - min(t,t_max)/t_max)^power (PyTorch PolynomialLR)",
        List.of(
            LR,
            Param.integer("t_max", 5, "[1, inf)", "step at which the rate reaches 0 (PyTorch)"),
            Param.number("power", 1, "(0, inf)", "exponent (PyTorch default)")),
        a -> new Polynomial(a.number("lr"), a.longInteger("t_max"), a.number("power")));
    r.register(
        "cosine",
        "eta_min + (lr - eta_min)(1 + cos(pi t/t_max))/2 (PyTorch CosineAnnealingLR)",
        List.of(
            LR,
            Param.requiredInteger("t_max", "[1, inf)", "half period: steps from lr to eta_min"),
            Param.number("eta_min", 0, "[0, lr]", "lowest rate (PyTorch default)")),
        a -> new Cosine(a.number("lr"), a.longInteger("t_max"), a.number("eta_min")));
    r.register(
        "cosine_restarts",
        "cosine annealing restarted after t_0, t_0*t_mult, ... steps (PyTorch"
            + " CosineAnnealingWarmRestarts)",
        List.of(
            LR,
            Param.requiredInteger("t_0", "[1, inf)", "length of the first cycle"),
            Param.integer("t_mult", 1, "[1, inf)", "cycle length growth factor (PyTorch default)"),
            Param.number("eta_min", 0, "[0, lr]", "lowest rate (PyTorch default)")),
        a ->
            new CosineRestarts(
                a.number("lr"),
                a.longInteger("t_0"),
                a.longInteger("t_mult"),
                a.number("eta_min")));
    r.register(
        "onecycle",
        "one-cycle rate: warm up to max_lr, anneal far below (PyTorch OneCycleLR)",
        ONECYCLE_PARAMS,
        Schedules::oneCycle);
    r.register(
        "onecycle_momentum",
        "one-cycle momentum (or Adam beta1), opposite to the rate (PyTorch OneCycleLR)",
        ONECYCLE_PARAMS,
        a -> oneCycle(a).momentum());
    r.register(
        "cyclic",
        "rate cycling between base_lr and max_lr (PyTorch CyclicLR)",
        CYCLIC_PARAMS,
        Schedules::cyclic);
    r.register(
        "cyclic_momentum",
        "momentum cycling opposite to the cyclic rate (PyTorch CyclicLR)",
        CYCLIC_PARAMS,
        a -> cyclic(a).momentum());
    r.register(
        "warmup",
        "linear warm-up, then another schedule (PyTorch SequentialLR of LinearLR and then)",
        List.of(
            Param.integer("steps", 5, "[1, inf)", "warm-up length (PyTorch LinearLR default)"),
            Param.number(
                "start_factor",
                1.0 / 3,
                "(0, 1]",
                "fraction of then's first rate at step 0 (PyTorch LinearLR default)"),
            new Param(
                "then",
                Param.Type.SPEC,
                null,
                "a schedule spec",
                "the schedule after the warm-up, e.g. cosine(lr=0.1,t_max=90)")),
        a -> new Warmup(a.longInteger("steps"), a.number("start_factor"), create(a.spec("then"))));
    return r;
  }

  private static final List<Param> ONECYCLE_PARAMS =
      List.of(
          Param.requiredNumber("max_lr", "(0, inf)", "peak rate"),
          Param.requiredInteger("total_steps", "[2, inf)", "run length"),
          Param.number("pct_start", 0.3, "[0, 1]", "fraction of the run spent rising (PyTorch)"),
          Param.word("anneal_strategy", "cos", "cos|linear", "shape of each phase (PyTorch)"),
          Param.number("div_factor", 25, "(0, inf)", "initial rate = max_lr/div_factor (PyTorch)"),
          Param.number(
              "final_div_factor", 1e4, "(0, inf)", "min rate = initial/final_div_factor (PyTorch)"),
          Param.bool("three_phase", false, "rise, fall back to initial, then anneal (PyTorch)"),
          Param.number("base_momentum", 0.85, "[0, 1)", "momentum at the peak rate (PyTorch)"),
          Param.number("max_momentum", 0.95, "[0, 1)", "momentum at start and end (PyTorch)"));

  private static OneCycle oneCycle(Args a) {
    return new OneCycle(
        a.number("max_lr"),
        a.longInteger("total_steps"),
        a.number("pct_start"),
        OneCycle.Anneal.valueOf(a.word("anneal_strategy").toUpperCase(Locale.ROOT)),
        a.number("div_factor"),
        a.number("final_div_factor"),
        a.bool("three_phase"),
        a.number("base_momentum"),
        a.number("max_momentum"));
  }

  private static final List<Param> CYCLIC_PARAMS =
      List.of(
          Param.requiredNumber("base_lr", "[0, inf)", "lowest rate"),
          Param.requiredNumber("max_lr", "[base_lr, inf)", "highest rate"),
          Param.integer("step_size_up", 2000, "[1, inf)", "steps from low to high (PyTorch)"),
          Param.integer(
              "step_size_down",
              0,
              "0 or [1, inf)",
              "steps from high to low; 0 means step_size_up (PyTorch's None)"),
          Param.word(
              "mode",
              "triangular",
              "triangular|triangular2|exp_range",
              "amplitude per cycle: constant, halving, gamma^t (PyTorch)"),
          gamma(1, "amplitude factor per step in exp_range mode (PyTorch default)"),
          Param.number("base_momentum", 0.8, "[0, 1)", "momentum at the peak rate (PyTorch)"),
          Param.number("max_momentum", 0.9, "[0, 1)", "momentum at the lowest rate (PyTorch)"));

  private static Cyclic cyclic(Args a) {
    long up = a.longInteger("step_size_up");
    long down = a.longInteger("step_size_down");
    return new Cyclic(
        a.number("base_lr"),
        a.number("max_lr"),
        up,
        down == 0 ? up : down,
        Cyclic.Mode.valueOf(a.word("mode").toUpperCase(Locale.ROOT)),
        a.number("gamma"),
        a.number("base_momentum"),
        a.number("max_momentum"));
  }

  private static Registry<Plateau> buildPlateaus() {
    Registry<Plateau> r = new Registry<>("metric-driven schedule");
    r.register(
        "plateau",
        "reduce the rate when a metric stops improving (PyTorch ReduceLROnPlateau)",
        List.of(
            LR,
            Param.word("mode", "min", "min|max", "whether lower or higher metrics are better"),
            Param.number("factor", 0.1, "(0, 1)", "reduction factor (PyTorch)"),
            Param.integer("patience", 10, "[0, inf)", "epochs without improvement tolerated"),
            Param.number("threshold", 1e-4, "[0, 1) rel, [0, inf) abs", "least improvement"),
            Param.word("threshold_mode", "rel", "rel|abs", "threshold relative or absolute"),
            Param.integer("cooldown", 0, "[0, inf)", "epochs ignored after a reduction"),
            Param.number("min_lr", 0, "[0, inf)", "lowest rate"),
            Param.number("eps", 1e-8, "[0, inf)", "smaller reductions are skipped (PyTorch)")),
        a ->
            new Plateau(
                a.number("lr"),
                Plateau.Mode.valueOf(a.word("mode").toUpperCase(Locale.ROOT)),
                a.number("factor"),
                a.longInteger("patience"),
                a.number("threshold"),
                Plateau.ThresholdMode.valueOf(a.word("threshold_mode").toUpperCase(Locale.ROOT)),
                a.longInteger("cooldown"),
                a.number("min_lr"),
                a.number("eps")));
    return r;
  }

  private static long[] wholeNumbers(Args a, String key) {
    double[] values = a.numbers(key);
    long[] out = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      if (values[i] != Math.rint(values[i]) || Double.isInfinite(values[i])) {
        throw new IllegalArgumentException(
            a.specName() + ": " + key + " must be whole numbers, got " + values[i]);
      }
      out[i] = (long) values[i];
    }
    return out;
  }

  // Last, so that the parameter lists above are initialized before the registries use them.
  private static final Registry<Schedule> SCHEDULES = build();
  private static final Registry<Plateau> PLATEAUS = buildPlateaus();
}
