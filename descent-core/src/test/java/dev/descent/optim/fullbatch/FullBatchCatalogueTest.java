package dev.descent.optim.fullbatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.function.Functions;
import dev.descent.function.Objective;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every registered full-batch method × {bowl, Rosenbrock, path bookkeeping, stopping, errors}. */
class FullBatchCatalogueTest {

  static Stream<String> specs() {
    return Stream.of(
        "lbfgs",
        "lbfgs(history=3)",
        "lbfgs(search=none,lr=0.1)",
        "bfgs",
        "bfgs(search=armijo)",
        "newton",
        "newton(search=strong_wolfe)",
        "cg(beta=fr)",
        "cg(beta=pr)",
        "cg(beta=hs)",
        "gd_linesearch",
        "gd_linesearch(search=strong_wolfe)",
        "coordinate_descent",
        "coordinate_descent(order=random,search=armijo)");
  }

  @ParameterizedTest
  @MethodSource("specs")
  void convergesOnABowlWithConsistentBookkeeping(String spec) {
    Objective booth = Objective.of(Functions.create("booth"));
    Result r =
        FullBatchMethods.create(spec)
            .minimize(booth, new double[] {-8, 8}, Stopping.untilConverged(5000));
    assertThat(r.reason()).as(r.toString()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
    assertThat(r.x()[0]).isCloseTo(1, within(1e-6));
    assertThat(r.x()[1]).isCloseTo(3, within(1e-6));
    assertThat(r.evaluations(0)).isEqualTo(1);
    double[] g = new double[2];
    for (int i = 0; i <= r.iterations(); i++) {
      assertThat(r.value(i)).isEqualTo(booth.valueAndGradient(r.point(i), g));
      if (i > 0) {
        assertThat(r.evaluations(i)).isGreaterThan(r.evaluations(i - 1));
      }
    }
    assertThat(r.gradient()).containsExactly(g);
    assertThat(r.method()).isEqualTo(FullBatchMethods.create(r.method()).description());
  }

  @ParameterizedTest
  @MethodSource("specs")
  void decreasesRosenbrockAndTheQuasiNewtonMethodsSolveIt(String spec) {
    Objective rosen = Objective.of(Functions.create("rosenbrock"));
    Result r =
        FullBatchMethods.create(spec)
            .minimize(rosen, new double[] {-1.5, 2}, Stopping.untilConverged(300));
    assertThat(r.value()).isLessThan(r.value(0));
    if (spec.startsWith("lbfgs(search=none")
        || spec.startsWith("gd")
        || spec.startsWith("coordinate")) {
      return; // first-order and fixed-step methods crawl along the valley
    }
    assertThat(r.x()[0]).as(r.toString()).isCloseTo(1, within(1e-6));
    assertThat(r.x()[1]).isCloseTo(1, within(1e-6));
  }

  @Test
  void stopsForEachReasonWithTheNumbers() {
    Objective rosen = Objective.of(Functions.create("rosenbrock"));
    FullBatchMethod lbfgs = FullBatchMethods.create("lbfgs");
    double[] start = {-1.5, 2};
    Result iterations = lbfgs.minimize(rosen, start, new Stopping(5, 1000, 1e-7, 1e-9));
    assertThat(iterations.reason()).isEqualTo(StopReason.MAX_ITERATIONS);
    assertThat(iterations.iterations()).isEqualTo(5);
    assertThat(iterations.message()).isEqualTo("reached max_iter = 5 iterations");

    Result evaluations = lbfgs.minimize(rosen, start, Stopping.pytorch(20));
    assertThat(evaluations.reason()).isEqualTo(StopReason.MAX_EVALUATIONS);
    assertThat(evaluations.evaluations()).isGreaterThanOrEqualTo(25);
    assertThat(evaluations.message()).startsWith("reached max_eval = 25 evaluations");

    // PyTorch's defaults end this run at its gᵀd > −tolerance_change check (as PyTorch does).
    Result noDescent = lbfgs.minimize(rosen, start, Stopping.pytorch(1000));
    assertThat(noDescent.reason()).isEqualTo(StopReason.NO_DESCENT_DIRECTION);
    assertThat(noDescent.message()).contains("is not below -tolerance_change = -1.0E-9");

    Result value = lbfgs.minimize(rosen, start, new Stopping(1000, 100_000, 1e-7, 1e-3));
    assertThat(value.reason()).isEqualTo(StopReason.VALUE_TOLERANCE);
    assertThat(value.message()).startsWith("|Δf| = ").contains("< tolerance_change = 0.001");

    Result atMinimum = lbfgs.minimize(rosen, new double[] {1, 1}, Stopping.pytorch(20));
    assertThat(atMinimum.reason()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
    assertThat(atMinimum.iterations()).isZero();
    assertThat(atMinimum.evaluations()).isEqualTo(1);

    Result step =
        FullBatchMethods.create("gd_linesearch")
            .minimize(rosen, start, new Stopping(100_000, Long.MAX_VALUE, 0, 1e-3));
    assertThat(step.reason()).isIn(StopReason.STEP_TOLERANCE, StopReason.VALUE_TOLERANCE);
  }

  @Test
  void aFixedStepIntoOverflowIsAFailedSearchNotANewPoint() {
    Objective steep = Objective.of(Functions.create("exp(x^2) + y^2"));
    Result r =
        FullBatchMethods.create("lbfgs(search=none,lr=1000)")
            .minimize(steep, new double[] {2, 1}, Stopping.untilConverged(10));
    assertThat(r.reason()).isEqualTo(StopReason.LINE_SEARCH_FAILED);
    assertThat(r.iterations()).isZero();
    assertThat(r.message()).contains("fixed step").contains("gave f = Infinity");
  }

  @Test
  void specsBuildEveryMethodAndBadInputNamesTheRange() {
    assertThat(FullBatchMethods.names())
        .containsExactly("lbfgs", "bfgs", "newton", "cg", "gd_linesearch", "coordinate_descent");
    assertThat(FullBatchMethods.create("lbfgs(history=10)"))
        .isEqualTo(new Lbfgs(1, 10, StrongWolfe.withC2(1e-4, 0.9)));
    assertThat(FullBatchMethods.create("cg(beta=hs,restart=5)"))
        .isEqualTo(
            new ConjugateGradient(ConjugateGradient.Beta.HS, 5, 1, StrongWolfe.withC2(1e-4, 0.1)));
    assertThat(FullBatchMethods.create("gd_linesearch(search=armijo)"))
        .isEqualTo(new GradientDescentLineSearch(1, Backtracking.armijo(1e-4)));
    assertThat(FullBatchMethods.isFullBatch("lbfgs(history=10)")).isTrue();
    assertThat(FullBatchMethods.isFullBatch("adam(lr=0.1)")).isFalse();
    assertThatThrownBy(() -> FullBatchMethods.create("lbfgs(history=0)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("history must be in [1, 2147483647], got 0");
    assertThatThrownBy(() -> FullBatchMethods.create("lbgfs"))
        .hasMessageContaining("did you mean 'lbfgs'?");
    assertThatThrownBy(() -> FullBatchMethods.create("newton(damping=0)"))
        .hasMessage("damping must be in (0, inf), got 0.0");
    assertThatThrownBy(() -> FullBatchMethods.create("cg(beta=dy)"))
        .hasMessageContaining("beta must be one of pr, fr, hs, got dy");
    assertThatThrownBy(() -> FullBatchMethods.create("bfgs(c1=0.5,c2=0.4)"))
        .hasMessage("c2 must be in (c1, 1) = (0.5, 1), got 0.4");
    assertThatThrownBy(() -> new Stopping(-1, 1, 0, 0))
        .hasMessage("maxIterations must be in [0, 2147483647], got -1");
    assertThatThrownBy(
            () ->
                FullBatchMethods.create("bfgs")
                    .minimize(
                        Objective.of(Functions.create("booth")),
                        new double[] {1},
                        Stopping.pytorch(1)))
        .hasMessage("start must have 2 coordinates for booth, got 1");
  }
}
