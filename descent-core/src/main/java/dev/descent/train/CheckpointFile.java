package dev.descent.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The framing of a checkpoint file: an 8-byte magic {@code DSCNTCKP}, a 4-byte format version, the
 * 8-byte payload length, the 32-byte SHA-256 of the payload, then the payload (all big-endian).
 * Writes are atomic ({@link AtomicFiles}); reads verify magic, version, length and checksum, so a
 * truncated or bit-flipped file is reported, never half-loaded.
 */
final class CheckpointFile {
  static final byte[] MAGIC = "DSCNTCKP".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int HEADER = 8 + 4 + 8 + 32;

  private CheckpointFile() {}

  static void write(Path file, byte[] payload) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length);
    b.put(MAGIC).putInt(VERSION).putLong(payload.length).put(sha256(payload)).put(payload);
    AtomicFiles.write(file, b.array());
  }

  /** The verified payload. */
  static byte[] read(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ModelFileException(file, "no checkpoint there to resume from", e);
    }
    if (bytes.length < HEADER) {
      throw new ModelFileException(
          file,
          "truncated: " + bytes.length + " bytes, shorter than the " + HEADER + "-byte header");
    }
    if (!Arrays.equals(bytes, 0, 8, MAGIC, 0, 8)) {
      throw new ModelFileException(file, "not a descent checkpoint (wrong magic at byte 0)");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    int version = b.getInt(8);
    if (version != VERSION) {
      throw new ModelFileException(
          file, "checkpoint format version " + version + " at byte 8, this build reads " + VERSION);
    }
    long length = b.getLong(12);
    if (length != bytes.length - (long) HEADER) {
      throw new ModelFileException(
          file,
          "truncated or padded: the header at byte 12 says "
              + length
              + " payload bytes, the file has "
              + (bytes.length - (long) HEADER));
    }
    byte[] payload = Arrays.copyOfRange(bytes, HEADER, bytes.length);
    if (!Arrays.equals(sha256(payload), Arrays.copyOfRange(bytes, 20, 52))) {
      throw new ModelFileException(
          file,
          "corrupt: the SHA-256 of the payload (bytes "
              + HEADER
              + " to "
              + bytes.length
              + ") differs from the one stored at byte 20");
    }
    return payload;
  }

  private static byte[] sha256(byte[] payload) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(payload);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
