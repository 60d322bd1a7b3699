package dev.descent.tensor;

import java.util.Arrays;

/**
 * Pure-Java single-precision matrix product, used when no native BLAS loads.
 *
 * <p>Every product runs as row updates {@code C[i,:] += sum_p op(A)[i,p] * B[p,:]} over blocks of
 * op(B) of at most {@value #K_BLOCK} rows by {@value #N_BLOCK} columns. Each block is first copied
 * into a per-thread workspace that holds each of its rows in its own array starting at index 0 (a
 * transposed B is transposed while it is copied), and each row of C is accumulated in a workspace
 * array starting at index 0. The innermost loop adds four rows of the block, scaled by four
 * elements of op(A), into that accumulator. HotSpot's C2 (JDK 17) compiles such a loop to SIMD
 * multiply-adds only when every array in it is indexed without a variable offset (measured: about
 * 4x the speed of the same loop indexing C and B in place), which is why both are copied; the
 * copies cost O(kn + mn) against the product's O(mnk).
 *
 * <p>Results match a textbook triple loop to float rounding, not bit for bit (the summation order
 * differs), and do not depend on the thread. Instances are thread-safe: each thread copies into its
 * own workspace of about {@value #K_BLOCK} x {@value #N_BLOCK} floats, allocated on its first
 * product and reused afterwards.
 */
public final class JavaBlas implements Blas {
  /** Rows of op(B) per block: 256 rows of 256 floats (256 KiB) stay within a typical L2. */
  private static final int K_BLOCK = 256;

  /** Most columns of op(B) per block; wider products are split into equal blocks. */
  private static final int N_BLOCK = 256;

  private final ThreadLocal<Workspace> workspace = ThreadLocal.withInitial(Workspace::new);

  /** One thread's copies: a block of op(B), one array per row, and one row of C. */
  private static final class Workspace {
    final float[][] rows = new float[K_BLOCK][N_BLOCK];
    final float[] acc = new float[N_BLOCK];
  }

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
    Workspace ws = workspace.get();
    float[][] rows = ws.rows;
    int nBlocks = (n + N_BLOCK - 1) / N_BLOCK;
    int nbMax = (n + nBlocks - 1) / nBlocks;
    for (int j0 = 0; j0 < n; j0 += nbMax) {
      int nb = Math.min(nbMax, n - j0);
      for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
        int kb = Math.min(K_BLOCK, k - p0);
        // rows[p][j] = op(B)[p0 + p][j0 + j]
        if (transB) {
          for (int j = 0; j < nb; j++) {
            int bRow = bOffset + (j0 + j) * ldb + p0;
            for (int p = 0; p < kb; p++) {
              rows[p][j] = b[bRow + p];
            }
          }
        } else {
          for (int p = 0; p < kb; p++) {
            System.arraycopy(b, bOffset + (p0 + p) * ldb + j0, rows[p], 0, nb);
          }
        }
        rowUpdates(
            transA, m, nb, kb, alpha, a, aOffset, lda, p0, rows, ws.acc, c, cOffset + j0, ldc);
      }
    }
  }

  private static void scale(int m, int n, float beta, float[] c, int cOffset, int ldc) {
    if (beta == 1f) {
      return;
    }
    for (int i = 0; i < m; i++) {
      int row = cOffset + i * ldc;
      if (beta == 0f) {
        Arrays.fill(c, row, row + n, 0f);
      } else {
        for (int j = 0; j < n; j++) {
          c[row + j] *= beta;
        }
      }
    }
  }

  /**
   * {@code C[i, 0:n] += alpha * sum_{p < kb} op(A)[i, p0 + p] * rows[p][0:n]} for every row i,
   * accumulating each row of C in {@code acc}.
   */
  private static void rowUpdates(
      boolean transA,
      int m,
      int n,
      int kb,
      float alpha,
      float[] a,
      int aOffset,
      int lda,
      int p0,
      float[][] rows,
      float[] acc,
      float[] c,
      int cOffset,
      int ldc) {
    // op(A)[i, p] is at aOffset + i * aRowStep + p * aColStep.
    int aRowStep = transA ? 1 : lda;
    int aColStep = transA ? lda : 1;
    for (int i = 0; i < m; i++) {
      int cRow = cOffset + i * ldc;
      int aip = aOffset + i * aRowStep + p0 * aColStep;
      System.arraycopy(c, cRow, acc, 0, n);
      int p = 0;
      for (; p + 3 < kb; p += 4) {
        float a0 = alpha * a[aip];
        float a1 = alpha * a[aip + aColStep];
        float a2 = alpha * a[aip + 2 * aColStep];
        float a3 = alpha * a[aip + 3 * aColStep];
        aip += 4 * aColStep;
        addFourRows(acc, n, a0, rows[p], a1, rows[p + 1], a2, rows[p + 2], a3, rows[p + 3]);
      }
      for (; p < kb; p++) {
        float a0 = alpha * a[aip];
        aip += aColStep;
        float[] b0 = rows[p];
        for (int j = 0; j < n; j++) {
          acc[j] += a0 * b0[j];
        }
      }
      System.arraycopy(acc, 0, c, cRow, n);
    }
  }

  /** {@code acc[j] += a0 b0[j] + a1 b1[j] + a2 b2[j] + a3 b3[j]}: the SIMD inner loop. */
  private static void addFourRows(
      float[] acc,
      int n,
      float a0,
      float[] b0,
      float a1,
      float[] b1,
      float a2,
      float[] b2,
      float a3,
      float[] b3) {
    for (int j = 0; j < n; j++) {
      acc[j] += (a0 * b0[j] + a1 * b1[j]) + (a2 * b2[j] + a3 * b3[j]);
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
