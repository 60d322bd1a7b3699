package dev.descent.tune;

/**
 * The Sobol low-discrepancy sequence (Sobol 1967) in up to {@link #MAX_DIMENSIONS} dimensions, with
 * the direction numbers of Joe and Kuo ({@code new-joe-kuo-6.21201}, "Constructing Sobol sequences
 * with better two-dimensional projections", SIAM J. Sci. Comput. 30, 2008), generated in Gray-code
 * order (Antonov and Saleev 1979) and randomized by a digital shift: every coordinate is XORed with
 * a fixed random 32-bit word, which keeps the net property (any 2^k consecutive points from the
 * start put exactly one point in each dyadic interval of length 2^−k per coordinate).
 *
 * <p>Point 0 is the (shifted) origin; the sequence is deterministic for a given shift.
 */
final class Sobol {
  /** The most dimensions the direction-number table covers. */
  static final int MAX_DIMENSIONS = 10;

  private static final int BITS = 32;
  // Joe–Kuo rows for dimensions 2..10: degree s, coefficient a, initial m_1..m_s.
  private static final int[][] TABLE = {
    {1, 0, 1},
    {2, 1, 1, 3},
    {3, 1, 1, 3, 1},
    {3, 2, 1, 1, 1},
    {4, 1, 1, 1, 3, 3},
    {4, 4, 1, 3, 5, 13},
    {5, 2, 1, 1, 5, 5, 17},
    {5, 4, 1, 1, 5, 5, 5},
    {5, 7, 1, 1, 7, 11, 19},
  };

  private final int dims;
  private final int[][] v;
  private final int[] shift;
  private final int[] x;
  private long index;

  /**
   * @param dims the dimension, in [1, {@link #MAX_DIMENSIONS}]
   * @param shift one XOR word per dimension (all zero for the plain sequence)
   */
  Sobol(int dims, int[] shift) {
    if (dims < 1 || dims > MAX_DIMENSIONS) {
      throw new IllegalArgumentException(
          "sobol supports 1 to " + MAX_DIMENSIONS + " search keys, got " + dims);
    }
    this.dims = dims;
    this.shift = shift.clone();
    this.v = new int[dims][BITS];
    for (int i = 0; i < BITS; i++) {
      v[0][i] = 1 << (BITS - 1 - i);
    }
    for (int d = 1; d < dims; d++) {
      int[] row = TABLE[d - 1];
      int s = row[0];
      int a = row[1];
      for (int i = 0; i < s; i++) {
        v[d][i] = row[2 + i] << (BITS - 1 - i);
      }
      for (int i = s; i < BITS; i++) {
        int w = v[d][i - s] ^ (v[d][i - s] >>> s);
        for (int k = 1; k < s; k++) {
          w ^= ((a >>> (s - 1 - k)) & 1) * v[d][i - k];
        }
        v[d][i] = w;
      }
    }
    this.x = new int[dims];
  }

  /** Writes the next point, each coordinate in [0, 1), into {@code out}. */
  void next(double[] out) {
    if (index > 0) {
      int c = Long.numberOfTrailingZeros(index);
      for (int d = 0; d < dims; d++) {
        x[d] ^= v[d][c];
      }
    }
    index++;
    for (int d = 0; d < dims; d++) {
      out[d] = Integer.toUnsignedLong(x[d] ^ shift[d]) / 0x1p32;
    }
  }
}
