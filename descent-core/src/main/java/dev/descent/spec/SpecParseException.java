package dev.descent.spec;

/** A spec string that does not parse; the message shows the text with a caret at the column. */
public final class SpecParseException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The 1-based column of the error. */
  private final int column;

  SpecParseException(String text, int index, String problem) {
    super(
        problem
            + " at column "
            + (index + 1)
            + " of spec \""
            + text
            + "\"\n  "
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
