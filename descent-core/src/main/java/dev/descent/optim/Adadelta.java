package dev.descent.optim;

import dev.descent.spec.Args;
import dev.descent.spec.Param;
import java.util.ArrayList;
import java.util.List;

/**
 * AdaDelta (Zeiler 2012), exactly as PyTorch's {@code torch.optim.Adadelta}: the step's units come
 * from a running average of past squared updates, scaled by PyTorch's {@code lr} multiplier.
 *
 * <pre>
 * g ← ∇f(p) + λ·p                        (coupled weight decay)
 * h ← ρ·h + (1 − ρ)·g²
 * d ← √(δ + ε) / √(h + ε) · g
 * δ ← ρ·δ + (1 − ρ)·d²
 * p ← p − η·d
 * </pre>
 *
 * @param lr η, the multiplier on the step, default 1.0 (PyTorch; the paper has none)
 * @param rho ρ in [0, 1), default 0.9 (PyTorch)
 * @param eps ε &gt; 0, default 1e-6 (PyTorch)
 * @param weightDecay λ ≥ 0, coupled L2, default 0 (PyTorch)
 * @param options clipping and maximize
 */
public record Adadelta(
    double lr, double rho, double eps, double weightDecay, GradientOptions options) {

  /** PyTorch's defaults. */
  public static final Adadelta DEFAULTS = new Adadelta(1.0, 0.9, 1e-6, 0, GradientOptions.DEFAULTS);

  /** Validates the ranges. */
  public Adadelta {
    Check.nonNegative("lr", lr);
    Check.unitOpen("rho", rho);
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
    chain.add(scaleByAdadelta(rho, eps));
    chain.add(Transforms.scaleByLearningRate());
    Object[] kv = {"lr", lr, "rho", rho, "eps", eps, "weight_decay", weightDecay};
    return new Optimizer(
        Check.spec("adadelta", Check.join(kv, options.describe())),
        lr,
        chain,
        fused(rho, eps, weightDecay),
        options);
  }

  /**
   * AdaDelta fused into one float32 pass in the order of PyTorch's {@code _single_tensor_adadelta}
   * (1.13): {@code g ← g + λ·p}, {@code h ← h·ρ + (1 − ρ)·g·g}, {@code d ← √(δ + ε) / √(h + ε) ·
   * g}, {@code δ ← δ·ρ + (1 − ρ)·d·d}, {@code p ← p + (−η)·d}.
   */
  static FloatRule fused(double rho, double eps, double weightDecay) {
    float rhoF = (float) rho;
    float oneMinusRho = (float) (1 - rho);
    float epsF = (float) eps;
    float wdF = (float) weightDecay;
    return new FloatRule() {
      @Override
      public List<String> slots() {
        return List.of("square_avg", "acc_delta");
      }

      @Override
      public void begin(double lr, long t, double momentum, float[] c) {
        c[1] = (float) -lr;
      }

      @Override
      public void update(
          float[] x, float[] g, float[][] s, int from, int to, float[] c, boolean decay) {
        float scale = c[0];
        float negLr = c[1];
        float wd = decay ? wdF : 0f;
        float[] h = s[0];
        float[] acc = s[1];
        for (int i = from; i < to; i++) {
          float xi = x[i];
          float gi = g[i] * scale + wd * xi;
          float hi = h[i] * rhoF + oneMinusRho * gi * gi;
          h[i] = hi;
          float d = (float) Math.sqrt(acc[i] + epsF) / (float) Math.sqrt(hi + epsF) * gi;
          acc[i] = acc[i] * rhoF + oneMinusRho * d * d;
          x[i] = xi + negLr * d;
        }
      }
    };
  }

  /** {@code u ← √(δ + ε) / √(h + ε) · g}. State {@code square_avg}, {@code acc_delta}. */
  public static Transform scaleByAdadelta(double rho, double eps) {
    return new Transform() {
      @Override
      public String name() {
        return "scaleByAdadelta";
      }

      @Override
      public List<String> slots() {
        return List.of("square_avg", "acc_delta");
      }

      @Override
      public void apply(Block b) {
        double[] u = b.u;
        double[] h = b.slot(0);
        double[] acc = b.slot(1);
        for (int i = 0; i < b.len; i++) {
          double g = u[i];
          double hi = h[i] * rho + (1 - rho) * g * g;
          h[i] = hi;
          double d = Math.sqrt(acc[i] + eps) / Math.sqrt(hi + eps) * g;
          acc[i] = acc[i] * rho + (1 - rho) * d * d;
          u[i] = d;
        }
      }
    };
  }

  static List<Param> params() {
    Adadelta d = DEFAULTS;
    List<Param> p = new ArrayList<>();
    p.add(Param.number("lr", d.lr, "[0, inf)", "multiplier η on the step (PyTorch)"));
    p.add(Param.number("rho", d.rho, "[0, 1)", "decay ρ of both running averages"));
    p.add(Param.number("eps", d.eps, "(0, inf)", "ε inside both square roots"));
    p.add(Param.number("weight_decay", d.weightDecay, "[0, inf)", "coupled L2 penalty λ"));
    p.addAll(GradientOptions.params());
    return p;
  }

  static Adadelta from(Args a) {
    return new Adadelta(
        a.number("lr"),
        a.number("rho"),
        a.number("eps"),
        a.number("weight_decay"),
        GradientOptions.from(a));
  }
}
