package dev.descent.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX files of the MNIST family (MNIST, Fashion-MNIST, KMNIST, EMNIST), gzip-compressed
 * or raw. Compression is detected from the gzip magic bytes {@code 1f 8b}, never from the file
 * name.
 *
 * <p>Format (Y. LeCun, <a href="http://yann.lecun.com/exdb/mnist/">MNIST page</a>): big-endian
 * 32-bit header words. Images: magic 2051 ({@code 0x00000803}), count, rows, cols, then {@code
 * count·rows·cols} unsigned bytes. Labels: magic 2049 ({@code 0x00000801}), count, then {@code
 * count} unsigned bytes.
 *
 * <p>Everything is checked: magic number, positive dimensions, the data being exactly as long as
 * the header says (a truncated file and trailing bytes are both errors) and the gzip stream's own
 * CRC. Errors are {@link DataFormatException}s naming the file and the byte offset; for a gzip file
 * the offset counts decompressed bytes (bytes after the end of a gzip stream are not data and are
 * ignored, as by {@code gunzip}), e.g. {@code t10k-images-idx3-ubyte.gz: expected magic 2051
 * (images) at byte 0, got 2049}.
 *
 * <pre>{@code
 * IdxImages x = IdxReader.readImages(Path.of("t10k-images-idx3-ubyte.gz"));
 * byte[] y = IdxReader.readLabels(Path.of("t10k-labels-idx1-ubyte.gz"));
 * }</pre>
 */
public final class IdxReader {
  /** Magic number of an IDX image file (unsigned bytes, 3 dimensions). */
  public static final int IMAGES_MAGIC = 2051;

  /** Magic number of an IDX label file (unsigned bytes, 1 dimension). */
  public static final int LABELS_MAGIC = 2049;

  private IdxReader() {}

  /** Reads an image file. */
  public static IdxImages readImages(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return readImages(file.getFileName().toString(), in);
    }
  }

  /** Reads a label file; each byte is one label. */
  public static byte[] readLabels(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return readLabels(file.getFileName().toString(), in);
    }
  }

  /**
   * Reads an image file from {@code in} (not closed).
   *
   * @param name the file name used in error messages
   */
  public static IdxImages readImages(String name, InputStream in) throws IOException {
    return parseImages(name, decompressed(in));
  }

  /** Parses an image file from already decompressed bytes. */
  static IdxImages parseImages(String name, InputStream in) throws IOException {
    Reader r = new Reader(name, in);
    r.expectMagic(IMAGES_MAGIC, "images", 16);
    int count = r.header("image count", false);
    int rows = r.header("row count", true);
    int cols = r.header("column count", true);
    long size = (long) count * rows * cols;
    if (size > Integer.MAX_VALUE - 16) {
      throw r.error(
          4,
          "image count × rows × cols = "
              + count
              + " × "
              + rows
              + " × "
              + cols
              + " exceeds the largest supported size "
              + (Integer.MAX_VALUE - 16));
    }
    byte[] pixels = r.body((int) size, count + " images of " + rows + "x" + cols);
    return new IdxImages(count, rows, cols, pixels);
  }

  /**
   * Reads a label file from {@code in} (not closed).
   *
   * @param name the file name used in error messages
   */
  public static byte[] readLabels(String name, InputStream in) throws IOException {
    return parseLabels(name, decompressed(in));
  }

  /** Parses a label file from already decompressed bytes. */
  static byte[] parseLabels(String name, InputStream in) throws IOException {
    Reader r = new Reader(name, in);
    r.expectMagic(LABELS_MAGIC, "labels", 8);
    int count = r.header("label count", false);
    return r.body(count, count + " labels");
  }

  /**
   * Reads a matching pair of image and label files as a {@link Dataset} of unsigned-byte pixels.
   *
   * @param name the data set's name
   * @param images the image file
   * @param labels the label file
   * @param classes the number of classes; every label must be in {@code [0, classes)}
   * @throws DataFormatException if either file is malformed, the counts differ or a label is out of
   *     range
   */
  public static Dataset read(String name, Path images, Path labels, int classes)
      throws IOException {
    IdxImages x = readImages(images);
    byte[] y = readLabels(labels);
    return toDataset(
        name, x, images.getFileName().toString(), y, labels.getFileName().toString(), classes, 0);
  }

  /**
   * Pairs images with labels, checking that the counts agree and every stored label minus {@code
   * labelOffset} lies in {@code [0, classes)}.
   */
  static Dataset toDataset(
      String name,
      IdxImages x,
      String imagesFile,
      byte[] y,
      String labelsFile,
      int classes,
      int labelOffset)
      throws DataFormatException {
    if (y.length != x.count()) {
      throw new DataFormatException(
          labelsFile,
          "label count at byte 4 is "
              + y.length
              + ", but "
              + imagesFile
              + " holds "
              + x.count()
              + " images");
    }
    int[] labels = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      int v = (y[i] & 0xff) - labelOffset;
      if (v < 0 || v >= classes) {
        throw new DataFormatException(
            labelsFile,
            "label "
                + (y[i] & 0xff)
                + " at byte "
                + (8 + i)
                + " must be in ["
                + labelOffset
                + ", "
                + (labelOffset + classes - 1)
                + "]");
      }
      labels[i] = v;
    }
    return Dataset.ofBytes(name, x.pixels(), x.pixelsPerImage(), labels, classes);
  }

  /** {@code in} itself, or a gzip decoder over it when it starts with the gzip magic. */
  static InputStream decompressed(InputStream in) throws IOException {
    BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
    b.mark(2);
    int b0 = b.read();
    int b1 = b.read();
    b.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new GZIPInputStream(b, 1 << 16);
    }
    return b;
  }

  /** Tracks the offset while reading, so that every error can name it. */
  private static final class Reader {
    private final String name;
    private final InputStream in;
    private long offset;
    private byte[] header;
    private int headerPos;

    Reader(String name, InputStream in) {
      this.name = name;
      this.in = in;
    }

    /** An error about byte {@code at}; "@" in {@code message} becomes "at byte N". */
    DataFormatException error(long at, String message) {
      return new DataFormatException(name, message.replace("@", "at byte " + at));
    }

    private int read(byte[] buf, int off, int len) throws IOException {
      try {
        int n = in.readNBytes(buf, off, len);
        offset += n;
        return n;
      } catch (EOFException e) {
        throw new DataFormatException(
            name,
            "gzip stream ends early after decompressed byte " + offset + " (truncated file?)",
            e);
      } catch (ZipException e) {
        throw new DataFormatException(
            name, "corrupt gzip data after decompressed byte " + offset + ": " + e.getMessage(), e);
      }
    }

    void expectMagic(int magic, String kind, int headerBytes) throws IOException {
      byte[] head = new byte[headerBytes];
      int n = read(head, 0, headerBytes);
      if (n >= 4) {
        int got = word(head, 0);
        if (got != magic) {
          throw error(0, "expected magic " + magic + " (" + kind + ") @, got " + got);
        }
      }
      if (n < headerBytes) {
        throw error(
            0,
            "expected a "
                + headerBytes
                + "-byte "
                + kind
                + " header @, the file ends at byte "
                + n);
      }
      this.header = head;
      this.headerPos = 4;
    }

    int header(String what, boolean positive) throws IOException {
      int at = headerPos;
      int v = word(header, at);
      headerPos += 4;
      if (positive ? v <= 0 : v < 0) {
        throw error(
            at,
            "expected a " + (positive ? "positive" : "non-negative") + " " + what + " @, got " + v);
      }
      return v;
    }

    /**
     * Reads exactly {@code size} bytes and checks that nothing follows. The array grows as data
     * arrives, so a corrupt header claiming gigabytes fails with a message instead of exhausting
     * memory first.
     */
    byte[] body(int size, String what) throws IOException {
      long start = offset;
      byte[] data = new byte[Math.min(size, 1 << 26)];
      int n = 0;
      while (true) {
        int got = read(data, n, data.length - n);
        n += got;
        if (n < data.length || data.length == size) {
          break;
        }
        data = java.util.Arrays.copyOf(data, (int) Math.min(size, 2L * data.length));
      }
      if (n < size) {
        throw error(
            start,
            "expected "
                + size
                + " bytes of data for "
                + what
                + " @, the file ends at byte "
                + (start + n));
      }
      if (read(new byte[1], 0, 1) > 0) {
        throw error(
            offset - 1, "expected the end of the file @ after " + what + ", found more bytes");
      }
      return data;
    }

    private static int word(byte[] b, int at) {
      return ((b[at] & 0xff) << 24)
          | ((b[at + 1] & 0xff) << 16)
          | ((b[at + 2] & 0xff) << 8)
          | (b[at + 3] & 0xff);
    }
  }
}
