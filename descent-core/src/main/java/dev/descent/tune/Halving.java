package dev.descent.tune;

import java.util.ArrayList;
import java.util.List;

/**
 * Successive halving over epochs (Jamieson and Talwalkar, "Non-stochastic best arm identification
 * and hyperparameter optimization", AISTATS 2016; the inner loop of Hyperband, Li et al., JMLR
 * 2018) with reduction factor η = 3: all n configurations train for E/3^S epochs, the best third
 * (by validation accuracy) train for E/3^(S−1), and so on until the last rung trains ⌊n/3^S⌋ of
 * them for the full E epochs. S is the largest number of rungs with 3^S ≤ n and E/3^S ≥ 1.
 *
 * <p>A promoted configuration is trained again from its seed for the longer budget rather than
 * continued from a checkpoint: training is deterministic, so its first epochs repeat exactly, and
 * this costs at most half again the compute while keeping each trial self-contained.
 */
final class Halving {
  /** The reduction factor η. */
  static final int ETA = 3;

  private Halving() {}

  /** One rung: how many configurations train, for how many epochs. */
  record Rung(int configs, long epochs) {}

  /** The rungs for {@code n} configurations and a full budget of {@code epochs}. */
  static List<Rung> rungs(int n, long epochs, boolean halving) {
    List<Rung> out = new ArrayList<>();
    if (!halving) {
      out.add(new Rung(n, epochs));
      return out;
    }
    int s = 0;
    long p = ETA;
    while (p <= n && epochs / p >= 1) {
      s++;
      p *= ETA;
    }
    long div = 1;
    for (int i = 0; i < s; i++) {
      div *= ETA;
    }
    long keep = 1;
    for (int i = 0; i <= s; i++) {
      out.add(
          new Rung((int) Math.max(1, n / keep), Math.max(1, Math.round(epochs / (double) div))));
      keep *= ETA;
      div /= ETA;
    }
    return out;
  }
}
