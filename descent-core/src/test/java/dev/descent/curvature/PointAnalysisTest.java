package dev.descent.curvature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.function.Functions;
import dev.descent.function.Objective;
import org.junit.jupiter.api.Test;

class PointAnalysisTest {

  private static PointAnalysis at(String function, double x, double y) {
    return PointAnalysis.at(Objective.of(Functions.create(function)), new double[] {x, y});
  }

  @Test
  void saddleOriginIsASaddle() {
    PointAnalysis a = at("saddle", 0, 0);
    assertThat(a.stationary()).isTrue();
    assertThat(a.eigenvalues()).containsExactly(-2, 2);
    assertThat(a.curvature()).isEqualTo(Curvature.SADDLE);
    assertThat(a.format()).contains("critical point: saddle");
  }

  @Test
  void monkeySaddleOriginIsDegenerate() {
    PointAnalysis a = at("monkey_saddle", 0, 0);
    assertThat(a.stationary()).isTrue();
    assertThat(a.eigenvalues()).containsExactly(0, 0);
    assertThat(a.curvature()).isEqualTo(Curvature.DEGENERATE);
    // Away from the origin the monkey saddle's Hessian [[6x, −6y], [−6y, −6x]] has λ = ±6‖(x,y)‖.
    PointAnalysis b = at("monkey_saddle", 0.3, 0.4);
    assertThat(b.eigenvalues()[0]).isCloseTo(-3, within(1e-12));
    assertThat(b.eigenvalues()[1]).isCloseTo(3, within(1e-12));
    assertThat(b.curvature()).isEqualTo(Curvature.SADDLE);
    assertThat(b.stationary()).isFalse();
  }

  @Test
  void rosenbrockMinimumHasTheClosedFormEigenvalues() {
    PointAnalysis a = at("rosenbrock", 1, 1);
    assertThat(a.value()).isZero();
    assertThat(a.hessian()).containsExactly(802, -400, -400, 200);
    // λ = 501 ± √(301² + 400²)
    double r = Math.sqrt(301 * 301 + 400 * 400);
    assertThat(a.eigenvalues()[0]).isCloseTo(501 - r, within(1e-10));
    assertThat(a.eigenvalues()[1]).isCloseTo(501 + r, within(1e-10));
    assertThat(a.curvature()).isEqualTo(Curvature.MINIMUM);
    assertThat(a.exactHessian()).isTrue();
  }

  @Test
  void aConcaveFormulaHasAMaximum() {
    PointAnalysis a = at("-(x^2 + 3*y^2)", 0, 0);
    assertThat(a.curvature()).isEqualTo(Curvature.MAXIMUM);
    assertThat(a.format()).contains("critical point: maximum");
  }

  @Test
  void classificationBySigns() {
    assertThat(Curvature.classify(new double[] {1, 2})).isEqualTo(Curvature.MINIMUM);
    assertThat(Curvature.classify(new double[] {-1, -2})).isEqualTo(Curvature.MAXIMUM);
    assertThat(Curvature.classify(new double[] {-1, 2})).isEqualTo(Curvature.SADDLE);
    assertThat(Curvature.classify(new double[] {-1, 0, 2})).isEqualTo(Curvature.SADDLE);
    assertThat(Curvature.classify(new double[] {0, 2})).isEqualTo(Curvature.DEGENERATE);
    assertThat(Curvature.classify(new double[] {1e-12, 1e3})).isEqualTo(Curvature.DEGENERATE);
    assertThat(Curvature.classify(new double[] {1e-4, 1e3})).isEqualTo(Curvature.MINIMUM);
    assertThatThrownBy(() -> Curvature.classify(new double[0]))
        .hasMessage("eigenvalues must not be empty");
  }

  @Test
  void wrongDimensionIsRejected() {
    assertThatThrownBy(
            () -> PointAnalysis.at(Objective.of(Functions.create("booth")), new double[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("point must have 2 coordinates for booth, got 3");
  }
}
