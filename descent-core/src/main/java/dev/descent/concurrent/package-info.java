/**
 * The thread pool behind the parallel loops of a training step ({@link
 * dev.descent.concurrent.Workers}).
 */
package dev.descent.concurrent;
