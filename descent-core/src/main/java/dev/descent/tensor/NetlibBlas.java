package dev.descent.tensor;

import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The system's native BLAS (normally OpenBLAS, through {@code libblas.so.3}) called through {@code
 * dev.ludovic.netlib}'s JNI binding, which passes the {@code float[]} arrays without copying.
 *
 * <p>BLAS is column-major; a row-major product {@code C = op(A) op(B)} is the column-major product
 * {@code C^T = op(B)^T op(A)^T}, so the call swaps A and B and m and n, and keeps every array as it
 * is.
 */
public final class NetlibBlas implements Blas {
  /**
   * netlib logs a warning for every implementation it fails to load (its Vector API one needs an
   * incubator module); descent reports the implementation it uses instead. Held so the setting is
   * not garbage-collected with the logger.
   */
  private static final Logger NETLIB_LOG = quietNetlibLogger();

  private final NativeBLAS blas;
  private final String library;

  private NetlibBlas(NativeBLAS blas, String library) {
    this.blas = blas;
    this.library = library;
  }

  private static Logger quietNetlibLogger() {
    Logger log = Logger.getLogger("dev.ludovic.netlib.blas");
    log.setLevel(Level.SEVERE);
    return log;
  }

  /** The native BLAS, or {@code null} when no native library could be loaded. */
  static NetlibBlas tryLoad() {
    if (NETLIB_LOG.getLevel() != Level.SEVERE) {
      NETLIB_LOG.setLevel(Level.SEVERE);
    }
    NativeBLAS blas;
    try {
      blas = NativeBLAS.getInstance();
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
    // A tiny product proves the library actually works before anyone relies on it.
    float[] c = new float[1];
    try {
      blas.sgemm(
          "N", "N", 1, 1, 1, 1f, new float[] {2f}, 0, 1, new float[] {3f}, 0, 1, 0f, c, 0, 1);
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
    if (c[0] != 6f) {
      return null;
    }
    return new NetlibBlas(blas, loadedLibrary());
  }

  /** The BLAS shared object mapped into this process, read from /proc/self/maps (Linux). */
  private static String loadedLibrary() {
    Path maps = Path.of("/proc/self/maps");
    if (!Files.isReadable(maps)) {
      return "libblas.so.3";
    }
    try (Stream<String> lines = Files.lines(maps)) {
      return lines
          .map(l -> l.substring(l.lastIndexOf(' ') + 1))
          .filter(p -> p.contains("blas") && !p.contains("netlibblasjni") && p.contains(".so"))
          .findFirst()
          .map(NetlibBlas::realPath)
          .orElse("libblas.so.3");
    } catch (IOException | RuntimeException e) {
      return "libblas.so.3";
    }
  }

  private static String realPath(String path) {
    try {
      return Path.of(path).toRealPath().toString();
    } catch (IOException e) {
      return path;
    }
  }

  @Override
  public void sgemm(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      float alpha,
      float[] a,
      int aOffset,
      int lda,
      float[] b,
      int bOffset,
      int ldb,
      float beta,
      float[] c,
      int cOffset,
      int ldc) {
    Blas.checkGemm(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
    blas.sgemm(
        transB ? "T" : "N",
        transA ? "T" : "N",
        n,
        m,
        k,
        alpha,
        b,
        bOffset,
        ldb,
        a,
        aOffset,
        lda,
        beta,
        c,
        cOffset,
        ldc);
  }

  /** The path of the native library in use. */
  public String library() {
    return library;
  }

  @Override
  public String name() {
    String lib = library.toLowerCase();
    String vendor =
        lib.contains("openblas")
            ? "OpenBLAS"
            : lib.contains("mkl") ? "MKL" : lib.contains("atlas") ? "ATLAS" : "BLAS";
    return "native " + vendor + " (" + library + ")";
  }

  @Override
  public boolean isNative() {
    return true;
  }
}
