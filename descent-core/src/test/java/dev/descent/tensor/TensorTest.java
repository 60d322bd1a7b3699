package dev.descent.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TensorTest {

  @Test
  void zerosHasTheShapeAndOnlyZeros() {
    Tensor t = Tensor.zeros(2, 3, 4);
    assertThat(t.shape()).containsExactly(2, 3, 4);
    assertThat(t.rank()).isEqualTo(3);
    assertThat(t.size()).isEqualTo(24);
    assertThat(t.data()).hasSize(24).containsOnly(0f);
    assertThat(t.dim(0)).isEqualTo(2);
    assertThat(t.dim(2)).isEqualTo(4);
  }

  @Test
  void rowsAndColsViewTrailingDimensionsAsColumns() {
    Tensor t = Tensor.zeros(2, 3, 4);
    assertThat(t.rows()).isEqualTo(2);
    assertThat(t.cols()).isEqualTo(12);
    Tensor v = Tensor.zeros(5);
    assertThat(v.rows()).isEqualTo(5);
    assertThat(v.cols()).isEqualTo(1);
  }

  @Test
  void rejectsInvalidShapesNamingTheDimension() {
    assertThatThrownBy(() -> Tensor.zeros())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shape must have at least one dimension");
    assertThatThrownBy(() -> Tensor.zeros((int[]) null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shape must have at least one dimension");
    assertThatThrownBy(() -> Tensor.zeros(3, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shape[1] must be positive, got 0 in [3, 0]");
    assertThatThrownBy(() -> Tensor.zeros(-2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shape[0] must be positive, got -2 in [-2]");
    assertThatThrownBy(() -> Tensor.zeros(65536, 65536))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shape [65536, 65536] has more than 2^31 - 9 elements");
    assertThatThrownBy(() -> Tensor.zeros(1 << 20, 1 << 20, 1 << 20, 1 << 20))
        .as("a volume overflowing long arithmetic is still rejected")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than 2^31 - 9 elements");
  }

  @Test
  void shapeIsADefensiveCopy() {
    int[] dims = {2, 3};
    Tensor t = Tensor.zeros(dims);
    dims[0] = 7;
    assertThat(t.shape()).containsExactly(2, 3);
    t.shape()[1] = 9;
    assertThat(t.shape()).containsExactly(2, 3);
  }

  @Test
  void wrapSharesTheArray() {
    float[] data = {1, 2, 3, 4, 5, 6};
    Tensor t = Tensor.wrap(data, 2, 3);
    assertThat(t.data()).isSameAs(data);
    data[4] = 50f;
    assertThat(t.get(1, 1)).isEqualTo(50f);
  }

  @Test
  void wrapRejectsNullAndLengthMismatch() {
    assertThatThrownBy(() -> Tensor.wrap(null, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("data must not be null");
    assertThatThrownBy(() -> Tensor.wrap(new float[5], 2, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("data has length 5 but shape [2, 3] needs 6 elements");
  }

  @Test
  void ofCopiesTheValues() {
    float[] values = {1, 2, 3, 4};
    Tensor t = Tensor.of(values, 2, 2);
    values[0] = 99f;
    assertThat(t.data()).containsExactly(1f, 2f, 3f, 4f);
    assertThatThrownBy(() -> Tensor.of((float[]) null, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("values must not be null");
    assertThatThrownBy(() -> Tensor.of(new float[3], 2, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("data has length 3 but shape [2, 2] needs 4 elements");
  }

  @Test
  void ofRowsIsRowMajor() {
    float[][] rows = {{1, 2, 3}, {4, 5, 6}};
    Tensor t = Tensor.of(rows);
    assertThat(t.shape()).containsExactly(2, 3);
    assertThat(t.data()).containsExactly(1f, 2f, 3f, 4f, 5f, 6f);
    rows[0][0] = 99f;
    assertThat(t.get(0, 0)).as("copied, not shared").isEqualTo(1f);
  }

  @Test
  void ofRowsRejectsRaggedNullAndEmpty() {
    assertThatThrownBy(() -> Tensor.of(new float[][] {{1, 2}, {3}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rows must be rectangular: row 0 has 2 columns, row 1 has 1");
    assertThatThrownBy(() -> Tensor.of(new float[][] {{1, 2}, null}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rows[1] must not be null");
    assertThatThrownBy(() -> Tensor.of(new float[0][]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rows must be a non-empty array");
    assertThatThrownBy(() -> Tensor.of((float[][]) null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rows must be a non-empty array");
    assertThatThrownBy(() -> Tensor.of(new float[][] {{}, {}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shape[1] must be positive, got 0 in [2, 0]");
  }

  @Property(tries = 30)
  void getAndSetAddressRowMajorElements(
      @ForAll @IntRange(min = 1, max = 6) int rows, @ForAll @IntRange(min = 1, max = 6) int cols) {
    Tensor t = Tensor.zeros(rows, cols);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t.set(i, j, 10 * i + j);
      }
    }
    float[] d = t.data();
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        assertThat(d[i * cols + j]).isEqualTo(10f * i + j);
        assertThat(t.get(i, j)).isEqualTo(10f * i + j);
      }
    }
  }

  @Test
  void getAndSetRejectIndicesOutside() {
    Tensor t = Tensor.zeros(2, 3);
    assertThatThrownBy(() -> t.get(2, 0))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("(2, 0) is outside 2 x 3");
    assertThatThrownBy(() -> t.get(0, 3))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("(0, 3) is outside 2 x 3");
    assertThatThrownBy(() -> t.set(-1, 0, 1f))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("(-1, 0) is outside 2 x 3");
    assertThatThrownBy(() -> t.set(0, -1, 1f)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(t.data()).containsOnly(0f);
  }

  @Test
  void dimRejectsAxesOutsideTheRank() {
    Tensor t = Tensor.zeros(2, 3);
    assertThatThrownBy(() -> t.dim(2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("axis must be in [0, 2), got 2");
    assertThatThrownBy(() -> t.dim(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("axis must be in [0, 2), got -1");
  }

  @Test
  void fillSetsEveryElementAndReturnsThis() {
    Tensor t = Tensor.zeros(3, 2);
    assertThat(t.fill(2.5f)).isSameAs(t);
    assertThat(t.data()).hasSize(6).containsOnly(2.5f);
  }

  @Test
  void copyFromCopiesValuesOfTheSameShape() {
    Tensor src = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
    Tensor dst = Tensor.zeros(2, 2);
    assertThat(dst.copyFrom(src)).isSameAs(dst);
    assertThat(dst.data()).containsExactly(1f, 2f, 3f, 4f).isNotSameAs(src.data());
    assertThatThrownBy(() -> dst.copyFrom(Tensor.zeros(4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("src has shape [4] but this has shape [2, 2]");
    assertThatThrownBy(() -> dst.copyFrom(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("src must not be null");
  }

  @Test
  void copyIsDeep() {
    Tensor t = Tensor.of(new float[] {1, 2, 3}, 3);
    Tensor c = t.copy();
    assertThat(c).isEqualTo(t);
    c.data()[0] = 7f;
    assertThat(t.data()[0]).isEqualTo(1f);
    assertThat(c.shape()).containsExactly(3);
  }

  @Test
  void reshapeSharesDataAndChecksTheElementCount() {
    Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Tensor r = t.reshape(3, 2);
    assertThat(r.data()).isSameAs(t.data());
    assertThat(r.get(2, 1)).isEqualTo(6f);
    assertThat(r.shape()).containsExactly(3, 2);
    assertThatThrownBy(() -> t.reshape(4, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("data has length 6 but shape [4, 2] needs 8 elements");
  }

  @Test
  void sameShapeComparesDimensionsNotSize() {
    Tensor t = Tensor.zeros(2, 3);
    assertThat(t.sameShape(Tensor.zeros(2, 3))).isTrue();
    assertThat(t.sameShape(Tensor.zeros(3, 2))).isFalse();
    assertThat(t.sameShape(Tensor.zeros(6))).isFalse();
    assertThat(t.sameShape(null)).isFalse();
  }

  @Test
  void equalsAndHashCodeCompareShapeAndBits() {
    Tensor a = Tensor.of(new float[] {1, Float.NaN}, 2);
    Tensor b = Tensor.of(new float[] {1, Float.NaN}, 2);
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isEqualTo(a);
    assertThat(a).isNotEqualTo(Tensor.of(new float[] {1, Float.NaN}, 1, 2));
    assertThat(a).isNotEqualTo(Tensor.of(new float[] {1, 2}, 2));
    assertThat(Tensor.of(new float[] {0f}, 1))
        .as("0.0 and -0.0 differ in bits")
        .isNotEqualTo(Tensor.of(new float[] {-0f}, 1));
    assertThat(a).isNotEqualTo(null).isNotEqualTo("tensor");
  }

  @Test
  void toStringShowsShapeAndAtMostEightValues() {
    assertThat(Tensor.of(new float[] {1, 2, 3}, 3)).hasToString("Tensor[3] [1.0, 2.0, 3.0]");
    assertThat(Tensor.zeros(2, 5))
        .hasToString("Tensor[2, 5] [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, ...]");
  }
}
