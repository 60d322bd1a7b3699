package dev.descent.optim;

import dev.descent.spec.Args;
import dev.descent.spec.Param;
import java.util.ArrayList;
import java.util.List;

/**
 * AdaMax (Kingma &amp; Ba 2015, section 7), exactly as PyTorch's {@code torch.optim.Adamax}: Adam
 * with the infinity norm in place of the second moment.
 *
 * <pre>
 * g ← ∇f(p) + λ·p                       (coupled weight decay)
 * m ← β1·m + (1 − β1)·g
 * u ← max(β2·u, |g| + ε)
 * p ← p − η/(1 − β1ᵗ) · m/u
 * </pre>
 *
 * @param lr η, default 2e-3 (PyTorch, from the paper)
 * @param beta1 β1 in [0, 1), default 0.9
 * @param beta2 β2 in [0, 1), default 0.999
 * @param eps ε &gt; 0, default 1e-8 (PyTorch adds it to |g|)
 * @param weightDecay λ ≥ 0, coupled L2, default 0
 * @param options clipping and maximize
 */
public record Adamax(
    double lr,
    double beta1,
    double beta2,
    double eps,
    double weightDecay,
    GradientOptions options) {

  /** PyTorch's defaults. */
  public static final Adamax DEFAULTS =
      new Adamax(2e-3, 0.9, 0.999, 1e-8, 0, GradientOptions.DEFAULTS);

  /** Validates the ranges. */
  public Adamax {
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
    chain.add(scaleByAdamax(beta1, beta2, eps));
    Object[] kv = {
      "lr", lr, "beta1", beta1, "beta2", beta2, "eps", eps, "weight_decay", weightDecay
    };
    return new Optimizer(
        Check.spec("adamax", Check.join(kv, options.describe())),
        lr,
        chain,
        fused(beta1, beta2, eps, weightDecay),
        options);
  }

  /**
   * AdaMax fused into one float32 pass in the order of PyTorch's {@code _single_tensor_adamax}
   * (1.13): {@code g ← g + λ·p}, {@code m ← m·β1 + (1 − β1)·g}, {@code u ← max(u·β2, |g| + ε)},
   * {@code p ← p + (−η/(1 − β1ᵗ))·m / u}.
   */
  static FloatRule fused(double beta1, double beta2, double eps, double weightDecay) {
    float b2 = (float) beta2;
    float epsF = (float) eps;
    float wdF = (float) weightDecay;
    return new FloatRule() {
      @Override
      public List<String> slots() {
        return List.of("exp_avg", "exp_inf");
      }

      @Override
      public void begin(double lr, long t, double momentum, float[] c) {
        double b1 = Double.isNaN(momentum) ? beta1 : momentum;
        c[1] = (float) b1;
        c[2] = (float) (1 - b1);
        c[3] = (float) -(lr / (1 - Math.pow(b1, t)));
      }

      @Override
      public void update(
          float[] x, float[] g, float[][] s, int from, int to, float[] c, boolean decay) {
        float scale = c[0];
        float b1 = c[1];
        float oneMinusB1 = c[2];
        float negClr = c[3];
        float wd = decay ? wdF : 0f;
        float[] m = s[0];
        float[] inf = s[1];
        for (int i = from; i < to; i++) {
          float xi = x[i];
          float gi = g[i] * scale + wd * xi;
          float mi = m[i] * b1 + oneMinusB1 * gi;
          float ni = Math.max(inf[i] * b2, Math.abs(gi) + epsF);
          m[i] = mi;
          inf[i] = ni;
          x[i] = xi + negClr * mi / ni;
        }
      }
    };
  }

  /** The AdaMax step including the learning rate. State {@code exp_avg}, {@code exp_inf}. */
  public static Transform scaleByAdamax(double beta1, double beta2, double eps) {
    return new Transform() {
      @Override
      public String name() {
        return "scaleByAdamax";
      }

      @Override
      public List<String> slots() {
        return List.of("exp_avg", "exp_inf");
      }

      @Override
      public boolean usesMomentum() {
        return true;
      }

      @Override
      public void apply(Block b) {
        double b1 = b.momentum(beta1);
        double clr = b.lr / (1 - Math.pow(b1, b.t));
        double[] u = b.u;
        double[] m = b.slot(0);
        double[] inf = b.slot(1);
        for (int i = 0; i < b.len; i++) {
          double g = u[i];
          double mi = m[i] * b1 + (1 - b1) * g;
          double ni = Math.max(inf[i] * beta2, Math.abs(g) + eps);
          m[i] = mi;
          inf[i] = ni;
          u[i] = clr * (mi / ni);
        }
      }
    };
  }

  static List<Param> params() {
    Adamax d = DEFAULTS;
    List<Param> p = new ArrayList<>();
    p.add(Param.number("lr", d.lr, "[0, inf)", "learning rate η (PyTorch default)"));
    p.add(Param.number("beta1", d.beta1, "[0, 1)", "decay β1 of the first moment"));
    p.add(Param.number("beta2", d.beta2, "[0, 1)", "decay β2 of the infinity norm"));
    p.add(Param.number("eps", d.eps, "(0, inf)", "ε added to |g|"));
    p.add(Param.number("weight_decay", d.weightDecay, "[0, inf)", "coupled L2 penalty λ"));
    p.addAll(GradientOptions.params());
    return p;
  }

  static Adamax from(Args a) {
    return new Adamax(
        a.number("lr"),
        a.number("beta1"),
        a.number("beta2"),
        a.number("eps"),
        a.number("weight_decay"),
        GradientOptions.from(a));
  }
}
