package dev.descent.tune;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a search runs.
 *
 * @param space the ranges searched
 * @param sampler how points are chosen
 * @param trials the number of parameter sets over all rounds (the grid may use fewer), positive
 * @param rounds coarse-to-fine rounds, in [1, trials]; more than 1 only for {@link
 *     Sampler#COARSE_TO_FINE}. Trials are split evenly over the rounds, earlier rounds taking the
 *     remainder.
 * @param top how many of a round's best trials the next round's ranges are narrowed around (the
 *     CLI's default: a fifth of a round's trials, at least 2)
 * @param epochs each trial's training epochs (with halving, the last rung's), positive
 * @param halving successive halving (see {@link Halving})
 * @param parallel trials run at once, positive; results do not depend on it
 * @param seed the search's seed: sampling and each trial's training seed derive from it
 */
public record TuneConfig(
    SearchSpace space,
    Sampler sampler,
    int trials,
    int rounds,
    int top,
    long epochs,
    boolean halving,
    int parallel,
    long seed) {

  /** Validates every field. */
  public TuneConfig {
    if (space == null || sampler == null) {
      throw new IllegalArgumentException("space and sampler must not be null");
    }
    if (trials < 1) {
      throw new IllegalArgumentException("--trials must be positive, got " + trials);
    }
    if (rounds < 1 || rounds > trials) {
      throw new IllegalArgumentException(
          "--rounds must be in [1, " + trials + "] (at most --trials), got " + rounds);
    }
    if (rounds > 1 && sampler != Sampler.COARSE_TO_FINE) {
      throw new IllegalArgumentException(
          "--rounds " + rounds + " needs --sampler coarse-to-fine, got " + sampler.cliName());
    }
    if (top < 1) {
      throw new IllegalArgumentException("--top must be positive, got " + top);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("--epochs must be positive, got " + epochs);
    }
    if (parallel < 1) {
      throw new IllegalArgumentException("--parallel must be positive, got " + parallel);
    }
  }

  /** The trials of round {@code r}. */
  public int trialsInRound(int r) {
    return trials / rounds + (r < trials % rounds ? 1 : 0);
  }

  /** Everything that decides the trials and their results (not {@code parallel}), as strings. */
  public Map<String, String> settings() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("space", space.toString());
    m.put("sampler", sampler.cliName());
    m.put("trials", Integer.toString(trials));
    m.put("rounds", Integer.toString(rounds));
    m.put("top", Integer.toString(top));
    m.put("epochs", Long.toString(epochs));
    m.put("halving", Boolean.toString(halving));
    m.put("seed", Long.toString(seed));
    return m;
  }
}
