package dev.descent.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OpsTest {

  static java.util.stream.Stream<Blas> implementations() {
    return BlasTest.implementations();
  }

  private static Tensor random(SplittableRandom rng, int... shape) {
    Tensor t = Tensor.zeros(shape);
    float[] d = t.data();
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) rng.nextGaussian();
    }
    return t;
  }

  /** Element (i, j) of op(x), x viewed as rows x cols. */
  private static double op(Tensor x, boolean trans, int i, int j) {
    return trans ? x.get(j, i) : x.get(i, j);
  }

  @ParameterizedTest
  @MethodSource("implementations")
  void matmulMatchesTripleLoopForEveryTransposeAlphaAndBeta(Blas blas) {
    SplittableRandom rng = new SplittableRandom(7);
    int m = 5;
    int n = 4;
    int k = 6;
    for (int t = 0; t < 4; t++) {
      boolean ta = (t & 2) != 0;
      boolean tb = (t & 1) != 0;
      Tensor a = ta ? random(rng, k, m) : random(rng, m, k);
      Tensor b = tb ? random(rng, n, k) : random(rng, k, n);
      for (float[] ab : new float[][] {{1f, 0f}, {0.5f, 0f}, {2f, 1f}, {-1f, 0.25f}}) {
        Tensor out = random(rng, m, n);
        Tensor before = out.copy();
        Ops.matmul(blas, a, ta, b, tb, ab[0], ab[1], out);
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            double s = 0;
            for (int p = 0; p < k; p++) {
              s += op(a, ta, i, p) * op(b, tb, p, j);
            }
            double expected = ab[0] * s + ab[1] * before.get(i, j);
            assertThat((double) out.get(i, j))
                .as(
                    "%s ta=%b tb=%b alpha=%s beta=%s (%d,%d)",
                    blas.name(), ta, tb, ab[0], ab[1], i, j)
                .isCloseTo(expected, Offset.offset(1e-5 * (1 + Math.abs(expected))));
          }
        }
      }
    }
  }

  @Test
  void matmulViewsHigherRankTensorsAsRowsByColumns() {
    Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 2); // 2 x 4
    Tensor b = Tensor.of(new float[] {1, 0, 0, 1, 1, 1, 2, -1}, 4, 2);
    Tensor out = Tensor.zeros(2, 2);
    Ops.matmul(a, b, out);
    // row 0: [1 2 3 4] . columns [1 0 1 2], [0 1 1 -1]
    assertThat(out.data()).containsExactly(12f, 1f, 28f, 5f);
  }

  @Test
  void matmulBetaZeroIgnoresNaNInTheOutput() {
    Tensor out = Tensor.zeros(1, 1).fill(Float.NaN);
    Ops.matmul(Tensor.of(new float[] {2}, 1, 1), Tensor.of(new float[] {3}, 1, 1), out);
    assertThat(out.data()).containsExactly(6f);
  }

  @Test
  void matmulPropagatesNonFiniteInputsOnlyToTheirRows() {
    Tensor a = Tensor.of(new float[] {Float.NaN, 1, Float.POSITIVE_INFINITY, 1, 1, 2}, 3, 2);
    Tensor out = Tensor.zeros(3, 2);
    Ops.matmul(a, Tensor.zeros(2, 2).fill(1f), out);
    assertThat(out.get(0, 0)).isNaN();
    assertThat(out.get(0, 1)).isNaN();
    assertThat(out.get(1, 0)).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(out.get(1, 1)).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(out.get(2, 0)).isEqualTo(3f);
    assertThat(out.get(2, 1)).isEqualTo(3f);
  }

  @Test
  void matmulRejectsMismatchedShapes() {
    Tensor a = Tensor.zeros(2, 3);
    assertThatThrownBy(() -> Ops.matmul(a, Tensor.zeros(4, 5), Tensor.zeros(2, 5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("inner dimensions differ: op(a) is 2 x 3, op(b) is 4 x 5");
    assertThatThrownBy(
            () ->
                Ops.matmul(
                    Blas.defaultBlas(),
                    a,
                    true,
                    Tensor.zeros(3, 4),
                    false,
                    1f,
                    0f,
                    Tensor.zeros(3, 4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("inner dimensions differ: op(a) is 3 x 2, op(b) is 3 x 4");
    assertThatThrownBy(() -> Ops.matmul(a, Tensor.zeros(3, 5), Tensor.zeros(3, 5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("out must be 2 x 5, got [3, 5]");
    assertThatThrownBy(() -> Ops.matmul(a, Tensor.zeros(3, 5), Tensor.zeros(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("out must be 2 x 5, got [10]");
  }

  @Test
  void matmulRejectsOutputSharingAnInputArray() {
    Tensor a = Tensor.zeros(2, 2);
    Tensor b = Tensor.zeros(2, 2);
    assertThatThrownBy(() -> Ops.matmul(a, b, a))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("out must not share its array with a or b");
    assertThatThrownBy(() -> Ops.matmul(a, b, b.reshape(4, 1).reshape(2, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("out must not share its array with a or b");
    Tensor out = Tensor.zeros(2, 2);
    Ops.matmul(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2), a.fill(1f), out);
    Ops.matmul(Blas.defaultBlas(), a, false, a, true, 1f, 0f, out);
    assertThat(out.data()).as("a times its own transpose is allowed").containsOnly(2f);
  }

  @Test
  void matmulRejectsNulls() {
    Tensor x = Tensor.zeros(2, 2);
    assertThatThrownBy(() -> Ops.matmul(null, x, x.copy()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a must not be null");
    assertThatThrownBy(() -> Ops.matmul(x, null, x.copy()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("b must not be null");
    assertThatThrownBy(() -> Ops.matmul(x, x, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("out must not be null");
    assertThatThrownBy(() -> Ops.matmul(null, x, false, x, false, 1f, 0f, x.copy()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("blas must not be null");
  }

  @Property(tries = 20)
  void addRowVectorAddsToEveryRow(
      @ForAll @IntRange(min = 1, max = 7) int rows, @ForAll @IntRange(min = 1, max = 7) int cols) {
    SplittableRandom rng = new SplittableRandom(rows * 13L + cols);
    Tensor x = random(rng, rows, cols);
    Tensor before = x.copy();
    Tensor row = random(rng, cols);
    Ops.addRowVector(x, row);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        assertThat(x.get(i, j)).isEqualTo(before.get(i, j) + row.data()[j]);
      }
    }
  }

  @Test
  void addRowVectorRejectsWrongLengthAndNull() {
    Tensor x = Tensor.zeros(2, 3);
    assertThatThrownBy(() -> Ops.addRowVector(x, Tensor.zeros(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("row must have 3 elements to match x's columns, got 2");
    assertThatThrownBy(() -> Ops.addRowVector(null, Tensor.zeros(3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("x must not be null");
    assertThatThrownBy(() -> Ops.addRowVector(x, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("row must not be null");
    assertThat(x.data()).containsOnly(0f);
  }

  @Property(tries = 20)
  void sumRowsIsTheColumnSumAndOverwritesTheOutput(
      @ForAll @IntRange(min = 1, max = 9) int rows, @ForAll @IntRange(min = 1, max = 9) int cols) {
    SplittableRandom rng = new SplittableRandom(rows * 17L + cols);
    Tensor x = random(rng, rows, cols);
    Tensor out = Tensor.zeros(cols).fill(Float.NaN);
    Ops.sumRows(x, out);
    for (int j = 0; j < cols; j++) {
      double s = 0;
      for (int i = 0; i < rows; i++) {
        s += x.get(i, j);
      }
      assertThat((double) out.data()[j]).isCloseTo(s, Offset.offset(1e-5 * (1 + rows)));
    }
  }

  @Test
  void sumRowsRejectsWrongLengthAliasingAndNull() {
    Tensor x = Tensor.zeros(2, 3);
    assertThatThrownBy(() -> Ops.sumRows(x, Tensor.zeros(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("out must have 3 elements to match x's columns, got 2");
    Tensor single = Tensor.of(new float[] {1, 2, 3}, 1, 3);
    assertThatThrownBy(() -> Ops.sumRows(single, single.reshape(3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("out must not share its array with x");
    assertThat(single.data()).containsExactly(1f, 2f, 3f);
    assertThatThrownBy(() -> Ops.sumRows(null, Tensor.zeros(3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("x must not be null");
    assertThatThrownBy(() -> Ops.sumRows(x, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("out must not be null");
  }

  @Test
  void axpyAddsAScaledCopy() {
    SplittableRandom rng = new SplittableRandom(3);
    Tensor x = random(rng, 3, 4);
    Tensor y = random(rng, 3, 4);
    Tensor before = y.copy();
    Ops.axpy(-0.5f, x, y);
    for (int i = 0; i < y.size(); i++) {
      assertThat(y.data()[i]).isEqualTo(before.data()[i] + -0.5f * x.data()[i]);
    }
  }

  @Test
  void axpyOfATensorWithItselfScalesIt() {
    Tensor y = Tensor.of(new float[] {1, -2, 4}, 3);
    Ops.axpy(2f, y, y);
    assertThat(y.data()).containsExactly(3f, -6f, 12f);
  }

  @Test
  void axpyRejectsDifferentShapesAndNull() {
    assertThatThrownBy(() -> Ops.axpy(1f, Tensor.zeros(2, 3), Tensor.zeros(3, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("x has shape [2, 3] but y has shape [3, 2]");
    assertThatThrownBy(() -> Ops.axpy(1f, null, Tensor.zeros(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("x must not be null");
    assertThatThrownBy(() -> Ops.axpy(1f, Tensor.zeros(2), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("y must not be null");
  }

  @Test
  void scaleMultipliesEveryElementFollowingIeeeRules() {
    Tensor x = Tensor.of(new float[] {1, -2, 0.5f, Float.POSITIVE_INFINITY}, 4);
    Ops.scale(3f, x);
    assertThat(x.data()).containsExactly(3f, -6f, 1.5f, Float.POSITIVE_INFINITY);
    Ops.scale(0f, x);
    assertThat(x.data()[0]).isEqualTo(0f);
    assertThat(x.data()[3]).as("0 * inf").isNaN();
    assertThatThrownBy(() -> Ops.scale(1f, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("x must not be null");
  }

  @Property(tries = 20)
  void argmaxRowsFindsTheFirstLargestElement(
      @ForAll @IntRange(min = 1, max = 6) int rows, @ForAll @IntRange(min = 1, max = 6) int cols) {
    SplittableRandom rng = new SplittableRandom(rows * 19L + cols);
    Tensor x = Tensor.zeros(rows, cols);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = rng.nextInt(4); // small integers make ties common
    }
    int[] out = new int[rows + 2];
    out[rows] = -7;
    Ops.argmaxRows(x, out);
    for (int i = 0; i < rows; i++) {
      int best = 0;
      for (int j = 1; j < cols; j++) {
        if (x.get(i, j) > x.get(i, best)) {
          best = j;
        }
      }
      assertThat(out[i]).as("row %d", i).isEqualTo(best);
    }
    assertThat(out[rows]).as("entries past the rows untouched").isEqualTo(-7);
  }

  @Test
  void argmaxRowsReportsTheFirstNaN() {
    Tensor x =
        Tensor.of(
            new float[] {
              1,
              Float.NaN,
              5,
              Float.NaN,
              Float.NaN,
              9,
              9,
              9,
              Float.NEGATIVE_INFINITY,
              -1,
              Float.POSITIVE_INFINITY,
              2
            },
            3,
            4);
    int[] out = new int[3];
    Ops.argmaxRows(x, out);
    assertThat(out).containsExactly(1, 0, 2);
  }

  @Test
  void argmaxRowsRejectsShortOutputAndNull() {
    assertThatThrownBy(() -> Ops.argmaxRows(Tensor.zeros(3, 2), new int[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("out must hold 3 indices, has length 2");
    assertThatThrownBy(() -> Ops.argmaxRows(null, new int[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("x must not be null");
    assertThatThrownBy(() -> Ops.argmaxRows(Tensor.zeros(3, 2), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("out must not be null");
  }

  @Test
  void requireSameShapeNamesBothArguments() {
    Ops.requireSameShape("p", Tensor.zeros(2, 3), "q", Tensor.zeros(2, 3));
    assertThatThrownBy(() -> Ops.requireSameShape("p", Tensor.zeros(6), "q", Tensor.zeros(2, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("p has shape [6] but q has shape [2, 3]");
    assertThatThrownBy(() -> Ops.requireSameShape("p", Tensor.zeros(6), "q", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("q must not be null");
  }

  @Test
  void requireFiniteNamesTheFirstNonFiniteElement() {
    Ops.requireFinite("w", Tensor.of(new float[] {Float.MAX_VALUE, -Float.MAX_VALUE, 0f}, 3));
    assertThatThrownBy(
            () -> Ops.requireFinite("w", Tensor.of(new float[] {0, 1, Float.NaN, Float.NaN}, 4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("w must be finite, but element 2 is NaN");
    assertThatThrownBy(
            () -> Ops.requireFinite("grad", Tensor.of(new float[] {Float.NEGATIVE_INFINITY}, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("grad must be finite, but element 0 is -Infinity");
    assertThatThrownBy(
            () -> Ops.requireFinite("g", Tensor.of(new float[] {1, Float.POSITIVE_INFINITY}, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("g must be finite, but element 1 is Infinity");
    assertThatThrownBy(() -> Ops.requireFinite("g", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("g must not be null");
  }
}
