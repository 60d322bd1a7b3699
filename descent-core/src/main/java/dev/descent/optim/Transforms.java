package dev.descent.optim;

import java.util.List;

/**
 * The generic steps optimizers are chained from: gradient clipping, maximization, weight decay
 * (coupled L2 and decoupled), momentum and the learning rate. The rule-specific steps ({@code
 * scaleByAdam}, {@code scaleByRms}, …) live beside their optimizer's config record.
 *
 * <p>Convention: the buffer holds the amount to subtract, {@code x ← p − u}, so it starts as the
 * gradient and ends as {@code lr·direction}.
 */
public final class Transforms {
  private Transforms() {}

  /** Leaves the update unchanged (the identity of chaining). */
  public static Transform identity() {
    return new Transform() {
      @Override
      public String name() {
        return "identity";
      }

      @Override
      public void apply(Block b) {}
    };
  }

  /**
   * Clips the gradients of all parameters together to global L2 norm at most {@code maxNorm}:
   * {@code g ← g · min(1, maxNorm / (‖g‖ + 1e-6))}, as {@code torch.nn.utils.clip_grad_norm_}.
   */
  public static Transform clipByGlobalNorm(double maxNorm) {
    Check.positive("clip_norm", maxNorm);
    return new Transform() {
      @Override
      public String name() {
        return "clipByGlobalNorm";
      }

      @Override
      public boolean needsGradNorm() {
        return true;
      }

      @Override
      public void apply(Block b) {
        double coef = Math.min(1.0, maxNorm / (b.gradNorm + 1e-6));
        double[] u = b.u;
        for (int i = 0; i < b.len; i++) {
          u[i] *= coef;
        }
      }
    };
  }

  /** Clamps each gradient element to {@code [-maxValue, maxValue]} (clip_grad_value_). */
  public static Transform clipByValue(double maxValue) {
    Check.positive("clip_value", maxValue);
    return new Transform() {
      @Override
      public String name() {
        return "clipByValue";
      }

      @Override
      public void apply(Block b) {
        double[] u = b.u;
        for (int i = 0; i < b.len; i++) {
          u[i] = Math.max(-maxValue, Math.min(maxValue, u[i]));
        }
      }
    };
  }

  /** {@code g ← −g}: ascend instead of descend (PyTorch's {@code maximize=True}). */
  public static Transform negate() {
    return new Transform() {
      @Override
      public String name() {
        return "negate";
      }

      @Override
      public void apply(Block b) {
        double[] u = b.u;
        for (int i = 0; i < b.len; i++) {
          u[i] = -u[i];
        }
      }
    };
  }

  /**
   * Coupled L2 weight decay, {@code g ← g + λ·p}: the gradient of {@code ½λ‖p‖²} added to the
   * loss's gradient, so adaptive rules rescale it (PyTorch's {@code weight_decay} except AdamW).
   * Skipped for parameters with {@code decay == false}.
   */
  public static Transform addWeightDecay(double lambda) {
    Check.nonNegative("weight_decay", lambda);
    return new Transform() {
      @Override
      public String name() {
        return "addWeightDecay";
      }

      @Override
      public boolean needsParams() {
        return true;
      }

      @Override
      public void apply(Block b) {
        if (!b.decay) {
          return;
        }
        double[] u = b.u;
        double[] p = b.p;
        for (int i = 0; i < b.len; i++) {
          u[i] += lambda * p[i];
        }
      }
    };
  }

  /**
   * Decoupled weight decay (Loshchilov &amp; Hutter, AdamW), applied after the learning rate:
   * {@code u ← u + lr·λ·p}, i.e. {@code p ← p·(1 − lr·λ) − u}. Not rescaled by adaptive rules.
   * Skipped for parameters with {@code decay == false}.
   */
  public static Transform addDecoupledWeightDecay(double lambda) {
    Check.nonNegative("weight_decay", lambda);
    return new Transform() {
      @Override
      public String name() {
        return "addDecoupledWeightDecay";
      }

      @Override
      public boolean needsParams() {
        return true;
      }

      @Override
      public void apply(Block b) {
        if (!b.decay) {
          return;
        }
        double s = b.lr * lambda;
        double[] u = b.u;
        double[] p = b.p;
        for (int i = 0; i < b.len; i++) {
          u[i] += s * p[i];
        }
      }
    };
  }

  /**
   * PyTorch's SGD momentum buffer: {@code buf ← g} on the first step, then {@code buf ← μ·buf + (1
   * − dampening)·g}; the update is {@code buf}, or {@code g + μ·buf} with Nesterov. μ follows the
   * optimizer's momentum schedule when it has one.
   */
  public static Transform trace(double momentum, double dampening, boolean nesterov) {
    Check.unitOpen("momentum", momentum);
    Check.unitClosed("dampening", dampening);
    return new Transform() {
      @Override
      public String name() {
        return nesterov ? "trace(nesterov)" : "trace";
      }

      @Override
      public List<String> slots() {
        return List.of("momentum_buffer");
      }

      @Override
      public boolean usesMomentum() {
        return true;
      }

      @Override
      public void apply(Block b) {
        double[] u = b.u;
        double[] buf = b.slot(0);
        double mu = b.momentum(momentum);
        boolean first = b.t == 1;
        for (int i = 0; i < b.len; i++) {
          double g = u[i];
          double v = first ? g : mu * buf[i] + (1 - dampening) * g;
          buf[i] = v;
          u[i] = nesterov ? g + mu * v : v;
        }
      }
    };
  }

  /** {@code u ← lr·u} with the learning rate of this step (from the optimizer's schedule). */
  public static Transform scaleByLearningRate() {
    return new Transform() {
      @Override
      public String name() {
        return "scaleByLearningRate";
      }

      @Override
      public void apply(Block b) {
        double lr = b.lr;
        double[] u = b.u;
        for (int i = 0; i < b.len; i++) {
          u[i] *= lr;
        }
      }
    };
  }
}
