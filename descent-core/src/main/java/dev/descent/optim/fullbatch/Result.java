package dev.descent.optim.fullbatch;

import java.util.List;

/**
 * The outcome of a full-batch run: the path (one point per iteration, point 0 is the start), f and
 * the cumulative number of function+gradient evaluations at each point (line-search trials and
 * difference-Hessian probes included; evaluation 1 is the start), why it stopped, and notes on
 * events along the way (skipped quasi-Newton updates, damped Hessians, line searches that ended
 * without satisfying their conditions).
 */
public final class Result {
  private final String method;
  private final int dimension;
  private final double[] path;
  private final double[] values;
  private final long[] evaluations;
  private final double[] gradient;
  private final long hessianEvaluations;
  private final StopReason reason;
  private final String message;
  private final List<String> notes;

  Result(
      String method,
      int dimension,
      double[] path,
      double[] values,
      long[] evaluations,
      double[] gradient,
      long hessianEvaluations,
      StopReason reason,
      String message,
      List<String> notes) {
    this.method = method;
    this.dimension = dimension;
    this.path = path;
    this.values = values;
    this.evaluations = evaluations;
    this.gradient = gradient;
    this.hessianEvaluations = hessianEvaluations;
    this.reason = reason;
    this.message = message;
    this.notes = List.copyOf(notes);
  }

  /** The method's spec, e.g. {@code lbfgs(lr=1,history=10,search=strong_wolfe)}. */
  public String method() {
    return method;
  }

  /** The number of iterations done (points on the path − 1). */
  public int iterations() {
    return values.length - 1;
  }

  /** A copy of point {@code i} (0 = start, {@link #iterations()} = the final point). */
  public double[] point(int i) {
    double[] p = new double[dimension];
    System.arraycopy(path, i * dimension, p, 0, dimension);
    return p;
  }

  /** Coordinate {@code k} of point {@code i}. */
  public double coordinate(int i, int k) {
    return path[i * dimension + k];
  }

  /** f at point {@code i}. */
  public double value(int i) {
    return values[i];
  }

  /** Cumulative function+gradient evaluations when point {@code i} was reached. */
  public long evaluations(int i) {
    return evaluations[i];
  }

  /** The final point. */
  public double[] x() {
    return point(iterations());
  }

  /** f at the final point. */
  public double value() {
    return values[values.length - 1];
  }

  /** ∇f at the final point. */
  public double[] gradient() {
    return gradient.clone();
  }

  /** All function+gradient evaluations spent. */
  public long evaluations() {
    return evaluations[evaluations.length - 1];
  }

  /** Exact-Hessian evaluations (Newton on an objective that knows its Hessian), else 0. */
  public long hessianEvaluations() {
    return hessianEvaluations;
  }

  /** Why it stopped. */
  public StopReason reason() {
    return reason;
  }

  /** Why it stopped, with the numbers. */
  public String message() {
    return message;
  }

  /** Events along the way, in order (at most 50, then a count of the rest). */
  public List<String> notes() {
    return notes;
  }

  @Override
  public String toString() {
    return method
        + ": "
        + iterations()
        + " iterations, "
        + evaluations()
        + " evaluations, f = "
        + value()
        + "; "
        + message;
  }
}
