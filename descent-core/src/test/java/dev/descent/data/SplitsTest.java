package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitsTest {

  /** Example i: features {i, 10 + 2i, 5}, label i mod 2. */
  private static Dataset data(String name, int n, int offset) {
    float[] x = new float[3 * n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      x[3 * i] = i + offset;
      x[3 * i + 1] = 10 + 2 * (i + offset);
      x[3 * i + 2] = 5;
      y[i] = i % 2;
    }
    return Dataset.ofFloats(name, x, 3, y, 2);
  }

  @Test
  void trainLimitTakesTheFirstExamples() {
    Splits s = Splits.of(data("train", 10, 0), data("test", 4, 100)).trainLimit(3);
    assertThat(s.train().size()).isEqualTo(3);
    assertThat(s.train().get(2, 0)).isEqualTo(2f);
    assertThat(s.test().size()).isEqualTo(4);
    assertThatThrownBy(() -> Splits.of(data("a", 10, 0), data("b", 1, 0)).trainLimit(11))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("train limit must be in [1, 10], got 11");
  }

  @Test
  void validationIsASeededDisjointCarveOutOfTraining() {
    Splits base = Splits.of(data("train", 100, 0), data("test", 4, 100));
    Splits a = base.withValidation(0.2, 5);
    Splits b = base.withValidation(0.2, 5);
    Splits c = base.withValidation(0.2, 6);
    assertThat(a.validation().size()).isEqualTo(20);
    assertThat(a.train().size()).isEqualTo(80);
    Set<Float> all = new HashSet<>();
    float[] held = column0(a.validation());
    float[] kept = column0(a.train());
    for (float v : held) {
      all.add(v);
    }
    for (float v : kept) {
      all.add(v);
    }
    assertThat(all).hasSize(100);
    assertThat(held).isSorted();
    assertThat(held).isEqualTo(column0(b.validation()));
    assertThat(held).isNotEqualTo(column0(c.validation()));
    assertThat(held).as("not just the first 20").isNotEqualTo(column0(base.train().head(20)));
    // The book: validation_num = int(n × rate).
    assertThat(
            Splits.of(data("t", 7, 0), data("u", 1, 0)).withValidation(0.3, 0).validation().size())
        .isEqualTo(2);
    assertThatThrownBy(() -> base.withValidation(1.0, 0))
        .hasMessage("validation fraction must be in (0, 1), got 1.0");
    assertThatThrownBy(() -> Splits.of(data("t", 3, 0), data("u", 1, 0)).withValidation(0.2, 0))
        .hasMessage(
            "validation fraction 0.2 of 3 training examples leaves 0 for validation and 3 for"
                + " training; both need at least 1");
    assertThatThrownBy(() -> a.withValidation(0.1, 0)).isInstanceOf(IllegalStateException.class);
  }

  private static float[] column0(Dataset d) {
    float[] out = new float[d.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = d.get(i, 0);
    }
    return out;
  }

  @Test
  void standardizeUsesTrainingStatisticsOnly() {
    Splits s =
        Splits.of(data("train", 10, 0), data("test", 4, 100)).normalized(Normalization.STANDARDIZE);
    // Textbook: mean and population standard deviation of the training column.
    double mean0 = 4.5;
    double sd0 = Math.sqrt(8.25);
    for (int i = 0; i < 10; i++) {
      assertThat(s.train().get(i, 0)).isCloseTo((float) ((i - mean0) / sd0), within(1e-6f));
      assertThat(s.train().get(i, 1)).isCloseTo((float) ((i - mean0) / sd0), within(1e-6f));
      assertThat(s.train().get(i, 2)).as("constant column is only centred").isZero();
    }
    assertThat(s.test().get(0, 0)).isCloseTo((float) ((100 - mean0) / sd0), within(1e-4f));
    double sum = 0;
    double sq = 0;
    for (int i = 0; i < 10; i++) {
      sum += s.train().get(i, 1);
      sq += s.train().get(i, 1) * s.train().get(i, 1);
    }
    assertThat(sum / 10).isCloseTo(0, within(1e-6));
    assertThat(sq / 10).isCloseTo(1, within(1e-5));
  }

  @Test
  void unitRangeUsesTrainingMinAndMax() {
    Splits s =
        Splits.of(data("train", 11, 0), data("test", 2, 20))
            .withValidation(0.2, 1)
            .normalized(Normalization.UNIT_RANGE);
    float[] row = new float[3];
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    for (int i = 0; i < s.train().size(); i++) {
      s.train().row(i, row, 0);
      min = Math.min(min, row[0]);
      max = Math.max(max, row[0]);
      assertThat(row[1]).isCloseTo(row[0], within(1e-6f));
      assertThat(row[2]).isZero();
    }
    assertThat(min).isZero();
    assertThat(max).isEqualTo(1f);
    // Statistics came from the 9 remaining training rows, not from validation or test.
    float[] kept =
        column0(
            Splits.of(data("train", 11, 0), data("test", 2, 20)).withValidation(0.2, 1).train());
    float lo = kept[0];
    float hi = kept[kept.length - 1];
    assertThat(s.test().get(0, 0)).isCloseTo((20 - lo) / (hi - lo), within(1e-6f));
  }

  @Test
  void imagesAreDividedBy255ExactlyAsNumpyDoes() {
    byte[] px = {0, 1, (byte) 128, (byte) 204, (byte) 255, 7};
    Dataset d = Dataset.ofBytes("img", px, 3, new int[] {0, 1}, 2);
    Splits s = Splits.of(d, d).normalized(Normalization.UNIT_RANGE);
    float[] out = s.test().toFloats();
    for (int k = 0; k < px.length; k++) {
      assertThat(out[k]).isEqualTo((float) (px[k] & 0xff) / 255f);
    }
    assertThat(Splits.of(d, d).normalized(Normalization.NONE).train().toFloats())
        .containsExactly(0, 1, 128, 204, 255, 7);
  }

  @Test
  void partsMustAgreeInShape() {
    Dataset three = data("a", 2, 0);
    Dataset two = Dataset.ofFloats("b", new float[4], 2, new int[] {0, 1}, 2);
    assertThatThrownBy(() -> Splits.of(three, two))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "test data must have the training data's 3 features and 2 classes, got 2 and 2");
  }

  @Test
  void oneHotAndDatasetChecks() {
    float[] out = new float[9];
    Arrays.fill(out, 7f);
    Dataset.oneHot(new int[] {2, 0, 1}, 3, 3, out);
    assertThat(out).containsExactly(0, 0, 1, 1, 0, 0, 0, 1, 0);
    assertThatThrownBy(() -> Dataset.oneHot(new int[] {3}, 1, 3, out))
        .hasMessage("labels[0] must be in [0, 3), got 3");
    assertThatThrownBy(() -> Dataset.ofFloats("x", new float[3], 2, new int[] {0, 1}, 2))
        .hasMessage("features must have labels.length × cols = 2 × 2 = 4 values, got 3");
    assertThatThrownBy(() -> Dataset.ofFloats("x", new float[2], 1, new int[] {0, 2}, 2))
        .hasMessage("labels[1] must be in [0, 2), got 2");
  }
}
