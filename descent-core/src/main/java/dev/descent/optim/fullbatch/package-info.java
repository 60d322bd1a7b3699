/**
 * Full-batch ("deterministic") optimizers that evaluate the objective itself at points they choose
 * (MISSION §3): Newton with Levenberg–Marquardt damping, BFGS, L-BFGS, nonlinear conjugate
 * gradients, gradient descent with a line search and coordinate descent, sharing the line searches
 * {@link dev.descent.optim.fullbatch.Backtracking} (Armijo) and {@link
 * dev.descent.optim.fullbatch.StrongWolfe}, the {@link dev.descent.optim.fullbatch.Stopping} rules
 * and the {@link dev.descent.optim.fullbatch.Result} (path, evaluation count, why it stopped).
 *
 * <p>They live apart from the first-order {@link dev.descent.optim.Optimizer}s because their
 * contract differs: a first-order optimizer turns one gradient into one update and never sees the
 * loss, while these need f(x) and ∇f(x) at trial points (line searches, difference Hessians) and
 * decide themselves when to stop. Built by name with {@link
 * dev.descent.optim.fullbatch.FullBatchMethods#create(String)}, e.g. {@code lbfgs(history=10)}.
 */
package dev.descent.optim.fullbatch;
