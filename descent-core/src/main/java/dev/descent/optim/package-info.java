/**
 * First-order optimizers as chains of small stateless steps ({@link dev.descent.optim.Transform})
 * over a separate {@link dev.descent.optim.OptimizerState}; built by name with {@link
 * dev.descent.optim.Optimizers#create(String)}. One definition of each rule updates both float32
 * {@link dev.descent.nn.Parameter}s and float64 vectors. {@link dev.descent.optim.Averaging} keeps
 * Polyak or EMA averages of the weights for evaluation.
 */
package dev.descent.optim;
