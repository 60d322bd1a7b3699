package dev.descent.lab.fullbatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.curvature.Hessians;
import dev.descent.function.Objective;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FullBatchComparisonTest {
  private final LogisticRegression problem = LogisticRegression.synthetic(300, 6, 1e-3, 42);

  /** Central differences of f catch a wrong sign or a missing factor in the gradient. */
  @Test
  void gradientAndHessianMatchCentralDifferences() {
    SplittableRandom rng = new SplittableRandom(1);
    int n = problem.dimension();
    double[] theta = new double[n];
    for (int i = 0; i < n; i++) {
      theta[i] = rng.nextDouble(-0.5, 0.5);
    }
    double[] g = new double[n];
    problem.valueAndGradient(theta, g);
    double[] scratch = new double[n];
    for (int i = 0; i < n; i++) {
      double h = 1e-6;
      double[] p = theta.clone();
      p[i] += h;
      double fp = problem.valueAndGradient(p, scratch);
      p[i] -= 2 * h;
      double fm = problem.valueAndGradient(p, scratch);
      assertThat(g[i]).as("∂f/∂θ%d", i).isCloseTo((fp - fm) / (2 * h), within(1e-7));
    }
    double[] exact = new double[n * n];
    assertThat(Hessians.compute(problem, theta, exact)).isZero();
    double[] fd = new double[n * n];
    Objective gradientOnly =
        new Objective() {
          @Override
          public int dimension() {
            return n;
          }

          @Override
          public double valueAndGradient(double[] x, double[] grad) {
            return problem.valueAndGradient(x, grad);
          }
        };
    Hessians.compute(gradientOnly, theta, fd);
    for (int i = 0; i < n * n; i++) {
      assertThat(exact[i]).isCloseTo(fd[i], within(1e-6));
    }
  }

  @Test
  void secondOrderMethodsReachALowerLossThanFirstOrderOnTheSameBudget() {
    List<FullBatchComparison.Curve> curves =
        FullBatchComparison.run(
            problem,
            List.of("sgd(lr=0.05)", "adam(lr=0.05)", "lbfgs(history=10)", "newton", "bfgs"),
            60);
    assertThat(curves).hasSize(5);
    double sgd = curves.get(0).last();
    double adam = curves.get(1).last();
    for (FullBatchComparison.Curve c : curves) {
      assertThat(c.evaluations()[c.evaluations().length - 1]).isLessThanOrEqualTo(60 + 25);
      assertThat(c.last()).isLessThan(c.loss()[0]);
    }
    for (int k = 2; k < 5; k++) {
      assertThat(curves.get(k).last()).as(curves.get(k).label()).isLessThan(Math.min(sgd, adam));
    }
    // Newton converges quadratically: it stops at the gradient tolerance well inside the budget.
    assertThat(curves.get(3).evaluations()[curves.get(3).evaluations().length - 1]).isLessThan(30);
  }

  @Test
  void badInputIsRejected() {
    assertThatThrownBy(() -> FullBatchComparison.run(problem, List.of("lbfgs"), 0))
        .hasMessage("budget must be in [1, 2147483647], got 0");
    assertThatThrownBy(() -> new LogisticRegression(new double[] {1, 2}, new double[] {2}, 0))
        .hasMessage("labels must be 0 or 1, got 2.0");
    assertThatThrownBy(() -> new LogisticRegression(new double[] {1, 2, 3}, new double[] {1, 0}, 0))
        .hasMessage("x must have m·d entries for m = 2 labels, got 3");
  }
}
