package dev.descent.nn;

import dev.descent.tensor.Tensor;

/**
 * A rows x cols scratch tensor that is reallocated only when its shape changes to one not among the
 * two most recently used, so a fixed batch size plus a smaller last batch costs no allocation in
 * steady state.
 */
final class RowBuffer {
  private Tensor current;
  private Tensor previous;

  /** A tensor of shape rows x cols, reused when possible; contents are unspecified. */
  Tensor get(int rows, int cols) {
    if (matches(current, rows, cols)) {
      return current;
    }
    Tensor t = matches(previous, rows, cols) ? previous : Tensor.zeros(rows, cols);
    previous = current;
    current = t;
    return t;
  }

  private static boolean matches(Tensor t, int rows, int cols) {
    return t != null && t.rows() == rows && t.cols() == cols && t.rank() == 2;
  }
}
