package dev.descent.optim;

import dev.descent.spec.Args;
import dev.descent.spec.Param;
import java.util.ArrayList;
import java.util.List;

/**
 * Stochastic gradient descent with optional momentum, dampening and Nesterov momentum, exactly as
 * PyTorch's {@code torch.optim.SGD}.
 *
 * <pre>
 * g ← ∇f(p) + λ·p                                  (coupled weight decay)
 * b ← g  on the first step,  b ← μ·b + (1 − τ)·g  after      (only when μ &gt; 0)
 * d ← g + μ·b  (nesterov)  or  b  (momentum)  or  g  (μ = 0)
 * p ← p − η·d
 * </pre>
 *
 * This is CS231n's form v ← ρv + g, W ← W − αv. The book's form v ← αv − ηg, W ← W + v is {@link
 * BookRules} ({@code momentum_book}); with a constant η both give the same iterates. Nesterov here
 * is Sutskever's rearrangement that needs only g(p), as PyTorch does it.
 *
 * @param lr η, the learning rate (required, as in PyTorch)
 * @param momentum μ in [0, 1); default 0 for {@code sgd}, 0.9 for {@code momentum} and {@code
 *     nesterov} (the seeds)
 * @param dampening τ in [0, 1], default 0 (PyTorch)
 * @param weightDecay λ ≥ 0, coupled L2, default 0 (PyTorch)
 * @param nesterov use Nesterov momentum; needs μ &gt; 0 and τ = 0 (PyTorch)
 * @param options clipping and maximize
 */
public record Sgd(
    double lr,
    double momentum,
    double dampening,
    double weightDecay,
    boolean nesterov,
    GradientOptions options) {

  /** Validates the ranges. */
  public Sgd {
    Check.nonNegative("lr", lr);
    Check.unitOpen("momentum", momentum);
    Check.unitClosed("dampening", dampening);
    Check.nonNegative("weight_decay", weightDecay);
    if (nesterov && (momentum <= 0 || dampening != 0)) {
      throw new IllegalArgumentException(
          "nesterov needs momentum in (0, 1) and dampening 0, got momentum="
              + momentum
              + ", dampening="
              + dampening);
    }
    if (options == null) {
      throw new IllegalArgumentException("options must not be null");
    }
  }

  /** The optimizer this config describes. */
  public Optimizer optimizer() {
    String name = nesterov ? "nesterov" : momentum > 0 ? "momentum" : "sgd";
    Object[] kv = {"lr", lr};
    if (momentum > 0) {
      kv = Check.join(kv, "momentum", momentum);
    }
    if (dampening != 0) {
      kv = Check.join(kv, "dampening", dampening);
    }
    if (weightDecay != 0) {
      kv = Check.join(kv, "weight_decay", weightDecay);
    }
    List<Transform> chain = new ArrayList<>(options.prefix());
    if (weightDecay != 0) {
      chain.add(Transforms.addWeightDecay(weightDecay));
    }
    if (momentum > 0) {
      chain.add(Transforms.trace(momentum, dampening, nesterov));
    }
    chain.add(Transforms.scaleByLearningRate());
    return new Optimizer(
        Check.spec(name, Check.join(kv, options.describe())),
        lr,
        chain,
        fused(momentum, dampening, weightDecay, nesterov),
        options);
  }

  /**
   * SGD fused into one float32 pass in the order of PyTorch's {@code _single_tensor_sgd} (1.13):
   * {@code g ← g + λ·p}; {@code b ← g} on the first update, then {@code b ← b·μ + (1 − τ)·g};
   * {@code d ← g + μ·b} (Nesterov) or {@code b}; {@code p ← p + (−η)·d}.
   */
  static FloatRule fused(double momentum, double dampening, double weightDecay, boolean nesterov) {
    float wdF = (float) weightDecay;
    return new FloatRule() {
      @Override
      public List<String> slots() {
        return momentum > 0 ? List.of("momentum_buffer") : List.of();
      }

      @Override
      public void begin(double lr, long t, double mu, float[] c) {
        float m = (float) (Double.isNaN(mu) ? momentum : mu);
        // The first update copies g into the buffer: b·0 + 1·g (the buffer is still 0 then).
        c[1] = t == 1 ? 0f : m;
        c[2] = t == 1 ? 1f : (float) (1 - dampening);
        c[3] = m;
        c[4] = (float) -lr;
      }

      @Override
      public void update(
          float[] x, float[] g, float[][] s, int from, int to, float[] c, boolean decay) {
        float scale = c[0];
        float negLr = c[4];
        float wd = decay ? wdF : 0f;
        if (momentum == 0) {
          for (int i = from; i < to; i++) {
            float xi = x[i];
            x[i] = xi + negLr * (g[i] * scale + wd * xi);
          }
          return;
        }
        float bufMu = c[1];
        float gain = c[2];
        float mu = c[3];
        float[] buf = s[0];
        for (int i = from; i < to; i++) {
          float xi = x[i];
          float gi = g[i] * scale + wd * xi;
          float b = buf[i] * bufMu + gain * gi;
          buf[i] = b;
          x[i] = xi + negLr * (nesterov ? gi + mu * b : b);
        }
      }
    };
  }

  static List<Param> params(double defaultMomentum, boolean defaultNesterov) {
    List<Param> p = new ArrayList<>();
    p.add(Param.requiredNumber("lr", "[0, inf)", "learning rate η (required, as in PyTorch)"));
    p.add(Param.number("momentum", defaultMomentum, "[0, 1)", "momentum μ"));
    p.add(Param.number("dampening", 0, "[0, 1]", "dampening τ of the gradient in the buffer"));
    p.add(Param.number("weight_decay", 0, "[0, inf)", "coupled L2 penalty λ added to g"));
    p.add(Param.bool("nesterov", defaultNesterov, "Nesterov momentum (PyTorch's form)"));
    p.addAll(GradientOptions.params());
    return p;
  }

  static Sgd from(Args a) {
    return new Sgd(
        a.number("lr"),
        a.number("momentum"),
        a.number("dampening"),
        a.number("weight_decay"),
        a.bool("nesterov"),
        GradientOptions.from(a));
  }
}
