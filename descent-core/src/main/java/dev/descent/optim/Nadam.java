package dev.descent.optim;

import dev.descent.spec.Args;
import dev.descent.spec.Param;
import java.util.ArrayList;
import java.util.List;

/**
 * NAdam (Dozat 2016): Adam with Nesterov momentum, exactly as PyTorch's {@code torch.optim.NAdam}
 * including its momentum-decay schedule μ_t.
 *
 * <pre>
 * g ← ∇f(p) + λ·p                                       (coupled weight decay)
 * μ_t ← β1·(1 − ½·0.96^(t·ψ));  Π_t ← Π_{t−1}·μ_t          (Π_0 = 1)
 * m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²
 * s ← √v / √(1 − β2ᵗ) + ε
 * p ← p − η(1 − μ_t)/(1 − Π_t) · g/s − η·μ_{t+1}/(1 − Π_t·μ_{t+1}) · m/s
 * </pre>
 *
 * PyTorch 1.13's single-tensor loop uses Π_t·μ_t·μ_{t+1} in the last term, a bug fixed in PyTorch
 * 2.0 (pull request 92699); this follows the fixed form, which 1.13's {@code foreach=True} path
 * already computed.
 *
 * @param lr η, default 2e-3 (PyTorch)
 * @param beta1 β1 in [0, 1), default 0.9
 * @param beta2 β2 in [0, 1), default 0.999
 * @param eps ε &gt; 0, default 1e-8
 * @param weightDecay λ ≥ 0, coupled L2, default 0
 * @param momentumDecay ψ ≥ 0, default 4e-3 (PyTorch, from Dozat)
 * @param options clipping and maximize (PyTorch 1.13's NAdam has no maximize; here it negates g)
 */
public record Nadam(
    double lr,
    double beta1,
    double beta2,
    double eps,
    double weightDecay,
    double momentumDecay,
    GradientOptions options) {

  /** PyTorch's defaults. */
  public static final Nadam DEFAULTS =
      new Nadam(2e-3, 0.9, 0.999, 1e-8, 0, 4e-3, GradientOptions.DEFAULTS);

  /** Validates the ranges. */
  public Nadam {
    Check.nonNegative("lr", lr);
    Check.unitOpen("beta1", beta1);
    Check.unitOpen("beta2", beta2);
    Check.positive("eps", eps);
    Check.nonNegative("weight_decay", weightDecay);
    Check.nonNegative("momentum_decay", momentumDecay);
    if (options == null) {
      throw new IllegalArgumentException("options must not be null");
    }
  }

  /** The optimizer this config describes. */
  public Optimizer optimizer() {
    List<Transform> chain = new ArrayList<>(options.prefix());
    if (weightDecay != 0) {
      chain.add(Transforms.addWeightDecay(weightDecay));
    }
    chain.add(scaleByNadam(beta1, beta2, eps, momentumDecay));
    Object[] kv = {
      "lr",
      lr,
      "beta1",
      beta1,
      "beta2",
      beta2,
      "eps",
      eps,
      "weight_decay",
      weightDecay,
      "momentum_decay",
      momentumDecay
    };
    return new Optimizer(Check.spec("nadam", Check.join(kv, options.describe())), lr, chain);
  }

  /**
   * The NAdam step including the learning rate. State {@code exp_avg}, {@code exp_avg_sq} and the
   * scalar {@code mu_product}.
   */
  public static Transform scaleByNadam(
      double beta1, double beta2, double eps, double momentumDecay) {
    return new Transform() {
      @Override
      public String name() {
        return "scaleByNadam";
      }

      @Override
      public List<String> slots() {
        return List.of("exp_avg", "exp_avg_sq");
      }

      @Override
      public List<String> scalars() {
        return List.of("mu_product");
      }

      @Override
      public double initialScalar(int scalar) {
        return 1;
      }

      private double mu(long t) {
        return beta1 * (1. - 0.5 * Math.pow(0.96, t * momentumDecay));
      }

      @Override
      public void beginStep(Block b) {
        b.setScalar(0, b.scalar(0) * mu(b.t));
      }

      @Override
      public void apply(Block b) {
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, b.t));
        double mu = mu(b.t);
        double muNext = mu(b.t + 1);
        double muProduct = b.scalar(0);
        double muProductNext = muProduct * muNext;
        double cg = b.lr * (1. - mu) / (1. - muProduct);
        double cm = b.lr * muNext / (1. - muProductNext);
        double[] u = b.u;
        double[] m = b.slot(0);
        double[] v = b.slot(1);
        for (int i = 0; i < b.len; i++) {
          double g = u[i];
          double mi = m[i] * beta1 + (1 - beta1) * g;
          double vi = v[i] * beta2 + (1 - beta2) * g * g;
          m[i] = mi;
          v[i] = vi;
          double s = Math.sqrt(vi) / bc2Sqrt + eps;
          u[i] = cg * (g / s) + cm * (mi / s);
        }
      }
    };
  }

  static List<Param> params() {
    Nadam d = DEFAULTS;
    List<Param> p = new ArrayList<>();
    p.add(Param.number("lr", d.lr, "[0, inf)", "learning rate η (PyTorch default)"));
    p.add(Param.number("beta1", d.beta1, "[0, 1)", "decay β1 of the first moment"));
    p.add(Param.number("beta2", d.beta2, "[0, 1)", "decay β2 of the second moment"));
    p.add(Param.number("eps", d.eps, "(0, inf)", "ε added to √v̂"));
    p.add(Param.number("weight_decay", d.weightDecay, "[0, inf)", "coupled L2 penalty λ"));
    p.add(Param.number("momentum_decay", d.momentumDecay, "[0, inf)", "ψ in μ_t (PyTorch)"));
    p.addAll(GradientOptions.params());
    return p;
  }

  static Nadam from(Args a) {
    return new Nadam(
        a.number("lr"),
        a.number("beta1"),
        a.number("beta2"),
        a.number("eps"),
        a.number("weight_decay"),
        a.number("momentum_decay"),
        GradientOptions.from(a));
  }
}
