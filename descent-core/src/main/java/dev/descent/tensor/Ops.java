package dev.descent.tensor;

import java.util.Arrays;

/**
 * Tensor operations that write into caller-provided outputs and allocate nothing.
 *
 * <p>Matrix products view every tensor as rows x cols ({@link Tensor#rows()}, {@link
 * Tensor#cols()}). Outputs must not alias inputs unless a method says otherwise.
 */
public final class Ops {
  private Ops() {}

  /**
   * {@code out = alpha * op(a) * op(b) + beta * out} through {@code blas}.
   *
   * @throws IllegalArgumentException when the inner dimensions or the output shape disagree, or
   *     when {@code out} shares its array with an input
   */
  public static void matmul(
      Blas blas,
      Tensor a,
      boolean transA,
      Tensor b,
      boolean transB,
      float alpha,
      float beta,
      Tensor out) {
    requireNonNull("blas", blas);
    requireNonNull("a", a);
    requireNonNull("b", b);
    requireNonNull("out", out);
    int m = transA ? a.cols() : a.rows();
    int k = transA ? a.rows() : a.cols();
    int kb = transB ? b.cols() : b.rows();
    int n = transB ? b.rows() : b.cols();
    if (k != kb) {
      throw new IllegalArgumentException(
          "inner dimensions differ: op(a) is " + m + " x " + k + ", op(b) is " + kb + " x " + n);
    }
    if (out.rows() != m || out.cols() != n) {
      throw new IllegalArgumentException(
          "out must be " + m + " x " + n + ", got " + Arrays.toString(out.shape()));
    }
    if (out.data() == a.data() || out.data() == b.data()) {
      throw new IllegalArgumentException("out must not share its array with a or b");
    }
    blas.sgemm(
        transA,
        transB,
        m,
        n,
        k,
        alpha,
        a.data(),
        0,
        a.cols(),
        b.data(),
        0,
        b.cols(),
        beta,
        out.data(),
        0,
        n);
  }

  /** {@code out = a * b} (plain product, no transposes) through the default BLAS. */
  public static void matmul(Tensor a, Tensor b, Tensor out) {
    matmul(Blas.defaultBlas(), a, false, b, false, 1f, 0f, out);
  }

  /** Adds the vector {@code row} (length cols) to every row of {@code x}, in place. */
  public static void addRowVector(Tensor x, Tensor row) {
    requireNonNull("x", x);
    requireNonNull("row", row);
    int cols = x.cols();
    if (row.size() != cols) {
      throw new IllegalArgumentException(
          "row must have " + cols + " elements to match x's columns, got " + row.size());
    }
    float[] xd = x.data();
    float[] r = row.data();
    for (int i = 0, rows = x.rows(); i < rows; i++) {
      int off = i * cols;
      for (int j = 0; j < cols; j++) {
        xd[off + j] += r[j];
      }
    }
  }

  /**
   * {@code out[j] = sum_i x[i, j]} (column sums); out has cols elements.
   *
   * @throws IllegalArgumentException when out's size differs from x's column count or out shares
   *     its array with x
   */
  public static void sumRows(Tensor x, Tensor out) {
    requireNonNull("x", x);
    requireNonNull("out", out);
    int cols = x.cols();
    if (out.size() != cols) {
      throw new IllegalArgumentException(
          "out must have " + cols + " elements to match x's columns, got " + out.size());
    }
    if (out.data() == x.data()) {
      throw new IllegalArgumentException("out must not share its array with x");
    }
    float[] xd = x.data();
    float[] o = out.data();
    Arrays.fill(o, 0f);
    for (int i = 0, rows = x.rows(); i < rows; i++) {
      int off = i * cols;
      for (int j = 0; j < cols; j++) {
        o[j] += xd[off + j];
      }
    }
  }

  /**
   * {@code y += alpha * x} element-wise (same shape). {@code x} may be {@code y} itself (each
   * element is read before it is written), which gives {@code y *= 1 + alpha}.
   */
  public static void axpy(float alpha, Tensor x, Tensor y) {
    requireSameShape("x", x, "y", y);
    float[] xd = x.data();
    float[] yd = y.data();
    for (int i = 0; i < yd.length; i++) {
      yd[i] += alpha * xd[i];
    }
  }

  /** Multiplies every element of {@code x} by {@code alpha}, in place. */
  public static void scale(float alpha, Tensor x) {
    requireNonNull("x", x);
    float[] d = x.data();
    for (int i = 0; i < d.length; i++) {
      d[i] *= alpha;
    }
  }

  /**
   * Index of the largest element in each row of {@code x}, written to {@code out[row]}. Ties go to
   * the first index; a NaN counts as larger than any number (the first NaN wins), as in NumPy's
   * {@code argmax}, so a diverged row is not silently reported as a valid class.
   */
  public static void argmaxRows(Tensor x, int[] out) {
    requireNonNull("x", x);
    requireNonNull("out", out);
    int rows = x.rows();
    int cols = x.cols();
    if (out.length < rows) {
      throw new IllegalArgumentException(
          "out must hold " + rows + " indices, has length " + out.length);
    }
    float[] d = x.data();
    for (int i = 0; i < rows; i++) {
      int off = i * cols;
      int best = 0;
      float bestValue = d[off];
      for (int j = 1; j < cols && !Float.isNaN(bestValue); j++) {
        float v = d[off + j];
        if (v > bestValue || Float.isNaN(v)) {
          bestValue = v;
          best = j;
        }
      }
      out[i] = best;
    }
  }

  private static void requireNonNull(String name, Object x) {
    if (x == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
  }

  /**
   * @throws IllegalArgumentException naming both arguments when their shapes differ
   */
  public static void requireSameShape(String nameA, Tensor a, String nameB, Tensor b) {
    if (a == null || b == null) {
      throw new IllegalArgumentException((a == null ? nameA : nameB) + " must not be null");
    }
    if (!a.sameShape(b)) {
      throw new IllegalArgumentException(
          nameA
              + " has shape "
              + Arrays.toString(a.shape())
              + " but "
              + nameB
              + " has shape "
              + Arrays.toString(b.shape()));
    }
  }

  /**
   * @throws IllegalArgumentException naming the first NaN or infinite element of {@code x}
   */
  public static void requireFinite(String name, Tensor x) {
    requireNonNull(name, x);
    float[] d = x.data();
    for (int i = 0; i < d.length; i++) {
      if (!Float.isFinite(d[i])) {
        throw new IllegalArgumentException(
            name + " must be finite, but element " + i + " is " + d[i]);
      }
    }
  }
}
