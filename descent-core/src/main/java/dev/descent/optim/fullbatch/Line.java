package dev.descent.optim.fullbatch;

import dev.descent.function.Objective;

/**
 * The line x + t·d that a {@link LineSearch} explores: evaluates f and ∇f at x + t·d into reusable
 * buffers and counts the evaluations. Holds scratch gradients so that searches allocate nothing per
 * call. Not thread-safe; one per run.
 */
public final class Line {
  private final Objective f;
  private final int n;
  private final double[] trial;
  private final double[][] scratch;
  private final double[][] pair;
  private final double[][] bracket = new double[3][2];
  private double[] x;
  private double[] d;
  private int evaluations;

  /**
   * @param f the objective
   */
  public Line(Objective f) {
    this.f = f;
    this.n = f.dimension();
    this.trial = new double[n];
    this.scratch = new double[4][n];
    this.pair = new double[][] {scratch[1], scratch[2]};
  }

  /** Points the line at x along d (both kept by reference, not modified) and resets the count. */
  public void reset(double[] x, double[] d) {
    this.x = x;
    this.d = d;
    this.evaluations = 0;
  }

  /** n. */
  public int dimension() {
    return n;
  }

  /** The direction d. */
  public double[] direction() {
    return d;
  }

  /** φ(t) = f(x + t·d); writes ∇f(x + t·d) into {@code gOut}. */
  public double evaluate(double t, double[] gOut) {
    for (int i = 0; i < n; i++) {
      trial[i] = x[i] + t * d[i];
    }
    evaluations++;
    return f.valueAndGradient(trial, gOut);
  }

  /** Evaluations since the last {@link #reset}. */
  public int evaluations() {
    return evaluations;
  }

  /** Scratch vector {@code k} (0..3) of length n, for the search's bookkeeping. */
  double[] scratch(int k) {
    return scratch[k];
  }

  /** Scratch vectors 1 and 2: the gradients at a bracket's two ends. */
  double[][] bracketGradients() {
    return pair;
  }

  /** Scratch pair {@code k} (0..2): step, value and slope at a bracket's two ends. */
  double[] bracket(int k) {
    return bracket[k];
  }

  /** aᵀb over n entries. */
  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** max |aᵢ|. */
  static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
