package dev.descent.train;

import dev.descent.concurrent.Workers;
import dev.descent.data.Dataset;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Context;
import dev.descent.nn.Sequential;
import dev.descent.tensor.Tensor;
import java.util.function.IntConsumer;

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
  // Rows per task when scoring a batch (the model's forward pass copies it in its own row blocks):
  // per-row work, so the block size changes nothing in the results.
  private static final int ROW_BLOCK = 64;
  private final int features;
  private final int classes;
  private final int batchSize;
  private final float[] x;
  private final int[] y;
  private final Tensor xFull;
  private final Context context;
  private final Workers workers;
  private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
  // The batch in progress, for the row-block tasks around the forward pass.
  private final double[] rowLoss;
  private final int[] predicted;
  private final Sequential.RowFill gatherFill = this::gatherRows;
  private final IntConsumer scoreBlock = this::scoreBlock;
  private Dataset batchData;
  private int batchStart;
  private int batchCount;
  private Tensor batchX;
  private int[] batchY;
  private Tensor batchLogits;
  // Whether the scoring tasks copy the batch's labels (no gather task did).
  private boolean batchLabels;

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
    this.workers = workers;
    this.context = Context.evaluation(workers);
    this.rowLoss = new double[batchSize];
    this.predicted = new int[batchSize];
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
    Dataset source = data.forCopying();
    // Float32 rows in order: the model reads each batch's rows where they are, no copy.
    Tensor inPlace = source.featureMatrix();
    int n = data.size();
    int rest = n % batchSize;
    Tensor xRest = rest == 0 || inPlace != null ? null : Tensor.zeros(rest, features);
    int[] yRest = rest == 0 ? null : new int[rest];
    double total = 0;
    long correct = 0;
    for (int start = 0; start < n; start += batchSize) {
      int count = Math.min(batchSize, n - start);
      Tensor xb = count == batchSize ? xFull : xRest;
      int[] yb = count == batchSize ? y : yRest;
      batchData = source;
      batchStart = start;
      batchCount = count;
      batchX = xb;
      batchY = yb;
      batchLabels = inPlace != null;
      int blocks = (count + ROW_BLOCK - 1) / ROW_BLOCK;
      // Otherwise the rows are copied inside the model's first row-block tasks, each on the core
      // using it.
      Tensor logits =
          inPlace != null
              ? model.forward(inPlace, start, count, context)
              : model.forward(xb, context, gatherFill);
      if (logits.cols() != classes) {
        throw new IllegalArgumentException(
            "the model outputs " + logits.cols() + " columns, expected " + classes + " classes");
      }
      batchLogits = logits;
      workers.run(blocks, scoreBlock);
      double sum = 0;
      for (int k = 0; k < count; k++) {
        sum += rowLoss[k];
        if (predicted[k] == yb[k]) {
          correct++;
        }
        if (confusion != null) {
          confusion[yb[k]][predicted[k]]++;
        }
      }
      // The batch's mean loss times its size, as SoftmaxCrossEntropy.compute would give it.
      total += sum * (1.0 / count) * count;
    }
    batchData = null;
    return new Metrics(total / n, (double) correct / n, n);
  }

  /** Copies examples [from, to) of the batch into its buffers. */
  private void gatherRows(int from, int to) {
    float[] xd = batchX.data();
    for (int k = from; k < to; k++) {
      batchData.row(batchStart + k, xd, k * features);
      batchY[k] = batchData.label(batchStart + k);
    }
  }

  /** Loss and predicted class (the first largest logit) of the rows of block {@code block}. */
  private void scoreBlock(int block) {
    int from = block * ROW_BLOCK;
    int to = Math.min(from + ROW_BLOCK, batchCount);
    for (int k = from; batchLabels && k < to; k++) {
      batchY[k] = batchData.label(batchStart + k);
    }
    loss.computeRows(batchLogits, batchY, null, from, to, rowLoss);
    float[] z = batchLogits.data();
    for (int k = from; k < to; k++) {
      int best = 0;
      for (int j = 1; j < classes; j++) {
        if (z[k * classes + j] > z[k * classes + best]) {
          best = j;
        }
      }
      predicted[k] = best;
    }
  }
}
