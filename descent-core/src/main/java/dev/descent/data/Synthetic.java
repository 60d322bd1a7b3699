package dev.descent.data;

import java.util.Random;

/**
 * Small two-dimensional classification problems for trying optimizers in seconds. Each is a pure
 * function of its arguments and seed; the generator is {@link java.util.Random}, whose algorithm
 * (and so every value drawn) is fixed by its specification. Examples are grouped by class; use a
 * shuffling {@link BatchIterator} for training.
 */
public final class Synthetic {
  private Synthetic() {}

  /**
   * CS231n's spiral ("Putting it together: minimal neural network case study"): for class {@code
   * j}, {@code n} points with radius {@code r = linspace(0, 1, n)} and angle {@code t =
   * linspace(4j, 4(j+1), n) + 0.2·N(0, 1)}, placed at {@code (r·sin t, r·cos t)}. The notes use
   * {@code n = 100}, {@code classes = 3}.
   *
   * @param n points per class, at least 1
   * @param classes number of arms, at least 1
   * @param seed the noise seed
   */
  public static Dataset spiral(int n, int classes, long seed) {
    positive("points", n);
    positive("classes", classes);
    Random random = new Random(seed);
    float[] x = new float[Math.multiplyExact(2 * n, classes)];
    int[] y = new int[n * classes];
    for (int j = 0; j < classes; j++) {
      for (int i = 0; i < n; i++) {
        double r = linspace(0, 1, n, i);
        double t = linspace(4.0 * j, 4.0 * (j + 1), n, i) + random.nextGaussian() * 0.2;
        int k = j * n + i;
        x[2 * k] = (float) (r * Math.sin(t));
        x[2 * k + 1] = (float) (r * Math.cos(t));
        y[k] = j;
      }
    }
    return Dataset.ofFloats("spiral", x, 2, y, classes);
  }

  /**
   * Two interleaving half circles, as scikit-learn's {@code make_moons} (without its final
   * shuffle): {@code n / 2} points on the upper unit half circle (class 0), the rest on the lower
   * one shifted to {@code (1, 0.5)} (class 1), plus Gaussian noise of standard deviation {@code
   * noise} on both coordinates.
   *
   * @param n total points, at least 2
   * @param noise noise standard deviation, at least 0 (scikit-learn's examples use 0.1–0.3)
   * @param seed the noise seed
   */
  public static Dataset moons(int n, double noise, long seed) {
    if (n < 2) {
      throw new IllegalArgumentException("points must be at least 2, got " + n);
    }
    nonNegative("noise", noise);
    Random random = new Random(seed);
    int outer = n / 2;
    int inner = n - outer;
    float[] x = new float[2 * n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      boolean isOuter = i < outer;
      double t = isOuter ? linspace(0, Math.PI, outer, i) : linspace(0, Math.PI, inner, i - outer);
      double px = isOuter ? Math.cos(t) : 1 - Math.cos(t);
      double py = isOuter ? Math.sin(t) : 1 - Math.sin(t) - 0.5;
      x[2 * i] = (float) (px + noise * random.nextGaussian());
      x[2 * i + 1] = (float) (py + noise * random.nextGaussian());
      y[i] = isOuter ? 0 : 1;
    }
    return Dataset.ofFloats("moons", x, 2, y, 2);
  }

  /**
   * Isotropic Gaussian clusters, as scikit-learn's {@code make_blobs}: {@code centers} centres
   * drawn uniformly from the box [−10, 10]², then {@code n} points split as evenly as possible
   * among them (the first {@code n mod centers} get one more), each centre plus Gaussian noise of
   * standard deviation {@code std} (scikit-learn's default 1.0).
   *
   * @param n total points, at least {@code centers}
   * @param centers number of clusters (classes), at least 1
   * @param std cluster standard deviation, at least 0
   * @param seed the seed for centres and noise
   */
  public static Dataset blobs(int n, int centers, double std, long seed) {
    positive("classes", centers);
    if (n < centers) {
      throw new IllegalArgumentException(
          "points must be at least classes = " + centers + ", got " + n);
    }
    nonNegative("std", std);
    Random random = new Random(seed);
    double[] c = new double[2 * centers];
    for (int k = 0; k < c.length; k++) {
      c[k] = -10 + 20 * random.nextDouble();
    }
    float[] x = new float[2 * n];
    int[] y = new int[n];
    int i = 0;
    for (int j = 0; j < centers; j++) {
      int count = n / centers + (j < n % centers ? 1 : 0);
      for (int k = 0; k < count; k++, i++) {
        x[2 * i] = (float) (c[2 * j] + std * random.nextGaussian());
        x[2 * i + 1] = (float) (c[2 * j + 1] + std * random.nextGaussian());
        y[i] = j;
      }
    }
    return Dataset.ofFloats("blobs", x, 2, y, centers);
  }

  /**
   * The XOR problem, which no linear model solves: points uniform in [−1, 1]², class 1 where the
   * coordinates have opposite signs and 0 otherwise, then Gaussian noise of standard deviation
   * {@code noise} added to the coordinates (after labelling, so the classes overlap near the axes).
   *
   * @param n total points, at least 1
   * @param noise noise standard deviation, at least 0
   * @param seed the seed for points and noise
   */
  public static Dataset xor(int n, double noise, long seed) {
    positive("points", n);
    nonNegative("noise", noise);
    Random random = new Random(seed);
    float[] x = new float[2 * n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      double a = 2 * random.nextDouble() - 1;
      double b = 2 * random.nextDouble() - 1;
      y[i] = (a > 0) != (b > 0) ? 1 : 0;
      x[2 * i] = (float) (a + noise * random.nextGaussian());
      x[2 * i + 1] = (float) (b + noise * random.nextGaussian());
    }
    return Dataset.ofFloats("xor", x, 2, y, 2);
  }

  /** NumPy's {@code linspace(a, b, n)[i]}; {@code a} when {@code n == 1}. */
  static double linspace(double a, double b, int n, int i) {
    return n == 1 ? a : a + (b - a) * i / (n - 1);
  }

  private static void positive(String name, int v) {
    if (v < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + v);
    }
  }

  private static void nonNegative(String name, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be in [0, inf), got " + v);
    }
  }
}
