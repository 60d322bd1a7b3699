package dev.descent.optim.fullbatch;

import dev.descent.function.Objective;
import java.util.SplittableRandom;

/**
 * Coordinate descent (Goodfellow, Bengio &amp; Courville §8.7.2; seed 003): each iteration moves
 * along one coordinate axis only, d = −(∂f/∂xᵢ)·eᵢ, with a line search, holding the others fixed —
 * on a 2-D function the path is a staircase of horizontal and vertical segments.
 *
 * <p>Order: {@code cyclic} visits 0, 1, …, n−1, 0, …; {@code random} draws i uniformly at each
 * iteration from a {@link SplittableRandom} seeded with {@code seed} (the same seed gives the same
 * path). A coordinate whose partial derivative is zero is passed over (cyclic: the next one;
 * random: a fresh draw, at most n tries); when all are zero the run has converged. The first trial
 * step along coordinate i is min(1, 1/|∂f/∂xᵢ|)·lr, later ones the last step along i scaled by the
 * ratio of directional derivatives (Nocedal &amp; Wright eq. 3.60).
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
        + lr
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
    private final double[] tLast;
    private final double[] gtdLast;
    private int next;
    private int current;

    Axes(int n) {
      this.n = n;
      this.tLast = new double[n];
      this.gtdLast = new double[n];
    }

    @Override
    public double direction(
        int iteration, double[] x, double fx, double[] g, double[] d, Driver run) {
      int i = -1;
      for (int tries = 0; tries < n; tries++) {
        int candidate;
        if (order == Order.CYCLIC) {
          candidate = next;
          next = (next + 1) % n;
        } else {
          candidate = random.nextInt(n);
        }
        if (g[candidate] != 0) {
          i = candidate;
          break;
        }
      }
      java.util.Arrays.fill(d, 0);
      if (i < 0) {
        // Every tried partial derivative is zero: d = 0 makes the driver stop (no descent).
        return lr;
      }
      current = i;
      d[i] = -g[i];
      double gtd = -g[i] * g[i];
      double t0 = tLast[i] > 0 ? tLast[i] * gtdLast[i] / gtd : Math.min(1, 1 / Math.abs(g[i])) * lr;
      gtdLast[i] = gtd;
      return Double.isFinite(t0) && t0 > 0 ? t0 : lr;
    }

    @Override
    public void accepted(double t, double[] d, double[] gOld, double[] gNew, Driver run) {
      tLast[current] = t;
    }
  }
}
