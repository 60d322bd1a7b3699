package dev.descent.function;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Recursive-descent parser from formula text to the instruction list of an {@link Expression}.
 *
 * <pre>
 * sum     := product (('+' | '-') product)*
 * product := unary (('*' | '/') unary)*
 * unary   := ('-' | '+') unary | power
 * power   := primary (('^' | '**') unary)?     right-associative, above unary minus
 * primary := number | name | function '(' sum ')' | '(' sum ')'
 * </pre>
 */
final class ExpressionParser {
  private static final Map<String, Integer> FUNCTIONS =
      Map.of(
          "exp", Expression.EXP,
          "log", Expression.LOG,
          "sqrt", Expression.SQRT,
          "sin", Expression.SIN,
          "cos", Expression.COS,
          "tan", Expression.TAN,
          "tanh", Expression.TANH,
          "abs", Expression.ABS);

  private final String text;
  private final Map<String, Double> parameters;
  private int pos;

  private final List<Integer> ops = new ArrayList<>();
  private final List<Integer> lefts = new ArrayList<>();
  private final List<Integer> rights = new ArrayList<>();
  private final List<Double> constants = new ArrayList<>();
  private final List<Boolean> constantSlot = new ArrayList<>();

  ExpressionParser(String text, Map<String, Double> parameters) {
    if (text == null) {
      throw new IllegalArgumentException("formula must not be null");
    }
    this.text = text;
    this.parameters = parameters;
  }

  Expression parse() {
    skipSpace();
    if (pos >= text.length()) {
      throw error("empty formula: expected an expression in x and y");
    }
    int root = sum();
    skipSpace();
    if (pos < text.length()) {
      throw error(
          text.charAt(pos) == ')'
              ? "unexpected ')'"
              : "unexpected '" + text.charAt(pos) + "' (expected an operator)");
    }
    int n = ops.size();
    int[] op = new int[n];
    int[] left = new int[n];
    int[] right = new int[n];
    double[] constant = new double[n];
    for (int i = 0; i < n; i++) {
      op[i] = ops.get(i);
      left[i] = lefts.get(i);
      right[i] = rights.get(i);
      constant[i] = constants.get(i);
    }
    if (root != n - 1) {
      throw new IllegalStateException("root must be the last instruction");
    }
    return new Expression(text.trim(), op, left, right, constant);
  }

  private int sum() {
    int a = product();
    while (true) {
      skipSpace();
      char c = peek();
      if (c == '+' || c == '-') {
        pos++;
        int b = product();
        a = emit(c == '+' ? Expression.ADD : Expression.SUB, a, b);
      } else {
        return a;
      }
    }
  }

  private int product() {
    int a = unary();
    while (true) {
      skipSpace();
      char c = peek();
      if (c == '*' && peekAt(1) != '*') {
        pos++;
        a = emit(Expression.MUL, a, unary());
      } else if (c == '/') {
        pos++;
        a = emit(Expression.DIV, a, unary());
      } else {
        return a;
      }
    }
  }

  private int unary() {
    skipSpace();
    char c = peek();
    if (c == '-') {
      pos++;
      return emit(Expression.NEG, unary(), 0);
    }
    if (c == '+') {
      pos++;
      return unary();
    }
    return power();
  }

  private int power() {
    int base = primary();
    skipSpace();
    boolean caret = peek() == '^';
    boolean stars = peek() == '*' && peekAt(1) == '*';
    if (!caret && !stars) {
      return base;
    }
    pos += caret ? 1 : 2;
    int exponent = unary();
    if (constantSlot.get(exponent)) {
      return emit(Expression.POW, base, exponent);
    }
    // a^b with b depending on x or y: exp(b * log(a))
    int log = emit(Expression.LOG, base, 0);
    return emit(Expression.EXP, emit(Expression.MUL, exponent, log), 0);
  }

  private int primary() {
    skipSpace();
    char c = peek();
    if (c == '(') {
      int open = pos;
      pos++;
      int inner = sum();
      skipSpace();
      if (peek() != ')') {
        if (pos >= text.length()) {
          pos = open;
          throw error("unclosed '('");
        }
        throw error("expected ')' but found '" + text.charAt(pos) + "'");
      }
      pos++;
      return inner;
    }
    if (Character.isDigit(c) || c == '.') {
      return number();
    }
    if (Character.isLetter(c) || c == '_') {
      return name();
    }
    if (c == 0) {
      throw error("expected a number, name or '(' but the formula ended");
    }
    throw error("unexpected '" + c + "'");
  }

  private int number() {
    int start = pos;
    while (Character.isDigit(peek()) || peek() == '.') {
      pos++;
    }
    if (peek() == 'e' || peek() == 'E') {
      int digits = pos + 1;
      if (digits < text.length() && (text.charAt(digits) == '+' || text.charAt(digits) == '-')) {
        digits++;
      }
      if (digits < text.length() && Character.isDigit(text.charAt(digits))) {
        pos = digits;
        while (Character.isDigit(peek())) {
          pos++;
        }
      }
    }
    String s = text.substring(start, pos);
    try {
      return constant(Double.parseDouble(s));
    } catch (NumberFormatException e) {
      pos = start;
      throw error("'" + s + "' is not a number");
    }
  }

  private int name() {
    int start = pos;
    while (Character.isLetterOrDigit(peek()) || peek() == '_') {
      pos++;
    }
    String word = text.substring(start, pos);
    skipSpace();
    if (peek() == '(') {
      Integer f = FUNCTIONS.get(word);
      if (f == null) {
        pos = start;
        throw error(
            "unknown function '"
                + word
                + "' (functions: "
                + String.join(", ", new TreeSet<>(FUNCTIONS.keySet()))
                + ")");
      }
      int open = pos;
      pos++;
      int arg = sum();
      skipSpace();
      if (peek() != ')') {
        if (pos >= text.length()) {
          pos = open;
          throw error("unclosed '(' of " + word);
        }
        throw error("expected ')' but found '" + text.charAt(pos) + "'");
      }
      pos++;
      return emit(f, arg, 0);
    }
    switch (word) {
      case "x":
        return emit(Expression.X, 0, 0);
      case "y":
        return emit(Expression.Y, 0, 0);
      case "pi":
        return constant(Math.PI);
      case "e":
        return constant(Math.E);
      default:
        break;
    }
    Double p = parameters.get(word);
    if (p != null) {
      return constant(p);
    }
    pos = start;
    if (FUNCTIONS.containsKey(word)) {
      throw error("function '" + word + "' needs an argument in parentheses, e.g. " + word + "(x)");
    }
    TreeSet<String> names = new TreeSet<>(parameters.keySet());
    names.add("x");
    names.add("y");
    names.add("pi");
    names.add("e");
    throw error(
        "unknown name '"
            + word
            + "' (names: "
            + String.join(", ", names)
            + "; multiplication needs '*', e.g. 2*x)"
            + (word.toLowerCase(Locale.ROOT).equals(word) ? "" : "; names are lower case"));
  }

  private int constant(double value) {
    ops.add(Expression.CONST);
    lefts.add(0);
    rights.add(0);
    constants.add(value);
    constantSlot.add(true);
    return ops.size() - 1;
  }

  private int emit(int op, int a, int b) {
    boolean isConstant;
    if (op == Expression.X || op == Expression.Y) {
      isConstant = false;
    } else if (op == Expression.ADD
        || op == Expression.SUB
        || op == Expression.MUL
        || op == Expression.DIV
        || op == Expression.POW) {
      isConstant = constantSlot.get(a) && constantSlot.get(b);
    } else {
      isConstant = constantSlot.get(a);
    }
    ops.add(op);
    lefts.add(a);
    rights.add(b);
    constants.add(0.0);
    constantSlot.add(isConstant);
    return ops.size() - 1;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : 0;
  }

  private char peekAt(int ahead) {
    return pos + ahead < text.length() ? text.charAt(pos + ahead) : 0;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private ExpressionParseException error(String problem) {
    return new ExpressionParseException(text, pos, problem);
  }
}
