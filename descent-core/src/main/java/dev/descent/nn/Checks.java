package dev.descent.nn;

import dev.descent.tensor.Tensor;
import java.util.Arrays;

/** Argument checks shared by the layers, with messages naming the layer and argument. */
final class Checks {
  private Checks() {}

  static void input(String layer, Tensor x, int features) {
    if (x == null) {
      throw new IllegalArgumentException(layer + ": input x must not be null");
    }
    if (features > 0 && x.cols() != features) {
      throw new IllegalArgumentException(
          layer
              + ": input x must have "
              + features
              + " features (columns), got shape "
              + Arrays.toString(x.shape()));
    }
  }

  /** That {@code x} is not null and rows [firstRow, firstRow + rows) are a non-empty part of it. */
  static void rows(String layer, Tensor x, int firstRow, int rows) {
    if (x == null) {
      throw new IllegalArgumentException(layer + ": input must not be null");
    }
    if (firstRow < 0 || rows < 1 || rows > x.rows() - firstRow) {
      throw new IllegalArgumentException(
          layer
              + ": rows ["
              + firstRow
              + ", "
              + ((long) firstRow + rows)
              + ") must lie within the input's "
              + x.rows()
              + " rows");
    }
  }

  static void context(String layer, Context context) {
    if (context == null) {
      throw new IllegalArgumentException(layer + ": context must not be null");
    }
  }

  static void gradOutput(String layer, Tensor gradOutput, Tensor output) {
    if (output == null) {
      throw new IllegalStateException(layer + ": backward called before forward");
    }
    if (gradOutput == null) {
      throw new IllegalArgumentException(layer + ": gradOutput must not be null");
    }
    if (gradOutput.rows() != output.rows() || gradOutput.cols() != output.cols()) {
      throw new IllegalArgumentException(
          layer
              + ": gradOutput must have the last output's shape "
              + output.rows()
              + " x "
              + output.cols()
              + ", got "
              + Arrays.toString(gradOutput.shape()));
    }
  }

  static int positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
    return value;
  }
}
