package dev.descent.data;

/** A file whose SHA-256 or size differs from the published one. */
public class ChecksumException extends DataFormatException {
  private static final long serialVersionUID = 1L;

  /**
   * @param file the file or URL
   * @param message what differs, without the file name
   */
  public ChecksumException(String file, String message) {
    super(file, message);
  }
}
