package dev.descent.tensor;

/** Lazily chooses the default BLAS once per JVM (initialization-on-demand holder). */
final class BlasHolder {
  static final Blas DEFAULT = choose();

  private BlasHolder() {}

  private static Blas choose() {
    Blas nativeBlas = NetlibBlas.tryLoad();
    return nativeBlas != null ? nativeBlas : new JavaBlas();
  }
}
