package dev.descent.train;

import dev.descent.concurrent.Workers;
import dev.descent.data.Dataset;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Context;
import dev.descent.nn.Sequential;
import dev.descent.tensor.Tensor;

/**
 * Evaluates a classifier on a data set in evaluation mode (running batch-norm statistics, no
 * dropout), batch by batch through buffers it owns, so evaluating allocates nothing per batch. The
 * forward passes split each batch over the given {@link Workers} ({@link Workers#shared()} unless
 * told otherwise); the results are the same for every thread count.
 *
 * <pre>{@code
 * Evaluator ev = new Evaluator(784, 10, 128);
 * Metrics m = ev.evaluate(model, test, null);
 * }</pre>
 */
public final class Evaluator {
  private final int features;
  private final int classes;
  private final int batchSize;
  private final float[] x;
  private final int[] y;
  private final Tensor xFull;
  private final Context context;
  private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();

  /**
   * @param features input columns, positive
   * @param classes output classes, positive
   * @param batchSize examples per forward pass, positive
   */
  public Evaluator(int features, int classes, int batchSize) {
    this(features, classes, batchSize, Workers.shared());
  }

  /**
   * As {@link #Evaluator(int, int, int)}, running the forward passes on {@code workers}.
   *
   * @throws IllegalArgumentException when a size is not positive or {@code workers} is null
   */
  public Evaluator(int features, int classes, int batchSize, Workers workers) {
    if (workers == null) {
      throw new IllegalArgumentException("workers must not be null");
    }
    if (features <= 0 || classes <= 0 || batchSize <= 0) {
      throw new IllegalArgumentException(
          "features, classes and batchSize must be positive, got "
              + features
              + ", "
              + classes
              + ", "
              + batchSize);
    }
    this.features = features;
    this.classes = classes;
    this.batchSize = batchSize;
    this.x = new float[batchSize * features];
    this.y = new int[batchSize];
    this.xFull = Tensor.wrap(x, batchSize, features);
    this.context = Context.evaluation(workers);
  }

  /**
   * The model's loss and accuracy on {@code data}.
   *
   * @param confusion if not null, a {@code classes × classes} matrix to which counts are added:
   *     {@code confusion[true][predicted]}
   * @throws IllegalArgumentException if the data set's features or classes do not fit the model
   */
  public Metrics evaluate(Sequential model, Dataset data, long[][] confusion) {
    if (data.features() != features) {
      throw new IllegalArgumentException(
          data.name() + " has " + data.features() + " features but the model takes " + features);
    }
    if (data.classes() > classes) {
      throw new IllegalArgumentException(
          data.name() + " has " + data.classes() + " classes but the model outputs " + classes);
    }
    if (confusion != null && (confusion.length != classes || confusion[0].length != classes)) {
      throw new IllegalArgumentException(
          "confusion must be " + classes + " x " + classes + ", got " + confusion.length + " rows");
    }
    int n = data.size();
    int rest = n % batchSize;
    Tensor xRest = rest == 0 ? null : Tensor.zeros(rest, features);
    int[] yRest = rest == 0 ? null : new int[rest];
    double total = 0;
    long correct = 0;
    for (int start = 0; start < n; start += batchSize) {
      int count = Math.min(batchSize, n - start);
      Tensor xb = count == batchSize ? xFull : xRest;
      int[] yb = count == batchSize ? y : yRest;
      for (int k = 0; k < count; k++) {
        data.row(start + k, xb.data(), k * features);
        yb[k] = data.label(start + k);
      }
      Tensor logits = model.forward(xb, context);
      if (logits.cols() != classes) {
        throw new IllegalArgumentException(
            "the model outputs " + logits.cols() + " columns, expected " + classes + " classes");
      }
      total += loss.compute(logits, yb, null) * count;
      float[] z = logits.data();
      for (int k = 0; k < count; k++) {
        int best = 0;
        for (int j = 1; j < classes; j++) {
          if (z[k * classes + j] > z[k * classes + best]) {
            best = j;
          }
        }
        if (best == yb[k]) {
          correct++;
        }
        if (confusion != null) {
          confusion[yb[k]][best]++;
        }
      }
    }
    return new Metrics(total / n, (double) correct / n, n);
  }
}
