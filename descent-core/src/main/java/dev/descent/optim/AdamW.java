package dev.descent.optim;

import dev.descent.spec.Args;
import dev.descent.spec.Param;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW (Loshchilov &amp; Hutter 2019), exactly as PyTorch's {@code torch.optim.AdamW}: Adam with
 * decoupled weight decay, which shrinks the weights directly instead of adding λp to the gradient
 * (where Adam's √v̂ would rescale it).
 *
 * <pre>
 * p ← p·(1 − η·λ)
 * m, v, v̄ and the step as in {@link Adam} with λ = 0
 * </pre>
 *
 * @param lr η, default 1e-3 (PyTorch)
 * @param beta1 β1 in [0, 1), default 0.9
 * @param beta2 β2 in [0, 1), default 0.999
 * @param eps ε &gt; 0, default 1e-8
 * @param weightDecay decoupled λ ≥ 0, default 1e-2 (PyTorch)
 * @param amsgrad use the running maximum of v, default false
 * @param options clipping and maximize
 */
public record AdamW(
    double lr,
    double beta1,
    double beta2,
    double eps,
    double weightDecay,
    boolean amsgrad,
    GradientOptions options) {

  /** PyTorch's defaults. */
  public static final AdamW DEFAULTS =
      new AdamW(1e-3, 0.9, 0.999, 1e-8, 1e-2, false, GradientOptions.DEFAULTS);

  /** Validates the ranges. */
  public AdamW {
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
    chain.add(Adam.scaleByAdam(beta1, beta2, eps, amsgrad));
    if (weightDecay != 0) {
      chain.add(Transforms.addDecoupledWeightDecay(weightDecay));
    }
    Object[] kv = {
      "lr", lr, "beta1", beta1, "beta2", beta2, "eps", eps, "weight_decay", weightDecay,
    };
    if (amsgrad) {
      kv = Check.join(kv, "amsgrad", true);
    }
    return new Optimizer(
        Check.spec("adamw", Check.join(kv, options.describe())),
        lr,
        chain,
        Adam.fused(beta1, beta2, eps, weightDecay, amsgrad, true),
        options);
  }

  static List<Param> params() {
    AdamW d = DEFAULTS;
    List<Param> p = new ArrayList<>();
    p.add(Param.number("lr", d.lr, "[0, inf)", "learning rate η (PyTorch default)"));
    p.add(Param.number("beta1", d.beta1, "[0, 1)", "decay β1 of the first moment"));
    p.add(Param.number("beta2", d.beta2, "[0, 1)", "decay β2 of the second moment"));
    p.add(Param.number("eps", d.eps, "(0, inf)", "ε added to √v̂"));
    p.add(Param.number("weight_decay", d.weightDecay, "[0, inf)", "decoupled decay λ: p·(1−ηλ)"));
    p.add(Param.bool("amsgrad", d.amsgrad, "use the running maximum of v (Reddi et al.)"));
    p.addAll(GradientOptions.params());
    return p;
  }

  static AdamW from(Args a) {
    return new AdamW(
        a.number("lr"),
        a.number("beta1"),
        a.number("beta2"),
        a.number("eps"),
        a.number("weight_decay"),
        a.bool("amsgrad"),
        GradientOptions.from(a));
  }
}
