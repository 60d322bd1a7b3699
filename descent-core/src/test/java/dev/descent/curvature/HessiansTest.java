package dev.descent.curvature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.function.Functions;
import dev.descent.function.Objective;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HessiansTest {

  /** The same function without its Hessian, so the difference formulas are used. */
  private static Objective gradientOnly(Objective f) {
    return new Objective() {
      @Override
      public int dimension() {
        return f.dimension();
      }

      @Override
      public double valueAndGradient(double[] x, double[] grad) {
        return f.valueAndGradient(x, grad);
      }
    };
  }

  @Test
  void differenceHessianAndProductsMatchTheExactOnes() {
    SplittableRandom rng = new SplittableRandom(5);
    for (String name : new String[] {"rosenbrock", "beale", "himmelblau", "ackley"}) {
      Objective exact = Objective.of(Functions.create(name));
      Objective fd = gradientOnly(exact);
      for (int k = 0; k < 10; k++) {
        double[] x = {rng.nextDouble(-2, 2), rng.nextDouble(-2, 2)};
        double[] h = new double[4];
        double[] hd = new double[4];
        assertThat(Hessians.compute(exact, x, h)).isZero();
        assertThat(Hessians.compute(fd, x, hd)).isEqualTo(4);
        double scale = Math.max(1, Math.max(Math.abs(h[0]), Math.abs(h[3])));
        for (int i = 0; i < 4; i++) {
          assertThat(hd[i])
              .as("%s at (%s, %s) [%d]", name, x[0], x[1], i)
              .isCloseTo(h[i], within(1e-6 * scale));
        }
        double[] v = {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
        double[] hv = new double[2];
        double[] hvd = new double[2];
        assertThat(Hessians.vectorProduct(exact, x, v, hv)).isZero();
        assertThat(Hessians.vectorProduct(fd, x, v, hvd)).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
          assertThat(hv[i]).isCloseTo(h[2 * i] * v[0] + h[2 * i + 1] * v[1], within(1e-9 * scale));
          assertThat(hvd[i]).isCloseTo(hv[i], within(1e-5 * scale));
        }
      }
    }
  }
}
