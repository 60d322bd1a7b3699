package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SyntheticTest {

  @Test
  void spiralFollowsCs231nFormula() {
    int n = 100;
    int k = 3;
    Dataset d = Synthetic.spiral(n, k, 0);
    assertThat(d.size()).isEqualTo(300);
    assertThat(d.features()).isEqualTo(2);
    assertThat(d.classCounts()).containsExactly(100, 100, 100);
    // Textbook: r = linspace(0, 1, N); t = linspace(4j, 4(j+1), N) + 0.2·randn; (r sin t, r cos t).
    double maxNoise = 0;
    for (int j = 0; j < k; j++) {
      for (int i = 0; i < n; i++) {
        int row = j * n + i;
        assertThat(d.label(row)).isEqualTo(j);
        double x = d.get(row, 0);
        double y = d.get(row, 1);
        double r = (double) i / (n - 1);
        assertThat(Math.hypot(x, y)).isCloseTo(r, within(1e-6));
        if (i > 0) {
          double t = 4.0 * j + 4.0 * i / (n - 1);
          double noise = Math.atan2(Math.sin(Math.atan2(x, y) - t), Math.cos(Math.atan2(x, y) - t));
          maxNoise = Math.max(maxNoise, Math.abs(noise));
        }
      }
    }
    // 0.2·N(0,1) over 297 draws stays well inside 5 standard deviations and is not all zero.
    assertThat(maxNoise).isBetween(0.2, 1.0);
  }

  @Test
  void sameSeedSameDataDifferentSeedDifferentData() {
    assertThat(Synthetic.spiral(10, 2, 5).toFloats())
        .isEqualTo(Synthetic.spiral(10, 2, 5).toFloats());
    assertThat(Synthetic.spiral(10, 2, 5).toFloats())
        .isNotEqualTo(Synthetic.spiral(10, 2, 6).toFloats());
    assertThat(Synthetic.moons(50, 0.1, 1).toFloats())
        .isEqualTo(Synthetic.moons(50, 0.1, 1).toFloats());
    assertThat(Synthetic.blobs(50, 3, 1, 1).toFloats())
        .isEqualTo(Synthetic.blobs(50, 3, 1, 1).toFloats());
    assertThat(Synthetic.xor(50, 0.1, 1).toFloats())
        .isEqualTo(Synthetic.xor(50, 0.1, 1).toFloats());
  }

  @Test
  void moonsWithoutNoiseLieOnTheTwoHalfCircles() {
    Dataset d = Synthetic.moons(21, 0, 0);
    assertThat(d.classCounts()).containsExactly(10, 11);
    for (int i = 0; i < 21; i++) {
      double x = d.get(i, 0);
      double y = d.get(i, 1);
      if (d.label(i) == 0) {
        assertThat(Math.hypot(x, y)).isCloseTo(1, within(1e-6));
        assertThat(y).isGreaterThanOrEqualTo(-1e-6);
      } else {
        assertThat(Math.hypot(x - 1, y - 0.5)).isCloseTo(1, within(1e-6));
        assertThat(y).isLessThanOrEqualTo(0.5 + 1e-6);
      }
    }
    assertThat(d.get(0, 0)).isEqualTo(1f);
    assertThat(d.get(10, 0)).isEqualTo(0f);
  }

  @Test
  void blobsSplitPointsEvenlyAroundCentresInTheBox() {
    Dataset d = Synthetic.blobs(10, 3, 0, 4);
    assertThat(d.classCounts()).containsExactly(4, 3, 3);
    for (int i = 0; i < 10; i++) {
      assertThat(d.get(i, 0)).isBetween(-10f, 10f);
      // std 0: every point sits exactly on its centre.
      int first = d.label(i) == 0 ? 0 : d.label(i) == 1 ? 4 : 7;
      assertThat(d.get(i, 0)).isEqualTo(d.get(first, 0));
    }
  }

  @Test
  void xorLabelsAreOppositeSignQuadrants() {
    Dataset d = Synthetic.xor(500, 0, 9);
    int ones = 0;
    for (int i = 0; i < 500; i++) {
      boolean opposite = (d.get(i, 0) > 0) != (d.get(i, 1) > 0);
      assertThat(d.label(i)).isEqualTo(opposite ? 1 : 0);
      ones += d.label(i);
    }
    assertThat(ones).isBetween(200, 300);
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> Synthetic.spiral(0, 3, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points must be at least 1, got 0");
    assertThatThrownBy(() -> Synthetic.moons(10, -0.1, 0))
        .hasMessage("noise must be in [0, inf), got -0.1");
    assertThatThrownBy(() -> Synthetic.blobs(2, 3, 1, 0))
        .hasMessage("points must be at least classes = 3, got 2");
  }
}
