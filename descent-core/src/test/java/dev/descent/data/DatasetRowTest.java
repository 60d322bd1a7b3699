package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Dataset#row} reads bytes exactly as the documented formula, table or not. */
class DatasetRowTest {
  private static final int COLS = 37;

  private static Dataset bytes(Random rnd, int rows) {
    byte[] b = new byte[rows * COLS];
    rnd.nextBytes(b);
    return Dataset.ofBytes("b", b, COLS, new int[rows], 1);
  }

  private static void assertRowsMatch(Dataset d, byte[] raw, float[] c, float[] div) {
    float[] out = new float[COLS];
    for (int i = 0; i < d.size(); i++) {
      d.row(i, out, 0);
      for (int j = 0; j < COLS; j++) {
        int v = raw[i * COLS + j] & 0xff;
        float expected = c == null ? v : (v - c[j]) / div[j];
        assertThat(Float.floatToRawIntBits(out[j]))
            .as("row %d column %d", i, j)
            .isEqualTo(Float.floatToRawIntBits(expected));
        assertThat(d.get(i, j)).isEqualTo(expected);
      }
    }
  }

  private static byte[] raw(Dataset d) {
    byte[] b = new byte[d.size() * COLS];
    for (int i = 0; i < d.size(); i++) {
      for (int j = 0; j < COLS; j++) {
        b[i * COLS + j] = (byte) d.get(i, j);
      }
    }
    return b;
  }

  @Test
  void rawUniformAndPerColumnRescalingsGiveTheFormulasBits() {
    Random rnd = new Random(3);
    Dataset d = bytes(rnd, 50);
    byte[] raw = raw(d);
    assertRowsMatch(d, raw, null, null);

    float[] zero = new float[COLS];
    float[] d255 = new float[COLS];
    java.util.Arrays.fill(d255, 255f);
    assertRowsMatch(d.rescaled(zero, d255), raw, zero, d255); // the images' [0, 1] scaling

    float[] c = new float[COLS];
    float[] s = new float[COLS];
    for (int j = 0; j < COLS; j++) {
      c[j] = 100f + rnd.nextFloat() * 50;
      s[j] = 10f + rnd.nextFloat() * 80;
    }
    assertRowsMatch(d.rescaled(c, s), raw, c, s); // standardization: one centre per column

    float[] sameC = new float[COLS];
    float[] sameS = new float[COLS];
    java.util.Arrays.fill(sameC, 33.3f);
    java.util.Arrays.fill(sameS, 7.7f);
    Dataset subset = d.subset(new int[] {4, 4, 49, 0});
    byte[] subsetRaw = raw(subset);
    assertRowsMatch(subset.rescaled(sameC, sameS), subsetRaw, sameC, sameS);
  }

  @Test
  void decodedCopyReadsTheSameBitsAndIsMadeOnce() {
    Random rnd = new Random(5);
    Dataset d = bytes(rnd, 40);
    float[] c = new float[COLS];
    float[] s = new float[COLS];
    for (int j = 0; j < COLS; j++) {
      c[j] = rnd.nextFloat() * 100;
      s[j] = 1f + rnd.nextFloat() * 60;
    }
    float[] d255 = new float[COLS];
    java.util.Arrays.fill(d255, 255f);
    Dataset[] views = {
      d, d.rescaled(new float[COLS], d255), d.rescaled(c, s), d.subset(new int[] {7, 7, 39, 0, 12})
    };
    for (Dataset view : views) {
      Dataset decoded = view.decoded();
      assertThat(decoded.storedAsBytes()).isFalse();
      assertThat(decoded.size()).isEqualTo(view.size());
      assertThat(decoded.labels()).isEqualTo(view.labels());
      assertThat(decoded.decoded()).isSameAs(decoded);
      assertThat(view.decoded()).as("made once").isSameAs(decoded);
      float[] expected = new float[COLS];
      float[] actual = new float[COLS];
      for (int i = 0; i < view.size(); i++) {
        view.row(i, expected, 0);
        decoded.row(i, actual, 0);
        assertThat(actual).as("row %d", i).isEqualTo(expected);
      }
    }
    // Small enough for any heap: the copy is used for copying rows.
    assertThat(views[1].forCopying()).isSameAs(views[1].decoded());
    // Float storage is copied from as it is, scaled or not.
    Dataset floats = views[2].decoded();
    assertThat(floats.forCopying()).isSameAs(floats);
    Dataset scaled = floats.rescaled(c, s);
    assertThat(scaled.forCopying()).isSameAs(scaled);
  }
}
