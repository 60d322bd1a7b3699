package dev.descent.train;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint or weights file that cannot be used: not in the expected format, truncated, failing
 * its checksum, or made for another model or run. The message names the file and, for format
 * errors, the byte offset.
 */
public class ModelFileException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String file;

  /**
   * @param file the file
   * @param message what is wrong, without the file name
   */
  public ModelFileException(Path file, String message) {
    super(file + ": " + message);
    this.file = file.toString();
  }

  /**
   * @param file the file
   * @param message what is wrong, without the file name
   * @param cause the underlying error
   */
  public ModelFileException(Path file, String message, Throwable cause) {
    super(file + ": " + message, cause);
    this.file = file.toString();
  }

  /** The file the error is about. */
  public String file() {
    return file;
  }
}
