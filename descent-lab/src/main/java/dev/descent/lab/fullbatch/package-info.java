/**
 * Second-order vs first-order methods on a full-batch problem (MISSION §8, experiment 9): a seeded
 * L2-regularised logistic regression as an {@link dev.descent.function.Objective}, and the
 * comparison of loss against function+gradient evaluations.
 */
package dev.descent.lab.fullbatch;
