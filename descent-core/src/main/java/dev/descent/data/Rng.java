package dev.descent.data;

/**
 * SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA
 * 2014): a tiny generator whose whole state is one {@code long}, so a stream for any (seed, epoch,
 * batch) can be recreated in place without allocating. Used for data order only.
 */
final class Rng {
  private static final long GOLDEN = 0x9e3779b97f4a7c15L;
  private long state;

  Rng(long seed) {
    state = seed;
  }

  /** Restarts the stream at {@code seed}. */
  void reseed(long seed) {
    state = seed;
  }

  /** The SplitMix64 output function: a bijective scrambling of {@code z}. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /**
   * A seed for the stream identified by {@code (seed, a, b)}; distinct keys give unrelated streams.
   */
  static long derive(long seed, long a, long b) {
    return mix(mix(mix(seed) + GOLDEN * (a + 1)) + GOLDEN * (b + 1));
  }

  long nextLong() {
    state += GOLDEN;
    return mix(state);
  }

  /**
   * Uniform in {@code [0, bound)} without modulo bias (Lemire, "Fast random integer generation in
   * an interval", 2019).
   */
  int nextInt(int bound) {
    long m = (nextLong() >>> 32) * bound;
    long low = m & 0xffffffffL;
    if (low < bound) {
      long threshold = (0x100000000L - bound) % bound;
      while (low < threshold) {
        m = (nextLong() >>> 32) * bound;
        low = m & 0xffffffffL;
      }
    }
    return (int) (m >>> 32);
  }

  /** Shuffles {@code a[0..n)} in place (Fisher–Yates, Durstenfeld's variant). */
  void shuffle(int[] a, int n) {
    for (int i = n - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
