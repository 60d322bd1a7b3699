package dev.descent.tensor;

import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Lazily chooses the default BLAS once per JVM (initialization-on-demand holder). */
final class BlasHolder {
  static final Blas DEFAULT = choose();

  private BlasHolder() {}

  private static Blas choose() {
    Blas nativeBlas = NetlibBlas.tryLoad();
    if (nativeBlas != null) {
      return nativeBlas;
    }
    Blas provided = provided();
    return provided != null ? provided : new JavaBlas();
  }

  /**
   * The first {@link Blas} registered as a {@link ServiceLoader} provider that loads and constructs
   * (descent-vector's Vector API one, when the JVM runs with its module), or null. A provider that
   * fails, e.g. for lack of a JVM module it needs, is skipped.
   */
  private static Blas provided() {
    Iterator<Blas> it =
        ServiceLoader.load(Blas.class, BlasHolder.class.getClassLoader()).iterator();
    // The iterator moves past a provider that failed; the bound guards against one that does not.
    for (int tries = 0; tries < 100; tries++) {
      try {
        return it.hasNext() ? it.next() : null;
      } catch (ServiceConfigurationError | LinkageError e) {
        // Try the next provider.
      }
    }
    return null;
  }
}
