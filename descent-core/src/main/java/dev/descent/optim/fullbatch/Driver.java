package dev.descent.optim.fullbatch;

import dev.descent.function.Objective;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The loop every full-batch method shares, in the order of PyTorch's {@code LBFGS.step}: evaluate
 * the start; then repeat { direction, directional-derivative check, line search, step, checks }.
 * Records the path and counts evaluations. One instance per run.
 */
final class Driver {
  private static final int MAX_NOTES = 50;

  private final Objective f;
  private final int n;
  private final List<String> notes = new ArrayList<>();
  private int droppedNotes;
  private long evaluations;
  private long hessianEvaluations;
  private double[] path;
  private double[] values;
  private long[] evals;
  private int points;
  private final double[][] scratch = new double[4][];

  private Driver(Objective f) {
    this.f = f;
    this.n = f.dimension();
  }

  /** The objective (for directions that need more than the gradient, e.g. Newton's Hessian). */
  Objective objective() {
    return f;
  }

  /** Scratch vector {@code k} of length {@code size}, allocated once per run. */
  double[] scratch(int k, int size) {
    if (scratch[k] == null || scratch[k].length != size) {
      scratch[k] = new double[size];
    }
    return scratch[k];
  }

  /** Adds evaluations spent outside line searches (difference Hessians). */
  void addEvaluations(long k) {
    evaluations += k;
  }

  /** Counts one exact Hessian evaluation. */
  void addHessianEvaluation() {
    hessianEvaluations++;
  }

  /** Adds a note (at most 50 are kept; the rest are counted). */
  void note(String text) {
    if (notes.size() < MAX_NOTES) {
      notes.add(text);
    } else {
      droppedNotes++;
    }
  }

  /**
   * Runs the loop.
   *
   * @param method the method's spec, for the result and messages
   * @throws IllegalArgumentException if x0 has the wrong length or f is not finite at x0
   */
  static Result run(
      String method,
      Objective f,
      double[] x0,
      Stopping stop,
      LineSearch search,
      Direction direction) {
    Driver run = new Driver(f);
    return run.loop(method, x0, stop, search, direction);
  }

  private Result loop(
      String method, double[] x0, Stopping stop, LineSearch search, Direction direction) {
    if (x0.length != n) {
      throw new IllegalArgumentException(
          "start must have " + n + " coordinates for " + f.name() + ", got " + x0.length);
    }
    double[] x = x0.clone();
    double[] g = new double[n];
    double[] gNew = new double[n];
    double[] d = new double[n];
    double fx = f.valueAndGradient(x, g);
    evaluations = 1;
    if (!Double.isFinite(fx) || !finite(g) || !finite(x)) {
      throw new IllegalArgumentException(
          "f and its gradient must be finite at the start, got f("
              + Arrays.toString(x)
              + ") = "
              + fx
              + " for "
              + f.name());
    }
    int capacity = (int) Math.min(Math.max(stop.maxIterations(), 0) + 1L, 1024);
    path = new double[capacity * n];
    values = new double[capacity];
    evals = new long[capacity];
    record(x, fx);
    Line line = new Line(f);
    if (Line.maxAbs(g) <= stop.toleranceGrad()) {
      return finish(method, g, StopReason.GRADIENT_TOLERANCE, gradientMessage(g, stop));
    }
    int iteration = 0;
    while (iteration < stop.maxIterations()) {
      iteration++;
      double t0 = direction.direction(iteration, x, fx, g, d, this);
      double gtd = Line.dot(g, d);
      if (!(gtd <= -stop.toleranceChange()) || gtd == 0) {
        return finish(
            method,
            g,
            StopReason.NO_DESCENT_DIRECTION,
            "directional derivative gᵀd = "
                + gtd
                + " at iteration "
                + iteration
                + " is not below -tolerance_change = "
                + -stop.toleranceChange());
      }
      line.reset(x, d);
      LineSearch.Step step = search.search(line, fx, g, gtd, t0, gNew);
      evaluations += step.evaluations();
      if (!step.satisfied() && !(step.value() < fx)) {
        return finish(
            method,
            g,
            StopReason.LINE_SEARCH_FAILED,
            "line search failed at iteration " + iteration + ": " + step.message());
      }
      if (!Double.isFinite(step.value()) || !finite(gNew)) {
        return finish(
            method,
            g,
            StopReason.DIVERGED,
            "f or its gradient is not finite at iteration "
                + iteration
                + " (step "
                + step.t()
                + "); stopped at the last finite point");
      }
      if (!step.satisfied()) {
        note("iteration " + iteration + ": " + step.message() + "; took the lowest point");
      }
      double t = step.t();
      double change = 0;
      for (int i = 0; i < n; i++) {
        x[i] += t * d[i];
        change = Math.max(change, Math.abs(t * d[i]));
      }
      double previous = fx;
      fx = step.value();
      direction.accepted(t, d, g, gNew, this);
      double[] swap = g;
      g = gNew;
      gNew = swap;
      record(x, fx);
      if (iteration == stop.maxIterations()) {
        return finish(
            method,
            g,
            StopReason.MAX_ITERATIONS,
            "reached max_iter = " + stop.maxIterations() + " iterations");
      }
      if (evaluations >= stop.maxEvaluations()) {
        return finish(
            method,
            g,
            StopReason.MAX_EVALUATIONS,
            "reached max_eval = "
                + stop.maxEvaluations()
                + " evaluations ("
                + evaluations
                + " spent)");
      }
      if (Line.maxAbs(g) <= stop.toleranceGrad()) {
        return finish(method, g, StopReason.GRADIENT_TOLERANCE, gradientMessage(g, stop));
      }
      if (change <= stop.toleranceChange()) {
        return finish(
            method,
            g,
            StopReason.STEP_TOLERANCE,
            "step max|Δx| = "
                + change
                + " ≤ tolerance_change = "
                + stop.toleranceChange()
                + " at iteration "
                + iteration);
      }
      if (Math.abs(fx - previous) < stop.toleranceChange()) {
        return finish(
            method,
            g,
            StopReason.VALUE_TOLERANCE,
            "|Δf| = "
                + Math.abs(fx - previous)
                + " < tolerance_change = "
                + stop.toleranceChange()
                + " at iteration "
                + iteration);
      }
    }
    return finish(
        method,
        g,
        StopReason.MAX_ITERATIONS,
        "reached max_iter = " + stop.maxIterations() + " iterations");
  }

  private static String gradientMessage(double[] g, Stopping stop) {
    return "converged: max|∇f| = " + Line.maxAbs(g) + " ≤ tolerance_grad = " + stop.toleranceGrad();
  }

  private void record(double[] x, double fx) {
    if (points == values.length) {
      int grown = values.length * 2;
      path = Arrays.copyOf(path, grown * n);
      values = Arrays.copyOf(values, grown);
      evals = Arrays.copyOf(evals, grown);
    }
    System.arraycopy(x, 0, path, points * n, n);
    values[points] = fx;
    evals[points] = evaluations;
    points++;
  }

  private Result finish(String method, double[] g, StopReason reason, String message) {
    List<String> all = new ArrayList<>(notes);
    if (droppedNotes > 0) {
      all.add("… and " + droppedNotes + " more notes");
    }
    // Evaluations spent after the last accepted point (a failed search) belong to the run.
    evals[points - 1] = Math.max(evals[points - 1], evaluations);
    return new Result(
        method,
        n,
        Arrays.copyOf(path, points * n),
        Arrays.copyOf(values, points),
        Arrays.copyOf(evals, points),
        g.clone(),
        hessianEvaluations,
        reason,
        message,
        all);
  }

  private static boolean finite(double[] v) {
    for (double d : v) {
      if (!Double.isFinite(d)) {
        return false;
      }
    }
    return true;
  }
}
