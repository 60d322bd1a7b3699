package dev.descent.optim.fullbatch;

import dev.descent.curvature.Hessians;
import dev.descent.function.Objective;
import dev.descent.spec.Spec;

/**
 * Newton's method with Levenberg–Marquardt damping: from the second-order Taylor model, solve
 *
 * <pre>
 *   (∇²f(x) + τI)·d = −∇f(x)
 * </pre>
 *
 * <p>and search along d starting at t = lr. τ = 0 when the Hessian is positive definite (pure
 * Newton: θ* = θ₀ − H⁻¹∇J(θ₀), one step to the minimum of a convex quadratic). Otherwise τ is found
 * as in Nocedal &amp; Wright Algorithm 3.3 ("Cholesky with added multiple of the identity"): start
 * at τ = −min Hᵢᵢ + β (or 0 when all Hᵢᵢ &gt; 0) and double it (at least β) until the Cholesky
 * factorisation of H + τI succeeds; each damped iteration adds a note with τ. This turns the step
 * at a saddle or on a concave region into a descent direction, where the undamped step would go to
 * the saddle point.
 *
 * <p>The Hessian is exact when the objective knows it (the 2-D functions do, by automatic
 * differentiation; counted in {@link Result#hessianEvaluations()}), otherwise central differences
 * of the exact gradient, whose 2n gradient evaluations are counted in {@link Result#evaluations()}.
 * O(n²) memory and O(n³) work per iteration: for small problems.
 *
 * @param lr the step length tried first, &gt; 0; default 1 (the Newton step)
 * @param damping β, the smallest shift tried, &gt; 0; default 1e-3 (N&amp;W Algorithm 3.3)
 * @param search the line search; default Armijo backtracking (c1 = 1e-4)
 */
public record Newton(double lr, double damping, LineSearch search) implements FullBatchMethod {

  /** Validates the configuration. */
  public Newton {
    Checks.positive("lr", lr);
    Checks.positive("damping", damping);
    Checks.notNull("search", search);
  }

  @Override
  public String description() {
    return "newton(lr="
        + lr
        + ",damping="
        + Spec.formatNumber(damping)
        + ",search="
        + search.description()
        + ")";
  }

  @Override
  public Result minimize(Objective f, double[] x0, Stopping stop) {
    return Driver.run(description(), f, x0, stop, search, new Step(f.dimension()));
  }

  private final class Step implements Direction {
    private final int n;
    private final double[] hessian;
    private final double[] factor;

    Step(int n) {
      this.n = n;
      this.hessian = new double[n * n];
      this.factor = new double[n * n];
    }

    @Override
    public double direction(
        int iteration, double[] x, double fx, double[] g, double[] d, Driver run) {
      int spent = Hessians.compute(run.objective(), x, hessian);
      if (spent == 0) {
        run.addHessianEvaluation();
      } else {
        run.addEvaluations(spent);
      }
      double minDiag = Double.POSITIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        minDiag = Math.min(minDiag, hessian[i * n + i]);
      }
      double tau = minDiag > 0 ? 0 : -minDiag + damping;
      int attempts = 0;
      while (!cholesky(tau)) {
        tau = Math.max(2 * tau, damping);
        if (++attempts > 1100 || !Double.isFinite(tau)) {
          throw new IllegalStateException(
              "no positive definite shift of the Hessian found at iteration "
                  + iteration
                  + " (is the Hessian finite?)");
        }
      }
      if (tau > 0) {
        run.note(
            "iteration "
                + iteration
                + ": Hessian not positive definite, damped with τ = "
                + tau
                + " (Levenberg–Marquardt)");
      }
      solve(g, d);
      return lr;
    }

    /** Factorises H + τI = LLᵀ into {@code factor}; false if it is not positive definite. */
    private boolean cholesky(double tau) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j <= i; j++) {
          double sum = hessian[i * n + j] + (i == j ? tau : 0);
          for (int k = 0; k < j; k++) {
            sum -= factor[i * n + k] * factor[j * n + k];
          }
          if (i == j) {
            if (!(sum > 0)) {
              return false;
            }
            factor[i * n + i] = Math.sqrt(sum);
          } else {
            factor[i * n + j] = sum / factor[j * n + j];
          }
        }
      }
      return true;
    }

    /** d = −(LLᵀ)⁻¹ g by forward and back substitution. */
    private void solve(double[] g, double[] d) {
      for (int i = 0; i < n; i++) {
        double sum = -g[i];
        for (int k = 0; k < i; k++) {
          sum -= factor[i * n + k] * d[k];
        }
        d[i] = sum / factor[i * n + i];
      }
      for (int i = n - 1; i >= 0; i--) {
        double sum = d[i];
        for (int k = i + 1; k < n; k++) {
          sum -= factor[k * n + i] * d[k];
        }
        d[i] = sum / factor[i * n + i];
      }
    }

    @Override
    public void accepted(double t, double[] d, double[] gOld, double[] gNew, Driver run) {}
  }
}
