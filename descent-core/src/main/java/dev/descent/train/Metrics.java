package dev.descent.train;

/**
 * The loss and accuracy of a model on one data set.
 *
 * @param loss the mean softmax cross-entropy over the examples (no weight-decay penalty)
 * @param accuracy the fraction of examples whose largest logit is at the true class
 * @param count the number of examples
 */
public record Metrics(double loss, double accuracy, int count) {}
