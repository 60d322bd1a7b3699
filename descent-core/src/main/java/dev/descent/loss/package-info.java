/**
 * Losses that return their value and write their gradient into a caller buffer: fused softmax
 * cross-entropy, mean squared error, and the L2 weight-decay term.
 */
package dev.descent.loss;
