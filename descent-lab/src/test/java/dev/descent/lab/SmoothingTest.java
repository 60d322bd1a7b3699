package dev.descent.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * {@link Smoothing} against the seeds' {@code smooth_curve} run by numpy 1.24.2 (values printed by
 * {@code scripts/lab_smoothing_reference.py}).
 */
class SmoothingTest {
  private static double[] input() {
    double[] x = new double[25];
    for (int t = 0; t < x.length; t++) {
      x[t] = 2.3 / (1 + 0.1 * t) + 0.2 * Math.sin(1.7 * t);
    }
    return x;
  }

  @Test
  void kaiserWindowMatchesNumpy() {
    double[] expected = {
      0.4386762798370488,
      0.6113943543616491,
      0.7676749968275236,
      0.8921614338542879,
      0.9723298008693713,
      1.0,
      0.9723298008693713,
      0.8921614338542879,
      0.7676749968275236,
      0.6113943543616491,
      0.4386762798370488
    };
    double[] w = Smoothing.kaiser(11, 2);
    for (int i = 0; i < w.length; i++) {
      assertThat(w[i]).as("w[%d]", i).isCloseTo(expected[i], within(1e-14));
    }
  }

  @Test
  void smoothCurveMatchesTheSeedsFunction() {
    double[] expected = {
      1.9281242869997852, 1.9010364743776693, 1.8486124606935377, 1.7946812688777674,
      1.7112556393117213, 1.5925017594452426, 1.4812841855765, 1.3890333294463941,
      1.3125837720301912, 1.2388614040503292, 1.1698442309216286, 1.11457784673601,
      1.0659872635652186, 1.0146423111082037, 0.9682623403542144, 0.9328269923891213,
      0.8978676266062299, 0.8590936658216137, 0.8272304790733849, 0.8030848781363787,
      0.7869972160432963, 0.7726305163664492, 0.7516950041212562, 0.7403727631482777,
      0.7432264844060719
    };
    double[] y = Smoothing.smooth(input());
    assertThat(y).hasSize(expected.length);
    for (int i = 0; i < y.length; i++) {
      assertThat(y[i]).as("y[%d]", i).isCloseTo(expected[i], within(1e-12));
    }
  }

  @Test
  void shortSeriesAreCopiedUnchanged() {
    double[] x = {3, 1, 2};
    double[] y = Smoothing.smooth(x);
    assertThat(y).containsExactly(3, 1, 2).isNotSameAs(x);
  }
}
