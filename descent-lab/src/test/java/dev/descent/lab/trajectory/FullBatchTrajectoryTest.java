package dev.descent.lab.trajectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.function.Function2D;
import dev.descent.function.Functions;
import dev.descent.function.Objective;
import dev.descent.function.Point;
import dev.descent.optim.fullbatch.FullBatchMethods;
import dev.descent.optim.fullbatch.Result;
import dev.descent.optim.fullbatch.Stopping;
import org.junit.jupiter.api.Test;

class FullBatchTrajectoryTest {
  private final Function2D rosenbrock = Functions.create("rosenbrock");

  /** The acceptance run: lbfgs from (−1.5, 2) with 200 steps ends within 1e-6 of (1, 1). */
  @Test
  void lbfgsOnRosenbrockEndsAtTheMinimumWithOnePointPerIteration() {
    Trajectory t =
        FullBatchTrajectory.run(
            rosenbrock, FullBatchMethods.create("lbfgs"), new Point(-1.5, 2), 200, "lbfgs");
    int last = t.size() - 1;
    assertThat(t.x(last)).isCloseTo(1, within(1e-6));
    assertThat(t.y(last)).isCloseTo(1, within(1e-6));
    assertThat(t.requestedSteps()).isEqualTo(200);
    assertThat(t.note())
        .hasValueSatisfying(
            n -> assertThat(n).startsWith("converged at iteration 42 with lbfgs: max|∇f| = "));

    Result r =
        FullBatchMethods.create("lbfgs")
            .minimize(
                Objective.of(rosenbrock), new double[] {-1.5, 2}, Stopping.untilConverged(200));
    assertThat(t.size()).isEqualTo(r.iterations() + 1);
    for (int i = 0; i < t.size(); i++) {
      assertThat(t.x(i)).isEqualTo(r.coordinate(i, 0));
      assertThat(t.y(i)).isEqualTo(r.coordinate(i, 1));
      assertThat(t.evals(i)).isEqualTo(r.evaluations(i));
      assertThat(t.f(i)).isEqualTo(rosenbrock.value(t.x(i), t.y(i)));
    }
    // Line searches cost extra evaluations: more evaluations than iterations.
    assertThat(t.evals(last)).isGreaterThan(last);
  }

  @Test
  void runsAllRequestedStepsWhenNotConvergedAndAddsNoNote() {
    Trajectory t =
        FullBatchTrajectory.run(
            rosenbrock,
            FullBatchMethods.create("coordinate_descent"),
            new Point(-1.5, 2),
            25,
            "coordinate_descent");
    assertThat(t.steps()).isEqualTo(25);
    assertThat(t.note()).isEmpty();
    for (int i = 1; i < t.size(); i++) {
      assertThat(t.x(i) == t.x(i - 1) || t.y(i) == t.y(i - 1)).isTrue();
    }
  }
}
