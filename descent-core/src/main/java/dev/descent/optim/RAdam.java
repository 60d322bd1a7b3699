package dev.descent.optim;

import dev.descent.spec.Args;
import dev.descent.spec.Param;
import java.util.ArrayList;
import java.util.List;

/**
 * RAdam (Liu et al. 2020), exactly as PyTorch's {@code torch.optim.RAdam}: Adam whose adaptive term
 * is switched on only once the variance of v̂ is tractable, and then rectified.
 *
 * <pre>
 * g ← ∇f(p) + λ·p                                  (coupled weight decay)
 * m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²
 * ρ∞ ← 2/(1 − β2) − 1;  ρ_t ← ρ∞ − 2t·β2ᵗ/(1 − β2ᵗ)
 * ρ_t &gt; 5:  r ← √((ρ_t − 4)(ρ_t − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρ_t))
 *           p ← p − η·m/(1 − β1ᵗ) · √(1 − β2ᵗ)/(√v + ε) · r
 * else:     p ← p − η·m/(1 − β1ᵗ)
 * </pre>
 *
 * @param lr η, default 1e-3 (PyTorch)
 * @param beta1 β1 in [0, 1), default 0.9
 * @param beta2 β2 in [0, 1), default 0.999
 * @param eps ε &gt; 0, default 1e-8
 * @param weightDecay λ ≥ 0, coupled L2, default 0
 * @param options clipping and maximize (PyTorch 1.13's RAdam has no maximize; here it negates g)
 */
public record RAdam(
    double lr,
    double beta1,
    double beta2,
    double eps,
    double weightDecay,
    GradientOptions options) {

  /** PyTorch's defaults. */
  public static final RAdam DEFAULTS =
      new RAdam(1e-3, 0.9, 0.999, 1e-8, 0, GradientOptions.DEFAULTS);

  /** Validates the ranges. */
  public RAdam {
    Check.nonNegative("lr", lr);
    Check.unitOpen("beta1", beta1);
    Check.unitOpen("beta2", beta2);
    Check.positive("eps", eps);
    Check.nonNegative("weight_decay", weightDecay);
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
    chain.add(scaleByRAdam(beta1, beta2, eps));
    Object[] kv = {
      "lr", lr, "beta1", beta1, "beta2", beta2, "eps", eps, "weight_decay", weightDecay
    };
    return new Optimizer(Check.spec("radam", Check.join(kv, options.describe())), lr, chain);
  }

  /**
   * The rectified Adam step including the learning rate. State {@code exp_avg}, {@code exp_avg_sq}.
   */
  public static Transform scaleByRAdam(double beta1, double beta2, double eps) {
    return new Transform() {
      @Override
      public String name() {
        return "scaleByRAdam";
      }

      @Override
      public List<String> slots() {
        return List.of("exp_avg", "exp_avg_sq");
      }

      @Override
      public boolean usesMomentum() {
        return true;
      }

      @Override
      public void apply(Block b) {
        double b1 = b.momentum(beta1);
        long t = b.t;
        double bc1 = 1 - Math.pow(b1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        double rhoInf = 2 / (1 - beta2) - 1;
        double rhoT = rhoInf - 2 * t * Math.pow(beta2, t) / bc2;
        boolean rectify = rhoT > 5.;
        double rect =
            rectify
                ? Math.sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT))
                : 0;
        double bc2Sqrt = Math.sqrt(bc2);
        double lr = b.lr;
        double[] u = b.u;
        double[] m = b.slot(0);
        double[] v = b.slot(1);
        for (int i = 0; i < b.len; i++) {
          double g = u[i];
          double mi = m[i] * b1 + (1 - b1) * g;
          double vi = v[i] * beta2 + (1 - beta2) * g * g;
          m[i] = mi;
          v[i] = vi;
          double step = mi / bc1 * lr;
          u[i] = rectify ? step * (bc2Sqrt / (Math.sqrt(vi) + eps)) * rect : step;
        }
      }
    };
  }

  static List<Param> params() {
    RAdam d = DEFAULTS;
    List<Param> p = new ArrayList<>();
    p.add(Param.number("lr", d.lr, "[0, inf)", "learning rate η (PyTorch default)"));
    p.add(Param.number("beta1", d.beta1, "[0, 1)", "decay β1 of the first moment"));
    p.add(Param.number("beta2", d.beta2, "[0, 1)", "decay β2 of the second moment"));
    p.add(Param.number("eps", d.eps, "(0, inf)", "ε added to √v"));
    p.add(Param.number("weight_decay", d.weightDecay, "[0, inf)", "coupled L2 penalty λ"));
    p.addAll(GradientOptions.params());
    return p;
  }

  static RAdam from(Args a) {
    return new RAdam(
        a.number("lr"),
        a.number("beta1"),
        a.number("beta2"),
        a.number("eps"),
        a.number("weight_decay"),
        GradientOptions.from(a));
  }
}
