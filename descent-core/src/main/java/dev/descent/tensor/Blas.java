package dev.descent.tensor;

/**
 * The matrix product behind every layer: a small, row-major view of BLAS level 3.
 *
 * <p>{@link #sgemm} computes {@code C = alpha * op(A) * op(B) + beta * C} where {@code op(X)} is
 * {@code X} or its transpose, all matrices row-major with explicit leading dimensions (the distance
 * in elements between consecutive rows). Implementations must accept every call that {@link
 * #checkGemm} accepts and must not retain the arrays.
 *
 * <p>{@link #defaultBlas()} returns the system's native BLAS (OpenBLAS via {@code
 * dev.ludovic.netlib}) when it can be loaded, else the first implementation registered as a {@link
 * java.util.ServiceLoader} provider of this interface that constructs (the {@code descent-vector}
 * module's Vector API sgemm, when the JVM runs with {@code --add-modules jdk.incubator.vector}),
 * else the plain-Java {@link JavaBlas}.
 */
public interface Blas {

  /**
   * Row-major {@code C = alpha * op(A) * op(B) + beta * C}; op(A) is m x k, op(B) is k x n, C is m
   * x n. When {@code beta == 0}, C's previous contents (even NaN) are ignored.
   *
   * @param transA whether op(A) is the transpose of A (A then stored k x m)
   * @param transB whether op(B) is the transpose of B (B then stored n x k)
   */
  void sgemm(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      float alpha,
      float[] a,
      int aOffset,
      int lda,
      float[] b,
      int bOffset,
      int ldb,
      float beta,
      float[] c,
      int cOffset,
      int ldc);

  /** A short human-readable name, e.g. {@code "native: OpenBLAS (libopenblas.so.0)"}. */
  String name();

  /** Whether this implementation runs native code. */
  boolean isNative();

  /**
   * The native BLAS if it loads, else a {@link java.util.ServiceLoader} provider that constructs,
   * else {@link JavaBlas}; the choice is made once per JVM.
   */
  static Blas defaultBlas() {
    return BlasHolder.DEFAULT;
  }

  /**
   * Validates a row-major gemm call: positive sizes, leading dimensions no smaller than the row
   * lengths, and every touched element inside its array. Native code would read or write out of
   * bounds otherwise.
   *
   * @throws IllegalArgumentException naming the first offending argument
   */
  static void checkGemm(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      float[] a,
      int aOffset,
      int lda,
      float[] b,
      int bOffset,
      int ldb,
      float[] c,
      int cOffset,
      int ldc) {
    if (m <= 0 || n <= 0 || k <= 0) {
      throw new IllegalArgumentException(
          "m, n, k must be positive, got m=" + m + ", n=" + n + ", k=" + k);
    }
    checkMatrix("A", a, aOffset, lda, transA ? k : m, transA ? m : k);
    checkMatrix("B", b, bOffset, ldb, transB ? n : k, transB ? k : n);
    checkMatrix("C", c, cOffset, ldc, m, n);
  }

  private static void checkMatrix(String name, float[] x, int offset, int ld, int rows, int cols) {
    if (x == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    if (ld < cols) {
      throw new IllegalArgumentException(
          "ld"
              + name.toLowerCase()
              + " must be >= "
              + cols
              + " (row length of "
              + name
              + "), got "
              + ld);
    }
    long last = (long) offset + (long) (rows - 1) * ld + cols;
    if (offset < 0 || last > x.length) {
      throw new IllegalArgumentException(
          name
              + " is "
              + rows
              + " x "
              + cols
              + " with leading dimension "
              + ld
              + " at offset "
              + offset
              + ", needing "
              + last
              + " elements, but the array has "
              + x.length);
    }
  }
}
