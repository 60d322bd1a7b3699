package dev.descent.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a crash at any moment leaves either the old file or the complete new one:
 * the bytes go to a temporary file in the same folder, are forced to disk, and the temporary file
 * is renamed over the target in one atomic step; then the folder itself is synced so the rename
 * survives a power loss.
 */
final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Replaces {@code file} with {@code bytes} atomically.
   *
   * @throws IOException naming the folder when it is missing or not writable
   */
  static void write(Path file, byte[] bytes) throws IOException {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    if (!Files.isDirectory(dir)) {
      throw new IOException("cannot write " + file + ": folder " + dir + " does not exist");
    }
    Path tmp;
    try {
      tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
    } catch (AccessDeniedException e) {
      throw new IOException("cannot write " + file + ": folder " + dir + " is not writable", e);
    }
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    syncFolder(dir);
  }

  private static void syncFolder(Path dir) {
    // Linux lets a folder be opened read-only and fsync'ed; other systems refuse, and there the
    // rename's durability is the file system's business.
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      return;
    }
  }
}
