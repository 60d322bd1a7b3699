package dev.descent.optim;

import java.util.List;

/**
 * A whole update rule fused into one pass over float32 values, with float32 state and PyTorch's
 * float32 arithmetic: the per-step factors (learning rate, bias corrections) are computed once in
 * double, as PyTorch computes them in Python, and rounded to float where PyTorch hands them to a
 * float32 kernel; every per-element operation is then a float operation in PyTorch's order. An
 * {@link Optimizer} that has one uses it for {@code List<Parameter>} states and keeps its {@link
 * Transform} chain for float64 vectors.
 *
 * <p>Implementations hold no mutable fields (one rule serves many runs); the per-step factors live
 * in the state's coefficient array {@code c}. {@code c[0]} belongs to the engine: the factor the
 * raw gradient is multiplied by first (clipping by global norm, negated for {@code maximize}, as
 * PyTorch clips and then negates); a rule uses {@code c[1..]}. Clipping by value is not offered: a
 * clamp in the loop, next to a rule's own min or max, made JDK 17 compile the loop without
 * unrolling or vectorizing it (5× slower), so {@code clip_value} keeps an optimizer on its chain.
 */
interface FloatRule {
  /** The number of per-step coefficients, the engine's included. */
  int COEFFICIENTS = 6;

  /** The state slots, with the same names as the rule's transform chain (checkpoints use them). */
  List<String> slots();

  /** The value slot {@code k} starts at. */
  default float initialValue(int slot) {
    return 0;
  }

  /**
   * Fills {@code c[1..]} for update {@code t} (1-based).
   *
   * @param lr the learning rate of this update
   * @param momentum the momentum schedule's value for this update, or NaN for the configured one
   */
  void begin(double lr, long t, double momentum, float[] c);

  /**
   * Updates {@code x[from, to)} in place from {@code g[from, to)} and the slots' same elements.
   *
   * @param decay whether weight decay applies to this parameter ({@code Parameter.decay()})
   */
  void update(float[] x, float[] g, float[][] slots, int from, int to, float[] c, boolean decay);
}
