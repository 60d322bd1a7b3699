package dev.descent.optim;

import dev.descent.spec.Args;
import dev.descent.spec.Param;
import java.util.ArrayList;
import java.util.List;

/**
 * RMSProp (Hinton, Coursera lecture 6e), exactly as PyTorch's {@code torch.optim.RMSprop}: AdaGrad
 * with an exponential moving average of g² instead of the sum, optionally centered (dividing by an
 * estimate of the variance) and with momentum.
 *
 * <pre>
 * g ← ∇f(p) + λ·p                           (coupled weight decay)
 * h ← ρ·h + (1 − ρ)·g²
 * a ← ρ·a + (1 − ρ)·g;  s ← √(h − a²) + ε     (centered)   or   s ← √h + ε
 * b ← μ·b + g/s;  p ← p − η·b               (μ &gt; 0)     or   p ← p − η·g/s
 * </pre>
 *
 * Seed 002's snippet adds {@code decay_rate * grad_squared} to itself (a typo); this is the EMA.
 *
 * @param lr η, default 1e-2 (PyTorch)
 * @param rho ρ (PyTorch's {@code alpha}) in [0, 1), default 0.99 (PyTorch)
 * @param eps ε &gt; 0, default 1e-8 (PyTorch)
 * @param weightDecay λ ≥ 0, coupled L2, default 0 (PyTorch)
 * @param momentum μ in [0, 1), default 0 (PyTorch)
 * @param centered divide by the centered second moment, default false (PyTorch)
 * @param options clipping and maximize
 */
public record RmsProp(
    double lr,
    double rho,
    double eps,
    double weightDecay,
    double momentum,
    boolean centered,
    GradientOptions options) {

  /** PyTorch's defaults. */
  public static final RmsProp DEFAULTS =
      new RmsProp(1e-2, 0.99, 1e-8, 0, 0, false, GradientOptions.DEFAULTS);

  /** Validates the ranges. */
  public RmsProp {
    Check.nonNegative("lr", lr);
    Check.unitOpen("rho", rho);
    Check.positive("eps", eps);
    Check.nonNegative("weight_decay", weightDecay);
    Check.unitOpen("momentum", momentum);
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
    chain.add(scaleByRms(rho, eps, centered));
    if (momentum > 0) {
      // PyTorch's zero-initialised buffer b ← μb + g/s equals trace's first-step copy
      chain.add(Transforms.trace(momentum, 0, false));
    }
    chain.add(Transforms.scaleByLearningRate());
    Object[] kv = {
      "lr",
      lr,
      "rho",
      rho,
      "eps",
      eps,
      "weight_decay",
      weightDecay,
      "momentum",
      momentum,
      "centered",
      centered
    };
    return new Optimizer(
        Check.spec("rmsprop", Check.join(kv, options.describe())),
        lr,
        chain,
        fused(rho, eps, weightDecay, momentum, centered),
        options);
  }

  /**
   * RMSProp fused into one float32 pass in the order of PyTorch's {@code _single_tensor_rmsprop}
   * (1.13): {@code g ← g + λ·p}; {@code h ← h·ρ + (1 − ρ)·g·g}; centered {@code a ← a·ρ + (1 −
   * ρ)·g}, {@code s ← √(h + (−1)·a·a) + ε}, else {@code s ← √h + ε}; with momentum {@code b ← b·μ +
   * g/s}, {@code p ← p + (−η)·b}, else {@code p ← p + (−η)·g/s}.
   */
  static FloatRule fused(
      double rho, double eps, double weightDecay, double momentum, boolean centered) {
    float rhoF = (float) rho;
    float oneMinusRho = (float) (1 - rho);
    float epsF = (float) eps;
    float wdF = (float) weightDecay;
    List<String> slots = new ArrayList<>(List.of("square_avg"));
    if (centered) {
      slots.add("grad_avg");
    }
    if (momentum > 0) {
      slots.add("momentum_buffer");
    }
    List<String> names = List.copyOf(slots);
    return new FloatRule() {
      @Override
      public List<String> slots() {
        return names;
      }

      @Override
      public void begin(double lr, long t, double mu, float[] c) {
        c[1] = (float) -lr;
        c[2] = (float) (Double.isNaN(mu) ? momentum : mu);
      }

      @Override
      public void update(
          float[] x, float[] g, float[][] s, int from, int to, float[] c, boolean decay) {
        float scale = c[0];
        float negLr = c[1];
        float mu = c[2];
        float wd = decay ? wdF : 0f;
        float[] h = s[0];
        // One loop per variant: a test inside the loop would keep the JIT from vectorizing it.
        if (centered && momentum > 0) {
          float[] a = s[1];
          float[] buf = s[2];
          for (int i = from; i < to; i++) {
            float xi = x[i];
            float gi = g[i] * scale + wd * xi;
            float hi = h[i] * rhoF + oneMinusRho * gi * gi;
            float ai = a[i] * rhoF + oneMinusRho * gi;
            h[i] = hi;
            a[i] = ai;
            float b = buf[i] * mu + gi / ((float) Math.sqrt(hi + -1f * ai * ai) + epsF);
            buf[i] = b;
            x[i] = xi + negLr * b;
          }
        } else if (centered) {
          float[] a = s[1];
          for (int i = from; i < to; i++) {
            float xi = x[i];
            float gi = g[i] * scale + wd * xi;
            float hi = h[i] * rhoF + oneMinusRho * gi * gi;
            float ai = a[i] * rhoF + oneMinusRho * gi;
            h[i] = hi;
            a[i] = ai;
            x[i] = xi + negLr * gi / ((float) Math.sqrt(hi + -1f * ai * ai) + epsF);
          }
        } else if (momentum > 0) {
          float[] buf = s[1];
          for (int i = from; i < to; i++) {
            float xi = x[i];
            float gi = g[i] * scale + wd * xi;
            float hi = h[i] * rhoF + oneMinusRho * gi * gi;
            h[i] = hi;
            float b = buf[i] * mu + gi / ((float) Math.sqrt(hi) + epsF);
            buf[i] = b;
            x[i] = xi + negLr * b;
          }
        } else {
          for (int i = from; i < to; i++) {
            float xi = x[i];
            float gi = g[i] * scale + wd * xi;
            float hi = h[i] * rhoF + oneMinusRho * gi * gi;
            h[i] = hi;
            x[i] = xi + negLr * gi / ((float) Math.sqrt(hi) + epsF);
          }
        }
      }
    };
  }

  /**
   * {@code u ← g / (√h + ε)}, or centered {@code g / (√(h − a²) + ε)}. State {@code square_avg},
   * {@code grad_avg}.
   */
  public static Transform scaleByRms(double rho, double eps, boolean centered) {
    return new Transform() {
      @Override
      public String name() {
        return centered ? "scaleByRms(centered)" : "scaleByRms";
      }

      @Override
      public List<String> slots() {
        return centered ? List.of("square_avg", "grad_avg") : List.of("square_avg");
      }

      @Override
      public void apply(Block b) {
        double[] u = b.u;
        double[] h = b.slot(0);
        double[] a = centered ? b.slot(1) : h;
        for (int i = 0; i < b.len; i++) {
          double g = u[i];
          double hi = h[i] * rho + (1 - rho) * g * g;
          h[i] = hi;
          double s;
          if (centered) {
            double ai = a[i] * rho + (1 - rho) * g;
            a[i] = ai;
            s = Math.sqrt(hi + -1 * ai * ai) + eps;
          } else {
            s = Math.sqrt(hi) + eps;
          }
          u[i] = g / s;
        }
      }
    };
  }

  static List<Param> params() {
    RmsProp d = DEFAULTS;
    List<Param> p = new ArrayList<>();
    p.add(Param.number("lr", d.lr, "[0, inf)", "learning rate η (PyTorch default)"));
    p.add(Param.number("rho", d.rho, "[0, 1)", "decay ρ of the mean square (PyTorch alpha)"));
    p.add(Param.number("eps", d.eps, "(0, inf)", "ε added to the root mean square"));
    p.add(Param.number("weight_decay", d.weightDecay, "[0, inf)", "coupled L2 penalty λ"));
    p.add(Param.number("momentum", d.momentum, "[0, 1)", "momentum μ on g/s"));
    p.add(Param.bool("centered", d.centered, "subtract the squared mean gradient"));
    p.addAll(GradientOptions.params());
    return p;
  }

  static RmsProp from(Args a) {
    return new RmsProp(
        a.number("lr"),
        a.number("rho"),
        a.number("eps"),
        a.number("weight_decay"),
        a.number("momentum"),
        a.bool("centered"),
        GradientOptions.from(a));
  }
}
