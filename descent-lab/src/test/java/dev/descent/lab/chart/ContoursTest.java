package dev.descent.lab.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.function.Functions;
import dev.descent.function.Window;
import org.junit.jupiter.api.Test;

class ContoursTest {

  /**
   * Marching squares interpolates linearly, so the contours of a plane are exact straight lines,
   * stitched across cells into one polyline each.
   */
  @Test
  void contoursOfAPlaneLieExactlyOnTheirLevel() {
    Contours c = Contours.of(Functions.create("x + 2*y"), Window.square(1), 21, 5);
    assertThat(c.spacing()).isEqualTo(Contours.Spacing.LINEAR);
    double[] levels = c.levels();
    assertThat(levels).containsExactly(-2, -1, 0, 1, 2);
    for (int k = 0; k < levels.length; k++) {
      double[] xs = c.xs(k);
      double[] ys = c.ys(k);
      int points = 0;
      for (int i = 0; i < xs.length; i++) {
        if (!Double.isNaN(xs[i])) {
          assertThat(xs[i] + 2 * ys[i]).isCloseTo(levels[k], within(1e-12));
          points++;
        }
      }
      // stitched into one polyline, simplified to its two end points
      assertThat(points).as("level %s", levels[k]).isEqualTo(2);
    }
  }

  @Test
  void contoursOfABowlAreCirclesUpToGridError() {
    Contours c = Contours.of(Functions.create("x^2 + y^2"), Window.square(2), 101, 8);
    assertThat(c.spacing()).isEqualTo(Contours.Spacing.QUADRATIC);
    double[] levels = c.levels();
    for (int k = 0; k < levels.length; k++) {
      double[] xs = c.xs(k);
      double[] ys = c.ys(k);
      for (int i = 0; i < xs.length; i++) {
        if (!Double.isNaN(xs[i])) {
          assertThat(xs[i] * xs[i] + ys[i] * ys[i]).isCloseTo(levels[k], within(2e-3));
        }
      }
    }
  }

  @Test
  void levelsAreAscendingAndSpacedForTheFunction() {
    assertThat(
            Contours.of(
                    Functions.create("rosenbrock"), Functions.create("rosenbrock").window(), 60, 10)
                .spacing())
        .isEqualTo(Contours.Spacing.LOG);
    assertThat(Contours.of(Functions.create("saddle"), Window.square(2), 60, 10).spacing())
        .isEqualTo(Contours.Spacing.LINEAR);
    assertThat(
            Contours.of(Functions.create("anisotropic"), new Window(-10, 10, -5, 5), 60, 10)
                .spacing())
        .isEqualTo(Contours.Spacing.QUADRATIC);
    double[] log = Contours.levels(0, 1e4, 5, Contours.Spacing.LOG);
    for (int k = 1; k < log.length; k++) {
      assertThat(log[k]).isGreaterThan(log[k - 1]);
      assertThat(log[k] / log[k - 1]).isCloseTo(log[1] / log[0], within(1e-9));
    }
    assertThat(log[0]).isGreaterThan(0);
    assertThat(log[4]).isLessThan(1e4);
  }

  @Test
  void undefinedRegionsAreSkipped() {
    Contours c = Contours.of(Functions.create("log(x)"), Window.square(1), 41, 3);
    for (int k = 0; k < c.levels().length; k++) {
      for (double x : c.xs(k)) {
        assertThat(Double.isNaN(x) || x > 0).isTrue();
      }
    }
  }

  @Test
  void simplificationDropsCollinearPointsAndKeepsCorners() {
    double[] xs = {0, 1, 2, 3, 3, 3, Double.NaN, 5, 6};
    double[] ys = {0, 0, 0, 0, 1, 2, Double.NaN, 5, 5.5};
    double[][] s = Contours.simplify(xs, ys, 0.01, 0.01);
    assertThat(s[0]).containsExactly(0, 3, 3, Double.NaN, 5, 6);
    assertThat(s[1]).containsExactly(0, 0, 2, Double.NaN, 5, 5.5);
  }

  @Test
  void simplifiedContoursStayWithinTheTolerance() {
    Contours c = Contours.of(Functions.create("x^2 + y^2"), Window.square(2), 101, 4);
    for (int k = 0; k < c.levels().length; k++) {
      double r = Math.sqrt(c.levels()[k]);
      double[] xs = c.xs(k);
      double[] ys = c.ys(k);
      int points = 0;
      for (int i = 0; i + 1 < xs.length; i++) {
        if (Double.isNaN(xs[i]) || Double.isNaN(xs[i + 1])) {
          continue;
        }
        points++;
        // the midpoint of each chord is at most sagitta + tolerance inside the circle
        double mx = (xs[i] + xs[i + 1]) / 2;
        double my = (ys[i] + ys[i + 1]) / 2;
        assertThat(Math.hypot(mx, my)).isCloseTo(r, within(4 * 5e-4 * 4 + 2e-3));
      }
      assertThat(points).isBetween(8, 400);
    }
  }
}
