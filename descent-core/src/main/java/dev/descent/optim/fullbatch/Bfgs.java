package dev.descent.optim.fullbatch;

import dev.descent.function.Objective;

/**
 * BFGS (Broyden, Fletcher, Goldfarb, Shanno 1970): keeps a dense estimate H of the inverse Hessian
 * and moves along d = −H∇f; after each step s = xₖ₊₁ − xₖ, y = ∇fₖ₊₁ − ∇fₖ, ρ = 1/yᵀs it applies
 * the rank-two update (Nocedal &amp; Wright eq. 6.17)
 *
 * <pre>
 *   H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
 * </pre>
 *
 * <p>H starts as the identity and is rescaled to (yᵀs / yᵀy)·I before the first update (N&amp;W eq.
 * 6.20). The update keeps H positive definite only if the curvature condition yᵀs &gt; 0 holds (a
 * strong Wolfe search guarantees it; Armijo backtracking does not): when yᵀs ≤ 1e-10·‖s‖‖y‖ the
 * update is skipped and the result carries a note. The first step is min(1, 1/‖∇f‖₁)·lr, later ones
 * start at lr. O(n²) memory and work per iteration: for small problems; use {@link Lbfgs} beyond a
 * few thousand variables.
 *
 * @param lr the step length tried first, &gt; 0; default 1
 * @param search the line search; default strong Wolfe with c1 = 1e-4, c2 = 0.9
 */
public record Bfgs(double lr, LineSearch search) implements FullBatchMethod {

  /** Validates the configuration. */
  public Bfgs {
    Checks.positive("lr", lr);
    Checks.notNull("search", search);
  }

  @Override
  public String description() {
    return "bfgs(lr=" + lr + ",search=" + search.description() + ")";
  }

  @Override
  public Result minimize(Objective f, double[] x0, Stopping stop) {
    return Driver.run(description(), f, x0, stop, search, new Inverse(f.dimension()));
  }

  private final class Inverse implements Direction {
    private final int n;
    private final double[] h;
    private final double[] hy;
    private boolean updated;

    Inverse(int n) {
      this.n = n;
      this.h = new double[n * n];
      this.hy = new double[n];
      for (int i = 0; i < n; i++) {
        h[i * n + i] = 1;
      }
    }

    @Override
    public double direction(
        int iteration, double[] x, double fx, double[] g, double[] d, Driver run) {
      for (int i = 0; i < n; i++) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
          sum += h[i * n + j] * g[j];
        }
        d[i] = -sum;
      }
      return iteration == 1 ? Checks.firstStep(g, lr) : lr;
    }

    @Override
    public void accepted(double t, double[] d, double[] gOld, double[] gNew, Driver run) {
      double[] s = run.scratch(0, n);
      double[] y = run.scratch(1, n);
      for (int i = 0; i < n; i++) {
        s[i] = t * d[i];
        y[i] = gNew[i] - gOld[i];
      }
      double ys = Line.dot(y, s);
      double yy = Line.dot(y, y);
      double ss = Line.dot(s, s);
      if (!(ys > 1e-10 * Math.sqrt(ss * yy))) {
        run.note(
            "skipped the BFGS update: curvature condition sᵀy > 0 fails (sᵀy = "
                + ys
                + ", ‖s‖‖y‖ = "
                + Math.sqrt(ss * yy)
                + ")");
        return;
      }
      if (!updated) {
        double gamma = ys / yy;
        for (int i = 0; i < n * n; i++) {
          h[i] *= gamma;
        }
        updated = true;
      }
      double rho = 1 / ys;
      for (int i = 0; i < n; i++) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
          sum += h[i * n + j] * y[j];
        }
        hy[i] = sum;
      }
      double yhy = Line.dot(y, hy);
      double c = rho * rho * yhy + rho;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          h[i * n + j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + c * s[i] * s[j];
        }
      }
    }
  }
}
