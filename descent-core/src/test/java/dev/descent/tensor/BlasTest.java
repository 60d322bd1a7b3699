package dev.descent.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BlasTest {

  static Stream<Blas> implementations() {
    Blas nativeBlas = NetlibBlas.tryLoad();
    return nativeBlas == null ? Stream.of(new JavaBlas()) : Stream.of(new JavaBlas(), nativeBlas);
  }

  /** Textbook triple loop in double precision: the oracle. */
  static double[] reference(
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
    double[] out = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          double aip = ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
          double bpj = tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
          s += aip * bpj;
        }
        double prev = beta == 0f ? 0 : beta * (double) c[cOff + i * ldc + j];
        out[i * n + j] = alpha * s + prev;
      }
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("implementations")
  void matchesTripleLoopAtMlpShapesWithAllTransposes(Blas blas) {
    int[][] shapes = {
      {128, 100, 784}, {128, 100, 100}, {100, 784, 128}, {128, 784, 100}, {3, 5, 7}
    };
    SplittableRandom rng = new SplittableRandom(1);
    for (int[] s : shapes) {
      for (int t = 0; t < 4; t++) {
        checkAgainstReference(blas, rng, t >= 2, (t & 1) == 1, s[0], s[1], s[2], 0, 0);
      }
    }
  }

  @Property(tries = 60)
  void matchesTripleLoopOnRandomShapesOffsetsAndPadding(
      @ForAll @IntRange(min = 1, max = 40) int m,
      @ForAll @IntRange(min = 1, max = 40) int n,
      @ForAll @IntRange(min = 1, max = 40) int k,
      @ForAll boolean ta,
      @ForAll boolean tb,
      @ForAll @IntRange(min = 0, max = 3) int pad,
      @ForAll @IntRange(min = 0, max = 5) int offset) {
    SplittableRandom rng = new SplittableRandom(m * 31L + n * 7L + k);
    implementations().forEach(b -> checkAgainstReference(b, rng, ta, tb, m, n, k, pad, offset));
  }

  private static void checkAgainstReference(
      Blas blas,
      SplittableRandom rng,
      boolean ta,
      boolean tb,
      int m,
      int n,
      int k,
      int pad,
      int offset) {
    int lda = (ta ? m : k) + pad;
    int ldb = (tb ? k : n) + pad;
    int ldc = n + pad;
    float[] a = random(rng, offset + (ta ? k : m) * lda);
    float[] b = random(rng, offset + (tb ? n : k) * ldb);
    float[] c = random(rng, offset + m * ldc);
    float alpha = 0.5f + (float) rng.nextDouble();
    float beta = rng.nextBoolean() ? 0f : 0.75f;
    double[] expected =
        reference(ta, tb, m, n, k, alpha, a, offset, lda, b, offset, ldb, beta, c, offset, ldc);
    float[] before = c.clone();
    blas.sgemm(ta, tb, m, n, k, alpha, a, offset, lda, b, offset, ldb, beta, c, offset, ldc);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double e = expected[i * n + j];
        // float accumulation of k products of N(0,1) terms: error grows like sqrt(k) ulps
        double tol = 1e-5 * Math.sqrt(k) * (Math.abs(e) + Math.sqrt(k));
        assertThat((double) c[offset + i * ldc + j])
            .as("%s C[%d,%d] for ta=%b tb=%b m=%d n=%d k=%d", blas.name(), i, j, ta, tb, m, n, k)
            .isCloseTo(e, org.assertj.core.data.Offset.offset(tol));
      }
      for (int j = n; j < ldc && i * ldc + j + offset < c.length; j++) {
        assertThat(c[offset + i * ldc + j])
            .as("padding untouched")
            .isEqualTo(before[offset + i * ldc + j]);
      }
    }
    for (int i = 0; i < offset; i++) {
      assertThat(c[i]).as("elements before the offset untouched").isEqualTo(before[i]);
    }
  }

  @ParameterizedTest
  @MethodSource("implementations")
  void betaZeroIgnoresNaNInOutput(Blas blas) {
    float[] c = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
    blas.sgemm(
        false, false, 2, 2, 1, 1f, new float[] {1, 2}, 0, 1, new float[] {3, 4}, 0, 2, 0f, c, 0, 2);
    assertThat(c).containsExactly(3f, 4f, 6f, 8f);
  }

  @ParameterizedTest
  @MethodSource("implementations")
  void rejectsOutOfBoundsAndBadSizes(Blas blas) {
    float[] a = new float[6];
    float[] b = new float[6];
    float[] c = new float[4];
    assertThatThrownBy(() -> blas.sgemm(false, false, 2, 2, 3, 1f, a, 1, 3, b, 0, 2, 0f, c, 0, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("A is 2 x 3")
        .hasMessageContaining("array has 6");
    assertThatThrownBy(() -> blas.sgemm(false, false, 2, 2, 3, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lda must be >= 3");
    assertThatThrownBy(() -> blas.sgemm(false, false, 0, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("m=0");
    assertThatThrownBy(() -> blas.sgemm(false, false, 2, 3, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ldb must be >= 3");
  }

  @org.junit.jupiter.api.Test
  void defaultIsNativeWhenOpenBlasIsInstalled() {
    // CI installs libopenblas0; without it the pure-Java path is the documented fallback.
    boolean installed =
        java.nio.file.Files.exists(java.nio.file.Path.of("/usr/lib/x86_64-linux-gnu/libblas.so.3"));
    if (installed) {
      assertThat(Blas.defaultBlas().isNative()).isTrue();
      assertThat(Blas.defaultBlas().name()).contains("native");
    } else {
      assertThat(Blas.defaultBlas()).isInstanceOf(JavaBlas.class);
    }
  }

  static float[] random(SplittableRandom rng, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) rng.nextGaussian();
    }
    return x;
  }
}
