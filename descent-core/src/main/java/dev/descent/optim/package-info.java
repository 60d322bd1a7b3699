/**
 * First-order optimizers as chains of small stateless steps ({@link dev.descent.optim.Transform})
 * over a separate {@link dev.descent.optim.OptimizerState}; built by name with {@link
 * dev.descent.optim.Optimizers#create(String)}. The chain updates float64 vectors and any rule; the
 * common rules also have a fused float32 kernel with float32 state for float32 {@link
 * dev.descent.nn.Parameter}s, chosen by {@link dev.descent.optim.Optimizer#init}. {@link
 * dev.descent.optim.Averaging} keeps Polyak or EMA averages of the weights for evaluation.
 */
package dev.descent.optim;
