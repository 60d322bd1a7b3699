package dev.descent.optim.fullbatch;

import dev.descent.spec.Spec;

/**
 * Line search for a step satisfying the strong Wolfe conditions (Nocedal &amp; Wright, <i>Numerical
 * Optimization</i>, 2nd ed., Algorithms 3.5 and 3.6):
 *
 * <pre>
 *   φ(t) ≤ φ(0) + c1·t·φ'(0)        (sufficient decrease, Armijo)
 *   |φ'(t)| ≤ c2·|φ'(0)|             (curvature)
 * </pre>
 *
 * <p>A bracketing phase grows the step by cubic interpolation (within [t + 0.01(t − t_prev), 10t])
 * until an interval is known to contain acceptable steps; a zoom phase then shrinks it with
 * safeguarded cubic interpolation (trial steps kept at least 10% of the interval away from its ends
 * when progress stalls). This is a line-by-line port of PyTorch's {@code
 * torch.optim.lbfgs._strong_wolfe} (itself from Torch7's {@code lswolfe.lua}), so full-batch
 * methods make the same trial steps as {@code torch.optim.LBFGS(line_search_fn="strong_wolfe")};
 * the only changes are NaN-safe comparisons (a NaN or infinite φ counts as too high) and a
 * bisection where the cubic's minimiser is not finite.
 *
 * <p>The search ends without satisfying the conditions when it has spent {@code maxEvaluations}
 * evaluations (PyTorch's {@code max_ls}) or the bracket is narrower than {@code toleranceChange}
 * relative to max|dᵢ|; it then returns the lowest point of its bracket and says so.
 *
 * @param c1 sufficient-decrease constant, in (0, c2); default 1e-4 (N&amp;W, PyTorch)
 * @param c2 curvature constant, in (c1, 1); default 0.9 for (quasi-)Newton methods (N&amp;W,
 *     PyTorch), 0.1 for conjugate gradients (N&amp;W §5.2)
 * @param toleranceChange smallest bracket width times max|dᵢ|, ≥ 0; default 1e-9 (PyTorch)
 * @param maxEvaluations evaluations per search, ≥ 1; default 25 (PyTorch's {@code max_ls})
 */
public record StrongWolfe(double c1, double c2, double toleranceChange, int maxEvaluations)
    implements LineSearch {

  /** Validates the constants. */
  public StrongWolfe {
    if (!(c1 > 0 && c1 < 1)) {
      throw new IllegalArgumentException("c1 must be in (0, 1), got " + c1);
    }
    if (!(c2 > c1 && c2 < 1)) {
      throw new IllegalArgumentException("c2 must be in (c1, 1) = (" + c1 + ", 1), got " + c2);
    }
    if (!(toleranceChange >= 0) || Double.isInfinite(toleranceChange)) {
      throw new IllegalArgumentException(
          "toleranceChange must be in [0, inf), got " + toleranceChange);
    }
    if (maxEvaluations < 1) {
      throw new IllegalArgumentException(
          "maxEvaluations must be in [1, 2147483647], got " + maxEvaluations);
    }
  }

  /** PyTorch's constants with curvature constant {@code c2}. */
  public static StrongWolfe withC2(double c1, double c2) {
    return new StrongWolfe(c1, c2, 1e-9, 25);
  }

  @Override
  public String description() {
    return "strong_wolfe,c1=" + Spec.formatNumber(c1) + ",c2=" + Spec.formatNumber(c2);
  }

  @Override
  public Step search(Line line, double f, double[] g, double gtd, double t, double[] gOut) {
    double[] d = line.direction();
    double dNorm = Line.maxAbs(d);
    double[] gPrev = line.scratch(0);
    double[] gNew = line.scratch(3);
    double[][] bg = line.bracketGradients();
    double[] bt = line.bracket(0);
    double[] bf = line.bracket(1);
    double[] bgtd = line.bracket(2);

    double fNew = line.evaluate(t, gNew);
    double gtdNew = Line.dot(gNew, d);
    double tPrev = 0;
    double fPrev = f;
    double gtdPrev = gtd;
    System.arraycopy(g, 0, gPrev, 0, g.length);
    boolean done = false;
    int size = 0;
    int iter = 0;
    while (iter < maxEvaluations) {
      boolean armijoFails = !(fNew <= f + c1 * t * gtd) || (iter > 1 && !(fNew < fPrev));
      if (!armijoFails && Math.abs(gtdNew) <= -c2 * gtd) {
        set(bt, bf, bgtd, bg, 0, t, fNew, gtdNew, gNew);
        size = 1;
        done = true;
        break;
      }
      if (armijoFails || gtdNew >= 0) {
        set(bt, bf, bgtd, bg, 0, tPrev, fPrev, gtdPrev, gPrev);
        set(bt, bf, bgtd, bg, 1, t, fNew, gtdNew, gNew);
        size = 2;
        break;
      }
      double minStep = t + 0.01 * (t - tPrev);
      double maxStep = t * 10;
      double tmp = t;
      t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, maxStep);
      tPrev = tmp;
      fPrev = fNew;
      System.arraycopy(gNew, 0, gPrev, 0, gNew.length);
      gtdPrev = gtdNew;
      fNew = line.evaluate(t, gNew);
      gtdNew = Line.dot(gNew, d);
      iter++;
    }
    if (iter == maxEvaluations) {
      set(bt, bf, bgtd, bg, 0, 0, f, gtd, g);
      set(bt, bf, bgtd, bg, 1, t, fNew, gtdNew, gNew);
      size = 2;
    }

    int low = bf[0] <= bf[size - 1] ? 0 : 1;
    int high = 1 - low;
    boolean insufficientProgress = false;
    boolean narrow = false;
    while (!done && iter < maxEvaluations) {
      if (Math.abs(bt[1] - bt[0]) * dNorm < toleranceChange) {
        narrow = true;
        break;
      }
      double lo = Math.min(bt[0], bt[1]);
      double hi = Math.max(bt[0], bt[1]);
      t = cubicInterpolate(bt[0], bf[0], bgtd[0], bt[1], bf[1], bgtd[1], lo, hi);
      double eps = 0.1 * (hi - lo);
      if (Math.min(hi - t, t - lo) < eps) {
        if (insufficientProgress || t >= hi || t <= lo) {
          t = Math.abs(t - hi) < Math.abs(t - lo) ? hi - eps : lo + eps;
          insufficientProgress = false;
        } else {
          insufficientProgress = true;
        }
      } else {
        insufficientProgress = false;
      }
      fNew = line.evaluate(t, gNew);
      gtdNew = Line.dot(gNew, d);
      iter++;
      if (!(fNew <= f + c1 * t * gtd) || !(fNew < bf[low])) {
        set(bt, bf, bgtd, bg, high, t, fNew, gtdNew, gNew);
        low = bf[0] <= bf[1] ? 0 : 1;
        high = 1 - low;
      } else {
        if (Math.abs(gtdNew) <= -c2 * gtd) {
          done = true;
        } else if (gtdNew * (bt[high] - bt[low]) >= 0) {
          set(bt, bf, bgtd, bg, high, bt[low], bf[low], bgtd[low], bg[low]);
        }
        set(bt, bf, bgtd, bg, low, t, fNew, gtdNew, gNew);
      }
    }
    System.arraycopy(bg[low], 0, gOut, 0, gOut.length);
    String message;
    if (done) {
      message = "";
    } else if (narrow) {
      message =
          "strong Wolfe: bracket ["
              + Math.min(bt[0], bt[1])
              + ", "
              + Math.max(bt[0], bt[1])
              + "] narrower than "
              + toleranceChange
              + "/max|d| after "
              + line.evaluations()
              + " evaluations";
    } else {
      message =
          "strong Wolfe: no step satisfying the conditions within "
              + maxEvaluations
              + " iterations ("
              + line.evaluations()
              + " evaluations)";
    }
    return new Step(bt[low], bf[low], line.evaluations(), done, message);
  }

  private static void set(
      double[] bt,
      double[] bf,
      double[] bgtd,
      double[][] bg,
      int i,
      double t,
      double f,
      double gtd,
      double[] g) {
    bt[i] = t;
    bf[i] = f;
    bgtd[i] = gtd;
    if (bg[i] != g) {
      System.arraycopy(g, 0, bg[i], 0, g.length);
    }
  }

  /**
   * The minimiser of the cubic through (x1, f1) and (x2, f2) with slopes g1 and g2, clamped to [lo,
   * hi]; the midpoint of [lo, hi] when the cubic has no real minimiser (Torch7's {@code
   * polyinterp}, as in PyTorch's {@code _cubic_interpolate}).
   */
  static double cubicInterpolate(
      double x1, double f1, double g1, double x2, double f2, double g2, double lo, double hi) {
    double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
    double d2Square = d1 * d1 - g1 * g2;
    if (d2Square >= 0) {
      double d2 = Math.sqrt(d2Square);
      double minPos =
          x1 <= x2
              ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
              : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
      if (Double.isFinite(minPos)) {
        return Math.min(Math.max(minPos, lo), hi);
      }
    }
    return (lo + hi) / 2;
  }
}
