package dev.descent.optim;

import dev.descent.spec.Args;
import dev.descent.spec.Param;
import java.util.ArrayList;
import java.util.List;

/**
 * Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms"): the sign of an
 * interpolation of momentum and gradient, with decoupled weight decay. Not in PyTorch 1.13; this
 * follows the paper's Algorithm 2 and its reference implementation (lucidrains/lion-pytorch).
 *
 * <pre>
 * p ← p·(1 − η·λ)
 * c ← β1·m + (1 − β1)·g
 * p ← p − η·sign(c)
 * m ← β2·m + (1 − β2)·g
 * </pre>
 *
 * @param lr η, default 1e-4 (paper: 3–10× smaller than AdamW's)
 * @param beta1 β1 in [0, 1), default 0.9 (paper)
 * @param beta2 β2 in [0, 1), default 0.99 (paper)
 * @param weightDecay decoupled λ ≥ 0, default 0 (reference implementation)
 * @param options clipping and maximize
 */
public record Lion(
    double lr, double beta1, double beta2, double weightDecay, GradientOptions options) {

  /** The paper's defaults. */
  public static final Lion DEFAULTS = new Lion(1e-4, 0.9, 0.99, 0, GradientOptions.DEFAULTS);

  /** Validates the ranges. */
  public Lion {
    Check.nonNegative("lr", lr);
    Check.unitOpen("beta1", beta1);
    Check.unitOpen("beta2", beta2);
    Check.nonNegative("weight_decay", weightDecay);
    if (options == null) {
      throw new IllegalArgumentException("options must not be null");
    }
  }

  /** The optimizer this config describes. */
  public Optimizer optimizer() {
    List<Transform> chain = new ArrayList<>(options.prefix());
    chain.add(scaleByLion(beta1, beta2));
    chain.add(Transforms.scaleByLearningRate());
    if (weightDecay != 0) {
      chain.add(Transforms.addDecoupledWeightDecay(weightDecay));
    }
    Object[] kv = {"lr", lr, "beta1", beta1, "beta2", beta2, "weight_decay", weightDecay};
    return new Optimizer(Check.spec("lion", Check.join(kv, options.describe())), lr, chain);
  }

  /** {@code u ← sign(β1·m + (1 − β1)·g)}, then the momentum update. State {@code exp_avg}. */
  public static Transform scaleByLion(double beta1, double beta2) {
    return new Transform() {
      @Override
      public String name() {
        return "scaleByLion";
      }

      @Override
      public List<String> slots() {
        return List.of("exp_avg");
      }

      @Override
      public void apply(Block b) {
        double[] u = b.u;
        double[] m = b.slot(0);
        for (int i = 0; i < b.len; i++) {
          double g = u[i];
          double mi = m[i];
          u[i] = Math.signum(mi * beta1 + (1 - beta1) * g);
          m[i] = mi * beta2 + (1 - beta2) * g;
        }
      }
    };
  }

  static List<Param> params() {
    Lion d = DEFAULTS;
    List<Param> p = new ArrayList<>();
    p.add(Param.number("lr", d.lr, "[0, inf)", "learning rate η (paper default)"));
    p.add(Param.number("beta1", d.beta1, "[0, 1)", "interpolation β1 for the sign"));
    p.add(Param.number("beta2", d.beta2, "[0, 1)", "decay β2 of the momentum"));
    p.add(Param.number("weight_decay", d.weightDecay, "[0, inf)", "decoupled decay λ: p·(1−ηλ)"));
    p.addAll(GradientOptions.params());
    return p;
  }

  static Lion from(Args a) {
    return new Lion(
        a.number("lr"),
        a.number("beta1"),
        a.number("beta2"),
        a.number("weight_decay"),
        GradientOptions.from(a));
  }
}
