package dev.descent.vector;

import dev.descent.tensor.Blas;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Pure-Java single-precision matrix product on the incubating Vector API ({@code
 * jdk.incubator.vector}): descent's fallback when no native BLAS loads, about 3-4x the plain-Java
 * {@link dev.descent.tensor.JavaBlas} at the MLP's shapes and about two thirds of OpenBLAS.
 *
 * <p>The JVM must run with {@code --add-modules jdk.incubator.vector} ({@code bin/descent} adds it
 * when no native BLAS is installed); {@link Blas#defaultBlas()} then finds this class through
 * {@link java.util.ServiceLoader} and uses it when the native library does not load. Without the
 * module {@link #isSupported()} is false and the constructor throws.
 *
 * <p><b>How.</b> op(B) is copied in tiles of {@value #K_TILE} rows by at most {@value
 * #BLOCK_VECTORS} vectors of columns (32 KiB with 512-bit vectors: the tile stays in L1 while every
 * row of A passes over it), zero-padded to whole vectors. A register-blocked kernel keeps a block
 * of C in vector registers, 3 rows by 4 vectors, 4 by 3, 8 by 2 or 8 by 1 (the widest that fits the
 * columns left; 6 by 2 and 8 by 1 on CPUs with 16 vector registers, such as AVX2), and adds one
 * rank-1 update per row of the tile: one broadcast of an element of A per row of C, one load per
 * vector of B, one fused multiply-add per register. The rows of C are accumulated in a padded
 * per-thread workspace, {@value #M_CHUNK} rows at a time, and written back once as {@code alpha *
 * sum + beta * C}.
 *
 * <p><b>Exact and reproducible.</b> Every element of C is {@code acc = fma(op(A)[i,p], op(B)[p,j],
 * acc)} over p = 0, 1, ..., k-1 from {@code acc = 0}, rounded once per step, then {@code alpha *
 * acc (+ beta * C)} in float: each lane computes its own element in the same order, so the result
 * is the same bits for every vector width, machine, thread and blocking, and equals that scalar
 * loop (the tests check it bit for bit).
 *
 * <p>Instances are thread-safe: each thread packs into its own workspace (about 100 KiB with
 * 512-bit vectors), allocated on its first product and reused.
 */
public final class VectorBlas implements Blas {
  /** Rows of op(B) per packed tile. */
  static final int K_TILE = 64;

  /** Most vectors of columns per packed tile (128 columns with 512-bit vectors). */
  static final int BLOCK_VECTORS = 8;

  /** Rows of C accumulated in the workspace at a time. */
  static final int M_CHUNK = 240;

  private final ThreadLocal<Workspace> workspace = ThreadLocal.withInitial(Workspace::new);
  private final boolean manyRegisters;

  /**
   * A Vector API BLAS with the kernels for this CPU's vector registers.
   *
   * @throws IllegalStateException when the JVM runs without {@code jdk.incubator.vector}
   */
  public VectorBlas() {
    this(requireSupported() && Kernels.MANY_REGISTERS);
  }

  /**
   * A Vector API BLAS with the kernels for 32 vector registers or for 16 (tests run both; the
   * public constructor picks by the CPU).
   */
  VectorBlas(boolean manyRegisters) {
    requireSupported();
    this.manyRegisters = manyRegisters;
  }

  /** True, or a clear error before anything touches the Vector API's classes. */
  private static boolean requireSupported() {
    if (!isSupported()) {
      throw new IllegalStateException(
          "the Vector API BLAS needs the incubating module jdk.incubator.vector: run java with"
              + " --add-modules jdk.incubator.vector");
    }
    return true;
  }

  /**
   * Whether this JVM has the Vector API module ({@code --add-modules jdk.incubator.vector}).
   * Checked without touching the module's classes, so it is safe to call either way.
   */
  public static boolean isSupported() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  /** One thread's packed tile of op(B) and its rows of C. */
  private static final class Workspace {
    final float[] b = new float[K_TILE * BLOCK_VECTORS * Kernels.L];
    final float[] c = new float[M_CHUNK * BLOCK_VECTORS * Kernels.L];
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
    if (alpha == 0f) {
      scale(m, n, beta, c, cOffset, ldc);
      return;
    }
    Workspace ws = workspace.get();
    int l = Kernels.L;
    // Column blocks of equal width (whole vectors), at most BLOCK_VECTORS vectors each.
    int blocks = ceilDiv(n, BLOCK_VECTORS * l);
    int width = ceilDiv(ceilDiv(n, blocks), l) * l;
    for (int j0 = 0; j0 < n; j0 += width) {
      int nb = Math.min(width, n - j0);
      int vectors = ceilDiv(nb, l);
      int ldt = vectors * l;
      for (int i0 = 0; i0 < m; i0 += M_CHUNK) {
        int mb = Math.min(M_CHUNK, m - i0);
        Arrays.fill(ws.c, 0, mb * ldt, 0f);
        for (int p0 = 0; p0 < k; p0 += K_TILE) {
          int kt = Math.min(K_TILE, k - p0);
          packB(transB, b, bOffset, ldb, p0, kt, j0, nb, ldt, ws.b);
          // op(A)[i, p] sits at aOffset + i * rs + p * cs.
          int rs = transA ? 1 : lda;
          int cs = transA ? lda : 1;
          Kernels.multiply(
              a,
              aOffset + i0 * rs + p0 * cs,
              rs,
              cs,
              mb,
              kt,
              ws.b,
              ldt,
              vectors,
              ws.c,
              manyRegisters);
        }
        Kernels.store(alpha, beta, ws.c, ldt, mb, nb, c, cOffset + i0 * ldc + j0, ldc);
      }
    }
  }

  /** {@code tile[p * ldt + j] = op(B)[p0 + p][j0 + j]} for j < nb, zero up to ldt. */
  private static void packB(
      boolean transB,
      float[] b,
      int bOffset,
      int ldb,
      int p0,
      int kt,
      int j0,
      int nb,
      int ldt,
      float[] tile) {
    if (transB) {
      for (int j = 0; j < nb; j++) {
        int src = bOffset + (j0 + j) * ldb + p0;
        for (int p = 0; p < kt; p++) {
          tile[p * ldt + j] = b[src + p];
        }
      }
      for (int p = 0; p < kt; p++) {
        Arrays.fill(tile, p * ldt + nb, (p + 1) * ldt, 0f);
      }
    } else {
      for (int p = 0; p < kt; p++) {
        System.arraycopy(b, bOffset + (p0 + p) * ldb + j0, tile, p * ldt, nb);
        Arrays.fill(tile, p * ldt + nb, (p + 1) * ldt, 0f);
      }
    }
  }

  private static void scale(int m, int n, float beta, float[] c, int cOffset, int ldc) {
    for (int i = 0; i < m; i++) {
      int row = cOffset + i * ldc;
      for (int j = 0; j < n; j++) {
        c[row + j] = beta == 0f ? 0f : beta * c[row + j];
      }
    }
  }

  private static int ceilDiv(int x, int y) {
    return (x + y - 1) / y;
  }

  @Override
  public String name() {
    return "pure Java, Vector API (" + Kernels.bits() + "-bit vectors)";
  }

  @Override
  public boolean isNative() {
    return false;
  }

  /**
   * Everything that touches the Vector API's types: the register-blocked kernels and the
   * write-back. A separate class so that {@link VectorBlas} itself loads and verifies, and {@link
   * #isSupported()} answers, on a JVM without the module.
   */
  static final class Kernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    /**
     * Whether the CPU has 32 vector registers for the widest kernels: AVX-512 (16 floats) and
     * AArch64 (NEON, SVE); AVX2 and SSE have 16.
     */
    static final boolean MANY_REGISTERS =
        L >= 16 || "aarch64".equals(System.getProperty("os.arch"));

    private Kernels() {}

    /** The vectors' width in bits. */
    static int bits() {
      return S.vectorBitSize();
    }

    /**
     * {@code C = alpha * sums + beta * C} for the mb x nb block at {@code cOffset} (just {@code
     * alpha * sums} when beta is 0): whole vectors, then the columns left one by one, with the same
     * float operations either way.
     */
    static void store(
        float alpha,
        float beta,
        float[] sums,
        int ldt,
        int mb,
        int nb,
        float[] c,
        int cOffset,
        int ldc) {
      VectorSpecies<Float> sp = S;
      int whole = nb - nb % sp.length();
      for (int r = 0; r < mb; r++) {
        int src = r * ldt;
        int dst = cOffset + r * ldc;
        int j = 0;
        if (beta == 0f) {
          for (; j < whole; j += sp.length()) {
            FloatVector.fromArray(sp, sums, src + j).mul(alpha).intoArray(c, dst + j);
          }
          for (; j < nb; j++) {
            c[dst + j] = alpha * sums[src + j];
          }
        } else {
          for (; j < whole; j += sp.length()) {
            FloatVector.fromArray(sp, sums, src + j)
                .mul(alpha)
                .add(FloatVector.fromArray(sp, c, dst + j).mul(beta))
                .intoArray(c, dst + j);
          }
          for (; j < nb; j++) {
            c[dst + j] = alpha * sums[src + j] + beta * c[dst + j];
          }
        }
      }
    }

    /**
     * {@code ct[r * ldt + j] += sum_{p < kt} A[r, p] * bt[p * ldt + j]} for r < rows and j <
     * vectors * L, with A[r, p] at {@code a[a0 + r * rs + p * cs]}: the widest kernel that fits the
     * columns left, over groups of its rows, then the rows left over one at a time. The kernels for
     * 32 vector registers keep up to 16 accumulators; those for 16 registers are 2 vectors wide
     * with at most 12, so nothing spills. The bits are the same either way.
     */
    static void multiply(
        float[] a,
        int a0,
        int rs,
        int cs,
        int rows,
        int kt,
        float[] bt,
        int ldt,
        int vectors,
        float[] ct,
        boolean manyRegisters) {
      for (int v0 = 0; v0 < vectors; ) {
        int v = Math.min(manyRegisters ? 4 : 2, vectors - v0);
        int j = v0 * L;
        int height = v == 4 ? 3 : v == 3 ? 4 : v == 2 && !manyRegisters ? 6 : 8;
        int r = 0;
        for (; r + height <= rows; r += height) {
          int ar = a0 + r * rs;
          int cr = r * ldt + j;
          switch (height * 10 + v) {
            case 34 -> rows3x4(a, ar, rs, cs, kt, bt, ldt, j, ct, cr);
            case 43 -> rows4x3(a, ar, rs, cs, kt, bt, ldt, j, ct, cr);
            case 82 -> rows8x2(a, ar, rs, cs, kt, bt, ldt, j, ct, cr);
            case 62 -> rows6x2(a, ar, rs, cs, kt, bt, ldt, j, ct, cr);
            default -> rows8x1(a, ar, rs, cs, kt, bt, ldt, j, ct, cr);
          }
        }
        for (; r < rows; r++) {
          int ar = a0 + r * rs;
          int cr = r * ldt + j;
          if (v == 4) {
            row1x4(a, ar, cs, kt, bt, ldt, j, ct, cr);
          } else {
            for (int u = 0; u < v; u++) {
              row1x1(a, ar, cs, kt, bt, ldt, j + u * L, ct, cr + u * L);
            }
          }
        }
        v0 += v;
      }
    }

    private static void rows3x4(
        float[] a, int ar, int rs, int cs, int kt, float[] bt, int ldt, int j, float[] ct, int cr) {
      int c1 = cr + ldt;
      int c2 = c1 + ldt;
      FloatVector x0 = FloatVector.fromArray(S, ct, cr);
      FloatVector x1 = FloatVector.fromArray(S, ct, cr + L);
      FloatVector x2 = FloatVector.fromArray(S, ct, cr + 2 * L);
      FloatVector x3 = FloatVector.fromArray(S, ct, cr + 3 * L);
      FloatVector y0 = FloatVector.fromArray(S, ct, c1);
      FloatVector y1 = FloatVector.fromArray(S, ct, c1 + L);
      FloatVector y2 = FloatVector.fromArray(S, ct, c1 + 2 * L);
      FloatVector y3 = FloatVector.fromArray(S, ct, c1 + 3 * L);
      FloatVector z0 = FloatVector.fromArray(S, ct, c2);
      FloatVector z1 = FloatVector.fromArray(S, ct, c2 + L);
      FloatVector z2 = FloatVector.fromArray(S, ct, c2 + 2 * L);
      FloatVector z3 = FloatVector.fromArray(S, ct, c2 + 3 * L);
      for (int p = 0; p < kt; p++) {
        int q = ar + p * cs;
        int bo = p * ldt + j;
        FloatVector b0 = FloatVector.fromArray(S, bt, bo);
        FloatVector b1 = FloatVector.fromArray(S, bt, bo + L);
        FloatVector b2 = FloatVector.fromArray(S, bt, bo + 2 * L);
        FloatVector b3 = FloatVector.fromArray(S, bt, bo + 3 * L);
        FloatVector s = FloatVector.broadcast(S, a[q]);
        x0 = b0.fma(s, x0);
        x1 = b1.fma(s, x1);
        x2 = b2.fma(s, x2);
        x3 = b3.fma(s, x3);
        s = FloatVector.broadcast(S, a[q + rs]);
        y0 = b0.fma(s, y0);
        y1 = b1.fma(s, y1);
        y2 = b2.fma(s, y2);
        y3 = b3.fma(s, y3);
        s = FloatVector.broadcast(S, a[q + 2 * rs]);
        z0 = b0.fma(s, z0);
        z1 = b1.fma(s, z1);
        z2 = b2.fma(s, z2);
        z3 = b3.fma(s, z3);
      }
      x0.intoArray(ct, cr);
      x1.intoArray(ct, cr + L);
      x2.intoArray(ct, cr + 2 * L);
      x3.intoArray(ct, cr + 3 * L);
      y0.intoArray(ct, c1);
      y1.intoArray(ct, c1 + L);
      y2.intoArray(ct, c1 + 2 * L);
      y3.intoArray(ct, c1 + 3 * L);
      z0.intoArray(ct, c2);
      z1.intoArray(ct, c2 + L);
      z2.intoArray(ct, c2 + 2 * L);
      z3.intoArray(ct, c2 + 3 * L);
    }

    private static void rows4x3(
        float[] a, int ar, int rs, int cs, int kt, float[] bt, int ldt, int j, float[] ct, int cr) {
      int c1 = cr + ldt;
      int c2 = c1 + ldt;
      int c3 = c2 + ldt;
      FloatVector x0 = FloatVector.fromArray(S, ct, cr);
      FloatVector x1 = FloatVector.fromArray(S, ct, cr + L);
      FloatVector x2 = FloatVector.fromArray(S, ct, cr + 2 * L);
      FloatVector y0 = FloatVector.fromArray(S, ct, c1);
      FloatVector y1 = FloatVector.fromArray(S, ct, c1 + L);
      FloatVector y2 = FloatVector.fromArray(S, ct, c1 + 2 * L);
      FloatVector z0 = FloatVector.fromArray(S, ct, c2);
      FloatVector z1 = FloatVector.fromArray(S, ct, c2 + L);
      FloatVector z2 = FloatVector.fromArray(S, ct, c2 + 2 * L);
      FloatVector w0 = FloatVector.fromArray(S, ct, c3);
      FloatVector w1 = FloatVector.fromArray(S, ct, c3 + L);
      FloatVector w2 = FloatVector.fromArray(S, ct, c3 + 2 * L);
      for (int p = 0; p < kt; p++) {
        int q = ar + p * cs;
        int bo = p * ldt + j;
        FloatVector b0 = FloatVector.fromArray(S, bt, bo);
        FloatVector b1 = FloatVector.fromArray(S, bt, bo + L);
        FloatVector b2 = FloatVector.fromArray(S, bt, bo + 2 * L);
        FloatVector s = FloatVector.broadcast(S, a[q]);
        x0 = b0.fma(s, x0);
        x1 = b1.fma(s, x1);
        x2 = b2.fma(s, x2);
        s = FloatVector.broadcast(S, a[q + rs]);
        y0 = b0.fma(s, y0);
        y1 = b1.fma(s, y1);
        y2 = b2.fma(s, y2);
        s = FloatVector.broadcast(S, a[q + 2 * rs]);
        z0 = b0.fma(s, z0);
        z1 = b1.fma(s, z1);
        z2 = b2.fma(s, z2);
        s = FloatVector.broadcast(S, a[q + 3 * rs]);
        w0 = b0.fma(s, w0);
        w1 = b1.fma(s, w1);
        w2 = b2.fma(s, w2);
      }
      x0.intoArray(ct, cr);
      x1.intoArray(ct, cr + L);
      x2.intoArray(ct, cr + 2 * L);
      y0.intoArray(ct, c1);
      y1.intoArray(ct, c1 + L);
      y2.intoArray(ct, c1 + 2 * L);
      z0.intoArray(ct, c2);
      z1.intoArray(ct, c2 + L);
      z2.intoArray(ct, c2 + 2 * L);
      w0.intoArray(ct, c3);
      w1.intoArray(ct, c3 + L);
      w2.intoArray(ct, c3 + 2 * L);
    }

    private static void rows8x2(
        float[] a, int ar, int rs, int cs, int kt, float[] bt, int ldt, int j, float[] ct, int cr) {
      FloatVector q00 = FloatVector.fromArray(S, ct, cr);
      FloatVector q01 = FloatVector.fromArray(S, ct, cr + L);
      FloatVector q10 = FloatVector.fromArray(S, ct, cr + ldt);
      FloatVector q11 = FloatVector.fromArray(S, ct, cr + ldt + L);
      FloatVector q20 = FloatVector.fromArray(S, ct, cr + 2 * ldt);
      FloatVector q21 = FloatVector.fromArray(S, ct, cr + 2 * ldt + L);
      FloatVector q30 = FloatVector.fromArray(S, ct, cr + 3 * ldt);
      FloatVector q31 = FloatVector.fromArray(S, ct, cr + 3 * ldt + L);
      FloatVector q40 = FloatVector.fromArray(S, ct, cr + 4 * ldt);
      FloatVector q41 = FloatVector.fromArray(S, ct, cr + 4 * ldt + L);
      FloatVector q50 = FloatVector.fromArray(S, ct, cr + 5 * ldt);
      FloatVector q51 = FloatVector.fromArray(S, ct, cr + 5 * ldt + L);
      FloatVector q60 = FloatVector.fromArray(S, ct, cr + 6 * ldt);
      FloatVector q61 = FloatVector.fromArray(S, ct, cr + 6 * ldt + L);
      FloatVector q70 = FloatVector.fromArray(S, ct, cr + 7 * ldt);
      FloatVector q71 = FloatVector.fromArray(S, ct, cr + 7 * ldt + L);
      for (int p = 0; p < kt; p++) {
        int q = ar + p * cs;
        int bo = p * ldt + j;
        FloatVector b0 = FloatVector.fromArray(S, bt, bo);
        FloatVector b1 = FloatVector.fromArray(S, bt, bo + L);
        FloatVector s = FloatVector.broadcast(S, a[q]);
        q00 = b0.fma(s, q00);
        q01 = b1.fma(s, q01);
        s = FloatVector.broadcast(S, a[q + rs]);
        q10 = b0.fma(s, q10);
        q11 = b1.fma(s, q11);
        s = FloatVector.broadcast(S, a[q + 2 * rs]);
        q20 = b0.fma(s, q20);
        q21 = b1.fma(s, q21);
        s = FloatVector.broadcast(S, a[q + 3 * rs]);
        q30 = b0.fma(s, q30);
        q31 = b1.fma(s, q31);
        s = FloatVector.broadcast(S, a[q + 4 * rs]);
        q40 = b0.fma(s, q40);
        q41 = b1.fma(s, q41);
        s = FloatVector.broadcast(S, a[q + 5 * rs]);
        q50 = b0.fma(s, q50);
        q51 = b1.fma(s, q51);
        s = FloatVector.broadcast(S, a[q + 6 * rs]);
        q60 = b0.fma(s, q60);
        q61 = b1.fma(s, q61);
        s = FloatVector.broadcast(S, a[q + 7 * rs]);
        q70 = b0.fma(s, q70);
        q71 = b1.fma(s, q71);
      }
      q00.intoArray(ct, cr);
      q01.intoArray(ct, cr + L);
      q10.intoArray(ct, cr + ldt);
      q11.intoArray(ct, cr + ldt + L);
      q20.intoArray(ct, cr + 2 * ldt);
      q21.intoArray(ct, cr + 2 * ldt + L);
      q30.intoArray(ct, cr + 3 * ldt);
      q31.intoArray(ct, cr + 3 * ldt + L);
      q40.intoArray(ct, cr + 4 * ldt);
      q41.intoArray(ct, cr + 4 * ldt + L);
      q50.intoArray(ct, cr + 5 * ldt);
      q51.intoArray(ct, cr + 5 * ldt + L);
      q60.intoArray(ct, cr + 6 * ldt);
      q61.intoArray(ct, cr + 6 * ldt + L);
      q70.intoArray(ct, cr + 7 * ldt);
      q71.intoArray(ct, cr + 7 * ldt + L);
    }

    private static void rows6x2(
        float[] a, int ar, int rs, int cs, int kt, float[] bt, int ldt, int j, float[] ct, int cr) {
      FloatVector q00 = FloatVector.fromArray(S, ct, cr);
      FloatVector q01 = FloatVector.fromArray(S, ct, cr + L);
      FloatVector q10 = FloatVector.fromArray(S, ct, cr + ldt);
      FloatVector q11 = FloatVector.fromArray(S, ct, cr + ldt + L);
      FloatVector q20 = FloatVector.fromArray(S, ct, cr + 2 * ldt);
      FloatVector q21 = FloatVector.fromArray(S, ct, cr + 2 * ldt + L);
      FloatVector q30 = FloatVector.fromArray(S, ct, cr + 3 * ldt);
      FloatVector q31 = FloatVector.fromArray(S, ct, cr + 3 * ldt + L);
      FloatVector q40 = FloatVector.fromArray(S, ct, cr + 4 * ldt);
      FloatVector q41 = FloatVector.fromArray(S, ct, cr + 4 * ldt + L);
      FloatVector q50 = FloatVector.fromArray(S, ct, cr + 5 * ldt);
      FloatVector q51 = FloatVector.fromArray(S, ct, cr + 5 * ldt + L);
      for (int p = 0; p < kt; p++) {
        int q = ar + p * cs;
        int bo = p * ldt + j;
        FloatVector b0 = FloatVector.fromArray(S, bt, bo);
        FloatVector b1 = FloatVector.fromArray(S, bt, bo + L);
        FloatVector s = FloatVector.broadcast(S, a[q]);
        q00 = b0.fma(s, q00);
        q01 = b1.fma(s, q01);
        s = FloatVector.broadcast(S, a[q + rs]);
        q10 = b0.fma(s, q10);
        q11 = b1.fma(s, q11);
        s = FloatVector.broadcast(S, a[q + 2 * rs]);
        q20 = b0.fma(s, q20);
        q21 = b1.fma(s, q21);
        s = FloatVector.broadcast(S, a[q + 3 * rs]);
        q30 = b0.fma(s, q30);
        q31 = b1.fma(s, q31);
        s = FloatVector.broadcast(S, a[q + 4 * rs]);
        q40 = b0.fma(s, q40);
        q41 = b1.fma(s, q41);
        s = FloatVector.broadcast(S, a[q + 5 * rs]);
        q50 = b0.fma(s, q50);
        q51 = b1.fma(s, q51);
      }
      q00.intoArray(ct, cr);
      q01.intoArray(ct, cr + L);
      q10.intoArray(ct, cr + ldt);
      q11.intoArray(ct, cr + ldt + L);
      q20.intoArray(ct, cr + 2 * ldt);
      q21.intoArray(ct, cr + 2 * ldt + L);
      q30.intoArray(ct, cr + 3 * ldt);
      q31.intoArray(ct, cr + 3 * ldt + L);
      q40.intoArray(ct, cr + 4 * ldt);
      q41.intoArray(ct, cr + 4 * ldt + L);
      q50.intoArray(ct, cr + 5 * ldt);
      q51.intoArray(ct, cr + 5 * ldt + L);
    }

    private static void rows8x1(
        float[] a, int ar, int rs, int cs, int kt, float[] bt, int ldt, int j, float[] ct, int cr) {
      FloatVector q0 = FloatVector.fromArray(S, ct, cr);
      FloatVector q1 = FloatVector.fromArray(S, ct, cr + ldt);
      FloatVector q2 = FloatVector.fromArray(S, ct, cr + 2 * ldt);
      FloatVector q3 = FloatVector.fromArray(S, ct, cr + 3 * ldt);
      FloatVector q4 = FloatVector.fromArray(S, ct, cr + 4 * ldt);
      FloatVector q5 = FloatVector.fromArray(S, ct, cr + 5 * ldt);
      FloatVector q6 = FloatVector.fromArray(S, ct, cr + 6 * ldt);
      FloatVector q7 = FloatVector.fromArray(S, ct, cr + 7 * ldt);
      for (int p = 0; p < kt; p++) {
        int q = ar + p * cs;
        FloatVector b0 = FloatVector.fromArray(S, bt, p * ldt + j);
        q0 = b0.fma(FloatVector.broadcast(S, a[q]), q0);
        q1 = b0.fma(FloatVector.broadcast(S, a[q + rs]), q1);
        q2 = b0.fma(FloatVector.broadcast(S, a[q + 2 * rs]), q2);
        q3 = b0.fma(FloatVector.broadcast(S, a[q + 3 * rs]), q3);
        q4 = b0.fma(FloatVector.broadcast(S, a[q + 4 * rs]), q4);
        q5 = b0.fma(FloatVector.broadcast(S, a[q + 5 * rs]), q5);
        q6 = b0.fma(FloatVector.broadcast(S, a[q + 6 * rs]), q6);
        q7 = b0.fma(FloatVector.broadcast(S, a[q + 7 * rs]), q7);
      }
      q0.intoArray(ct, cr);
      q1.intoArray(ct, cr + ldt);
      q2.intoArray(ct, cr + 2 * ldt);
      q3.intoArray(ct, cr + 3 * ldt);
      q4.intoArray(ct, cr + 4 * ldt);
      q5.intoArray(ct, cr + 5 * ldt);
      q6.intoArray(ct, cr + 6 * ldt);
      q7.intoArray(ct, cr + 7 * ldt);
    }

    private static void row1x4(
        float[] a, int ar, int cs, int kt, float[] bt, int ldt, int j, float[] ct, int cr) {
      FloatVector x0 = FloatVector.fromArray(S, ct, cr);
      FloatVector x1 = FloatVector.fromArray(S, ct, cr + L);
      FloatVector x2 = FloatVector.fromArray(S, ct, cr + 2 * L);
      FloatVector x3 = FloatVector.fromArray(S, ct, cr + 3 * L);
      for (int p = 0; p < kt; p++) {
        int bo = p * ldt + j;
        FloatVector s = FloatVector.broadcast(S, a[ar + p * cs]);
        x0 = FloatVector.fromArray(S, bt, bo).fma(s, x0);
        x1 = FloatVector.fromArray(S, bt, bo + L).fma(s, x1);
        x2 = FloatVector.fromArray(S, bt, bo + 2 * L).fma(s, x2);
        x3 = FloatVector.fromArray(S, bt, bo + 3 * L).fma(s, x3);
      }
      x0.intoArray(ct, cr);
      x1.intoArray(ct, cr + L);
      x2.intoArray(ct, cr + 2 * L);
      x3.intoArray(ct, cr + 3 * L);
    }

    private static void row1x1(
        float[] a, int ar, int cs, int kt, float[] bt, int ldt, int j, float[] ct, int cr) {
      FloatVector x = FloatVector.fromArray(S, ct, cr);
      for (int p = 0; p < kt; p++) {
        x =
            FloatVector.fromArray(S, bt, p * ldt + j)
                .fma(FloatVector.broadcast(S, a[ar + p * cs]), x);
      }
      x.intoArray(ct, cr);
    }
  }
}
