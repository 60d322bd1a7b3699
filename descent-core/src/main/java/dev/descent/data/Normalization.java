package dev.descent.data;

/**
 * How {@link Splits#normalized} rescales features. Statistics always come from the training split
 * and are applied unchanged to validation and test data, so no information leaks from them.
 */
public enum Normalization {
  /** Features as stored (pixel values 0–255 for images). */
  NONE,
  /**
   * Into [0, 1]. Images (unsigned bytes) are divided by 255, their known range, as the book's
   * {@code load_mnist(normalize=True)} does; other features use each column's training min and max,
   * x' = (x − min)/(max − min), and a constant column becomes 0. Validation and test values may
   * fall slightly outside [0, 1].
   */
  UNIT_RANGE,
  /**
   * Zero mean, unit variance per column: x' = (x − μ)/σ with the training mean μ and population
   * standard deviation σ (ddof = 0, as scikit-learn's {@code StandardScaler}); a column with σ = 0
   * is only centred.
   */
  STANDARDIZE
}
