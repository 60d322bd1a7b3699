package dev.descent.function;

import java.util.List;
import java.util.Optional;

/**
 * A {@link Function2D} defined by an {@link Expression}: exact gradient and Hessian by automatic
 * differentiation. Both the named functions of {@link Functions} and user formulas are instances.
 */
public final class FormulaFunction implements Function2D {
  private final String name;
  private final String formula;
  private final Expression expression;
  private final Window window;
  private final Point start;
  private final List<CriticalPoint> criticalPoints;

  /**
   * @param name the spec or text it was created from
   * @param formula the formula with parameter values written in, for display
   * @param expression the parsed formula
   * @param window default plot window
   * @param start classic start point, or null when there is none
   * @param criticalPoints known critical points
   */
  public FormulaFunction(
      String name,
      String formula,
      Expression expression,
      Window window,
      Point start,
      List<CriticalPoint> criticalPoints) {
    if (name == null || formula == null || expression == null || window == null) {
      throw new IllegalArgumentException("name, formula, expression and window must not be null");
    }
    this.name = name;
    this.formula = formula;
    this.expression = expression;
    this.window = window;
    this.start = start;
    this.criticalPoints = List.copyOf(criticalPoints);
  }

  /**
   * A user formula in x and y: window [-5, 5]², no classic start, no known critical points.
   *
   * @throws ExpressionParseException pointing at the column of the first error
   */
  public static FormulaFunction of(String formula) {
    Expression e = Expression.parse(formula);
    return new FormulaFunction(e.text(), e.text(), e, Window.square(5), null, List.of());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String formula() {
    return formula;
  }

  /** The parsed formula. */
  public Expression expression() {
    return expression;
  }

  @Override
  public double value(double x, double y) {
    return expression.value(x, y);
  }

  @Override
  public double valueAndGradient(double x, double y, double[] grad) {
    return expression.valueAndGradient(x, y, grad);
  }

  /** The exact Hessian {fxx, fxy, fyy} by second-order automatic differentiation. */
  @Override
  public void hessian(double x, double y, double[] out) {
    expression.hessian(x, y, out);
  }

  @Override
  public Window window() {
    return window;
  }

  @Override
  public Optional<Point> defaultStart() {
    return Optional.ofNullable(start);
  }

  @Override
  public List<CriticalPoint> criticalPoints() {
    return criticalPoints;
  }

  @Override
  public String toString() {
    return name;
  }
}
