package dev.descent.optim.fullbatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.function.Functions;
import dev.descent.function.Objective;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConjugateGradientTest {

  /** With an exact line search on a convex quadratic, every β formula is linear CG. */
  @ParameterizedTest
  @EnumSource(ConjugateGradient.Beta.class)
  void finishesAQuadraticInAtMostNIterationsLikeLinearCg(ConjugateGradient.Beta beta) {
    int n = 8;
    Quadratic q = Quadratic.random(n, 3, true);
    Result r =
        new ConjugateGradient(beta, 1000, 1, q.exactLineSearch())
            .minimize(q, new double[n], new Stopping(100, 10_000, 1e-9, 0));
    assertThat(r.reason()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
    assertThat(r.iterations()).isLessThanOrEqualTo(n);
    double[] expected = q.solution();
    for (int i = 0; i < n; i++) {
      assertThat(r.x()[i]).isCloseTo(expected[i], within(1e-8));
    }

    // Textbook linear CG (Hestenes & Stiefel 1952): r = b − Ax, p = r, α = rᵀr / pᵀAp.
    double[] x = new double[n];
    double[] res = q.b.clone();
    double[] p = res.clone();
    for (int k = 1; k <= Math.min(r.iterations(), n - 1); k++) {
      double rr = Line.dot(res, res);
      double alpha = rr / q.curvature(p);
      for (int i = 0; i < n; i++) {
        double ap = 0;
        for (int j = 0; j < n; j++) {
          ap += q.a[i * n + j] * p[j];
        }
        x[i] += alpha * p[i];
        res[i] -= alpha * ap;
      }
      double betaLinear = Line.dot(res, res) / rr;
      for (int i = 0; i < n; i++) {
        p[i] = res[i] + betaLinear * p[i];
        assertThat(r.coordinate(k, i)).as("x%d at %d", i, k).isCloseTo(x[i], within(1e-8));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ConjugateGradient.Beta.class)
  void convergesOnRosenbrockWithStrongWolfe(ConjugateGradient.Beta beta) {
    Result r =
        FullBatchMethods.create("cg(beta=" + beta.name().toLowerCase() + ")")
            .minimize(
                Objective.of(Functions.create("rosenbrock")),
                new double[] {-1.5, 2},
                Stopping.untilConverged(5000));
    assertThat(r.reason()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
    assertThat(r.x()[0]).isCloseTo(1, within(1e-6));
    assertThat(r.x()[1]).isCloseTo(1, within(1e-6));
  }
}
