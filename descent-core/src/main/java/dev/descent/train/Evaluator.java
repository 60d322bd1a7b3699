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
 * dropout), batch by batch through buffers it owns, so evaluating allocates nothing per batch: loss
 * and accuracy ({@link #evaluate}) or the predicted classes ({@link #predict}). The forward passes
 * split each batch over the given {@link Workers} ({@link Workers#shared()} unless told otherwise);
 * the results are the same for every thread count. A model starting with a Linear layer reads the
 * rows of a float32 data set stored in row order (also a byte data set's {@link
 * Dataset#forCopying() decoded copy}) where they are ({@link Dataset#featureMatrix()}); other rows
 * are copied into the batch buffer first.
 *
 * <pre>{@code
 * Evaluator ev = new Evaluator(784, 10, 1000);
 * Metrics m = ev.evaluate(model, test, null);
 * int[] classes = new int[test.size()];
 * ev.predict(model, test, classes);
 * }</pre>
 */
public final class Evaluator {
  /**
   * A batch size for evaluations: enough rows ({@value}, 16 blocks of 64) to keep 16 threads busy
   * in every forward pass; the trainer evaluates at batches of at least this many rows.
   */
  public static final int DEFAULT_BATCH = 1024;

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
  // predict's output, or null while evaluating.
  private int[] predictions;
  // evaluate's running sums and confusion matrix (null when not asked for).
  private final Runnable accumulate = this::accumulateBatch;
  private double lossTotal;
  private long correctTotal;
  private long[][] confusionOut;

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
    checkFeatures(data);
    if (data.classes() > classes) {
      throw new IllegalArgumentException(
          data.name() + " has " + data.classes() + " classes but the model outputs " + classes);
    }
    if (confusion != null && (confusion.length != classes || confusion[0].length != classes)) {
      throw new IllegalArgumentException(
          "confusion must be " + classes + " x " + classes + ", got " + confusion.length + " rows");
    }
    lossTotal = 0;
    correctTotal = 0;
    confusionOut = confusion;
    try {
      forEachBatch(model, data, accumulate);
    } finally {
      confusionOut = null;
    }
    int n = data.size();
    return new Metrics(lossTotal / n, (double) correctTotal / n, n);
  }

  /**
   * The class the model predicts for each example of {@code data}, its first largest logit, into
   * {@code out[0, data.size())}: {@link #evaluate}'s forward passes (in evaluation mode, split over
   * the workers, the same for every thread count) without the loss. The labels are not read.
   *
   * @throws IllegalArgumentException if the data set's features do not fit the model, the model
   *     outputs another number of classes, or {@code out} is null or shorter than the data set
   */
  public void predict(Sequential model, Dataset data, int[] out) {
    checkFeatures(data);
    if (out == null || out.length < data.size()) {
      throw new IllegalArgumentException(
          "out must hold "
              + data.size()
              + " predictions, got "
              + (out == null ? "null" : out.length));
    }
    predictions = out;
    try {
      forEachBatch(model, data, null);
    } finally {
      predictions = null;
    }
  }

  /**
   * Runs the model over {@code data} batch by batch ({@link #forwardBatch}), calling {@code
   * afterBatch} (when not null) after each batch is scored.
   */
  private void forEachBatch(Sequential model, Dataset data, Runnable afterBatch) {
    Dataset source = data.forCopying();
    // Float32 rows in order: the model reads each batch's rows where they are, no copy.
    Tensor inPlace = source.featureMatrix();
    int n = data.size();
    int rest = n % batchSize;
    Tensor xRest = rest == 0 || inPlace != null ? null : Tensor.zeros(rest, features);
    int[] yRest = rest == 0 ? null : new int[rest];
    try {
      for (int start = 0; start < n; start += batchSize) {
        forwardBatch(model, source, inPlace, start, Math.min(batchSize, n - start), xRest, yRest);
        if (afterBatch != null) {
          afterBatch.run();
        }
      }
    } finally {
      batchData = null;
    }
  }

  /** Adds the scored batch to {@link #evaluate}'s loss, accuracy and confusion counts. */
  private void accumulateBatch() {
    int count = batchCount;
    int[] yb = batchY;
    double sum = 0;
    for (int k = 0; k < count; k++) {
      sum += rowLoss[k];
      if (predicted[k] == yb[k]) {
        correctTotal++;
      }
      if (confusionOut != null) {
        confusionOut[yb[k]][predicted[k]]++;
      }
    }
    // The batch's mean loss times its size, as SoftmaxCrossEntropy.compute would give it.
    lossTotal += sum * (1.0 / count) * count;
  }

  private void checkFeatures(Dataset data) {
    if (data.features() != features) {
      throw new IllegalArgumentException(
          data.name() + " has " + data.features() + " features but the model takes " + features);
    }
  }

  /**
   * The forward pass of examples [start, start + count) of {@code source}, read in place from
   * {@code inPlace} when it is not null, else copied into the batch buffers; then the scoring of
   * its rows ({@link #scoreBlock}).
   */
  private void forwardBatch(
      Sequential model,
      Dataset source,
      Tensor inPlace,
      int start,
      int count,
      Tensor xRest,
      int[] yRest) {
    batchData = source;
    batchStart = start;
    batchCount = count;
    batchX = count == batchSize ? xFull : xRest;
    batchY = count == batchSize ? y : yRest;
    batchLabels = inPlace != null;
    // Otherwise the rows are copied inside the model's first row-block tasks, each on the core
    // using it.
    Tensor logits =
        inPlace != null
            ? model.forward(inPlace, start, count, context)
            : model.forward(batchX, context, gatherFill);
    if (logits.cols() != classes) {
      throw new IllegalArgumentException(
          "the model outputs " + logits.cols() + " columns, expected " + classes + " classes");
    }
    batchLogits = logits;
    workers.run((count + ROW_BLOCK - 1) / ROW_BLOCK, scoreBlock);
  }

  /** Copies examples [from, to) of the batch into its buffers. */
  private void gatherRows(int from, int to) {
    float[] xd = batchX.data();
    for (int k = from; k < to; k++) {
      batchData.row(batchStart + k, xd, k * features);
      batchY[k] = batchData.label(batchStart + k);
    }
  }

  /**
   * Predicted class (the first largest logit) and, unless predicting, loss of the rows of block
   * {@code block}.
   */
  private void scoreBlock(int block) {
    int from = block * ROW_BLOCK;
    int to = Math.min(from + ROW_BLOCK, batchCount);
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
    if (predictions != null) {
      System.arraycopy(predicted, from, predictions, batchStart + from, to - from);
      return;
    }
    for (int k = from; batchLabels && k < to; k++) {
      batchY[k] = batchData.label(batchStart + k);
    }
    loss.computeRows(batchLogits, batchY, null, from, to, rowLoss);
  }
}
