package dev.descent.optim.fullbatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.function.Functions;
import dev.descent.function.Objective;
import org.junit.jupiter.api.Test;

class CoordinateDescentTest {
  private final Objective booth = Objective.of(Functions.create("booth"));

  @Test
  void eachIterationMovesOneCoordinateInCyclicOrder() {
    Result r =
        FullBatchMethods.create("coordinate_descent")
            .minimize(booth, new double[] {-8, 8}, Stopping.untilConverged(40));
    for (int k = 1; k <= r.iterations(); k++) {
      int moved = (k - 1) % 2;
      int fixed = 1 - moved;
      assertThat(r.coordinate(k, fixed))
          .as("iteration %d", k)
          .isEqualTo(r.coordinate(k - 1, fixed));
      assertThat(r.coordinate(k, moved)).isNotEqualTo(r.coordinate(k - 1, moved));
      assertThat(r.value(k)).isLessThan(r.value(k - 1));
    }
  }

  @Test
  void convergesToTheMinimumOfACoupledBowl() {
    Result r =
        FullBatchMethods.create("coordinate_descent")
            .minimize(booth, new double[] {-8, 8}, Stopping.untilConverged(500));
    assertThat(r.reason()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
    assertThat(r.x()[0]).isCloseTo(1, within(1e-7));
    assertThat(r.x()[1]).isCloseTo(3, within(1e-7));
  }

  @Test
  void randomOrderIsReproducibleFromItsSeed() {
    Objective rosen = Objective.of(Functions.create("rosenbrock"));
    Result a =
        FullBatchMethods.create("coordinate_descent(order=random,seed=3)")
            .minimize(rosen, new double[] {-1.5, 2}, Stopping.untilConverged(30));
    Result b =
        FullBatchMethods.create("coordinate_descent(order=random,seed=3)")
            .minimize(rosen, new double[] {-1.5, 2}, Stopping.untilConverged(30));
    Result c =
        FullBatchMethods.create("coordinate_descent(order=random,seed=4)")
            .minimize(rosen, new double[] {-1.5, 2}, Stopping.untilConverged(30));
    StringBuilder pathA = new StringBuilder();
    StringBuilder pathB = new StringBuilder();
    StringBuilder pathC = new StringBuilder();
    boolean repeated = false;
    for (int k = 0; k <= 30; k++) {
      pathA.append(a.coordinate(k, 0)).append(',').append(a.coordinate(k, 1)).append(';');
      pathB.append(b.coordinate(k, 0)).append(',').append(b.coordinate(k, 1)).append(';');
      pathC.append(c.coordinate(k, 0)).append(',').append(c.coordinate(k, 1)).append(';');
      if (k >= 2) {
        // Random order draws the same coordinate twice in a row sometimes; cyclic never does.
        boolean xFixedTwice =
            a.coordinate(k, 0) == a.coordinate(k - 1, 0)
                && a.coordinate(k - 1, 0) == a.coordinate(k - 2, 0);
        boolean yFixedTwice =
            a.coordinate(k, 1) == a.coordinate(k - 1, 1)
                && a.coordinate(k - 1, 1) == a.coordinate(k - 2, 1);
        repeated |= xFixedTwice || yFixedTwice;
      }
      if (k > 0) {
        boolean oneAxis =
            a.coordinate(k, 0) == a.coordinate(k - 1, 0)
                || a.coordinate(k, 1) == a.coordinate(k - 1, 1);
        assertThat(oneAxis).isTrue();
      }
    }
    assertThat(pathA.toString()).isEqualTo(pathB.toString()).isNotEqualTo(pathC.toString());
    assertThat(repeated).isTrue();
    assertThat(a.iterations()).isEqualTo(30);
    assertThat(a.value()).isLessThan(a.value(0));
  }
}
