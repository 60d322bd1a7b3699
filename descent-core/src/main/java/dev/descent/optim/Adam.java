package dev.descent.optim;

import dev.descent.spec.Args;
import dev.descent.spec.Param;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba 2015) and its AMSGrad variant (Reddi et al. 2018), exactly as PyTorch's
 * {@code torch.optim.Adam}: ε outside the square root, bias corrections applied to the moments.
 *
 * <pre>
 * g ← ∇f(p) + λ·p                                    (coupled weight decay)
 * m ← β1·m + (1 − β1)·g
 * v ← β2·v + (1 − β2)·g²
 * v̄ ← max(v̄, v) (amsgrad)  or  v
 * p ← p − η · (m / (1 − β1ᵗ)) / (√v̄ / √(1 − β2ᵗ) + ε)
 * </pre>
 *
 * The seeds' code folds ε into √v without bias correction on v (see {@link BookRules} ({@code
 * adam_book})); seed 002's final snippet computes the unbiased moments and then uses the biased
 * ones, a mistake not reproduced here. For decoupled weight decay use {@link AdamW}.
 *
 * @param lr η, default 1e-3 (PyTorch)
 * @param beta1 β1 in [0, 1), default 0.9 (paper)
 * @param beta2 β2 in [0, 1), default 0.999 (paper)
 * @param eps ε &gt; 0, default 1e-8 (paper)
 * @param weightDecay λ ≥ 0, coupled L2, default 0 (PyTorch)
 * @param amsgrad use the running maximum of v, default false (PyTorch)
 * @param options clipping and maximize
 */
public record Adam(
    double lr,
    double beta1,
    double beta2,
    double eps,
    double weightDecay,
    boolean amsgrad,
    GradientOptions options) {

  /** PyTorch's defaults. */
  public static final Adam DEFAULTS =
      new Adam(1e-3, 0.9, 0.999, 1e-8, 0, false, GradientOptions.DEFAULTS);

  /** Validates the ranges. */
  public Adam {
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
    chain.add(scaleByAdam(beta1, beta2, eps, amsgrad));
    Object[] kv = {
      "lr", lr, "beta1", beta1, "beta2", beta2, "eps", eps, "weight_decay", weightDecay,
    };
    if (amsgrad) {
      kv = Check.join(kv, "amsgrad", true);
    }
    return new Optimizer(
        Check.spec("adam", Check.join(kv, options.describe())),
        lr,
        chain,
        fused(beta1, beta2, eps, weightDecay, amsgrad, false),
        options);
  }

  /**
   * Adam fused into one float32 pass in the order of PyTorch's {@code _single_tensor_adam} and
   * {@code _single_tensor_adamw} (1.13): with {@code decoupled}, {@code p ← p·(1 − η·λ)} first;
   * otherwise {@code g ← g + λ·p}. Then {@code m ← m·β1 + (1 − β1)·g}, {@code v ← v·β2 + (1 −
   * β2)·g·g}, {@code p ← p + (−η/(1 − β1ᵗ))·m / (√v̄ / √(1 − β2ᵗ) + ε)}.
   */
  static FloatRule fused(
      double beta1,
      double beta2,
      double eps,
      double weightDecay,
      boolean amsgrad,
      boolean decoupled) {
    float b2 = (float) beta2;
    float oneMinusB2 = (float) (1 - beta2);
    float epsF = (float) eps;
    float coupled = decoupled ? 0f : (float) weightDecay;
    return new FloatRule() {
      @Override
      public List<String> slots() {
        return amsgrad
            ? List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq")
            : List.of("exp_avg", "exp_avg_sq");
      }

      @Override
      public void begin(double lr, long t, double momentum, float[] c) {
        double b1 = Double.isNaN(momentum) ? beta1 : momentum;
        c[1] = (float) b1;
        c[2] = (float) (1 - b1);
        c[3] = (float) Math.sqrt(1 - Math.pow(beta2, t));
        c[4] = (float) -(lr / (1 - Math.pow(b1, t)));
        c[5] = decoupled ? (float) (1 - lr * weightDecay) : 1f;
      }

      @Override
      public void update(
          float[] x, float[] g, float[][] s, int from, int to, float[] c, boolean decay) {
        float scale = c[0];
        float b1 = c[1];
        float oneMinusB1 = c[2];
        float bc2Sqrt = c[3];
        float negStep = c[4];
        float keep = decay ? c[5] : 1f;
        float wd = decay ? coupled : 0f;
        float[] m = s[0];
        float[] v = s[1];
        if (amsgrad) {
          float[] vmax = s[2];
          for (int i = from; i < to; i++) {
            float xi = x[i] * keep;
            float gi = g[i] * scale + wd * xi;
            float mi = m[i] * b1 + oneMinusB1 * gi;
            float vi = v[i] * b2 + oneMinusB2 * gi * gi;
            float vmaxi = Math.max(vmax[i], vi);
            m[i] = mi;
            v[i] = vi;
            vmax[i] = vmaxi;
            x[i] = xi + negStep * mi / ((float) Math.sqrt(vmaxi) / bc2Sqrt + epsF);
          }
          return;
        }
        for (int i = from; i < to; i++) {
          float xi = x[i] * keep;
          float gi = g[i] * scale + wd * xi;
          float mi = m[i] * b1 + oneMinusB1 * gi;
          float vi = v[i] * b2 + oneMinusB2 * gi * gi;
          m[i] = mi;
          v[i] = vi;
          x[i] = xi + negStep * mi / ((float) Math.sqrt(vi) / bc2Sqrt + epsF);
        }
      }
    };
  }

  /**
   * The Adam direction without the learning rate: {@code u ← m̂ / (√v̂ + ε)} with PyTorch's order
   * of operations. State {@code exp_avg}, {@code exp_avg_sq} and, with amsgrad, {@code
   * max_exp_avg_sq}.
   */
  public static Transform scaleByAdam(double beta1, double beta2, double eps, boolean amsgrad) {
    Check.unitOpen("beta1", beta1);
    Check.unitOpen("beta2", beta2);
    Check.positive("eps", eps);
    return new Transform() {
      @Override
      public String name() {
        return amsgrad ? "scaleByAdam(amsgrad)" : "scaleByAdam";
      }

      @Override
      public List<String> slots() {
        return amsgrad
            ? List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq")
            : List.of("exp_avg", "exp_avg_sq");
      }

      @Override
      public boolean usesMomentum() {
        return true;
      }

      @Override
      public void apply(Block b) {
        double b1 = b.momentum(beta1);
        double stepSize = b.lr / (1 - Math.pow(b1, b.t));
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, b.t));
        double[] u = b.u;
        double[] m = b.slot(0);
        double[] v = b.slot(1);
        if (amsgrad) {
          double[] vmax = b.slot(2);
          for (int i = 0; i < b.len; i++) {
            double g = u[i];
            double mi = m[i] * b1 + (1 - b1) * g;
            double vi = v[i] * beta2 + (1 - beta2) * g * g;
            double vmaxi = Math.max(vmax[i], vi);
            m[i] = mi;
            v[i] = vi;
            vmax[i] = vmaxi;
            u[i] = stepSize * (mi / (Math.sqrt(vmaxi) / bc2Sqrt + eps));
          }
          return;
        }
        // One division per element instead of PyTorch's two (√v̂ = √v · (1/√(1 − β2ᵗ))): double
        // division and square root dominate this loop's cost; the result differs from PyTorch's
        // order of operations by a few ulps of double, far below float32 resolution.
        double invBc2Sqrt = 1 / bc2Sqrt;
        int len = b.len;
        for (int i = 0; i < len; i++) {
          double g = u[i];
          double mi = m[i] * b1 + (1 - b1) * g;
          double vi = v[i] * beta2 + (1 - beta2) * g * g;
          m[i] = mi;
          v[i] = vi;
          u[i] = stepSize * mi / (Math.sqrt(vi) * invBc2Sqrt + eps);
        }
      }
    };
  }

  static List<Param> params(Adam d) {
    List<Param> p = new ArrayList<>();
    p.add(Param.number("lr", d.lr, "[0, inf)", "learning rate η (PyTorch default)"));
    p.add(Param.number("beta1", d.beta1, "[0, 1)", "decay β1 of the first moment"));
    p.add(Param.number("beta2", d.beta2, "[0, 1)", "decay β2 of the second moment"));
    p.add(Param.number("eps", d.eps, "(0, inf)", "ε added to √v̂"));
    p.add(Param.number("weight_decay", d.weightDecay, "[0, inf)", "coupled L2 penalty λ"));
    p.add(Param.bool("amsgrad", d.amsgrad, "use the running maximum of v (Reddi et al.)"));
    p.addAll(GradientOptions.params());
    return p;
  }

  static Adam from(Args a, boolean amsgrad) {
    return new Adam(
        a.number("lr"),
        a.number("beta1"),
        a.number("beta2"),
        a.number("eps"),
        a.number("weight_decay"),
        amsgrad || a.bool("amsgrad"),
        GradientOptions.from(a));
  }
}
