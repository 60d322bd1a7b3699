package dev.descent.optim.fullbatch;

import dev.descent.function.Objective;
import dev.descent.spec.Spec;

/**
 * Nonlinear conjugate gradients (Nocedal &amp; Wright §5.2): d₀ = −g₀, dₖ = −gₖ + βₖ dₖ₋₁ with
 *
 * <pre>
 *   Fletcher–Reeves   β = gₖᵀgₖ / gₖ₋₁ᵀgₖ₋₁
 *   Polak–Ribière+    β = max(0, gₖᵀ(gₖ − gₖ₋₁) / gₖ₋₁ᵀgₖ₋₁)
 *   Hestenes–Stiefel  β = gₖᵀ(gₖ − gₖ₋₁) / dₖ₋₁ᵀ(gₖ − gₖ₋₁)
 * </pre>
 *
 * <p>Restarts (β = 0, a steepest-descent step) every {@code restart} iterations (0: every n, the
 * dimension) and whenever dₖ is not a descent direction or β is not finite; each non-periodic
 * restart adds a note. With an exact line search on a convex quadratic all three variants are
 * linear CG and finish in at most n iterations. The first step is min(1, 1/‖g‖₁)·lr, later ones
 * start at tₖ₋₁·gₖ₋₁ᵀdₖ₋₁ / gₖᵀdₖ (N&amp;W eq. 3.60).
 *
 * @param beta the β formula: {@code fr}, {@code pr} (Polak–Ribière+, the default) or {@code hs}
 * @param restart restart period in iterations, ≥ 0; default 0 (= n)
 * @param lr the first trial step, &gt; 0; default 1
 * @param search the line search; default strong Wolfe with c1 = 1e-4, c2 = 0.1 (N&amp;W §5.2: CG
 *     needs a tighter curvature condition than quasi-Newton methods)
 */
public record ConjugateGradient(Beta beta, int restart, double lr, LineSearch search)
    implements FullBatchMethod {

  /** The β formula. */
  public enum Beta {
    /** Fletcher–Reeves (1964). */
    FR,
    /** Polak–Ribière (1969) clipped at 0 (Powell 1986), "PR+". */
    PR,
    /** Hestenes–Stiefel (1952). */
    HS
  }

  /** Validates the configuration. */
  public ConjugateGradient {
    Checks.notNull("beta", beta);
    if (restart < 0) {
      throw new IllegalArgumentException("restart must be in [0, 2147483647], got " + restart);
    }
    Checks.positive("lr", lr);
    Checks.notNull("search", search);
  }

  @Override
  public String description() {
    return "cg(beta="
        + beta.name().toLowerCase(java.util.Locale.ROOT)
        + ",restart="
        + restart
        + ",lr="
        + Spec.formatNumber(lr)
        + ",search="
        + search.description()
        + ")";
  }

  @Override
  public Result minimize(Objective f, double[] x0, Stopping stop) {
    return Driver.run(description(), f, x0, stop, search, new Conjugate(f.dimension()));
  }

  private final class Conjugate implements Direction {
    private final int n;
    private final int period;
    private final double[] gPrev;
    private final double[] dPrev;
    private double tPrev;
    private double gtdPrev;
    private int sinceRestart;

    Conjugate(int n) {
      this.n = n;
      this.period = restart == 0 ? n : restart;
      this.gPrev = new double[n];
      this.dPrev = new double[n];
    }

    @Override
    public double direction(
        int iteration, double[] x, double fx, double[] g, double[] d, Driver run) {
      if (iteration == 1) {
        negate(g, d);
        gtdPrev = Line.dot(g, d);
        sinceRestart = 0;
        return Checks.firstStep(g, lr);
      }
      double b;
      if (sinceRestart >= period) {
        b = 0;
      } else {
        b = beta(g);
        if (!Double.isFinite(b)) {
          run.note("iteration " + iteration + ": β not finite, restarted with −∇f");
          b = 0;
        }
      }
      for (int i = 0; i < n; i++) {
        d[i] = -g[i] + b * dPrev[i];
      }
      double gtd = Line.dot(g, d);
      if (b != 0 && !(gtd < 0)) {
        run.note("iteration " + iteration + ": not a descent direction, restarted with −∇f");
        negate(g, d);
        gtd = Line.dot(g, d);
        b = 0;
      }
      sinceRestart = b == 0 ? 0 : sinceRestart;
      double t0 = tPrev * gtdPrev / gtd;
      gtdPrev = gtd;
      return Double.isFinite(t0) && t0 > 0 ? t0 : lr;
    }

    private double beta(double[] g) {
      double gg = Line.dot(g, g);
      double gPrevSq = Line.dot(gPrev, gPrev);
      switch (beta) {
        case FR:
          return gg / gPrevSq;
        case PR:
          return Math.max(0, (gg - Line.dot(g, gPrev)) / gPrevSq);
        default:
          double gy = gg - Line.dot(g, gPrev);
          double dy = Line.dot(dPrev, g) - Line.dot(dPrev, gPrev);
          return gy / dy;
      }
    }

    @Override
    public void accepted(double t, double[] d, double[] gOld, double[] gNew, Driver run) {
      System.arraycopy(gOld, 0, gPrev, 0, n);
      System.arraycopy(d, 0, dPrev, 0, n);
      tPrev = t;
      sinceRestart++;
    }
  }

  private static void negate(double[] g, double[] d) {
    for (int i = 0; i < g.length; i++) {
      d[i] = -g[i];
    }
  }
}
