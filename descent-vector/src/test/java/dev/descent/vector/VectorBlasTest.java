package dev.descent.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.descent.tensor.Blas;
import dev.descent.tensor.JavaBlas;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class VectorBlasTest {
  private final VectorBlas blas = new VectorBlas();

  /** Both kernel families: for 32 vector registers and for 16, whichever this CPU has. */
  private static final VectorBlas[] KERNELS = {new VectorBlas(true), new VectorBlas(false)};

  /** One gemm call's operands, with padding around every matrix to catch stray reads and writes. */
  private record Call(
      boolean ta,
      boolean tb,
      int m,
      int n,
      int k,
      float alpha,
      float[] a,
      int aOff,
      int lda,
      float[] b,
      int bOff,
      int ldb,
      float beta,
      float[] c,
      int cOff,
      int ldc) {

    static Call random(
        SplittableRandom rng,
        boolean ta,
        boolean tb,
        int m,
        int n,
        int k,
        float alpha,
        float beta) {
      int aRows = ta ? k : m;
      int aCols = ta ? m : k;
      int bRows = tb ? n : k;
      int bCols = tb ? k : n;
      int lda = aCols + rng.nextInt(3);
      int ldb = bCols + rng.nextInt(3);
      int ldc = n + rng.nextInt(3);
      int aOff = rng.nextInt(4);
      int bOff = rng.nextInt(4);
      int cOff = rng.nextInt(4);
      return new Call(
          ta,
          tb,
          m,
          n,
          k,
          alpha,
          values(rng, aOff + (aRows - 1) * lda + aCols + 3),
          aOff,
          lda,
          values(rng, bOff + (bRows - 1) * ldb + bCols + 3),
          bOff,
          ldb,
          beta,
          values(rng, cOff + (m - 1) * ldc + n + 3),
          cOff,
          ldc);
    }

    float a(int i, int p) {
      return ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
    }

    float b(int p, int j) {
      return tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
    }

    float[] run(Blas blas) {
      float[] out = c.clone();
      blas.sgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, out, cOff, ldc);
      return out;
    }

    /**
     * The documented result, element by element: acc = fma(op(A)[i,p], op(B)[p,j], acc) over p from
     * 0, then alpha * acc + beta * C in float; everything outside C's block unchanged.
     */
    float[] expected() {
      float[] out = c.clone();
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          float acc = 0f;
          for (int p = 0; p < k; p++) {
            acc = Math.fma(a(i, p), b(p, j), acc);
          }
          int at = cOff + i * ldc + j;
          out[at] = beta == 0f ? alpha * acc : alpha * acc + beta * c[at];
        }
      }
      return out;
    }

    /** The product in double, the textbook oracle the exact loop above must also be near. */
    double product(int i, int j) {
      double s = 0;
      for (int p = 0; p < k; p++) {
        s += (double) a(i, p) * b(p, j);
      }
      return alpha * s + (beta == 0f ? 0 : beta * (double) c[cOff + i * ldc + j]);
    }
  }

  private static float[] values(SplittableRandom rng, int length) {
    float[] v = new float[length];
    for (int i = 0; i < length; i++) {
      v[i] = (float) (rng.nextDouble() * 2 - 1);
    }
    return v;
  }

  private static void assertSameBits(float[] actual, float[] expected, String what) {
    for (int i = 0; i < expected.length; i++) {
      if (Float.floatToRawIntBits(actual[i]) != Float.floatToRawIntBits(expected[i])) {
        throw new AssertionError(
            what + ": element " + i + " is " + actual[i] + ", expected " + expected[i]);
      }
    }
  }

  @Test
  void isExactlyTheFmaLoopAtTheMlpShapesWithEveryTranspose() {
    SplittableRandom rng = new SplittableRandom(1);
    int[][] shapes = {
      {64, 100, 784},
      {784, 100, 64},
      {64, 784, 100},
      {64, 100, 100},
      {100, 100, 64},
      {64, 10, 100},
      {1, 100, 64},
      {1000, 10, 100}
    };
    for (int[] s : shapes) {
      for (int t = 0; t < 4; t++) {
        Call call = Call.random(rng, t >= 2, (t & 1) == 1, s[0], s[1], s[2], 1f, 0f);
        float[] expected = call.expected();
        for (VectorBlas kernels : KERNELS) {
          assertSameBits(
              call.run(kernels),
              expected,
              "transposes " + t + ", shape " + s[0] + "x" + s[1] + "x" + s[2]);
        }
      }
    }
  }

  @Test
  void coversEveryBlockingEdge() {
    // Rows around the kernels' heights (3, 4, 8) and the 240-row chunks, columns around whole
    // vectors and the 8-vector column blocks, depths around the 64-row tiles.
    SplittableRandom rng = new SplittableRandom(2);
    int[] ms = {1, 2, 3, 5, 7, 8, 9, 239, 240, 241, 500};
    int[] ns = {1, 7, 15, 16, 17, 33, 63, 64, 65, 100, 127, 128, 129, 200, 257};
    int[] ks = {1, 2, 63, 64, 65, 129};
    for (int m : ms) {
      for (int n : ns) {
        int k = ks[rng.nextInt(ks.length)];
        boolean ta = rng.nextBoolean();
        boolean tb = rng.nextBoolean();
        Call call = Call.random(rng, ta, tb, m, n, k, 1f, 0f);
        float[] expected = call.expected();
        for (VectorBlas kernels : KERNELS) {
          assertSameBits(call.run(kernels), expected, "m=" + m + " n=" + n + " k=" + k);
        }
      }
    }
  }

  @Property(tries = 60)
  void anyShapeAlphaAndBetaGiveTheFmaLoopAndTheProduct(
      @ForAll @IntRange(min = 1, max = 70) int m,
      @ForAll @IntRange(min = 1, max = 150) int n,
      @ForAll @IntRange(min = 1, max = 140) int k,
      @ForAll @IntRange(min = 0, max = 15) int flags,
      @ForAll @IntRange(min = 0, max = 1000) int seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] alphas = {1f, -0.5f, 2.25f, 1f};
    float[] betas = {0f, 1f, 0.5f, -1.5f};
    Call call =
        Call.random(
            rng,
            (flags & 1) != 0,
            (flags & 2) != 0,
            m,
            n,
            k,
            alphas[(flags >> 2) & 3],
            betas[seed & 3]);
    float[] out = call.run(KERNELS[seed % 2]);
    assertSameBits(out, call.expected(), "the fma loop");
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double want = call.product(i, j);
        assertThat((double) out[call.cOff() + i * call.ldc() + j])
            .as("C[%d,%d]", i, j)
            .isCloseTo(want, offset(1e-5 * (k + 4)));
      }
    }
  }

  @Test
  void agreesWithThePlainJavaFallbackToFloatRounding() {
    SplittableRandom rng = new SplittableRandom(3);
    Call call = Call.random(rng, false, true, 37, 113, 300, 1f, 0.5f);
    float[] vector = call.run(blas);
    float[] plain = call.run(new JavaBlas());
    for (int i = 0; i < vector.length; i++) {
      assertThat(vector[i]).isCloseTo(plain[i], offset(2e-5f));
    }
  }

  @Test
  void betaZeroIgnoresNaNInCAndAlphaZeroIgnoresA() {
    float[] a = {1, 2, 3, 4};
    float[] b = {1, 0, 0, 1};
    float[] c = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
    blas.sgemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
    assertThat(c).containsExactly(1, 2, 3, 4);

    float[] nanA = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
    float[] c2 = {1, 2, 3, 4};
    blas.sgemm(false, false, 2, 2, 2, 0f, nanA, 0, 2, b, 0, 2, 3f, c2, 0, 2);
    assertThat(c2).containsExactly(3, 6, 9, 12);
    blas.sgemm(false, false, 2, 2, 2, 0f, nanA, 0, 2, b, 0, 2, 0f, c2, 0, 2);
    assertThat(c2).containsExactly(0, 0, 0, 0);
  }

  @Test
  void rejectsBadSizesAndOutOfBoundsBeforeTouchingAnything() {
    float[] a = new float[6];
    float[] b = new float[6];
    float[] c = {7, 7, 7, 7};
    assertThatThrownBy(() -> blas.sgemm(false, false, 2, 2, 3, 1f, a, 1, 3, b, 0, 2, 0f, c, 0, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("A");
    assertThatThrownBy(() -> blas.sgemm(false, false, 0, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("m, n, k must be positive");
    assertThat(c).containsExactly(7, 7, 7, 7);
  }

  @Test
  void threadsGetTheSameBitsAsOneThread() throws Exception {
    SplittableRandom rng = new SplittableRandom(4);
    List<Call> calls = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      calls.add(Call.random(rng, i % 2 == 0, i % 3 == 0, 30 + 40 * i, 100, 64 + 30 * i, 1f, 0f));
    }
    List<float[]> serial = new ArrayList<>();
    for (Call call : calls) {
      serial.add(call.run(blas));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 3; round++) {
        List<Future<float[]>> results = new ArrayList<>();
        for (Call call : calls) {
          results.add(pool.submit(() -> call.run(blas)));
        }
        for (int i = 0; i < calls.size(); i++) {
          assertSameBits(results.get(i).get(), serial.get(i), "call " + i);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void isRegisteredForTheDefaultChoiceAndNamesItsVectors() {
    assertThat(VectorBlas.isSupported()).isTrue();
    assertThat(ServiceLoader.load(Blas.class).stream().map(p -> p.type().getName()))
        .contains(VectorBlas.class.getName());
    assertThat(blas.isNative()).isFalse();
    assertThat(blas.name()).matches("pure Java, Vector API \\(\\d+-bit vectors\\)");
  }
}
