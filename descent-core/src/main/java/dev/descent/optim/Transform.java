package dev.descent.optim;

import java.util.List;

/**
 * One small named step of an update rule (optax's {@code GradientTransformation}): it rewrites the
 * update buffer of a {@link Block} in place, reading and writing only its own state slots.
 *
 * <p>A transform holds no mutable fields, so one instance drives any number of runs; its moments
 * live in the {@link OptimizerState}. An {@link Optimizer} is a chain of transforms, for example
 * SGD with momentum is {@code [clipByGlobalNorm?, negate if maximize, addWeightDecay, trace,
 * scaleByLearningRate]} and AdamW is {@code [scaleByAdam, addDecoupledWeightDecay]} (rules whose
 * step size mixes η with step-dependent factors, like Adam's η/(1 − β1ᵗ), apply η themselves in
 * PyTorch's order). Every rule is written once against the double-precision block and so serves
 * float64 problems and, for rules without a fused float32 kernel (or after {@link
 * Optimizer#withDoubleState()}), float32 model parameters.
 */
public interface Transform {

  /** The step's name, e.g. {@code scaleByAdam}; shown in {@link Optimizer#toString()}. */
  String name();

  /**
   * The names of the per-element state arrays this step keeps (PyTorch's state keys where they
   * exist, e.g. {@code exp_avg}); slot {@code k} is {@link Block#slot(int) block.slot(k)}.
   */
  default List<String> slots() {
    return List.of();
  }

  /** The value slot {@code k} starts at (0 unless the rule says otherwise). */
  default double initialValue(int slot) {
    return 0;
  }

  /** The names of per-step scalar state values (shared by all parameters). */
  default List<String> scalars() {
    return List.of();
  }

  /** The value scalar {@code k} starts at. */
  default double initialScalar(int scalar) {
    return 0;
  }

  /** Whether this step needs {@link Block#gradNorm()}, the global norm of the raw gradients. */
  default boolean needsGradNorm() {
    return false;
  }

  /**
   * Whether this step's momentum coefficient (SGD's μ, Adam's β1) follows the optimizer's momentum
   * schedule when one is set ({@link Block#momentum(double)}).
   */
  default boolean usesMomentum() {
    return false;
  }

  /** Whether this step reads {@link Block#p()}, the parameter values (weight decay does). */
  default boolean needsParams() {
    return false;
  }

  /** Called once per optimizer step before any block, to advance scalar state. */
  default void beginStep(Block b) {}

  /** Rewrites {@code b.u()[b.from()..b.to())} in place. */
  void apply(Block b);
}
