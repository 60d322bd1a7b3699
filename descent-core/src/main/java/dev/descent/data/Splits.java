package dev.descent.data;

import java.util.Arrays;

/**
 * A data set's training, validation and test parts. Hyperparameters are tuned on the validation
 * part, never on the test part (MISSION §6).
 *
 * <p>The usual chain, as in the seeds' experiments:
 *
 * <pre>{@code
 * Splits s = Splits.of(train, test)
 *     .trainLimit(500)                  // x_train[:500]
 *     .withValidation(0.2, seed)        // 20% of those, chosen by a seeded shuffle
 *     .normalized(Normalization.UNIT_RANGE);
 * }</pre>
 *
 * @param train the training examples
 * @param validation examples held out from training, or {@code null} when none were carved
 * @param test the test examples
 */
public record Splits(Dataset train, Dataset validation, Dataset test) {

  /** Checks that the parts agree in features and classes. */
  public Splits {
    if (train == null || test == null) {
      throw new IllegalArgumentException("train and test must not be null");
    }
    check("test", test, train);
    if (validation != null) {
      check("validation", validation, train);
    }
  }

  private static void check(String what, Dataset d, Dataset train) {
    if (d.features() != train.features() || d.classes() != train.classes()) {
      throw new IllegalArgumentException(
          what
              + " data must have the training data's "
              + train.features()
              + " features and "
              + train.classes()
              + " classes, got "
              + d.features()
              + " and "
              + d.classes());
    }
  }

  /** Training and test parts without a validation part. */
  public static Splits of(Dataset train, Dataset test) {
    return new Splits(train, null, test);
  }

  /** Whether a validation part exists. */
  public boolean hasValidation() {
    return validation != null;
  }

  /**
   * Keeps only the first {@code n} training examples ({@code --train-limit}).
   *
   * @throws IllegalArgumentException unless {@code 1 <= n <= train().size()}
   */
  public Splits trainLimit(int n) {
    if (n < 1 || n > train.size()) {
      throw new IllegalArgumentException(
          "train limit must be in [1, " + train.size() + "], got " + n);
    }
    return new Splits(train.head(n), validation, test);
  }

  /**
   * Moves {@code floor(fraction × n)} training examples, picked by a shuffle seeded with {@code
   * seed}, into the validation part (the book's {@code shuffle_dataset} followed by {@code
   * x_train[:validation_num]}). Both parts keep the original relative order.
   *
   * @param fraction the share of training examples to hold out, in (0, 1)
   * @param seed the shuffle's seed
   * @throws IllegalStateException if a validation part exists already
   * @throws IllegalArgumentException if the fraction is out of range or leaves a part empty
   */
  public Splits withValidation(double fraction, long seed) {
    if (validation != null) {
      throw new IllegalStateException("a validation part exists already");
    }
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + fraction);
    }
    int n = train.size();
    int k = (int) Math.floor(fraction * n);
    if (k < 1 || k >= n) {
      throw new IllegalArgumentException(
          "validation fraction "
              + fraction
              + " of "
              + n
              + " training examples leaves "
              + k
              + " for validation and "
              + (n - k)
              + " for training; both need at least 1");
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    new Rng(Rng.derive(seed, 0x7661_6c69_6461_7465L, 0)).shuffle(order, n);
    int[] held = Arrays.copyOfRange(order, 0, k);
    int[] kept = Arrays.copyOfRange(order, k, n);
    Arrays.sort(held);
    Arrays.sort(kept);
    return new Splits(train.subset(kept), train.subset(held), test);
  }

  /**
   * All parts rescaled with statistics of the training part (see {@link Normalization}).
   *
   * @param mode how to rescale
   */
  public Splits normalized(Normalization mode) {
    int cols = train.features();
    float[] a = new float[cols]; // centres
    float[] b = new float[cols]; // divisors
    switch (mode) {
      case NONE:
        return this;
      case UNIT_RANGE:
        if (train.storedAsBytes()) {
          Arrays.fill(b, 255f);
        } else {
          unitRange(a, b);
        }
        break;
      case STANDARDIZE:
        standardize(a, b);
        break;
      default:
        throw new IllegalArgumentException("unknown normalization " + mode);
    }
    return new Splits(
        train.rescaled(a, b),
        validation == null ? null : validation.rescaled(a, b),
        test.rescaled(a, b));
  }

  private void unitRange(float[] a, float[] b) {
    int cols = train.features();
    float[] row = new float[cols];
    double[] min = new double[cols];
    double[] max = new double[cols];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < train.size(); i++) {
      train.row(i, row, 0);
      for (int j = 0; j < cols; j++) {
        min[j] = Math.min(min[j], row[j]);
        max[j] = Math.max(max[j], row[j]);
      }
    }
    for (int j = 0; j < cols; j++) {
      double range = max[j] - min[j];
      a[j] = (float) min[j];
      b[j] = range > 0 ? (float) range : 1f;
    }
  }

  private void standardize(float[] a, float[] b) {
    int cols = train.features();
    int n = train.size();
    float[] row = new float[cols];
    double[] mean = new double[cols];
    double[] m2 = new double[cols];
    // Welford's update: one pass, no catastrophic cancellation for large offsets.
    for (int i = 0; i < n; i++) {
      train.row(i, row, 0);
      for (int j = 0; j < cols; j++) {
        double d = row[j] - mean[j];
        mean[j] += d / (i + 1);
        m2[j] += d * (row[j] - mean[j]);
      }
    }
    for (int j = 0; j < cols; j++) {
      double sd = Math.sqrt(m2[j] / n);
      a[j] = (float) mean[j];
      b[j] = sd > 0 ? (float) sd : 1f;
    }
  }
}
