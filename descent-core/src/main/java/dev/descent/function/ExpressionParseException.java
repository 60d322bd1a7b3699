package dev.descent.function;

/**
 * A formula that does not parse. The message names the problem and the 1-based column, then shows
 * the text with a caret under that column:
 *
 * <pre>
 * unexpected ')' at column 7
 *   x^2 + )
 *         ^
 * </pre>
 */
public final class ExpressionParseException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int column;

  ExpressionParseException(String text, int index, String problem) {
    super(
        problem
            + " at column "
            + (index + 1)
            + "\n  "
            + text
            + "\n  "
            + " ".repeat(Math.max(0, index))
            + "^");
    this.column = index + 1;
  }

  /** The 1-based column where parsing failed. */
  public int column() {
    return column;
  }
}
