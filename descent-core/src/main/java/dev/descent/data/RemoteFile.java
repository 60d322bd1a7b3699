package dev.descent.data;

import java.net.URI;
import java.util.Locale;

/**
 * One published file of a data set and what it must hash to.
 *
 * @param name the file name, e.g. {@code t10k-images-idx3-ubyte.gz}
 * @param url where to download it
 * @param size its length in bytes, or -1 when unknown
 * @param sha256 the lower-case hex SHA-256 of the published bytes, or {@code null} when no
 *     trustworthy value is known
 * @param contentSha256 the SHA-256 of the decompressed IDX bytes, or {@code null} when unknown;
 *     lets a copy that was unpacked or recompressed (as Debian's packages are) be verified too
 */
public record RemoteFile(String name, URI url, long size, String sha256, String contentSha256) {

  /** Checks the digests' form. */
  public RemoteFile {
    if (name == null || name.isEmpty() || name.contains("/")) {
      throw new IllegalArgumentException("name must be a plain file name, got " + name);
    }
    sha256 = checkHex("sha256", sha256);
    contentSha256 = checkHex("contentSha256", contentSha256);
  }

  private static String checkHex(String what, String hex) {
    if (hex == null) {
      return null;
    }
    String h = hex.toLowerCase(Locale.ROOT);
    if (!h.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(what + " must be 64 hex digits, got " + hex);
    }
    return h;
  }

  /** The name without a trailing {@code .gz}: how the file is called once unpacked. */
  public String unpackedName() {
    return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
  }
}
