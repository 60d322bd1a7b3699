package dev.descent.loss;

import dev.descent.tensor.Tensor;
import java.util.Arrays;

/**
 * Softmax followed by cross-entropy with integer class labels, fused and numerically stable
 * (PyTorch's {@code nn.CrossEntropyLoss} with {@code reduction='mean'}; the book's {@code
 * SoftmaxWithLoss}).
 *
 * <p>For logits z (N x C) and labels t_i in [0, C): {@code L = (1/N) sum_i (logsumexp(z_i) -
 * z_{i,t_i})} with {@code logsumexp(z) = m + log sum_j exp(z_j - m)}, m = max_j z_j, so no
 * exponential overflows and no {@code log(0)} occurs (the book adds 1e-7 inside the log instead).
 * Reduction: the <b>mean over the batch</b>. Gradient: {@code dL/dz_ij = (softmax(z_i)_j - [j =
 * t_i]) / N}.
 *
 * <p>Stateless (but for a small per-thread scratch row); the differences {@code z_j - m}, their
 * exponentials (one per logit) and every sum are in double precision, so each gradient value is
 * within one float32 rounding of the formula, including the label's entry when the softmax there is
 * within 1e-13 of 1.
 */
public final class SoftmaxCrossEntropy {
  // Per-thread scratch for one row's exponentials: rows run on several threads at once, and a
  // training step must not allocate.
  private static final ThreadLocal<double[]> EXPS = ThreadLocal.withInitial(() -> new double[16]);

  /**
   * The mean loss over the batch, writing dL/dlogits into {@code gradLogits} when it is not null.
   *
   * @param logits N x C scores
   * @param labels N class indices, each in [0, C)
   * @param gradLogits N x C output for the gradient, or null to compute only the loss; must not
   *     share its array with {@code logits}
   * @return the mean cross-entropy
   * @throws IllegalArgumentException on a null argument, a label count other than N, a label out of
   *     range or a gradient buffer of the wrong shape
   */
  public double compute(Tensor logits, int[] labels, Tensor gradLogits) {
    check(logits, labels, gradLogits);
    int n = logits.rows();
    double[] e = gradLogits == null ? null : exps(logits.cols());
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += row(logits, labels, gradLogits, i, e);
    }
    return total * (1.0 / n);
  }

  /**
   * Rows [from, to) of {@link #compute}: writes row i's loss {@code logsumexp(z_i) - z_{i,t_i}}
   * (not divided by N) to {@code rowLoss[i]} and, when {@code gradLogits} is not null, row i of the
   * gradient (divided by N = the logits' rows). Disjoint row ranges can run on different threads;
   * summing {@code rowLoss} in row order and multiplying by {@code 1.0 / N} gives {@code compute}'s
   * value bit for bit.
   *
   * @throws IllegalArgumentException as {@link #compute}, or when the range is outside [0, N) or
   *     {@code rowLoss} is shorter than N
   */
  public void computeRows(
      Tensor logits, int[] labels, Tensor gradLogits, int from, int to, double[] rowLoss) {
    check(logits, labels, gradLogits);
    int n = logits.rows();
    if (from < 0 || to > n || from > to) {
      throw new IllegalArgumentException(
          "rows [" + from + ", " + to + ") must lie within [0, " + n + ")");
    }
    if (rowLoss == null || rowLoss.length < n) {
      throw new IllegalArgumentException(
          "rowLoss must hold " + n + " values, got " + (rowLoss == null ? "null" : rowLoss.length));
    }
    double[] e = gradLogits == null ? null : exps(logits.cols());
    for (int i = from; i < to; i++) {
      rowLoss[i] = row(logits, labels, gradLogits, i, e);
    }
  }

  private static void check(Tensor logits, int[] labels, Tensor gradLogits) {
    if (logits == null) {
      throw new IllegalArgumentException("logits must not be null");
    }
    if (labels == null) {
      throw new IllegalArgumentException("labels must not be null");
    }
    int n = logits.rows();
    int c = logits.cols();
    if (labels.length != n) {
      throw new IllegalArgumentException(
          "labels must have one entry per row of logits (" + n + "), got " + labels.length);
    }
    if (gradLogits != null) {
      if (gradLogits.rows() != n || gradLogits.cols() != c) {
        throw new IllegalArgumentException(
            "gradLogits must be "
                + n
                + " x "
                + c
                + " like logits, got "
                + Arrays.toString(gradLogits.shape()));
      }
      if (gradLogits.data() == logits.data()) {
        throw new IllegalArgumentException("gradLogits must not share its array with logits");
      }
    }
  }

  /** This thread's scratch for a row's exponentials, at least {@code c} long. */
  private static double[] exps(int c) {
    double[] e = EXPS.get();
    if (e.length < c) {
      e = new double[c];
      EXPS.set(e);
    }
    return e;
  }

  /**
   * Row i's loss (not divided by N), writing its gradient row when {@code gradLogits} is set, with
   * {@code e} (from {@link #exps}) as scratch.
   */
  private static double row(Tensor logits, int[] labels, Tensor gradLogits, int i, double[] e) {
    int n = logits.rows();
    int c = logits.cols();
    int t = labels[i];
    if (t < 0 || t >= c) {
      throw new IllegalArgumentException("labels[" + i + "] must be in [0, " + c + "), got " + t);
    }
    float[] z = logits.data();
    int off = i * c;
    float max = z[off];
    for (int j = 1; j < c; j++) {
      max = Math.max(max, z[off + j]);
    }
    if (gradLogits == null) {
      return logSumExp(z, off, c, max) - z[off + t];
    }
    // One exponential per logit: e_j = exp(z_j - m) is kept in double until the sum is known, and
    // softmax_j = e_j / sum. The label's entry, softmax_t - 1 = -(sum of the others) / sum, comes
    // from the double sums, so it keeps its digits when softmax_t is close to 1.
    double sum = 0;
    double others = 0;
    for (int j = 0; j < c; j++) {
      double v = Math.exp((double) z[off + j] - max);
      e[j] = v;
      sum += v;
      others += j == t ? 0 : v;
    }
    double logSumExp = max + Math.log(sum);
    float[] g = gradLogits.data();
    double scale = 1.0 / (sum * n);
    for (int j = 0; j < c; j++) {
      g[off + j] = (float) (e[j] * scale);
    }
    g[off + t] = (float) (-others * scale);
    return logSumExp - z[off + t];
  }

  /**
   * {@code log sum_j exp(z_j)} of the row at {@code off}, whose largest value is {@code max}, as
   * the gradient path sums it (so the loss has the same bits with or without the gradient). The
   * differences in double cost about 20% more here than float32 ones (JMH {@code
   * LossBenchmark.lossOnly}: 12.5 against 10.3 µs per 128 rows), 1% of an evaluation.
   */
  private static double logSumExp(float[] z, int off, int c, float max) {
    double sum = 0;
    for (int j = 0; j < c; j++) {
      sum += Math.exp((double) z[off + j] - max);
    }
    return max + Math.log(sum);
  }
}
