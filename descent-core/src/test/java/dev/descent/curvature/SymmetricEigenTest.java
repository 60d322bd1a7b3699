package dev.descent.curvature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

  /** QΛQᵀ with a random orthogonal Q (Gram–Schmidt of a random matrix) and known Λ. */
  private static double[] withEigenvalues(double[] lambda, long seed) {
    int n = lambda.length;
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] q = new double[n][n];
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < n; i++) {
        q[k][i] = rng.nextDouble(-1, 1);
      }
      for (int j = 0; j < k; j++) {
        double dot = 0;
        for (int i = 0; i < n; i++) {
          dot += q[k][i] * q[j][i];
        }
        for (int i = 0; i < n; i++) {
          q[k][i] -= dot * q[j][i];
        }
      }
      double norm = 0;
      for (int i = 0; i < n; i++) {
        norm += q[k][i] * q[k][i];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < n; i++) {
        q[k][i] /= norm;
      }
    }
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += q[k][i] * lambda[k] * q[k][j];
        }
        a[i * n + j] = s;
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        a[j * n + i] = a[i * n + j];
      }
    }
    return a;
  }

  @Test
  void jacobiRecoversKnownEigenvalues() {
    double[][] spectra = {
      {3, -1, 0.5, 7, -4, 2},
      {1e-3, 1, 1e3, 5, 5, 5, -2},
      {0, 0, 1, -1},
      {2, 2, 2}
    };
    for (int s = 0; s < spectra.length; s++) {
      double[] lambda = spectra[s].clone();
      double[] a = withEigenvalues(lambda, s);
      double[] got = SymmetricEigen.eigenvalues(a, lambda.length);
      Arrays.sort(lambda);
      for (int i = 0; i < lambda.length; i++) {
        assertThat(got[i]).as("spectrum %d, λ%d", s, i).isCloseTo(lambda[i], within(1e-10));
      }
    }
  }

  @Test
  void twoByTwoClosedFormAgreesWithJacobiAndTheInvariants() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int k = 0; k < 200; k++) {
      double a = rng.nextDouble(-10, 10);
      double b = rng.nextDouble(-10, 10);
      double c = rng.nextDouble(-10, 10);
      double[] ev = SymmetricEigen.eigenvalues(new double[] {a, b, b, c}, 2);
      assertThat(ev[0]).isLessThanOrEqualTo(ev[1]);
      assertThat(ev[0] + ev[1]).isCloseTo(a + c, within(1e-12));
      assertThat(ev[0] * ev[1]).isCloseTo(a * c - b * b, within(1e-10));
      // Embed as a 3×3 block with a far-away third eigenvalue to run Jacobi on the same block.
      double[] big = {a, b, 0, b, c, 0, 0, 0, 100};
      double[] j = SymmetricEigen.eigenvalues(big, 3);
      assertThat(j[0]).isCloseTo(ev[0], within(1e-10));
      assertThat(j[1]).isCloseTo(ev[1], within(1e-10));
    }
  }

  @Test
  void rejectsNonSymmetricOrMisshapenInput() {
    assertThatThrownBy(() -> SymmetricEigen.eigenvalues(new double[] {1, 2, 3, 4}, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a must be symmetric, got a[0][1] = 2.0 and a[1][0] = 3.0");
    assertThatThrownBy(() -> SymmetricEigen.eigenvalues(new double[] {1, 2, 3}, 2))
        .hasMessage("a must be an n×n matrix with n ≥ 1, got n = 2 and 3 entries");
    assertThatThrownBy(() -> SymmetricEigen.eigenvalues(new double[] {Double.NaN}, 1))
        .hasMessage("a must be finite, got an entry NaN");
  }
}
