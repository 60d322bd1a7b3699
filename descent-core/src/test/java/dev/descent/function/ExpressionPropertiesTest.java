package dev.descent.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/** Laws that automatic differentiation must obey at any point. */
class ExpressionPropertiesTest {
  private static final Expression LINEAR = Expression.parse("3*x - 0.5*y + 7");
  private static final Expression PYTHAGORAS = Expression.parse("sin(x*y)^2 + cos(x*y)^2");
  private static final Expression EXP_LOG = Expression.parse("exp(log(x)) + log(exp(y))");
  private static final Expression PRODUCT = Expression.parse("(x + y)^2 - (x^2 + 2*x*y + y^2)");

  @Property(tries = 200)
  void linearFormsHaveConstantGradientAndZeroHessian(
      @ForAll @DoubleRange(min = -1e3, max = 1e3) double x,
      @ForAll @DoubleRange(min = -1e3, max = 1e3) double y) {
    double[] g = new double[2];
    double[] h = new double[3];
    LINEAR.valueAndGradient(x, y, g);
    LINEAR.hessian(x, y, h);
    assertThat(g).containsExactly(3, -0.5);
    assertThat(h).containsExactly(0, 0, 0);
  }

  @Property(tries = 200)
  void identitiesHaveZeroOrUnitDerivatives(
      @ForAll @DoubleRange(min = 0.01, max = 20) double x,
      @ForAll @DoubleRange(min = -3, max = 3) double y) {
    double[] g = new double[2];
    double[] h = new double[3];
    PYTHAGORAS.valueAndGradient(x, y, g);
    PYTHAGORAS.hessian(x, y, h);
    assertThat(g[0]).isCloseTo(0, within(1e-12));
    assertThat(g[1]).isCloseTo(0, within(1e-12));
    for (double v : h) {
      assertThat(v).isCloseTo(0, within(1e-10 * (1 + x * x + y * y)));
    }
    EXP_LOG.valueAndGradient(x, y, g);
    assertThat(g[0]).isCloseTo(1, within(1e-12));
    assertThat(g[1]).isCloseTo(1, within(1e-12));
    PRODUCT.hessian(x, y, h);
    assertThat(h[0]).isCloseTo(0, within(1e-12));
    assertThat(h[1]).isCloseTo(0, within(1e-12));
    assertThat(h[2]).isCloseTo(0, within(1e-12));
  }
}
