package dev.descent.tune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How trial parameters are chosen from a {@link SearchSpace}.
 *
 * <ul>
 *   <li>{@link #RANDOM}: independent uniform points (the seeds' choice; Bergstra and Bengio,
 *       "Random search for hyper-parameter optimization", JMLR 2012).
 *   <li>{@link #GRID}: the Cartesian product of evenly spaced values, both ends included; {@code
 *       choice} keys contribute all their values, the others L levels each with L the largest whole
 *       number such that the product stays within the trial budget.
 *   <li>{@link #SOBOL}: the digitally shifted {@link Sobol} sequence, which covers the space more
 *       evenly than random points.
 *   <li>{@link #COARSE_TO_FINE}: the seeds' procedure (MISSION §6): random points in rounds; after
 *       each round every range is narrowed around the best trials ({@link SearchSpace#narrow}).
 * </ul>
 *
 * Every sampler is a function of (space, count, seed): the same arguments give the same points.
 */
public enum Sampler {
  /** Independent uniform points. */
  RANDOM,
  /** The full grid. */
  GRID,
  /** The Sobol sequence with a seeded digital shift. */
  SOBOL,
  /** Random rounds with narrowing in between. */
  COARSE_TO_FINE;

  /**
   * The sampler named {@code name}: {@code random}, {@code grid}, {@code sobol} or {@code
   * coarse-to-fine}.
   *
   * @throws IllegalArgumentException listing the valid names
   */
  public static Sampler parse(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "random":
        return RANDOM;
      case "grid":
        return GRID;
      case "sobol":
        return SOBOL;
      case "coarse-to-fine":
        return COARSE_TO_FINE;
      default:
        throw new IllegalArgumentException(
            "--sampler must be random, grid, sobol or coarse-to-fine, got '" + name + "'");
    }
  }

  /** The CLI name. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * {@code count} parameter sets from {@code space} (for {@link #GRID}, the whole grid that fits in
   * {@code count}, which may be fewer).
   *
   * @param seed the sampler's seed (unused by the grid)
   */
  public List<Map<String, Object>> sample(SearchSpace space, int count, long seed) {
    List<Map<String, Object>> out = new ArrayList<>();
    int d = space.dimensions();
    double[] u = new double[d];
    switch (this) {
      case GRID:
        return grid(space, count);
      case SOBOL:
        SplittableRandom shifts = new SplittableRandom(seed);
        int[] shift = new int[d];
        for (int i = 0; i < d; i++) {
          shift[i] = shifts.nextInt();
        }
        Sobol sobol = new Sobol(d, shift);
        for (int i = 0; i < count; i++) {
          sobol.next(u);
          out.add(space.at(u));
        }
        return out;
      default:
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
          for (int j = 0; j < d; j++) {
            u[j] = random.nextDouble();
          }
          out.add(space.at(u));
        }
        return out;
    }
  }

  private static List<Map<String, Object>> grid(SearchSpace space, int count) {
    List<List<Object>> axes = new ArrayList<>();
    long fixed = 1;
    int free = 0;
    for (String k : space.keys()) {
      Distribution r = space.range(k);
      if (r instanceof Distribution.Choice) {
        fixed *= ((Distribution.Choice) r).values().size();
      } else {
        free++;
      }
    }
    int levels = 1;
    while (free > 0 && fixed * Math.pow(levels + 1, free) <= count) {
      levels++;
    }
    long total = 1;
    for (String k : space.keys()) {
      List<Object> axis = space.range(k).grid(levels);
      axes.add(axis);
      total *= axis.size();
    }
    if (total > count) {
      throw new IllegalArgumentException(
          "the grid over the choice keys alone has "
              + total
              + " points, more than --trials "
              + count);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    List<String> keys = space.keys();
    int[] idx = new int[axes.size()];
    for (long n = 0; n < total; n++) {
      Map<String, Object> p = new LinkedHashMap<>();
      for (int j = 0; j < keys.size(); j++) {
        p.put(keys.get(j), axes.get(j).get(idx[j]));
      }
      out.add(p);
      for (int j = axes.size() - 1; j >= 0; j--) {
        if (++idx[j] < axes.get(j).size()) {
          break;
        }
        idx[j] = 0;
      }
    }
    return out;
  }
}
