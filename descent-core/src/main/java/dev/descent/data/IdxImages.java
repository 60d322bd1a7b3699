package dev.descent.data;

/**
 * Images read from an IDX file: {@code count} images of {@code rows × cols} unsigned bytes, stored
 * image after image, row-major within an image (as in the file). Bytes are kept as read (0–255
 * stored in Java's signed {@code byte}; read them with {@code b & 0xff}) so that 60 000 images of
 * 28×28 take 47 MB instead of 188 MB as float32.
 *
 * @param count the number of images
 * @param rows pixel rows per image
 * @param cols pixel columns per image
 * @param pixels {@code count * rows * cols} bytes, not copied
 */
public record IdxImages(int count, int rows, int cols, byte[] pixels) {

  /** Checks that the sizes agree with the pixel array. */
  public IdxImages {
    if (count < 0 || rows <= 0 || cols <= 0) {
      throw new IllegalArgumentException(
          "count, rows and cols must be positive (count may be 0), got "
              + count
              + ", "
              + rows
              + ", "
              + cols);
    }
    if (pixels == null || (long) count * rows * cols != pixels.length) {
      throw new IllegalArgumentException(
          "pixels must have count*rows*cols = "
              + (long) count * rows * cols
              + " bytes, got "
              + (pixels == null ? "null" : pixels.length));
    }
  }

  /** Pixels per image. */
  public int pixelsPerImage() {
    return rows * cols;
  }

  /**
   * The same images with rows and columns swapped, into a new array. EMNIST stores its images
   * transposed relative to MNIST; this turns them upright.
   */
  public IdxImages transposed() {
    byte[] out = new byte[pixels.length];
    int n = rows * cols;
    for (int i = 0; i < count; i++) {
      int base = i * n;
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          out[base + c * rows + r] = pixels[base + r * cols + c];
        }
      }
    }
    return new IdxImages(count, cols, rows, out);
  }
}
