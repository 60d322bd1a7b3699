package dev.descent.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files byte by byte for tests. */
final class IdxFiles {
  private IdxFiles() {}

  /** An image file: magic, count, rows, cols, then {@code pixels}. */
  static byte[] images(int magic, int count, int rows, int cols, byte[] pixels) {
    ByteBuffer b = ByteBuffer.allocate(16 + pixels.length);
    b.putInt(magic).putInt(count).putInt(rows).putInt(cols).put(pixels);
    return b.array();
  }

  /** A well-formed image file whose pixel {@code k} is {@code (seed + k) mod 256}. */
  static byte[] images(int count, int rows, int cols, int seed) {
    byte[] p = new byte[count * rows * cols];
    for (int k = 0; k < p.length; k++) {
      p[k] = (byte) (seed + k);
    }
    return images(IdxReader.IMAGES_MAGIC, count, rows, cols, p);
  }

  /** A label file: magic, count, then {@code labels}. */
  static byte[] labels(int magic, int count, byte[] labels) {
    ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
    b.putInt(magic).putInt(count).put(labels);
    return b.array();
  }

  /** A well-formed label file holding {@code labels}. */
  static byte[] labels(int... labels) {
    byte[] y = new byte[labels.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = (byte) labels[i];
    }
    return labels(IdxReader.LABELS_MAGIC, y.length, y);
  }

  static byte[] gzip(byte[] raw) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(raw);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
