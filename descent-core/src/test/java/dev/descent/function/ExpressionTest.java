package dev.descent.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionTest {

  private static double eval(String text, double x, double y) {
    return Expression.parse(text).value(x, y);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "1 + 2*3; 7",
        "(1 + 2)*3; 9",
        "2*3^2; 18",
        "-2^2; -4",
        "(-2)^2; 4",
        "2^3^2; 512",
        "(2^3)^2; 64",
        "2**3**2; 512",
        "2^-1; 0.5",
        "8/4/2; 1",
        "8 - 4 - 2; 2",
        "-(-3); 3",
        "--3; 3",
        "+3; 3",
        "2*-3; -6",
        "1e-3*1000; 1",
        "2.5E+2; 250",
        ".5 + 1.; 1.5",
        "pi; 3.141592653589793",
        "e; 2.718281828459045",
        "exp(1); 2.718281828459045",
        "log(e^2); 2",
        "sqrt(16); 4",
        "abs(-3) + abs(3); 6",
        "tanh(0) + sin(0) + cos(0) + tan(0); 1",
        "  3 *\t( 4 - 1 ) ; 9",
      })
  void precedenceAssociativityAndConstants(String text, double expected) {
    assertThat(eval(text, 0, 0)).isCloseTo(expected, within(1e-15));
  }

  @Test
  void variablesAndUnaryMinusBindLooserThanPower() {
    assertThat(eval("-x^2", 3, 0)).isEqualTo(-9);
    assertThat(eval("x^2/20 + y^2", -7, 2)).isCloseTo(6.45, within(1e-15));
    assertThat(eval("x - y - 1", 5, 3)).isEqualTo(1);
    assertThat(eval("x/y/2", 8, 2)).isEqualTo(2);
  }

  @Test
  void parametersAreNamedConstants() {
    Expression f = Expression.parse("(a - x)^2 + b*(y - x^2)^2", Map.of("a", 1.0, "b", 100.0));
    assertThat(f.value(-1.5, 2)).isCloseTo(12.5, within(1e-12));
    assertThat(f.isConstant()).isFalse();
    assertThat(Expression.parse("2*pi").isConstant()).isTrue();
  }

  @Test
  void gradientAndHessianMatchHandDerivedFormulas() {
    // f = exp(x*y) + sin(x)/y
    Expression f = Expression.parse("exp(x*y) + sin(x)/y");
    SplittableRandom rng = new SplittableRandom(1);
    double[] g = new double[2];
    double[] h = new double[3];
    for (int i = 0; i < 50; i++) {
      double x = rng.nextDouble(-1, 1);
      double y = rng.nextDouble(0.5, 2);
      double e = Math.exp(x * y);
      double v = f.valueAndGradient(x, y, g);
      assertThat(v).isCloseTo(e + Math.sin(x) / y, within(1e-12));
      assertThat(g[0]).isCloseTo(y * e + Math.cos(x) / y, within(1e-12));
      assertThat(g[1]).isCloseTo(x * e - Math.sin(x) / (y * y), within(1e-12));
      f.hessian(x, y, h);
      assertThat(h[0]).isCloseTo(y * y * e - Math.sin(x) / y, within(1e-12));
      assertThat(h[1]).isCloseTo(e + x * y * e - Math.cos(x) / (y * y), within(1e-12));
      assertThat(h[2]).isCloseTo(x * x * e + 2 * Math.sin(x) / (y * y * y), within(1e-12));
    }
  }

  @Test
  void variableExponentUsesExpLog() {
    // f = x^y: fx = y x^(y-1), fy = x^y ln x, fxy = x^(y-1) (1 + y ln x)
    Expression f = Expression.parse("x^y");
    double[] g = new double[2];
    double[] h = new double[3];
    double x = 1.7;
    double y = 2.3;
    assertThat(f.valueAndGradient(x, y, g)).isCloseTo(Math.pow(x, y), within(1e-12));
    assertThat(g[0]).isCloseTo(y * Math.pow(x, y - 1), within(1e-12));
    assertThat(g[1]).isCloseTo(Math.pow(x, y) * Math.log(x), within(1e-12));
    f.hessian(x, y, h);
    assertThat(h[0]).isCloseTo(y * (y - 1) * Math.pow(x, y - 2), within(1e-12));
    assertThat(h[1]).isCloseTo(Math.pow(x, y - 1) * (1 + y * Math.log(x)), within(1e-12));
    assertThat(h[2]).isCloseTo(Math.pow(x, y) * Math.log(x) * Math.log(x), within(1e-12));
  }

  @Test
  void everyFunctionDifferentiatesLikeCentralDifferences() {
    String[] formulas = {
      "exp(x) * log(y)",
      "sqrt(x^2 + y^2 + 1)",
      "sin(x*y) - cos(x + y)",
      "tan(x/3) + tanh(y)",
      "abs(x - 3) * y",
      "x^3 / (1 + y^2)",
      "-x^2.5 + 2^(x*y)",
      "(x - 1)^2 + 100*(y - x^2)^2",
    };
    SplittableRandom rng = new SplittableRandom(7);
    double[] g = new double[2];
    double[] h = new double[3];
    double[] gp = new double[2];
    double[] gm = new double[2];
    for (String text : formulas) {
      Expression f = Expression.parse(text);
      for (int i = 0; i < 20; i++) {
        double x = rng.nextDouble(0.2, 1.5);
        double y = rng.nextDouble(0.2, 1.5);
        double step = 1e-6;
        f.valueAndGradient(x, y, g);
        double dx = (f.value(x + step, y) - f.value(x - step, y)) / (2 * step);
        double dy = (f.value(x, y + step) - f.value(x, y - step)) / (2 * step);
        assertThat(g[0]).as("%s d/dx at (%s, %s)", text, x, y).isCloseTo(dx, within(tol(dx)));
        assertThat(g[1]).as("%s d/dy at (%s, %s)", text, x, y).isCloseTo(dy, within(tol(dy)));
        f.hessian(x, y, h);
        f.valueAndGradient(x + step, y, gp);
        f.valueAndGradient(x - step, y, gm);
        double hxx = (gp[0] - gm[0]) / (2 * step);
        double hxy = (gp[1] - gm[1]) / (2 * step);
        f.valueAndGradient(x, y + step, gp);
        f.valueAndGradient(x, y - step, gm);
        double hyy = (gp[1] - gm[1]) / (2 * step);
        assertThat(h[0]).as("%s fxx", text).isCloseTo(hxx, within(tol(hxx)));
        assertThat(h[1]).as("%s fxy", text).isCloseTo(hxy, within(tol(hxy)));
        assertThat(h[2]).as("%s fyy", text).isCloseTo(hyy, within(tol(hyy)));
      }
    }
  }

  private static double tol(double reference) {
    return 1e-6 * Math.max(1, Math.abs(reference));
  }

  @Test
  void kinksWithZeroInnerDerivativeGiveZeroNotNaN() {
    double[] g = new double[2];
    Expression.parse("sqrt(x^2 + y^2)").valueAndGradient(0, 0, g);
    assertThat(g).containsExactly(0, 0);
    Expression.parse("abs(x) + abs(y)").valueAndGradient(0, 0, g);
    assertThat(g).containsExactly(0, 0);
    Expression.parse("x^1 + y^0").valueAndGradient(0, 0, g);
    assertThat(g).containsExactly(1, 0);
  }

  @Test
  void evaluationIsIndependentAcrossThreads() throws InterruptedException {
    Expression f = Expression.parse("sin(x) * y + x^2");
    double[] fromOtherThread = new double[1];
    Thread t = new Thread(() -> fromOtherThread[0] = f.value(1, 2));
    t.start();
    double here = f.value(3, 4);
    t.join();
    assertThat(here).isEqualTo(Math.sin(3) * 4 + 9);
    assertThat(fromOtherThread[0]).isEqualTo(Math.sin(1) * 2 + 1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "x^2 + )| 7| unexpected ')'",
        "(x + 1))| 8| unexpected ')'",
        "(x + 1| 1| unclosed '('",
        "sin(x| 4| unclosed '(' of sin",
        "2x| 2| unexpected 'x' (expected an operator)",
        "x +| 4| expected a number, name or '(' but the formula ended",
        "x + * y| 5| unexpected '*'",
        "foo(x)| 1| unknown function 'foo' (functions: abs, cos, exp, log, sin, sqrt, tan, tanh)",
        "x + z| 5| unknown name 'z' (names: e, pi, x, y; multiplication needs '*', e.g. 2*x)",
        "sin x| 1| function 'sin' needs an argument in parentheses, e.g. sin(x)",
        "1.2.3| 1| '1.2.3' is not a number",
        "x # y| 3| unexpected '#' (expected an operator)",
      })
  void errorsNameTheColumnAndShowACaret(String text, int column, String problem) {
    assertThatThrownBy(() -> Expression.parse(text))
        .isInstanceOf(ExpressionParseException.class)
        .hasMessage(
            problem
                + " at column "
                + column
                + "\n  "
                + text
                + "\n  "
                + " ".repeat(column - 1)
                + "^")
        .satisfies(e -> assertThat(((ExpressionParseException) e).column()).isEqualTo(column));
  }

  @Test
  void emptyFormulaIsAnError() {
    assertThatThrownBy(() -> Expression.parse("   "))
        .isInstanceOf(ExpressionParseException.class)
        .hasMessageStartingWith("empty formula: expected an expression in x and y at column 4");
  }
}
