package dev.descent.optim.fullbatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.function.Functions;
import dev.descent.function.Objective;
import org.junit.jupiter.api.Test;

class BfgsTest {

  /**
   * Textbook BFGS with explicit matrix products, H ← (I − ρsyᵀ)H(I − ρysᵀ) + ρssᵀ, driven by the
   * same line search and first-step rules.
   */
  @Test
  void matchesTheTextbookUpdateWithExplicitMatrixProducts() {
    Objective f = Objective.of(Functions.create("rosenbrock"));
    StrongWolfe wolfe = StrongWolfe.withC2(1e-4, 0.9);
    Result r = new Bfgs(1, wolfe).minimize(f, new double[] {-1.5, 2}, Stopping.untilConverged(25));
    assertThat(r.notes()).isEmpty();

    double[][] h = {{1, 0}, {0, 1}};
    double[] x = {-1.5, 2};
    double[] g = new double[2];
    double fx = f.valueAndGradient(x, g);
    Line line = new Line(f);
    for (int k = 1; k <= r.iterations(); k++) {
      double[] d = {-(h[0][0] * g[0] + h[0][1] * g[1]), -(h[1][0] * g[0] + h[1][1] * g[1])};
      double t0 = k == 1 ? Math.min(1, 1 / (Math.abs(g[0]) + Math.abs(g[1]))) : 1;
      line.reset(x, d);
      double[] gNew = new double[2];
      LineSearch.Step step = wolfe.search(line, fx, g, Line.dot(g, d), t0, gNew);
      double[] s = {step.t() * d[0], step.t() * d[1]};
      double[] y = {gNew[0] - g[0], gNew[1] - g[1]};
      double rho = 1 / Line.dot(y, s);
      if (k == 1) {
        double gamma = Line.dot(y, s) / Line.dot(y, y);
        h = new double[][] {{gamma, 0}, {0, gamma}};
      }
      double[][] left = {
        {1 - rho * s[0] * y[0], -rho * s[0] * y[1]}, {-rho * s[1] * y[0], 1 - rho * s[1] * y[1]}
      };
      double[][] right = {
        {1 - rho * y[0] * s[0], -rho * y[0] * s[1]}, {-rho * y[1] * s[0], 1 - rho * y[1] * s[1]}
      };
      double[][] next = multiply(multiply(left, h), right);
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
          next[i][j] += rho * s[i] * s[j];
        }
      }
      h = next;
      x = new double[] {x[0] + s[0], x[1] + s[1]};
      g = gNew;
      fx = step.value();
      assertThat(r.coordinate(k, 0)).as("x at %d", k).isCloseTo(x[0], within(1e-9));
      assertThat(r.coordinate(k, 1)).as("y at %d", k).isCloseTo(x[1], within(1e-9));
    }
    assertThat(r.iterations()).isEqualTo(25);
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    double[][] c = new double[2][2];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        c[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j];
      }
    }
    return c;
  }

  @Test
  void skipsTheUpdateWithANoteWhenTheCurvatureConditionFails() {
    // On x² − y² a backtracking step mostly along y has sᵀy = 2sₓ² − 2s_y² < 0.
    Result r =
        FullBatchMethods.create("bfgs(search=armijo)")
            .minimize(
                Objective.of(Functions.create("saddle")),
                new double[] {0.1, 1},
                Stopping.untilConverged(1));
    assertThat(r.iterations()).isEqualTo(1);
    assertThat(r.notes()).hasSize(1);
    assertThat(r.notes().get(0)).startsWith("skipped the BFGS update: curvature condition sᵀy > 0");
  }

  @Test
  void convergesOnRosenbrock() {
    Result r =
        FullBatchMethods.create("bfgs")
            .minimize(
                Objective.of(Functions.create("rosenbrock")),
                new double[] {-1.5, 2},
                Stopping.untilConverged(200));
    assertThat(r.reason()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
    assertThat(r.x()[0]).isCloseTo(1, within(1e-6));
    assertThat(r.x()[1]).isCloseTo(1, within(1e-6));
  }
}
