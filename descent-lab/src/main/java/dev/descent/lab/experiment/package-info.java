/**
 * The seeds' experiments (MISSION §8), one class each: what runs, with which settings per {@link
 * dev.descent.lab.Budget}, which figures and numbers it writes, and the caption it computes from
 * its own results.
 */
package dev.descent.lab.experiment;
