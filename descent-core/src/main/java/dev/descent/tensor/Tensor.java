package dev.descent.tensor;

import java.util.Arrays;

/**
 * A dense float32 array with an explicit shape, stored row-major (the last index varies fastest).
 *
 * <p>A tensor owns one {@code float[]} whose length equals the product of its shape. Operations in
 * {@link Ops} write into output tensors the caller provides, so a training step can run without
 * allocating. {@link #data()} exposes the backing array for hot loops; it is never copied.
 *
 * <pre>{@code
 * Tensor x = Tensor.zeros(128, 784);   // a batch of 128 flattened 28x28 images
 * x.set(0, 5, 1f);
 * }</pre>
 */
public final class Tensor {
  private final float[] data;
  private final int[] shape;

  private Tensor(float[] data, int[] shape) {
    this.data = data;
    this.shape = shape;
  }

  /** A new tensor of the given shape filled with zeros. */
  public static Tensor zeros(int... shape) {
    int[] s = checkShape(shape);
    return new Tensor(new float[Math.toIntExact(volume(s))], s);
  }

  /**
   * Wraps {@code data} (not copied) as a tensor of the given shape.
   *
   * @throws IllegalArgumentException if the shape is invalid or {@code data.length} differs from
   *     the product of the shape
   */
  public static Tensor wrap(float[] data, int... shape) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    int[] s = checkShape(shape);
    long n = volume(s);
    if (data.length != n) {
      throw new IllegalArgumentException(
          "data has length "
              + data.length
              + " but shape "
              + Arrays.toString(s)
              + " needs "
              + n
              + " elements");
    }
    return new Tensor(data, s);
  }

  /** A copy of {@code values} as a tensor of the given shape. */
  public static Tensor of(float[] values, int... shape) {
    if (values == null) {
      throw new IllegalArgumentException("values must not be null");
    }
    return wrap(values.clone(), shape);
  }

  /** A 2-D tensor copied from a rectangular array of rows. */
  public static Tensor of(float[][] rows) {
    if (rows == null || rows.length == 0) {
      throw new IllegalArgumentException("rows must be a non-empty array");
    }
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] == null) {
        throw new IllegalArgumentException("rows[" + i + "] must not be null");
      }
    }
    int cols = rows[0].length;
    Tensor t = zeros(rows.length, cols);
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != cols) {
        throw new IllegalArgumentException(
            "rows must be rectangular: row 0 has "
                + cols
                + " columns, row "
                + i
                + " has "
                + rows[i].length);
      }
      System.arraycopy(rows[i], 0, t.data, i * cols, cols);
    }
    return t;
  }

  private static int[] checkShape(int[] shape) {
    if (shape == null || shape.length == 0) {
      throw new IllegalArgumentException("shape must have at least one dimension");
    }
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] <= 0) {
        throw new IllegalArgumentException(
            "shape[" + i + "] must be positive, got " + shape[i] + " in " + Arrays.toString(shape));
      }
    }
    if (volume(shape) > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " has more than 2^31 - 9 elements");
    }
    return shape.clone();
  }

  private static long volume(int[] shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
      if (n > Integer.MAX_VALUE) {
        return n;
      }
    }
    return n;
  }

  /** The backing array, row-major; writes through to this tensor. */
  public float[] data() {
    return data;
  }

  /** A copy of the shape. */
  public int[] shape() {
    return shape.clone();
  }

  /** The number of dimensions. */
  public int rank() {
    return shape.length;
  }

  /** The extent of dimension {@code axis}. */
  public int dim(int axis) {
    if (axis < 0 || axis >= shape.length) {
      throw new IllegalArgumentException("axis must be in [0, " + shape.length + "), got " + axis);
    }
    return shape[axis];
  }

  /** The number of elements. */
  public int size() {
    return data.length;
  }

  /** Rows of a 2-D tensor (the first dimension of any tensor). */
  public int rows() {
    return shape[0];
  }

  /** Columns of a 2-D tensor: the product of all dimensions after the first. */
  public int cols() {
    return data.length / shape[0];
  }

  /** Whether {@code other} has exactly this shape ({@code false} for null). */
  public boolean sameShape(Tensor other) {
    return other != null && Arrays.equals(shape, other.shape);
  }

  /** The element at row {@code i}, column {@code j}, viewing this tensor as rows x cols. */
  public float get(int i, int j) {
    return data[index(i, j)];
  }

  /** Sets the element at row {@code i}, column {@code j}, viewing this tensor as rows x cols. */
  public void set(int i, int j, float value) {
    data[index(i, j)] = value;
  }

  private int index(int i, int j) {
    int cols = cols();
    if (i < 0 || i >= shape[0] || j < 0 || j >= cols) {
      throw new IndexOutOfBoundsException(
          "(" + i + ", " + j + ") is outside " + shape[0] + " x " + cols);
    }
    return i * cols + j;
  }

  /** Sets every element to {@code value}; returns this. */
  public Tensor fill(float value) {
    Arrays.fill(data, value);
    return this;
  }

  /** Copies {@code src} (same shape) into this tensor; returns this. */
  public Tensor copyFrom(Tensor src) {
    Ops.requireSameShape("src", src, "this", this);
    System.arraycopy(src.data, 0, data, 0, data.length);
    return this;
  }

  /** A deep copy. */
  public Tensor copy() {
    return new Tensor(data.clone(), shape);
  }

  /** A tensor sharing this one's data under another shape with the same number of elements. */
  public Tensor reshape(int... newShape) {
    return wrap(data, newShape);
  }

  /** Element-wise equality of shape and bits (NaN equals NaN with the same bits). */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Tensor)) {
      return false;
    }
    Tensor t = (Tensor) o;
    return Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Tensor").append(Arrays.toString(shape)).append(' ');
    int n = Math.min(data.length, 8);
    sb.append('[');
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(data[i]);
    }
    if (data.length > n) {
      sb.append(", ...");
    }
    return sb.append(']').toString();
  }
}
