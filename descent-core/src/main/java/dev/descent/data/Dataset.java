package dev.descent.data;

import dev.descent.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * A labelled classification data set: {@code size()} examples of {@code features()} float32 values
 * each, an integer label in {@code [0, classes())} per example, and a name.
 *
 * <p>Storage is compact and shared: images stay unsigned bytes (60 000 Fashion-MNIST images take 47
 * MB, not 188 MB), other data float32. Subsets ({@link #head}, {@link #subset}) and rescaled views
 * ({@link #rescaled}) share the storage and cost one {@code int} per row or two floats per column.
 * A feature is read as {@code (stored − center[j]) / divisor[j]}, applied while copying rows into
 * the caller's buffers, so no normalized copy is made unless asked for; dividing makes {@code /255}
 * give exactly NumPy's float32 {@code x / 255}. Loops that copy random rows batch after batch (the
 * trainer, the evaluator) ask for one: {@link #forCopying} decodes the rows once into plain floats
 * when that fits the heap, since a block copy per row beats a table look-up per byte.
 *
 * <pre>{@code
 * Dataset d = Dataset.ofFloats("toy", new float[] {0, 1, 2, 3}, 2, new int[] {0, 1}, 2);
 * float[] row = new float[2];
 * d.row(1, row, 0); // row = {2, 3}
 * }</pre>
 */
public final class Dataset {
  private final String name;
  private final int cols;
  private final byte[] bytes;
  private final float[] floats;
  private final int[] labels;
  private final int classes;
  private final List<String> classNames;
  private final int[] index;
  private final int size;
  private final float[] center;
  private final float[] divisor;
  // For byte storage read the same way in every column: the float each of the 256 byte values
  // reads as, computed with the same float operations as the per-element formula (same bits).
  private final float[] byteTable;
  // decoded()'s result, made once per instance (benign race: at worst made twice, same values).
  private volatile Dataset decoded;

  private Dataset(
      String name,
      int cols,
      byte[] bytes,
      float[] floats,
      int[] labels,
      int classes,
      List<String> classNames,
      int[] index,
      float[] center,
      float[] divisor) {
    this.name = name;
    this.cols = cols;
    this.bytes = bytes;
    this.floats = floats;
    this.labels = labels;
    this.classes = classes;
    this.classNames = classNames;
    this.index = index;
    this.size = index == null ? labels.length : index.length;
    this.center = center;
    this.divisor = divisor;
    this.byteTable = bytes == null ? null : byteTable(center, divisor);
  }

  /** The 256 values a byte reads as, or null when the columns are rescaled differently. */
  private static float[] byteTable(float[] center, float[] divisor) {
    float c = center == null ? 0f : center[0];
    float d = center == null ? 1f : divisor[0];
    for (int j = 1; center != null && j < center.length; j++) {
      if (Float.floatToRawIntBits(center[j]) != Float.floatToRawIntBits(c)
          || Float.floatToRawIntBits(divisor[j]) != Float.floatToRawIntBits(d)) {
        return null;
      }
    }
    float[] t = new float[256];
    for (int v = 0; v < 256; v++) {
      t[v] = center == null ? v : (v - c) / d;
    }
    return t;
  }

  /**
   * A data set over float32 features, stored row after row (not copied).
   *
   * @param name shown in messages and reports
   * @param features {@code labels.length × cols} values, row-major
   * @param cols features per example, at least 1
   * @param labels one class index per example, each in {@code [0, classes)}
   * @param classes the number of classes, at least 1
   * @throws IllegalArgumentException if the sizes disagree or a label is out of range
   */
  public static Dataset ofFloats(
      String name, float[] features, int cols, int[] labels, int classes) {
    checkShape(features == null ? -1 : features.length, cols, labels, classes);
    return new Dataset(name, cols, null, features, labels, classes, List.of(), null, null, null);
  }

  /**
   * A data set over unsigned-byte features (pixel values 0–255), stored row after row (not copied).
   * Parameters as for {@link #ofFloats}.
   */
  public static Dataset ofBytes(String name, byte[] features, int cols, int[] labels, int classes) {
    checkShape(features == null ? -1 : features.length, cols, labels, classes);
    return new Dataset(name, cols, features, null, labels, classes, List.of(), null, null, null);
  }

  private static void checkShape(long length, int cols, int[] labels, int classes) {
    if (cols < 1) {
      throw new IllegalArgumentException("cols must be at least 1, got " + cols);
    }
    if (classes < 1) {
      throw new IllegalArgumentException("classes must be at least 1, got " + classes);
    }
    if (labels == null) {
      throw new IllegalArgumentException("labels must not be null");
    }
    if (length != (long) labels.length * cols) {
      throw new IllegalArgumentException(
          "features must have labels.length × cols = "
              + labels.length
              + " × "
              + cols
              + " = "
              + (long) labels.length * cols
              + " values, got "
              + (length < 0 ? "null" : Long.toString(length)));
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException(
            "labels[" + i + "] must be in [0, " + classes + "), got " + labels[i]);
      }
    }
  }

  /** The same data under another name. */
  public Dataset named(String newName) {
    return new Dataset(
        newName, cols, bytes, floats, labels, classes, classNames, index, center, divisor);
  }

  /**
   * The same data with class names (e.g. the CSV label strings), one per class.
   *
   * @throws IllegalArgumentException if there are not exactly {@code classes()} names
   */
  public Dataset withClassNames(List<String> names) {
    if (names.size() != classes) {
      throw new IllegalArgumentException(
          "class names must have " + classes + " entries, got " + names.size());
    }
    return new Dataset(
        name, cols, bytes, floats, labels, classes, List.copyOf(names), index, center, divisor);
  }

  /** The name. */
  public String name() {
    return name;
  }

  /** The number of examples. */
  public int size() {
    return size;
  }

  /** Features per example. */
  public int features() {
    return cols;
  }

  /** The number of classes; labels lie in {@code [0, classes())}. */
  public int classes() {
    return classes;
  }

  /** Class names, one per class, or an empty list when the classes are just numbers. */
  public List<String> classNames() {
    return classNames;
  }

  /** Whether the features are stored as unsigned bytes (images). */
  public boolean storedAsBytes() {
    return bytes != null;
  }

  private int storageRow(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("row must be in [0, " + size + "), got " + i);
    }
    return index == null ? i : index[i];
  }

  /** The label of example {@code i}. */
  public int label(int i) {
    return labels[storageRow(i)];
  }

  /** All labels in order, as a new array. */
  public int[] labels() {
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      out[i] = labels[index == null ? i : index[i]];
    }
    return out;
  }

  /** Feature {@code j} of example {@code i}, after this view's scaling. */
  public float get(int i, int j) {
    if (j < 0 || j >= cols) {
      throw new IndexOutOfBoundsException("column must be in [0, " + cols + "), got " + j);
    }
    long at = (long) storageRow(i) * cols + j;
    float v = bytes != null ? bytes[(int) at] & 0xff : floats[(int) at];
    return center == null ? v : (v - center[j]) / divisor[j];
  }

  /** Copies example {@code i}'s features into {@code out[off .. off + features())}. */
  public void row(int i, float[] out, int off) {
    int base = storageRow(i) * cols;
    if (byteTable != null) {
      // A table look-up per byte: about 3x faster than converting and dividing (JDK 17 vectorizes
      // neither), and the batch gather is a sizeable part of a training step.
      float[] t = byteTable;
      for (int j = 0; j < cols; j++) {
        out[off + j] = t[bytes[base + j] & 0xff];
      }
    } else if (bytes != null) {
      if (center == null) {
        for (int j = 0; j < cols; j++) {
          out[off + j] = bytes[base + j] & 0xff;
        }
      } else {
        for (int j = 0; j < cols; j++) {
          out[off + j] = ((bytes[base + j] & 0xff) - center[j]) / divisor[j];
        }
      }
    } else if (center == null) {
      System.arraycopy(floats, base, out, off, cols);
    } else {
      for (int j = 0; j < cols; j++) {
        out[off + j] = (floats[base + j] - center[j]) / divisor[j];
      }
    }
  }

  /**
   * The same examples with their features decoded once into plain float32 rows: no byte storage, no
   * scaling, no row index, so {@link #row} is a single {@link System#arraycopy}. Every value is bit
   * for bit what {@link #row} returns here. A training loop that copies random rows into every
   * batch spends several times less on the copy (Fashion-MNIST: 784 table look-ups per image
   * against a 3 KB block copy), at four bytes per feature instead of one (60 000 images: 188 MB
   * instead of 47 MB). Returns this data set when it already is plain floats; otherwise the decoded
   * copy is made on the first call and kept, so trainers sharing this data set share it.
   */
  public Dataset decoded() {
    if (bytes == null && center == null && index == null) {
      return this;
    }
    Dataset d = decoded;
    if (d == null) {
      d =
          new Dataset(
              name, cols, null, toFloats(), labels(), classes, classNames, null, null, null);
      decoded = d;
    }
    return d;
  }

  /**
   * The data set to copy rows from in a loop over many batches: for byte storage (images), {@link
   * #decoded} when that copy takes at most an eighth of the JVM's maximum heap ({@code -Xmx};
   * Fashion-MNIST's 60 000 training images take 188 MB); this data set otherwise. Float storage is
   * never copied again: its rows already copy as blocks (one element-wise pass when rescaled), and
   * a second copy would double the memory of data sets that may be large. The values are the same
   * either way.
   */
  public Dataset forCopying() {
    long floatBytes = 4L * size * cols;
    return bytes != null && floatBytes <= Runtime.getRuntime().maxMemory() / 8 ? decoded() : this;
  }

  /**
   * The features as one {@code size() × features()} tensor over this data set's own storage (not a
   * copy: do not write to it) when they are stored as float32 in row order, as {@link #row} reads
   * them: a float data set that is not a view and not rescaled on the fly, or {@link #decoded()}'s
   * result. Null otherwise. An evaluation can then run the model over its rows in place ({@link
   * dev.descent.nn.Sequential#forward(Tensor, int, int, dev.descent.nn.Context)}).
   */
  public Tensor featureMatrix() {
    return floats != null && index == null && center == null
        ? Tensor.wrap(floats, size, cols)
        : null;
  }

  /** All features, {@code size() × features()} row-major, into a new array. */
  public float[] toFloats() {
    float[] out = new float[Math.multiplyExact(size, cols)];
    for (int i = 0; i < size; i++) {
      row(i, out, i * cols);
    }
    return out;
  }

  /**
   * The first {@code n} examples, as the seeds' experiments take {@code x_train[:n]}.
   *
   * @throws IllegalArgumentException unless {@code 1 <= n <= size()}
   */
  public Dataset head(int n) {
    if (n < 1 || n > size) {
      throw new IllegalArgumentException("n must be in [1, " + size + "], got " + n);
    }
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    return subset(rows);
  }

  /**
   * The examples at {@code rows} (indices into this data set, in the given order; repeats allowed),
   * sharing storage.
   */
  public Dataset subset(int[] rows) {
    int[] mapped = new int[rows.length];
    for (int k = 0; k < rows.length; k++) {
      mapped[k] = storageRow(rows[k]);
    }
    return new Dataset(
        name, cols, bytes, floats, labels, classes, classNames, mapped, center, divisor);
  }

  /**
   * This data with feature {@code j} read as {@code (x − c[j]) / d[j]}, where {@code x} is the
   * value this view already gives (rescalings compose).
   *
   * @param c per-column centres, {@code features()} long
   * @param d per-column divisors, {@code features()} long, each finite and non-zero
   */
  public Dataset rescaled(float[] c, float[] d) {
    if (c.length != cols || d.length != cols) {
      throw new IllegalArgumentException(
          "c and d must have " + cols + " entries, got " + c.length + " and " + d.length);
    }
    float[] c2 = new float[cols];
    float[] d2 = new float[cols];
    for (int j = 0; j < cols; j++) {
      if (d[j] == 0 || !Float.isFinite(d[j]) || !Float.isFinite(c[j])) {
        throw new IllegalArgumentException(
            "d["
                + j
                + "] must be finite and non-zero and c["
                + j
                + "] finite, got "
                + d[j]
                + " and "
                + c[j]);
      }
      double c0 = center == null ? 0 : center[j];
      double d0 = center == null ? 1 : divisor[j];
      // ((x - c0)/d0 - c)/d = (x - (c0 + c·d0)) / (d0·d)
      c2[j] = (float) (c0 + (double) c[j] * d0);
      d2[j] = (float) (d0 * d[j]);
    }
    return new Dataset(name, cols, bytes, floats, labels, classes, classNames, index, c2, d2);
  }

  /** How many examples of each class, {@code classes()} long. */
  public int[] classCounts() {
    int[] counts = new int[classes];
    for (int i = 0; i < size; i++) {
      counts[labels[index == null ? i : index[i]]]++;
    }
    return counts;
  }

  /**
   * Writes one-hot rows for {@code labels[0..count)} into {@code out} ({@code count × classes},
   * row-major, fully overwritten).
   *
   * @throws IllegalArgumentException if {@code out} is too small or a label is out of range
   */
  public static void oneHot(int[] labels, int count, int classes, float[] out) {
    if (count < 0 || count > labels.length || (long) count * classes > out.length) {
      throw new IllegalArgumentException(
          "out must hold count × classes = "
              + (long) count * classes
              + " values and count must be in [0, "
              + labels.length
              + "], got out.length="
              + out.length
              + ", count="
              + count);
    }
    Arrays.fill(out, 0, count * classes, 0f);
    for (int i = 0; i < count; i++) {
      int y = labels[i];
      if (y < 0 || y >= classes) {
        throw new IllegalArgumentException(
            "labels[" + i + "] must be in [0, " + classes + "), got " + y);
      }
      out[i * classes + y] = 1f;
    }
  }

  @Override
  public String toString() {
    return name + " (" + size + " × " + cols + ", " + classes + " classes)";
  }
}
