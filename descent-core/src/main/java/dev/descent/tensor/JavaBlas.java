package dev.descent.tensor;

/**
 * Pure-Java single-precision matrix product, used when no native BLAS loads.
 *
 * <p>Loops are ordered so the innermost one runs over contiguous memory, which the JIT compiles to
 * SIMD instructions; the k dimension is blocked so a panel of B stays in cache. Products with a
 * transposed B are dot products with four independent accumulators. Results match a textbook triple
 * loop to float rounding, not bit for bit (the summation order differs).
 */
public final class JavaBlas implements Blas {
  private static final int K_BLOCK = 256;

  @Override
  public void sgemm(
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
      int ldc) {
    Blas.checkGemm(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
    scale(m, n, beta, c, cOffset, ldc);
    if (alpha == 0f) {
      return;
    }
    if (transB) {
      dotProducts(transA, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
    } else {
      rowUpdates(transA, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
    }
  }

  private static void scale(int m, int n, float beta, float[] c, int cOffset, int ldc) {
    if (beta == 1f) {
      return;
    }
    for (int i = 0; i < m; i++) {
      int row = cOffset + i * ldc;
      if (beta == 0f) {
        java.util.Arrays.fill(c, row, row + n, 0f);
      } else {
        for (int j = 0; j < n; j++) {
          c[row + j] *= beta;
        }
      }
    }
  }

  /** C[i,:] += alpha * op(A)[i,p] * B[p,:], the contiguous-row (saxpy) form. */
  private static void rowUpdates(
      boolean transA,
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
      float[] c,
      int cOffset,
      int ldc) {
    for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
      int p1 = Math.min(k, p0 + K_BLOCK);
      for (int i = 0; i < m; i++) {
        int cRow = cOffset + i * ldc;
        for (int p = p0; p < p1; p++) {
          float aip = alpha * (transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p]);
          if (aip == 0f) {
            continue;
          }
          int bRow = bOffset + p * ldb;
          for (int j = 0; j < n; j++) {
            c[cRow + j] += aip * b[bRow + j];
          }
        }
      }
    }
  }

  /** C[i,j] += alpha * dot(op(A)[i,:], B[j,:]) when B is stored transposed (n x k). */
  private static void dotProducts(
      boolean transA,
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
      float[] c,
      int cOffset,
      int ldc) {
    for (int i = 0; i < m; i++) {
      int cRow = cOffset + i * ldc;
      for (int j = 0; j < n; j++) {
        int bRow = bOffset + j * ldb;
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int p = 0;
        if (transA) {
          for (; p < k; p++) {
            s0 += a[aOffset + p * lda + i] * b[bRow + p];
          }
        } else {
          int aRow = aOffset + i * lda;
          for (; p + 3 < k; p += 4) {
            s0 += a[aRow + p] * b[bRow + p];
            s1 += a[aRow + p + 1] * b[bRow + p + 1];
            s2 += a[aRow + p + 2] * b[bRow + p + 2];
            s3 += a[aRow + p + 3] * b[bRow + p + 3];
          }
          for (; p < k; p++) {
            s0 += a[aRow + p] * b[bRow + p];
          }
        }
        c[cRow + j] += alpha * ((s0 + s1) + (s2 + s3));
      }
    }
  }

  @Override
  public String name() {
    return "pure Java (no native BLAS found)";
  }

  @Override
  public boolean isNative() {
    return false;
  }
}
