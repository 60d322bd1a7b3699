package dev.descent.optim.fullbatch;

import dev.descent.function.Objective;
import dev.descent.spec.Spec;
import java.util.SplittableRandom;

/**
 * Coordinate descent (Goodfellow, Bengio &amp; Courville §8.7.2; seed 003): each iteration moves
 * along one coordinate axis only, d = −(∂f/∂xᵢ)·eᵢ, with a line search, holding the others fixed —
 * on a 2-D function the path is a staircase of horizontal and vertical segments.
 *
 * <p>Order: {@code cyclic} visits 0, 1, …, n−1, 0, …; {@code random} draws i uniformly at each
 * iteration from a {@link SplittableRandom} seeded with {@code seed} (the same seed gives the same
 * path). A coordinate whose partial derivative is negligible (|∂f/∂xᵢ| ≤ 1e-8·max_j |∂f/∂xⱼ|, i.e.
 * already minimised along its axis) is passed over for the next one after it, so a run does not end
 * on a line search that cannot move; when all are zero the run has converged. The first trial step
 * along coordinate i is min(1, 1/|∂f/∂xᵢ|)·lr, later ones lr/cᵢ, where cᵢ ≈ ∂²f/∂xᵢ² is the secant
 * curvature Δ(∂f/∂xᵢ)/Δxᵢ of the last step along i (the exact 1-D Newton step on a quadratic);
 * while that estimate is not positive the first rule is used.
 *
 * @param order {@code cyclic} (default) or {@code random}
 * @param seed the random order's seed; default 0
 * @param lr the first trial step, &gt; 0; default 1
 * @param search the line search; default strong Wolfe with c1 = 1e-4, c2 = 0.1 (close to exact
 *     minimisation along each coordinate, the classic form)
 */
public record CoordinateDescent(Order order, long seed, double lr, LineSearch search)
    implements FullBatchMethod {

  /** The order in which coordinates are visited. */
  public enum Order {
    /** 0, 1, …, n−1, 0, 1, … */
    CYCLIC,
    /** Uniformly at random, seeded. */
    RANDOM
  }

  /** Validates the configuration. */
  public CoordinateDescent {
    Checks.notNull("order", order);
    Checks.positive("lr", lr);
    Checks.notNull("search", search);
  }

  @Override
  public String description() {
    return "coordinate_descent(order="
        + order.name().toLowerCase(java.util.Locale.ROOT)
        + ",seed="
        + seed
        + ",lr="
        + Spec.formatNumber(lr)
        + ",search="
        + search.description()
        + ")";
  }

  @Override
  public Result minimize(Objective f, double[] x0, Stopping stop) {
    return Driver.run(description(), f, x0, stop, search, new Axes(f.dimension()));
  }

  private final class Axes implements Direction {
    private final int n;
    private final SplittableRandom random = new SplittableRandom(seed);
    private final double[] curvature;
    private int next;
    private int current;

    Axes(int n) {
      this.n = n;
      this.curvature = new double[n];
    }

    @Override
    public double direction(
        int iteration, double[] x, double fx, double[] g, double[] d, Driver run) {
      int drawn = order == Order.CYCLIC ? next : random.nextInt(n);
      double negligible = 1e-8 * Line.maxAbs(g);
      int i = -1;
      for (int k = 0; k < n; k++) {
        int candidate = (drawn + k) % n;
        if (Math.abs(g[candidate]) > negligible) {
          i = candidate;
          break;
        }
      }
      java.util.Arrays.fill(d, 0);
      if (i < 0) {
        // Every partial derivative is zero: d = 0 makes the driver stop (no descent direction).
        return lr;
      }
      next = (i + 1) % n;
      current = i;
      d[i] = -g[i];
      return curvature[i] > 0 ? lr / curvature[i] : Math.min(1, 1 / Math.abs(g[i])) * lr;
    }

    @Override
    public void accepted(double t, double[] d, double[] gOld, double[] gNew, Driver run) {
      double c = (gNew[current] - gOld[current]) / (t * d[current]);
      curvature[current] = Double.isFinite(c) && c > 0 ? c : 0;
    }
  }
}
