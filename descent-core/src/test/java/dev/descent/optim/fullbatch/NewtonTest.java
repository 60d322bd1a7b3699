package dev.descent.optim.fullbatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.function.Functions;
import dev.descent.function.Objective;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NewtonTest {

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void oneStepReachesTheMinimumOfAQuadratic(boolean exactHessian) {
    Quadratic q = Quadratic.random(6, 7, exactHessian);
    Result r =
        FullBatchMethods.create("newton").minimize(q, new double[6], Stopping.untilConverged(50));
    double[] expected = q.solution();
    assertThat(r.iterations()).isEqualTo(1);
    assertThat(r.reason()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
    for (int i = 0; i < 6; i++) {
      assertThat(r.x()[i]).isCloseTo(expected[i], within(1e-8));
    }
    assertThat(r.notes()).isEmpty();
    if (exactHessian) {
      assertThat(r.hessianEvaluations()).isEqualTo(1);
      assertThat(r.evaluations()).isEqualTo(2); // start + the unit step
    } else {
      assertThat(r.hessianEvaluations()).isZero();
      assertThat(r.evaluations()).isEqualTo(2 + 2 * 6); // + a difference Hessian
    }
  }

  /** Textbook Newton x ← x − H⁻¹∇f with the 2×2 inverse written out. */
  @Test
  void undampedStepsMatchTheTextbookIterationOnRosenbrock() {
    Objective f = Objective.of(Functions.create("rosenbrock"));
    Result r =
        FullBatchMethods.create("newton(search=none)")
            .minimize(f, new double[] {-1.2, 1}, Stopping.untilConverged(6));
    assertThat(r.notes()).isEmpty();
    double[] x = {-1.2, 1};
    for (int k = 1; k <= r.iterations(); k++) {
      double a = 1200 * x[0] * x[0] - 400 * x[1] + 2;
      double b = -400 * x[0];
      double c = 200;
      double gx = -2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0]);
      double gy = 200 * (x[1] - x[0] * x[0]);
      double det = a * c - b * b;
      x = new double[] {x[0] - (c * gx - b * gy) / det, x[1] - (-b * gx + a * gy) / det};
      assertThat(r.coordinate(k, 0)).isCloseTo(x[0], within(1e-10));
      assertThat(r.coordinate(k, 1)).isCloseTo(x[1], within(1e-10));
    }
    assertThat(r.iterations()).isEqualTo(6);
  }

  @Test
  void dampingTurnsTheSaddleStepIntoDescent() {
    Objective f = Objective.of(Functions.create("saddle"));
    double[] start = {-1.8, 0.05};
    // Undamped Newton jumps straight onto the saddle point: −H⁻¹∇f = −(x, y).
    Result r = FullBatchMethods.create("newton").minimize(f, start, Stopping.untilConverged(1));
    assertThat(r.notes()).hasSize(1);
    assertThat(r.notes().get(0)).contains("not positive definite").contains("τ = 2.001");
    assertThat(r.value()).isLessThan(r.value(0));
    double[] x = r.x();
    assertThat(Math.hypot(x[0], x[1])).isGreaterThan(1);
    // The damped step moves away from the saddle along the negative-curvature axis y.
    assertThat(Math.abs(x[1])).isGreaterThan(Math.abs(start[1]));
  }

  @Test
  void convergesOnRosenbrockWithLineSearch() {
    Result r =
        FullBatchMethods.create("newton")
            .minimize(
                Objective.of(Functions.create("rosenbrock")),
                new double[] {-1.5, 2},
                Stopping.untilConverged(100));
    assertThat(r.reason()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
    assertThat(r.x()[0]).isCloseTo(1, within(1e-8));
    assertThat(r.x()[1]).isCloseTo(1, within(1e-8));
  }
}
