package dev.descent.optim;

import dev.descent.spec.Registry;
import dev.descent.spec.Spec;
import java.util.List;

/**
 * The optimizers by name: one registry drives the CLI, the tuner's search spaces and the report's
 * legends. Keys follow PyTorch's names ({@code lr}, {@code momentum}, {@code beta1}, {@code
 * weight_decay}, …); every optimizer also takes {@code maximize}, {@code clip_value} and {@code
 * clip_norm} ({@link GradientOptions}).
 *
 * <pre>{@code
 * Optimizer opt = Optimizers.create("adam(lr=0.3,beta1=0.9)");
 * for (Registry.Entry<Optimizer> e : Optimizers.entries()) System.out.println(e.usage());
 * }</pre>
 */
public final class Optimizers {
  private Optimizers() {}

  private static final Registry<Optimizer> REGISTRY = build();

  private static Registry<Optimizer> build() {
    Registry<Optimizer> r = new Registry<>("optimizer");
    r.register(
        "sgd",
        "plain gradient descent p ← p − η·g (torch.optim.SGD)",
        Sgd.params(0, false),
        a -> Sgd.from(a).optimizer());
    r.register(
        "momentum",
        "heavy-ball momentum b ← μb + g, p ← p − ηb (torch.optim.SGD)",
        Sgd.params(0.9, false),
        a -> Sgd.from(a).optimizer());
    r.register(
        "nesterov",
        "Nesterov momentum, PyTorch's form (torch.optim.SGD nesterov=True)",
        Sgd.params(0.9, true),
        a -> Sgd.from(a).optimizer());
    r.register(
        "adam",
        "Adam with bias correction (torch.optim.Adam)",
        Adam.params(Adam.DEFAULTS),
        a -> Adam.from(a, false).optimizer());
    r.register(
        "amsgrad",
        "Adam with the running maximum of v (torch.optim.Adam amsgrad=True)",
        Adam.params(Adam.DEFAULTS),
        a -> Adam.from(a, true).optimizer());
    r.register(
        "adamw",
        "Adam with decoupled weight decay (torch.optim.AdamW)",
        AdamW.params(),
        a -> AdamW.from(a).optimizer());
    r.register(
        "nadam",
        "Adam with Nesterov momentum and momentum decay (torch.optim.NAdam)",
        Nadam.params(),
        a -> Nadam.from(a).optimizer());
    r.register(
        "adamax",
        "Adam with the infinity norm (torch.optim.Adamax)",
        Adamax.params(),
        a -> Adamax.from(a).optimizer());
    r.register(
        "radam",
        "rectified Adam (torch.optim.RAdam)",
        RAdam.params(),
        a -> RAdam.from(a).optimizer());
    r.register(
        "adagrad",
        "per-coordinate rates from the sum of g² (torch.optim.Adagrad)",
        Adagrad.params(),
        a -> Adagrad.from(a).optimizer());
    r.register(
        "rmsprop",
        "per-coordinate rates from an EMA of g² (torch.optim.RMSprop)",
        RmsProp.params(),
        a -> RmsProp.from(a).optimizer());
    r.register(
        "adadelta",
        "rates from running averages of g² and of past steps (torch.optim.Adadelta)",
        Adadelta.params(),
        a -> Adadelta.from(a).optimizer());
    r.register(
        "lion",
        "sign of interpolated momentum, decoupled decay (Chen et al. 2023)",
        Lion.params(),
        a -> Lion.from(a).optimizer());
    for (BookRules.Kind kind : BookRules.Kind.values()) {
      String name = kind.name().toLowerCase(java.util.Locale.ROOT) + "_book";
      r.register(
          name,
          "the Deep Learning from Scratch form (see BookRules)",
          BookRules.params(kind),
          a -> BookRules.from(a, kind).optimizer());
    }
    return r;
  }

  /**
   * Builds the optimizer {@code spec} names, e.g. {@code "momentum(lr=0.1,momentum=0.9)"}.
   *
   * @throws IllegalArgumentException for an unknown name or key (listing the valid ones with the
   *     closest match), a missing {@code lr} where it is required, or a value out of range
   */
  public static Optimizer create(String spec) {
    return REGISTRY.create(spec);
  }

  /** Builds the optimizer a parsed spec names. */
  public static Optimizer create(Spec spec) {
    return REGISTRY.create(spec);
  }

  /** The registered names in display order. */
  public static List<String> names() {
    return REGISTRY.names();
  }

  /** Every entry with its hyperparameters (type, default, range, doc). */
  public static List<Registry.Entry<Optimizer>> entries() {
    return REGISTRY.entries();
  }

  /** The entry called {@code name} (for help texts). */
  public static Registry.Entry<Optimizer> entry(String name) {
    return REGISTRY.entry(name);
  }
}
