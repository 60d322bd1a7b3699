package dev.descent.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FunctionsTest {

  static List<String> names() {
    return Functions.names();
  }

  @Test
  void registersEveryClassicFunction() {
    assertThat(names())
        .containsExactly(
            "anisotropic",
            "saddle",
            "monkey_saddle",
            "rosenbrock",
            "beale",
            "himmelblau",
            "booth",
            "rastrigin",
            "ackley",
            "long_valley");
  }

  @ParameterizedTest
  @MethodSource("names")
  void gradientAndHessianMatchCentralDifferences(String name) {
    Function2D f = Functions.create(name);
    Window w = f.window();
    SplittableRandom rng = new SplittableRandom(name.hashCode());
    double[] g = new double[2];
    double[] h = new double[3];
    double[] gp = new double[2];
    double[] gm = new double[2];
    for (int i = 0; i < 50; i++) {
      double x = rng.nextDouble(w.xMin(), w.xMax());
      double y = rng.nextDouble(w.yMin(), w.yMax());
      double step = 1e-6;
      double v = f.valueAndGradient(x, y, g);
      assertThat(v).isEqualTo(f.value(x, y));
      double dx = (f.value(x + step, y) - f.value(x - step, y)) / (2 * step);
      double dy = (f.value(x, y + step) - f.value(x, y - step)) / (2 * step);
      double scale = 1e-6 * Math.max(1, Math.abs(v));
      assertThat(g[0]).as("%s df/dx at (%s, %s)", name, x, y).isCloseTo(dx, within(scale));
      assertThat(g[1]).as("%s df/dy at (%s, %s)", name, x, y).isCloseTo(dy, within(scale));
      f.hessian(x, y, h);
      f.valueAndGradient(x + step, y, gp);
      f.valueAndGradient(x - step, y, gm);
      double hxx = (gp[0] - gm[0]) / (2 * step);
      double hxy = (gp[1] - gm[1]) / (2 * step);
      f.valueAndGradient(x, y + step, gp);
      f.valueAndGradient(x, y - step, gm);
      double hyy = (gp[1] - gm[1]) / (2 * step);
      double hScale = 1e-5 * Math.max(1, Math.abs(v));
      assertThat(h[0]).as("%s fxx", name).isCloseTo(hxx, within(hScale));
      assertThat(h[1]).as("%s fxy", name).isCloseTo(hxy, within(hScale));
      assertThat(h[2]).as("%s fyy", name).isCloseTo(hyy, within(hScale));
    }
  }

  @ParameterizedTest
  @MethodSource("names")
  void criticalPointsHaveZeroGradientAndMinimaZeroValue(String name) {
    Function2D f = Functions.create(name);
    assertThat(f.criticalPoints()).isNotEmpty();
    double[] g = new double[2];
    for (CriticalPoint c : f.criticalPoints()) {
      Point p = c.point();
      double v = f.valueAndGradient(p.x(), p.y(), g);
      assertThat(g[0]).as("%s df/dx at %s", name, p).isCloseTo(0, within(1e-12));
      assertThat(g[1]).as("%s df/dy at %s", name, p).isCloseTo(0, within(1e-12));
      double[] h = new double[3];
      f.hessian(p.x(), p.y(), h);
      double det = h[0] * h[2] - h[1] * h[1];
      if (c.kind() == CriticalPoint.Kind.MINIMUM) {
        assertThat(v).as("%s f at %s", name, p).isCloseTo(0, within(1e-14));
        assertThat(h[0]).as("%s fxx at minimum %s", name, p).isGreaterThanOrEqualTo(0);
        assertThat(det).as("%s det H at minimum %s", name, p).isGreaterThanOrEqualTo(0);
      } else {
        assertThat(det).as("%s det H at saddle %s", name, p).isLessThanOrEqualTo(0);
      }
      assertThat(f.window().contains(p.x(), p.y())).isTrue();
    }
    assertThat(f.defaultStart()).isPresent();
    assertThat(f.window().contains(f.defaultStart().get().x(), f.defaultStart().get().y()))
        .isTrue();
  }

  @Test
  void minimaAreLowerThanTheirSurroundings() {
    SplittableRandom rng = new SplittableRandom(3);
    for (String name : names()) {
      Function2D f = Functions.create(name);
      for (Point m : f.minima()) {
        double v = f.value(m.x(), m.y());
        for (int i = 0; i < 20; i++) {
          double x = m.x() + rng.nextDouble(-1e-3, 1e-3);
          double y = m.y() + rng.nextDouble(-1e-3, 1e-3);
          assertThat(f.value(x, y)).as("%s near %s", name, m).isGreaterThan(v);
        }
      }
    }
  }

  /** Textbook gradients written by hand, compared with automatic differentiation. */
  @Test
  void gradientsMatchHandDerivedFormulas() {
    SplittableRandom rng = new SplittableRandom(11);
    double[] g = new double[2];
    Function2D rosen = Functions.create("rosenbrock(a=2,b=50)");
    Function2D aniso = Functions.create("anisotropic");
    Function2D himmel = Functions.create("himmelblau");
    Function2D valley = Functions.create("long_valley");
    Function2D rastrigin = Functions.create("rastrigin");
    for (int i = 0; i < 50; i++) {
      double x = rng.nextDouble(-3, 3);
      double y = rng.nextDouble(-3, 3);
      rosen.valueAndGradient(x, y, g);
      assertThat(g[0]).isCloseTo(-2 * (2 - x) - 200 * x * (y - x * x), within(1e-9));
      assertThat(g[1]).isCloseTo(100 * (y - x * x), within(1e-9));
      aniso.valueAndGradient(x, y, g);
      assertThat(g[0]).isCloseTo(x / 10, within(1e-15));
      assertThat(g[1]).isCloseTo(2 * y, within(1e-15));
      himmel.valueAndGradient(x, y, g);
      double a = x * x + y - 11;
      double b = x + y * y - 7;
      assertThat(g[0]).isCloseTo(4 * x * a + 2 * b, within(1e-9));
      assertThat(g[1]).isCloseTo(2 * a + 4 * y * b, within(1e-9));
      valley.valueAndGradient(x, y, g);
      double r = Math.hypot(x, y);
      assertThat(g[0]).isCloseTo(20 * (r - 1) * x / r + 0.2 * (x - 1), within(1e-12));
      assertThat(g[1]).isCloseTo(20 * (r - 1) * y / r + 0.2 * y, within(1e-12));
      rastrigin.valueAndGradient(x, y, g);
      double tp = 2 * Math.PI;
      assertThat(g[0]).isCloseTo(2 * x + 10 * tp * Math.sin(tp * x), within(1e-9));
      assertThat(g[1]).isCloseTo(2 * y + 10 * tp * Math.sin(tp * y), within(1e-9));
    }
  }

  @Test
  void namesAndFormulasShowTheParameters() {
    Function2D r = Functions.create("rosenbrock");
    assertThat(r.name()).isEqualTo("rosenbrock(a=1,b=100)");
    assertThat(r.formula()).isEqualTo("(1 - x)^2 + 100*(y - x^2)^2");
    Function2D r2 = Functions.create("Rosenbrock(b=10)");
    assertThat(r2.name()).isEqualTo("rosenbrock(a=1,b=10)");
    assertThat(r2.value(0, 1)).isEqualTo(11);
    assertThat(Functions.create("anisotropic").name()).isEqualTo("anisotropic");
    assertThat(Functions.create("ackley").formula())
        .isEqualTo(
            "-20*exp(-0.2*sqrt((x^2 + y^2)/2)) - exp((cos(6.283185307179586*x) +"
                + " cos(6.283185307179586*y))/2) + 20 + e");
  }

  @Test
  void tellsNamesFromFormulas() {
    assertThat(Functions.isNamed("rosenbrock")).isTrue();
    assertThat(Functions.isNamed(" rosenbrock(a=1, b=100) ")).isTrue();
    assertThat(Functions.isNamed("rosenbrok")).isTrue();
    assertThat(Functions.isNamed("x")).isFalse();
    assertThat(Functions.isNamed("pi")).isFalse();
    assertThat(Functions.isNamed("X")).isFalse();
    assertThat(Functions.isNamed("x^2/20 + y^2")).isFalse();
    assertThat(Functions.isNamed("exp(x)")).isFalse();
    Function2D f = Functions.create("x^2/20 + y^2");
    assertThat(f).isInstanceOf(FormulaFunction.class);
    assertThat(f.name()).isEqualTo("x^2/20 + y^2");
    assertThat(f.value(-7, 2)).isEqualTo(Functions.create("anisotropic").value(-7, 2));
    assertThat(f.defaultStart()).isEmpty();
    assertThat(f.criticalPoints()).isEmpty();
  }

  @Test
  void badNamesAndArgumentsAreClearErrors() {
    assertThatThrownBy(() -> Functions.create("rosenbrok"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown function 'rosenbrok'; did you mean 'rosenbrock'?");
    assertThatThrownBy(() -> Functions.create("rosenbrock(b=-1)"))
        .hasMessage("rosenbrock: b must be in [0, inf), got -1.0");
    assertThatThrownBy(() -> Functions.create("ackley(c=0)"))
        .hasMessage("ackley: c must be in (0, inf), got 0.0");
    assertThatThrownBy(() -> Functions.create("rosenbrock(q=1)"))
        .hasMessageStartingWith("unknown key 'q' for function rosenbrock");
    assertThatThrownBy(() -> Functions.create(" "))
        .hasMessageStartingWith("function must be a name (anisotropic, saddle");
    assertThatThrownBy(() -> Functions.create("X"))
        .isInstanceOf(ExpressionParseException.class)
        .hasMessageStartingWith(
            "unknown name 'X' (names: e, pi, x, y; multiplication needs '*',"
                + " e.g. 2*x); names are lower case at column 1");
    assertThatThrownBy(() -> Functions.create("x^2 + )"))
        .isInstanceOf(ExpressionParseException.class)
        .hasMessageStartingWith("unexpected ')' at column 7");
  }

  @Test
  void defaultHessianUsesDifferencesOfTheExactGradient() {
    Function2D exact = Functions.create("beale");
    Function2D viaDefault =
        new Function2D() {
          @Override
          public String name() {
            return "beale-default";
          }

          @Override
          public String formula() {
            return exact.formula();
          }

          @Override
          public double value(double x, double y) {
            return exact.value(x, y);
          }

          @Override
          public double valueAndGradient(double x, double y, double[] grad) {
            return exact.valueAndGradient(x, y, grad);
          }

          @Override
          public Window window() {
            return exact.window();
          }

          @Override
          public java.util.Optional<Point> defaultStart() {
            return exact.defaultStart();
          }

          @Override
          public List<CriticalPoint> criticalPoints() {
            return exact.criticalPoints();
          }
        };
    double[] h1 = new double[3];
    double[] h2 = new double[3];
    exact.hessian(1.2, 0.7, h1);
    viaDefault.hessian(1.2, 0.7, h2);
    for (int i = 0; i < 3; i++) {
      assertThat(h2[i]).isCloseTo(h1[i], within(1e-5 * Math.max(1, Math.abs(h1[i]))));
    }
  }

  @Test
  void pointsParseAndRejectGarbage() {
    assertThat(Point.parse("-7, 2")).isEqualTo(new Point(-7, 2));
    assertThatThrownBy(() -> Point.parse("1"))
        .hasMessage("a point must be X,Y (e.g. -7,2), got '1'");
    assertThatThrownBy(() -> Point.parse("a,b"))
        .hasMessage("a point must be X,Y (e.g. -7,2), got 'a,b'");
    assertThatThrownBy(() -> Point.parse("NaN,1"))
        .hasMessage("a point must have finite coordinates, got 'NaN,1'");
  }
}
