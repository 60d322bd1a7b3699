package dev.descent.lab.trajectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.function.Function2D;
import dev.descent.function.Functions;
import dev.descent.function.Point;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Optimizers;
import org.junit.jupiter.api.Test;

class TrajectoryRunnerTest {
  private final Function2D bowl = Functions.create("anisotropic");

  @Test
  void rowZeroIsTheStartAndEachStepCostsOneGradient() {
    Trajectory t =
        TrajectoryRunner.run(bowl, Optimizers.create("adam(lr=0.3)"), new Point(-7, 2), 30);
    assertThat(t.size()).isEqualTo(31);
    assertThat(t.steps()).isEqualTo(30);
    assertThat(t.x(0)).isEqualTo(-7);
    assertThat(t.y(0)).isEqualTo(2);
    assertThat(t.f(0)).isEqualTo(49.0 / 20 + 4);
    for (int i = 0; i < t.size(); i++) {
      assertThat(t.evals(i)).isEqualTo(i);
      assertThat(t.f(i)).isEqualTo(bowl.value(t.x(i), t.y(i)));
    }
    assertThat(t.note()).isEmpty();
    assertThat(t.label()).isEqualTo(Optimizers.create("adam(lr=0.3)").description());
  }

  /** The textbook loop x ← x − η∇f(x), written out, is what the runner records for SGD. */
  @Test
  void sgdPathEqualsThePlainLoop() {
    Trajectory t =
        TrajectoryRunner.run(
            bowl, Optimizers.create("sgd(lr=0.95)"), new Point(-7, 2), 30, "sgd(lr=0.95)");
    double x = -7;
    double y = 2;
    double[] g = new double[2];
    for (int i = 1; i <= 30; i++) {
      bowl.valueAndGradient(x, y, g);
      x -= 0.95 * g[0];
      y -= 0.95 * g[1];
      assertThat(t.x(i)).as("x at step %d", i).isEqualTo(x);
      assertThat(t.y(i)).as("y at step %d", i).isEqualTo(y);
    }
    assertThat(t.label()).isEqualTo("sgd(lr=0.95)");
  }

  @Test
  void aZeroScheduleLeavesThePointWhereItIs() {
    Optimizer frozen = Optimizers.create("momentum(lr=0.1)").withSchedule(step -> 0);
    Trajectory t = TrajectoryRunner.run(bowl, frozen, new Point(3, -1), 5);
    for (int i = 0; i < t.size(); i++) {
      assertThat(t.x(i)).isEqualTo(3);
      assertThat(t.y(i)).isEqualTo(-1);
    }
  }

  @Test
  void divergenceStopsThePathWithANote() {
    // x ← x + e^x explodes: 1, 3.7, 44.9, 3.2e19 where -e^x = -∞
    Function2D cliff = Functions.create("-exp(x) + y^2");
    Trajectory t = TrajectoryRunner.run(cliff, Optimizers.create("sgd(lr=1)"), new Point(1, 0), 50);
    assertThat(t.stoppedEarly()).isTrue();
    assertThat(t.size()).isEqualTo(3);
    assertThat(t.requestedSteps()).isEqualTo(50);
    for (int i = 0; i < t.size(); i++) {
      assertThat(Double.isFinite(t.x(i)) && Double.isFinite(t.f(i))).isTrue();
    }
    assertThat(t.note().orElseThrow())
        .startsWith("diverged at step 3: f(")
        .contains(") = -Infinity with sgd(")
        .endsWith("; path stops at step 2");
  }

  @Test
  void zeroStepsGiveTheStartOnly() {
    Trajectory t = TrajectoryRunner.run(bowl, Optimizers.create("sgd(lr=0.1)"), new Point(1, 1), 0);
    assertThat(t.size()).isEqualTo(1);
    assertThat(t.evals(0)).isZero();
  }

  @Test
  void badArgumentsAreClearErrors() {
    Optimizer sgd = Optimizers.create("sgd(lr=0.1)");
    assertThatThrownBy(() -> TrajectoryRunner.run(bowl, sgd, new Point(0, 0), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("steps must be in [0, 2147483647], got -1");
    Function2D log = Functions.create("log(x) + y");
    assertThatThrownBy(() -> TrajectoryRunner.run(log, sgd, new Point(-1, 0), 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("f must be finite at the start, got f(-1.0, 0.0) = NaN for log(x) + y");
  }

  @Test
  void prefixKeepsTheFirstPoints() {
    Trajectory t = TrajectoryRunner.run(bowl, Optimizers.create("sgd(lr=0.1)"), new Point(1, 1), 4);
    Trajectory p = t.prefix(2);
    assertThat(p.size()).isEqualTo(2);
    assertThat(p.x(1)).isEqualTo(t.x(1));
    assertThatThrownBy(() -> t.prefix(6)).hasMessage("points must be in [1, 5], got 6");
  }
}
