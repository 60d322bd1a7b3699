/**
 * Optimizer paths on 2-D functions (MISSION §8.1): runs an optimizer from a start point and records
 * every iterate with its value and the gradient evaluations spent.
 */
package dev.descent.lab.trajectory;
