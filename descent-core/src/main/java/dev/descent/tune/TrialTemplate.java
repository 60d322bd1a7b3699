package dev.descent.tune;

import dev.descent.init.Initializers;
import dev.descent.nn.Activation;
import dev.descent.optim.Optimizers;
import dev.descent.schedule.Schedules;
import dev.descent.spec.Registry;
import dev.descent.spec.Spec;
import dev.descent.train.ModelSpec;
import dev.descent.train.TrainConfig;
import java.util.Arrays;
import java.util.Map;

/**
 * The fixed settings of every trial (what {@code descent train} takes as options), and how a
 * trial's sampled parameters change them.
 *
 * <p><b>Keys.</b>
 *
 * <ul>
 *   <li>{@code weight_decay}: the L2 penalty λ of {@link TrainConfig#weightDecay()} (the seeds'
 *       experiment). For an optimizer's own decoupled decay (AdamW) write {@code
 *       optimizer.weight_decay}.
 *   <li>{@code batch}: the mini-batch size; {@code hidden}: the width of every hidden layer; {@code
 *       layers}: the number of hidden layers (each as wide as the first); {@code dropout}; {@code
 *       activation}; {@code init}: the initializer spec, e.g. {@code choice(he,xavier)}.
 *   <li>{@code optimizer.K}, or a bare {@code K} not listed above, e.g. {@code lr}, {@code
 *       momentum}: key K of the optimizer spec.
 *   <li>{@code schedule.K}: key K of the schedule spec (a schedule must be given); {@code init.K}:
 *       key K of the initializer spec, e.g. {@code init.std}.
 * </ul>
 *
 * Every key is checked against the registry entry it addresses, so a misspelt key fails before any
 * trial runs.
 *
 * @param hidden hidden widths
 * @param activation the hidden activation
 * @param init the initializer spec
 * @param batchNorm batch norm after each hidden layer
 * @param dropout dropout probability
 * @param optimizer the optimizer spec
 * @param schedule the schedule spec or null
 * @param batch the mini-batch size
 * @param weightDecay the L2 λ
 */
public record TrialTemplate(
    int[] hidden,
    Activation activation,
    String init,
    boolean batchNorm,
    double dropout,
    String optimizer,
    String schedule,
    int batch,
    double weightDecay) {

  /**
   * Copies {@code hidden} and checks that the specs parse and name registered entries (required
   * values such as {@code sgd}'s {@code lr} may come from the search space instead).
   */
  public TrialTemplate {
    hidden = hidden.clone();
    Optimizers.entry(Spec.parse(optimizer).name());
    Initializers.registry().entry(Spec.parse(init).name());
    if (schedule != null) {
      String name = Spec.parse(schedule).name();
      scheduleRegistry(name).entry(name);
    }
  }

  private static Registry<?> scheduleRegistry(String name) {
    return name.equals("plateau") ? Schedules.plateaus() : Schedules.registry();
  }

  /** The hidden widths (a copy). */
  @Override
  public int[] hidden() {
    return hidden.clone();
  }

  /** A trial's model and training config. */
  public record Setup(ModelSpec model, TrainConfig config) {}

  /**
   * Checks that every key of {@code space} addresses a setting that exists.
   *
   * @throws IllegalArgumentException naming the key and the valid keys
   */
  public void check(SearchSpace space) {
    for (String key : space.keys()) {
      String k = key;
      switch (k) {
        case "weight_decay":
        case "batch":
        case "hidden":
        case "layers":
        case "dropout":
        case "activation":
        case "init":
          continue;
        default:
          break;
      }
      if (k.startsWith("schedule.")) {
        if (schedule == null) {
          throw new IllegalArgumentException("--space " + key + " needs a --schedule");
        }
        String name = Spec.parse(schedule).name();
        requireParam(scheduleRegistry(name), name, k.substring(9), key);
      } else if (k.startsWith("init.")) {
        requireParam(Initializers.registry(), Spec.parse(init).name(), k.substring(5), key);
      } else {
        String p = k.startsWith("optimizer.") ? k.substring(10) : k;
        Registry.Entry<?> e = Optimizers.entry(Spec.parse(optimizer).name());
        if (e.param(p) == null) {
          throw new IllegalArgumentException(
              "--space key "
                  + key
                  + " is not a parameter of "
                  + e.usage()
                  + "; other keys: weight_decay, batch, hidden, layers, dropout, activation, init,"
                  + " init.K, schedule.K");
        }
      }
    }
  }

  private static void requireParam(Registry<?> r, String name, String param, String key) {
    Registry.Entry<?> e = r.entry(name);
    if (e.param(param) == null) {
      throw new IllegalArgumentException(
          "--space key " + key + " is not a parameter of " + e.usage());
    }
  }

  /**
   * The model and config of one trial.
   *
   * @param params the sampled values by key
   * @param inputs input features
   * @param outputs classes
   * @param epochs the trial's epochs
   * @param seed the trial's seed (weights, data order, dropout)
   * @throws IllegalArgumentException when a value is invalid for its setting
   */
  public Setup setup(Map<String, Object> params, int inputs, int outputs, long epochs, long seed) {
    Spec opt = Spec.parse(optimizer);
    Spec sched = schedule == null ? null : Spec.parse(schedule);
    Spec ini = Spec.parse(init);
    int[] widths = hidden.clone();
    double lambda = weightDecay;
    double drop = dropout;
    int batchSize = batch;
    Activation act = activation;
    for (Map.Entry<String, Object> e : params.entrySet()) {
      String k = e.getKey();
      Object v = e.getValue();
      switch (k) {
        case "weight_decay":
          lambda = number(k, v);
          break;
        case "batch":
          batchSize = (int) whole(k, v);
          break;
        case "hidden":
          Arrays.fill(widths, (int) whole(k, v));
          break;
        case "layers":
          int w = widths.length > 0 ? widths[0] : 100;
          widths = new int[(int) whole(k, v)];
          Arrays.fill(widths, w);
          break;
        case "dropout":
          drop = number(k, v);
          break;
        case "activation":
          act = Activation.parse(String.valueOf(v));
          break;
        case "init":
          ini = Spec.parse(String.valueOf(v));
          break;
        default:
          if (k.startsWith("schedule.")) {
            sched = sched.with(k.substring(9), specValue(v));
          } else if (k.startsWith("init.")) {
            ini = ini.with(k.substring(5), specValue(v));
          } else {
            opt = opt.with(k.startsWith("optimizer.") ? k.substring(10) : k, specValue(v));
          }
      }
    }
    if (params.containsKey("hidden") && params.containsKey("layers")) {
      Arrays.fill(widths, (int) whole("hidden", params.get("hidden")));
    }
    ModelSpec model =
        new ModelSpec(inputs, widths, outputs, act, ini.toString(), batchNorm, drop, seed);
    TrainConfig config =
        TrainConfig.of(opt.toString(), batchSize, epochs, 0)
            .withSchedule(sched == null ? null : sched.toString())
            .withSeed(seed)
            .withWeightDecay(lambda);
    return new Setup(model, config);
  }

  private static Object specValue(Object v) {
    return v instanceof Long ? (Object) ((Long) v).doubleValue() : v;
  }

  private static double number(String key, Object v) {
    if (!(v instanceof Number)) {
      throw new IllegalArgumentException(key + " must be a number, got '" + v + "'");
    }
    return ((Number) v).doubleValue();
  }

  private static long whole(String key, Object v) {
    double d = number(key, v);
    if (d != Math.rint(d)) {
      throw new IllegalArgumentException(key + " must be a whole number, got " + d);
    }
    return (long) d;
  }
}
