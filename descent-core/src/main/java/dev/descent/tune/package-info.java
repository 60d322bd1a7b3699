/**
 * Hyperparameter search (MISSION §6): search spaces over any spec key ({@link
 * dev.descent.tune.SearchSpace}, {@link dev.descent.tune.Distribution}), samplers (random, grid,
 * Sobol, coarse-to-fine), successive halving, parallel deterministic trials ({@link
 * dev.descent.tune.Tuner}) and a crash-safe journal ({@link dev.descent.tune.Journal}).
 */
package dev.descent.tune;
