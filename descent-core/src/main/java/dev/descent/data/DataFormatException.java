package dev.descent.data;

import java.io.IOException;

/**
 * A data file that cannot be read as what it claims to be: a wrong magic number, a truncated or
 * over-long file, a count that disagrees with its partner file, a malformed CSV cell. The message
 * names the file and the place (byte offset, or line and column).
 */
public class DataFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String file;

  /**
   * @param file the file name as the user knows it
   * @param message what is wrong, without the file name
   */
  public DataFormatException(String file, String message) {
    super(file + ": " + message);
    this.file = file;
  }

  /**
   * @param file the file name as the user knows it
   * @param message what is wrong, without the file name
   * @param cause the underlying error
   */
  public DataFormatException(String file, String message, Throwable cause) {
    super(file + ": " + message, cause);
    this.file = file;
  }

  /** The file the error is about. */
  public String file() {
    return file;
  }
}
