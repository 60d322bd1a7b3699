package dev.descent.optim.fullbatch;

import dev.descent.function.Objective;

/**
 * Limited-memory BFGS (Nocedal 1980; Liu &amp; Nocedal 1989): the quasi-Newton direction d = −Hₖ∇f
 * from the last m pairs sᵢ = xᵢ₊₁ − xᵢ, yᵢ = ∇fᵢ₊₁ − ∇fᵢ by the two-loop recursion, never storing
 * Hₖ:
 *
 * <pre>
 *   q ← −∇f;  for i = newest…oldest: αᵢ = ρᵢ sᵢᵀq, q ← q − αᵢ yᵢ        (ρᵢ = 1/yᵢᵀsᵢ)
 *   r ← γ q,  γ = sᵀy / yᵀy of the newest pair
 *   for i = oldest…newest: β = ρᵢ yᵢᵀr, r ← r + (αᵢ − β) sᵢ;   d = r
 * </pre>
 *
 * <p>This follows {@code torch.optim.LBFGS} step for step, so it makes the same iterates and the
 * same number of evaluations: a pair is stored only when yᵀs &gt; 1e-10; the first step is min(1,
 * 1/‖∇f‖₁)·lr, later ones start at lr; the line search is {@link StrongWolfe} with PyTorch's
 * constants, or a fixed step. Difference from PyTorch: PyTorch's default {@code line_search_fn} is
 * None (fixed step); descent defaults to strong Wolfe, which is what makes L-BFGS robust on
 * non-quadratic problems. Stopping tolerances are PyTorch's ({@link Stopping#pytorch}).
 *
 * @param lr the step length tried first, &gt; 0; default 1 (PyTorch)
 * @param history m, the number of stored pairs, ≥ 1; default 100 (PyTorch's {@code history_size})
 * @param search the line search; default strong Wolfe with c1 = 1e-4, c2 = 0.9
 */
public record Lbfgs(double lr, int history, LineSearch search) implements FullBatchMethod {

  /** Validates the configuration. */
  public Lbfgs {
    Checks.positive("lr", lr);
    if (history < 1) {
      throw new IllegalArgumentException("history must be in [1, 2147483647], got " + history);
    }
    Checks.notNull("search", search);
  }

  @Override
  public String description() {
    return "lbfgs(lr=" + lr + ",history=" + history + ",search=" + search.description() + ")";
  }

  @Override
  public Result minimize(Objective f, double[] x0, Stopping stop) {
    return Driver.run(description(), f, x0, stop, search, new Memory(f.dimension()));
  }

  /** The stored pairs, oldest first in a ring. */
  private final class Memory implements Direction {
    private final int n;
    private final double[][] s;
    private final double[][] y;
    private final double[] rho;
    private final double[] alpha;
    private int start;
    private int count;
    private double hDiag = 1;

    Memory(int n) {
      this.n = n;
      this.s = new double[history][];
      this.y = new double[history][];
      this.rho = new double[history];
      this.alpha = new double[history];
    }

    @Override
    public double direction(
        int iteration, double[] x, double fx, double[] g, double[] d, Driver run) {
      for (int i = 0; i < n; i++) {
        d[i] = -g[i];
      }
      if (iteration == 1) {
        return Checks.firstStep(g, lr);
      }
      for (int k = count - 1; k >= 0; k--) {
        int i = (start + k) % history;
        alpha[k] = Line.dot(s[i], d) * rho[i];
        axpy(-alpha[k], y[i], d);
      }
      for (int i = 0; i < n; i++) {
        d[i] *= hDiag;
      }
      for (int k = 0; k < count; k++) {
        int i = (start + k) % history;
        double beta = Line.dot(y[i], d) * rho[i];
        axpy(alpha[k] - beta, s[i], d);
      }
      return lr;
    }

    @Override
    public void accepted(double t, double[] d, double[] gOld, double[] gNew, Driver run) {
      int slot;
      if (count == history) {
        slot = start;
      } else {
        slot = (start + count) % history;
      }
      if (s[slot] == null) {
        s[slot] = new double[n];
        y[slot] = new double[n];
      }
      double[] sv = s[slot];
      double[] yv = y[slot];
      // Compute into the slot first; it is only committed when the curvature condition holds.
      double[] sTmp = run.scratch(0, n);
      double[] yTmp = run.scratch(1, n);
      for (int i = 0; i < n; i++) {
        yTmp[i] = gNew[i] - gOld[i];
        sTmp[i] = d[i] * t;
      }
      double ys = Line.dot(yTmp, sTmp);
      if (ys > 1e-10) {
        System.arraycopy(yTmp, 0, yv, 0, n);
        System.arraycopy(sTmp, 0, sv, 0, n);
        rho[slot] = 1 / ys;
        if (count == history) {
          start = (start + 1) % history;
        } else {
          count++;
        }
        hDiag = ys / Line.dot(yTmp, yTmp);
      } else {
        run.note("skipped the L-BFGS update: curvature yᵀs = " + ys + " ≤ 1e-10");
      }
    }
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < y.length; i++) {
      y[i] += a * x[i];
    }
  }
}
