package dev.descent.optim;

import dev.descent.spec.Args;
import dev.descent.spec.Param;
import java.util.ArrayList;
import java.util.List;

/**
 * Gradient preprocessing every optimizer accepts, applied to the raw gradient before the rule:
 * clipping by global norm, then by value, then negation for {@code maximize}.
 *
 * @param maximize ascend instead of descend (PyTorch {@code maximize}, default false)
 * @param clipValue clamp each gradient element to {@code [-clip_value, clip_value]} ({@code
 *     torch.nn.utils.clip_grad_value_}); default {@code inf} (off)
 * @param clipNorm scale all gradients together to global L2 norm at most {@code clip_norm} ({@code
 *     torch.nn.utils.clip_grad_norm_}, computed on the raw gradients); default {@code inf} (off)
 */
public record GradientOptions(boolean maximize, double clipValue, double clipNorm) {

  /** No clipping, minimize. */
  public static final GradientOptions DEFAULTS =
      new GradientOptions(false, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);

  /** Validates the ranges. */
  public GradientOptions {
    Check.positiveOrInf("clip_value", clipValue);
    Check.positiveOrInf("clip_norm", clipNorm);
  }

  /** The registry parameters: {@code maximize}, {@code clip_value}, {@code clip_norm}. */
  static List<Param> params() {
    return List.of(
        Param.bool("maximize", DEFAULTS.maximize, "ascend instead of descend (PyTorch)"),
        Param.number(
            "clip_value",
            DEFAULTS.clipValue,
            "(0, inf]",
            "clamp each gradient element to [-v, v] (clip_grad_value_)"),
        Param.number(
            "clip_norm",
            DEFAULTS.clipNorm,
            "(0, inf]",
            "clip the global gradient norm (clip_grad_norm_)"));
  }

  static GradientOptions from(Args a) {
    return new GradientOptions(a.bool("maximize"), a.number("clip_value"), a.number("clip_norm"));
  }

  /** The steps to run before the rule. */
  List<Transform> prefix() {
    List<Transform> out = new ArrayList<>();
    if (clipNorm != Double.POSITIVE_INFINITY) {
      out.add(Transforms.clipByGlobalNorm(clipNorm));
    }
    if (clipValue != Double.POSITIVE_INFINITY) {
      out.add(Transforms.clipByValue(clipValue));
    }
    if (maximize) {
      out.add(Transforms.negate());
    }
    return out;
  }

  /** The spec keys that differ from the defaults, to append to a description. */
  Object[] describe() {
    List<Object> kv = new ArrayList<>();
    if (maximize) {
      kv.add("maximize");
      kv.add(true);
    }
    if (clipValue != Double.POSITIVE_INFINITY) {
      kv.add("clip_value");
      kv.add(clipValue);
    }
    if (clipNorm != Double.POSITIVE_INFINITY) {
      kv.add("clip_norm");
      kv.add(clipNorm);
    }
    return kv.toArray();
  }
}
