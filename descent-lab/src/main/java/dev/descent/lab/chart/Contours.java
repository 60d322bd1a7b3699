package dev.descent.lab.chart;

import dev.descent.function.Function2D;
import dev.descent.function.Window;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Contour lines of a function sampled on a grid, by marching squares.
 *
 * <p>Levels are chosen from the sampled values: logarithmically spaced above the minimum when most
 * of the window lies in the bottom tenth of the range (functions like Rosenbrock, whose valley
 * would otherwise get no lines); quadratically spaced up to the 90% quantile when the smallest
 * sample is inside the window (a bowl: contours evenly spaced in distance from the minimum, as in
 * the seeds' figure, and the outer corners left quiet); otherwise (saddles, slopes) evenly spaced
 * between the smallest and largest value. Each contour comes back as one polyline array per level
 * with NaN between separate pieces, the way XChart draws gaps.
 */
public final class Contours {
  private final double[] levels;
  private final double[][] xs;
  private final double[][] ys;
  private final Spacing spacing;

  private Contours(double[] levels, double[][] xs, double[][] ys, Spacing spacing) {
    this.levels = levels;
    this.xs = xs;
    this.ys = ys;
    this.spacing = spacing;
  }

  /**
   * Samples {@code f} on a {@code resolution × resolution} grid over {@code window} and traces
   * {@code count} contour levels.
   *
   * @throws IllegalArgumentException if {@code resolution < 2} or {@code count < 1}
   */
  public static Contours of(Function2D f, Window window, int resolution, int count) {
    if (resolution < 2) {
      throw new IllegalArgumentException("resolution must be at least 2, got " + resolution);
    }
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
    int n = resolution;
    double[] gx = new double[n];
    double[] gy = new double[n];
    for (int i = 0; i < n; i++) {
      gx[i] = window.xMin() + (window.xMax() - window.xMin()) * i / (n - 1);
      gy[i] = window.yMin() + (window.yMax() - window.yMin()) * i / (n - 1);
    }
    double[][] z = new double[n][n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        z[j][i] = f.value(gx[i], gy[j]);
      }
    }
    double[] finite =
        Arrays.stream(z)
            .flatMapToDouble(Arrays::stream)
            .filter(Double::isFinite)
            .sorted()
            .toArray();
    if (finite.length == 0) {
      return new Contours(new double[0], new double[0][], new double[0][], Spacing.LINEAR);
    }
    double lo = finite[0];
    double hi = finite[finite.length - 1];
    double median = finite[finite.length / 2];
    double q01 = finite[(int) (0.01 * (finite.length - 1))];
    boolean inside = minimumInside(z);
    Spacing spacing;
    if (hi > lo && (median - lo < 0.1 * (hi - lo) || inside && median - lo > 75 * (q01 - lo))) {
      spacing = Spacing.LOG;
    } else if (inside) {
      spacing = Spacing.QUADRATIC;
      hi = finite[(int) (0.9 * (finite.length - 1))];
    } else {
      spacing = Spacing.LINEAR;
    }
    double[] levels = levels(lo, hi, count, spacing);
    double[][] xs = new double[levels.length][];
    double[][] ys = new double[levels.length][];
    for (int k = 0; k < levels.length; k++) {
      double[][] line = trace(gx, gy, z, levels[k]);
      double[][] simple =
          simplify(
              line[0],
              line[1],
              SIMPLIFY_TOLERANCE * (window.xMax() - window.xMin()),
              SIMPLIFY_TOLERANCE * (window.yMax() - window.yMin()));
      xs[k] = simple[0];
      ys[k] = simple[1];
    }
    return new Contours(levels, xs, ys, spacing);
  }

  /** Whether the smallest finite sample lies off the border of the grid. */
  private static boolean minimumInside(double[][] z) {
    int n = z.length;
    int bestI = -1;
    int bestJ = -1;
    double best = Double.POSITIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < z[j].length; i++) {
        if (z[j][i] < best) {
          best = z[j][i];
          bestI = i;
          bestJ = j;
        }
      }
    }
    return bestI > 0 && bestJ > 0 && bestI < z[0].length - 1 && bestJ < n - 1;
  }

  /** How the levels are spaced between the lowest and highest value. */
  public enum Spacing {
    /** Evenly. */
    LINEAR,
    /** Distances from the lowest value grow as the square of the level index. */
    QUADRATIC,
    /** Distances from the lowest value log-spaced between 1e-4 and 1 times the range. */
    LOG
  }

  /** {@code count} levels strictly inside (lo, hi), spaced as {@code spacing} says. */
  static double[] levels(double lo, double hi, int count, Spacing spacing) {
    if (!(hi > lo)) {
      return new double[] {lo};
    }
    double[] out = new double[count];
    double range = hi - lo;
    for (int k = 0; k < count; k++) {
      double u = (k + 1.0) / (count + 1.0);
      switch (spacing) {
        case LOG:
          out[k] = lo + range * Math.pow(10, -4 * (1 - u));
          break;
        case QUADRATIC:
          out[k] = lo + range * u * u;
          break;
        default:
          out[k] = lo + range * u;
          break;
      }
    }
    return out;
  }

  /**
   * One level's contour: {xs, ys}, polylines separated by NaN. Marching squares gives one or two
   * segments per cell, each joining two crossings on cell edges; segments that share an edge are
   * stitched into polylines so that a contour is drawn as a few long lines, not thousands of
   * dashes.
   */
  static double[][] trace(double[] gx, double[] gy, double[][] z, double level) {
    int ny = gy.length;
    int nx = gx.length;
    // segment s joins crossing points (sx[2s], sy[2s]) and (sx[2s+1], sy[2s+1]) on edges key[2s..]
    double[] sx = new double[64];
    double[] sy = new double[64];
    long[] key = new long[64];
    int ends = 0;
    double[] ex = new double[4];
    double[] ey = new double[4];
    long[] ek = new long[4];
    long horizontal = 0;
    long vertical = (long) nx * ny;
    for (int j = 0; j + 1 < ny; j++) {
      for (int i = 0; i + 1 < nx; i++) {
        double v0 = z[j][i];
        double v1 = z[j][i + 1];
        double v2 = z[j + 1][i + 1];
        double v3 = z[j + 1][i];
        if (!(Double.isFinite(v0)
            && Double.isFinite(v1)
            && Double.isFinite(v2)
            && Double.isFinite(v3))) {
          continue;
        }
        int c =
            (v0 >= level ? 1 : 0)
                | (v1 >= level ? 2 : 0)
                | (v2 >= level ? 4 : 0)
                | (v3 >= level ? 8 : 0);
        if (c == 0 || c == 15) {
          continue;
        }
        // edge crossings: 0 bottom (v0-v1), 1 right (v1-v2), 2 top (v3-v2), 3 left (v0-v3)
        ex[0] = lerp(gx[i], gx[i + 1], v0, v1, level);
        ey[0] = gy[j];
        ek[0] = horizontal + (long) j * nx + i;
        ex[1] = gx[i + 1];
        ey[1] = lerp(gy[j], gy[j + 1], v1, v2, level);
        ek[1] = vertical + (long) j * nx + i + 1;
        ex[2] = lerp(gx[i], gx[i + 1], v3, v2, level);
        ey[2] = gy[j + 1];
        ek[2] = horizontal + (long) (j + 1) * nx + i;
        ex[3] = gx[i];
        ey[3] = lerp(gy[j], gy[j + 1], v0, v3, level);
        ek[3] = vertical + (long) j * nx + i;
        boolean centreHigh = (v0 + v1 + v2 + v3) / 4 >= level;
        int[] segments = segments(c, centreHigh);
        for (int e : segments) {
          if (ends == sx.length) {
            sx = Arrays.copyOf(sx, ends * 2);
            sy = Arrays.copyOf(sy, ends * 2);
            key = Arrays.copyOf(key, ends * 2);
          }
          sx[ends] = ex[e];
          sy[ends] = ey[e];
          key[ends++] = ek[e];
        }
      }
    }
    return stitch(sx, sy, key, ends);
  }

  /** Joins segments whose ends lie on the same grid edge into polylines, NaN between them. */
  private static double[][] stitch(double[] sx, double[] sy, long[] key, int ends) {
    // each edge crossing is shared by at most two segment ends (the two cells beside the edge)
    Map<Long, int[]> byEdge = new HashMap<>();
    for (int e = 0; e < ends; e++) {
      int[] slot = byEdge.computeIfAbsent(key[e], k -> new int[] {-1, -1});
      slot[slot[0] < 0 ? 0 : 1] = e;
    }
    boolean[] used = new boolean[ends / 2];
    double[] px = new double[ends + ends / 2 + 1];
    double[] py = new double[px.length];
    int len = 0;
    int[] chain = new int[ends + 4];
    for (int s = 0; s < used.length; s++) {
      if (used[s]) {
        continue;
      }
      used[s] = true;
      // walk forward from end 2s+1, then backward from end 2s, collecting point indices
      int head = ends / 2 + 1;
      int tail = head;
      chain[tail++] = 2 * s;
      chain[tail++] = 2 * s + 1;
      int at = 2 * s + 1;
      while (true) {
        int next = partner(byEdge.get(key[at]), at);
        if (next < 0 || used[next / 2]) {
          break;
        }
        used[next / 2] = true;
        at = next ^ 1;
        chain[tail++] = at;
      }
      at = 2 * s;
      while (true) {
        int next = partner(byEdge.get(key[at]), at);
        if (next < 0 || used[next / 2]) {
          break;
        }
        used[next / 2] = true;
        at = next ^ 1;
        chain[--head] = at;
      }
      if (len + (tail - head) + 1 > px.length) {
        px = Arrays.copyOf(px, 2 * (len + tail - head + 1));
        py = Arrays.copyOf(py, px.length);
      }
      for (int k = head; k < tail; k++) {
        px[len] = sx[chain[k]];
        py[len++] = sy[chain[k]];
      }
      px[len] = Double.NaN;
      py[len++] = Double.NaN;
    }
    return new double[][] {Arrays.copyOf(px, len), Arrays.copyOf(py, len)};
  }

  private static int partner(int[] slot, int end) {
    return slot[0] == end ? slot[1] : slot[0];
  }

  /**
   * Largest deviation, as a fraction of the window, that simplification may introduce: 1/2000 is a
   * quarter of a pixel on a 500-pixel plot, and removes most of the points of smooth contours.
   */
  static final double SIMPLIFY_TOLERANCE = 5e-4;

  /**
   * Ramer–Douglas–Peucker simplification of each NaN-separated polyline: drops the points whose
   * removal moves the line by less than the tolerance (measured in units of {@code tx} along x and
   * {@code ty} along y). End points are kept, so closed contours stay closed.
   */
  static double[][] simplify(double[] xs, double[] ys, double tx, double ty) {
    double[] ox = new double[xs.length];
    double[] oy = new double[ys.length];
    boolean[] keep = new boolean[xs.length];
    int[] stack = new int[2 * xs.length + 2];
    int len = 0;
    int start = 0;
    for (int i = 0; i <= xs.length; i++) {
      if (i < xs.length && !Double.isNaN(xs[i])) {
        continue;
      }
      int end = i - 1;
      if (end >= start) {
        markKept(xs, ys, start, end, tx, ty, keep, stack);
        for (int k = start; k <= end; k++) {
          if (keep[k]) {
            ox[len] = xs[k];
            oy[len++] = ys[k];
          }
        }
      }
      if (i < xs.length) {
        ox[len] = Double.NaN;
        oy[len++] = Double.NaN;
      }
      start = i + 1;
    }
    return new double[][] {Arrays.copyOf(ox, len), Arrays.copyOf(oy, len)};
  }

  private static void markKept(
      double[] xs,
      double[] ys,
      int first,
      int last,
      double tx,
      double ty,
      boolean[] keep,
      int[] stack) {
    keep[first] = true;
    keep[last] = true;
    int top = 0;
    stack[top++] = first;
    stack[top++] = last;
    while (top > 0) {
      int b = stack[--top];
      int a = stack[--top];
      double ax = xs[a] / tx;
      double ay = ys[a] / ty;
      double dx = xs[b] / tx - ax;
      double dy = ys[b] / ty - ay;
      double length = Math.hypot(dx, dy);
      double worst = 0;
      int worstAt = -1;
      for (int k = a + 1; k < b; k++) {
        double px = xs[k] / tx - ax;
        double py = ys[k] / ty - ay;
        double d = length == 0 ? Math.hypot(px, py) : Math.abs(px * dy - py * dx) / length;
        if (d > worst) {
          worst = d;
          worstAt = k;
        }
      }
      if (worst > 1) {
        keep[worstAt] = true;
        stack[top++] = a;
        stack[top++] = worstAt;
        stack[top++] = worstAt;
        stack[top++] = b;
      }
    }
  }

  private static final int[][] TABLE = {
    {}, {3, 0}, {0, 1}, {3, 1}, {1, 2}, null, {0, 2}, {3, 2}, {2, 3}, {0, 2}, null, {1, 2}, {1, 3},
    {0, 1}, {3, 0}, {}
  };

  private static int[] segments(int c, boolean centreHigh) {
    if (c == 5) {
      // v0 and v2 high: a high centre joins them, isolating the low corners v1 and v3
      return centreHigh ? new int[] {0, 1, 2, 3} : new int[] {3, 0, 1, 2};
    }
    if (c == 10) {
      return centreHigh ? new int[] {3, 0, 1, 2} : new int[] {0, 1, 2, 3};
    }
    return TABLE[c];
  }

  private static double lerp(double a, double b, double va, double vb, double level) {
    double t = (level - va) / (vb - va);
    return a + (b - a) * t;
  }

  /** The contour levels, ascending. */
  public double[] levels() {
    return levels.clone();
  }

  /** How the levels are spaced. */
  public Spacing spacing() {
    return spacing;
  }

  /** The x coordinates of level {@code k}'s contour, NaN between pieces. */
  public double[] xs(int k) {
    return xs[k].clone();
  }

  /** The y coordinates of level {@code k}'s contour, NaN between pieces. */
  public double[] ys(int k) {
    return ys[k].clone();
  }
}
