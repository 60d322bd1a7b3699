package dev.descent.data;

import java.io.IOException;

/**
 * A data set's files are in none of the places looked at and could not be downloaded. The message
 * names every place and why the download failed.
 */
public class DataNotFoundException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message the full explanation
   */
  public DataNotFoundException(String message) {
    super(message);
  }
}
