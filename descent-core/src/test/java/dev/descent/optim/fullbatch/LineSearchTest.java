package dev.descent.optim.fullbatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.function.Functions;
import dev.descent.function.Objective;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Armijo and strong Wolfe searches: their conditions hold at the returned step, or it fails.
 */
class LineSearchTest {
  private static final String[] FUNCTIONS = {"rosenbrock", "beale", "himmelblau", "long_valley"};

  /** Runs {@code search} from a seeded random point of {@code name} along −∇f. */
  private static double[] probe(String name, long seed, LineSearch search, double t0) {
    Objective f = Objective.of(Functions.create(name));
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = {rng.nextDouble(-2, 2), rng.nextDouble(-1, 2)};
    double[] g = new double[2];
    double fx = f.valueAndGradient(x, g);
    double[] d = {-g[0], -g[1]};
    Line line = new Line(f);
    line.reset(x, d);
    double[] gOut = new double[2];
    double gtd = Line.dot(g, d);
    LineSearch.Step s = search.search(line, fx, g, gtd, t0, gOut);
    // Recompute independently at the returned step.
    double[] xt = {x[0] + s.t() * d[0], x[1] + s.t() * d[1]};
    double[] gt = new double[2];
    double ft = f.valueAndGradient(xt, gt);
    assertThat(s.value()).isEqualTo(ft);
    assertThat(gOut).containsExactly(gt);
    assertThat(s.evaluations()).isEqualTo(line.evaluations());
    return new double[] {fx, gtd, s.t(), ft, Line.dot(gt, d), s.satisfied() ? 1 : 0};
  }

  @Test
  void armijoConditionHoldsAtTheReturnedStep() {
    Backtracking armijo = Backtracking.armijo(1e-4);
    for (String name : FUNCTIONS) {
      for (long seed = 0; seed < 20; seed++) {
        for (double t0 : new double[] {1, 1e-2, 1e-4}) {
          double[] r = probe(name, seed, armijo, t0);
          assertThat(r[5]).as("%s seed %d t0 %s", name, seed, t0).isEqualTo(1);
          assertThat(r[3]).isLessThanOrEqualTo(r[0] + 1e-4 * r[2] * r[1]);
          assertThat(r[2]).isPositive().isLessThanOrEqualTo(t0);
        }
      }
    }
  }

  @Test
  void armijoTakesTheFirstStepOfTheHalvingSequenceThatSatisfiesIt() {
    // Textbook backtracking (N&W Algorithm 3.1) written out on φ(t) = f(x − t∇f) of Rosenbrock.
    Objective f = Objective.of(Functions.create("rosenbrock"));
    double[] x = {-1.5, 2};
    double[] g = new double[2];
    double fx = f.valueAndGradient(x, g);
    double gtd = -(g[0] * g[0] + g[1] * g[1]);
    double t = 1;
    double[] scratch = new double[2];
    while (f.valueAndGradient(new double[] {x[0] - t * g[0], x[1] - t * g[1]}, scratch)
        > fx + 1e-4 * t * gtd) {
      t *= 0.5;
    }
    double[] r = probe2(f, x, Backtracking.armijo(1e-4), 1);
    assertThat(r[0]).isEqualTo(t);
  }

  private static double[] probe2(Objective f, double[] x, LineSearch search, double t0) {
    double[] g = new double[2];
    double fx = f.valueAndGradient(x, g);
    double[] d = {-g[0], -g[1]};
    Line line = new Line(f);
    line.reset(x, d);
    LineSearch.Step s = search.search(line, fx, g, Line.dot(g, d), t0, new double[2]);
    return new double[] {s.t(), s.evaluations()};
  }

  @Test
  void strongWolfeConditionsHoldAtTheReturnedStep() {
    for (double c2 : new double[] {0.9, 0.1}) {
      StrongWolfe wolfe = StrongWolfe.withC2(1e-4, c2);
      for (String name : FUNCTIONS) {
        for (long seed = 0; seed < 20; seed++) {
          for (double t0 : new double[] {1, 1e-2, 1e-5}) {
            double[] r = probe(name, seed, wolfe, t0);
            assertThat(r[5]).as("%s seed %d t0 %s c2 %s", name, seed, t0, c2).isEqualTo(1);
            assertThat(r[3]).isLessThanOrEqualTo(r[0] + 1e-4 * r[2] * r[1]);
            assertThat(Math.abs(r[4])).isLessThanOrEqualTo(-c2 * r[1]);
          }
        }
      }
    }
  }

  /** f(x) = x·(1 + small) claims a descent direction d = +1 that is uphill: nothing can succeed. */
  private static final Objective UPHILL =
      new Objective() {
        @Override
        public int dimension() {
          return 1;
        }

        @Override
        public double valueAndGradient(double[] x, double[] grad) {
          grad[0] = 1;
          return x[0];
        }
      };

  @Test
  void failuresAreReportedWithTheStartPointAndABoundedNumberOfEvaluations() {
    double[] g = {1};
    double[] gOut = new double[1];
    Line line = new Line(UPHILL);
    line.reset(new double[] {0}, new double[] {1});
    // Lie about the slope: gᵀd = −1 although f rises along d.
    LineSearch.Step a = Backtracking.armijo(1e-4).search(line, 0, g, -1, 1, gOut);
    assertThat(a.satisfied()).isFalse();
    assertThat(a.t()).isZero();
    assertThat(a.value()).isZero();
    assertThat(a.evaluations()).isEqualTo(30);
    assertThat(a.message()).startsWith("armijo: no step");

    line.reset(new double[] {0}, new double[] {1});
    LineSearch.Step w = StrongWolfe.withC2(1e-4, 0.9).search(line, 0, g, -1, 1, gOut);
    assertThat(w.satisfied()).isFalse();
    assertThat(w.t()).isZero();
    assertThat(w.evaluations()).isLessThanOrEqualTo(26);
    assertThat(w.message()).startsWith("strong Wolfe:");
    assertThat(gOut).containsExactly(1);
  }

  @Test
  void aFailedLineSearchStopsTheRunInsteadOfLooping() {
    Result r =
        new GradientDescentLineSearch(1, Backtracking.armijo(1e-4))
            .minimize(
                new Objective() {
                  @Override
                  public int dimension() {
                    return 1;
                  }

                  @Override
                  public double valueAndGradient(double[] x, double[] grad) {
                    grad[0] = -1; // claims descent to the right, but f only grows there
                    return Math.abs(x[0]);
                  }
                },
                new double[] {0},
                Stopping.untilConverged(100));
    assertThat(r.reason()).isEqualTo(StopReason.LINE_SEARCH_FAILED);
    assertThat(r.iterations()).isZero();
    assertThat(r.evaluations()).isEqualTo(31);
    assertThat(r.message()).contains("line search failed at iteration 1");
  }

  @Test
  void invalidConstantsAreRejectedWithTheRange() {
    assertThatThrownBy(() -> new StrongWolfe(1e-4, 1e-5, 1e-9, 25))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("c2 must be in (c1, 1) = (1.0E-4, 1), got 1.0E-5");
    assertThatThrownBy(() -> new Backtracking(0, 0.5, 30))
        .hasMessage("c1 must be in (0, 1), got 0.0");
    assertThatThrownBy(() -> new Backtracking(1e-4, 1, 30))
        .hasMessage("shrink must be in (0, 1), got 1.0");
    assertThatThrownBy(() -> new StrongWolfe(1e-4, 0.9, 1e-9, 0))
        .hasMessage("maxEvaluations must be in [1, 2147483647], got 0");
  }
}
