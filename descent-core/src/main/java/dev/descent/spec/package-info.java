/**
 * Spec strings ({@code adam(lr=0.3,beta1=0.9)}) and the by-name registries that build optimizers,
 * schedules, initializers and functions from them.
 */
package dev.descent.spec;
