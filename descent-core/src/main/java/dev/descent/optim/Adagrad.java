package dev.descent.optim;

import dev.descent.spec.Args;
import dev.descent.spec.Param;
import java.util.ArrayList;
import java.util.List;

/**
 * AdaGrad (Duchi, Hazan &amp; Singer 2011), exactly as PyTorch's {@code torch.optim.Adagrad}: each
 * coordinate's rate shrinks with the sum of its squared gradients, so the rate decays toward zero.
 *
 * <pre>
 * g ← ∇f(p) + λ·p                         (coupled weight decay)
 * η_t ← η / (1 + (t − 1)·lr_decay)
 * h ← h + g²                              (h starts at initial_accumulator)
 * p ← p − η_t · g / (√h + ε)
 * </pre>
 *
 * The seeds use ε = 1e-7; PyTorch's default 1e-10 is used here.
 *
 * @param lr η, default 1e-2 (PyTorch)
 * @param lrDecay per-step decay of η, default 0 (PyTorch)
 * @param weightDecay λ ≥ 0, coupled L2, default 0 (PyTorch)
 * @param initialAccumulator the starting value of h, default 0 (PyTorch)
 * @param eps ε &gt; 0, default 1e-10 (PyTorch)
 * @param options clipping and maximize
 */
public record Adagrad(
    double lr,
    double lrDecay,
    double weightDecay,
    double initialAccumulator,
    double eps,
    GradientOptions options) {

  /** PyTorch's defaults. */
  public static final Adagrad DEFAULTS =
      new Adagrad(1e-2, 0, 0, 0, 1e-10, GradientOptions.DEFAULTS);

  /** Validates the ranges. */
  public Adagrad {
    Check.nonNegative("lr", lr);
    Check.nonNegative("lr_decay", lrDecay);
    Check.nonNegative("weight_decay", weightDecay);
    Check.nonNegative("initial_accumulator", initialAccumulator);
    Check.positive("eps", eps);
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
    chain.add(scaleByAdagrad(lrDecay, initialAccumulator, eps));
    Object[] kv = {
      "lr",
      lr,
      "lr_decay",
      lrDecay,
      "weight_decay",
      weightDecay,
      "initial_accumulator",
      initialAccumulator,
      "eps",
      eps
    };
    return new Optimizer(
        Check.spec("adagrad", Check.join(kv, options.describe())),
        lr,
        chain,
        fused(lrDecay, weightDecay, initialAccumulator, eps),
        options);
  }

  /**
   * AdaGrad fused into one float32 pass in the order of PyTorch's {@code _single_tensor_adagrad}
   * (1.13): {@code g ← g + λ·p}, {@code h ← h + g·g}, {@code p ← p + (−η_t)·g / (√h + ε)}.
   */
  static FloatRule fused(
      double lrDecay, double weightDecay, double initialAccumulator, double eps) {
    float epsF = (float) eps;
    float wdF = (float) weightDecay;
    float start = (float) initialAccumulator;
    return new FloatRule() {
      @Override
      public List<String> slots() {
        return List.of("sum");
      }

      @Override
      public float initialValue(int slot) {
        return start;
      }

      @Override
      public void begin(double lr, long t, double momentum, float[] c) {
        c[1] = (float) -(lr / (1 + (t - 1) * lrDecay));
      }

      @Override
      public void update(
          float[] x, float[] g, float[][] s, int from, int to, float[] c, boolean decay) {
        float scale = c[0];
        float negLr = c[1];
        float wd = decay ? wdF : 0f;
        float[] h = s[0];
        for (int i = from; i < to; i++) {
          float xi = x[i];
          float gi = g[i] * scale + wd * xi;
          float hi = h[i] + gi * gi;
          h[i] = hi;
          x[i] = xi + negLr * gi / ((float) Math.sqrt(hi) + epsF);
        }
      }
    };
  }

  /**
   * {@code u ← η_t·g / (√h + ε)} including the decayed learning rate (PyTorch computes it in this
   * order). State {@code sum}.
   */
  public static Transform scaleByAdagrad(double lrDecay, double initialAccumulator, double eps) {
    return new Transform() {
      @Override
      public String name() {
        return "scaleByAdagrad";
      }

      @Override
      public List<String> slots() {
        return List.of("sum");
      }

      @Override
      public double initialValue(int slot) {
        return initialAccumulator;
      }

      @Override
      public void apply(Block b) {
        double clr = b.lr / (1 + (b.t - 1) * lrDecay);
        double[] u = b.u;
        double[] h = b.slot(0);
        for (int i = 0; i < b.len; i++) {
          double g = u[i];
          double hi = h[i] + g * g;
          h[i] = hi;
          u[i] = clr * (g / (Math.sqrt(hi) + eps));
        }
      }
    };
  }

  static List<Param> params() {
    Adagrad d = DEFAULTS;
    List<Param> p = new ArrayList<>();
    p.add(Param.number("lr", d.lr, "[0, inf)", "learning rate η (PyTorch default)"));
    p.add(Param.number("lr_decay", d.lrDecay, "[0, inf)", "η_t = η / (1 + (t-1)·lr_decay)"));
    p.add(Param.number("weight_decay", d.weightDecay, "[0, inf)", "coupled L2 penalty λ"));
    p.add(
        Param.number(
            "initial_accumulator", d.initialAccumulator, "[0, inf)", "starting sum of g²"));
    p.add(Param.number("eps", d.eps, "(0, inf)", "ε added to √h (PyTorch default)"));
    p.addAll(GradientOptions.params());
    return p;
  }

  static Adagrad from(Args a) {
    return new Adagrad(
        a.number("lr"),
        a.number("lr_decay"),
        a.number("weight_decay"),
        a.number("initial_accumulator"),
        a.number("eps"),
        GradientOptions.from(a));
  }
}
