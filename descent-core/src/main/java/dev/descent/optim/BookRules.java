package dev.descent.optim;

import dev.descent.spec.Args;
import dev.descent.spec.Param;
import java.util.ArrayList;
import java.util.List;

/**
 * The textbook forms from "Deep Learning from Scratch" (Saito, chapter 6; seeds 001 and 004), kept
 * as named variants beside the PyTorch rules they differ from. With a constant learning rate {@code
 * momentum_book} follows the same iterates as {@link Sgd} momentum; the others differ.
 *
 * <table>
 *   <caption>Book form vs. PyTorch form</caption>
 *   <tr><th>name</th><th>book rule</th><th>PyTorch counterpart</th></tr>
 *   <tr><td>{@code momentum_book}</td><td>v ← αv − ηg; W ← W + v</td>
 *       <td>{@code momentum}: b ← μb + g; W ← W − ηb (η outside the buffer, so a schedule acts
 *       at once)</td></tr>
 *   <tr><td>{@code nesterov_book}</td><td>v ← αv − ηg; W ← W + α²v − (1 + α)ηg</td>
 *       <td>{@code nesterov}: W ← W − η(g + μb)</td></tr>
 *   <tr><td>{@code adam_book}</td><td>η_t = η√(1 − β2ᵗ)/(1 − β1ᵗ); m += (1−β1)(g − m);
 *       v += (1−β2)(g² − v); W ← W − η_t m/(√v + ε)</td>
 *       <td>{@code adam}: ε added to √v̂ = √v/√(1 − β2ᵗ), so ε's effective size differs</td></tr>
 * </table>
 *
 * @param kind which book rule
 * @param lr η, default 0.01 (momentum, Nesterov) or 0.001 (Adam), the book's defaults
 * @param momentum α in [0, 1) for momentum and Nesterov, default 0.9 (the book)
 * @param beta1 β1 in [0, 1) for Adam, default 0.9 (the book)
 * @param beta2 β2 in [0, 1) for Adam, default 0.999 (the book)
 * @param eps ε &gt; 0 added to √v for Adam, default 1e-7 (the book)
 * @param weightDecay λ ≥ 0, coupled L2 (the book adds ½λ‖W‖² to the loss), default 0
 * @param options clipping and maximize
 */
public record BookRules(
    Kind kind,
    double lr,
    double momentum,
    double beta1,
    double beta2,
    double eps,
    double weightDecay,
    GradientOptions options) {

  /** The three book rules. */
  public enum Kind {
    /** v ← αv − ηg; W ← W + v. */
    MOMENTUM,
    /** The book's Nesterov. */
    NESTEROV,
    /** The book's Adam with ε on √v and η_t folded in. */
    ADAM
  }

  /** Validates the ranges. */
  public BookRules {
    if (kind == null) {
      throw new IllegalArgumentException("kind must not be null");
    }
    Check.nonNegative("lr", lr);
    Check.unitOpen("momentum", momentum);
    Check.unitOpen("beta1", beta1);
    Check.unitOpen("beta2", beta2);
    Check.positive("eps", eps);
    Check.nonNegative("weight_decay", weightDecay);
    if (options == null) {
      throw new IllegalArgumentException("options must not be null");
    }
  }

  /** The book's defaults for {@code kind}. */
  public static BookRules defaults(Kind kind) {
    return new BookRules(
        kind, kind == Kind.ADAM ? 0.001 : 0.01, 0.9, 0.9, 0.999, 1e-7, 0, GradientOptions.DEFAULTS);
  }

  /** The optimizer this config describes. */
  public Optimizer optimizer() {
    List<Transform> chain = new ArrayList<>(options.prefix());
    if (weightDecay != 0) {
      chain.add(Transforms.addWeightDecay(weightDecay));
    }
    Object[] kv;
    String name;
    switch (kind) {
      case MOMENTUM:
        chain.add(bookMomentum(momentum, false));
        name = "momentum_book";
        kv = new Object[] {"lr", lr, "momentum", momentum};
        break;
      case NESTEROV:
        chain.add(bookMomentum(momentum, true));
        name = "nesterov_book";
        kv = new Object[] {"lr", lr, "momentum", momentum};
        break;
      default:
        chain.add(bookAdam(beta1, beta2, eps));
        name = "adam_book";
        kv = new Object[] {"lr", lr, "beta1", beta1, "beta2", beta2, "eps", eps};
        break;
    }
    if (weightDecay != 0) {
      kv = Check.join(kv, "weight_decay", weightDecay);
    }
    return new Optimizer(Check.spec(name, Check.join(kv, options.describe())), lr, chain);
  }

  /**
   * The book's velocity {@code v ← αv − ηg} (η inside the buffer); the update is {@code −v}, or
   * {@code −α²v + (1 + α)ηg} for Nesterov. State {@code v}.
   */
  static Transform bookMomentum(double alpha, boolean nesterov) {
    return new Transform() {
      @Override
      public String name() {
        return nesterov ? "bookNesterov" : "bookMomentum";
      }

      @Override
      public List<String> slots() {
        return List.of("v");
      }

      @Override
      public void apply(Block b) {
        double lr = b.lr;
        double[] u = b.u;
        double[] v = b.slot(0);
        for (int i = 0; i < b.len; i++) {
          double g = u[i];
          double vi = alpha * v[i] - lr * g;
          v[i] = vi;
          u[i] = nesterov ? (1 + alpha) * lr * g - alpha * alpha * vi : -vi;
        }
      }
    };
  }

  /** The book's Adam step including η_t. State {@code m}, {@code v}. */
  static Transform bookAdam(double beta1, double beta2, double eps) {
    return new Transform() {
      @Override
      public String name() {
        return "bookAdam";
      }

      @Override
      public List<String> slots() {
        return List.of("m", "v");
      }

      @Override
      public void apply(Block b) {
        double lrT = b.lr * Math.sqrt(1.0 - Math.pow(beta2, b.t)) / (1.0 - Math.pow(beta1, b.t));
        double[] u = b.u;
        double[] m = b.slot(0);
        double[] v = b.slot(1);
        for (int i = 0; i < b.len; i++) {
          double g = u[i];
          double mi = m[i] + (1 - beta1) * (g - m[i]);
          double vi = v[i] + (1 - beta2) * (g * g - v[i]);
          m[i] = mi;
          v[i] = vi;
          u[i] = lrT * mi / (Math.sqrt(vi) + eps);
        }
      }
    };
  }

  static List<Param> params(Kind kind) {
    BookRules d = defaults(kind);
    List<Param> p = new ArrayList<>();
    p.add(Param.number("lr", d.lr, "[0, inf)", "learning rate η (the book's default)"));
    if (kind == Kind.ADAM) {
      p.add(Param.number("beta1", d.beta1, "[0, 1)", "decay β1 of the first moment"));
      p.add(Param.number("beta2", d.beta2, "[0, 1)", "decay β2 of the second moment"));
      p.add(Param.number("eps", d.eps, "(0, inf)", "ε added to √v (the book's 1e-7)"));
    } else {
      p.add(Param.number("momentum", d.momentum, "[0, 1)", "velocity decay α"));
    }
    p.add(Param.number("weight_decay", d.weightDecay, "[0, inf)", "coupled L2 penalty λ"));
    p.addAll(GradientOptions.params());
    return p;
  }

  static BookRules from(Args a, Kind kind) {
    BookRules d = defaults(kind);
    boolean adam = kind == Kind.ADAM;
    return new BookRules(
        kind,
        a.number("lr"),
        adam ? d.momentum : a.number("momentum"),
        adam ? a.number("beta1") : d.beta1,
        adam ? a.number("beta2") : d.beta2,
        adam ? a.number("eps") : d.eps,
        a.number("weight_decay"),
        GradientOptions.from(a));
  }
}
