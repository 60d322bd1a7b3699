package dev.descent.lab;

/**
 * How much work the lab's experiments do: the seeds' exact settings, a quick scaled-down run, or a
 * tiny one for tests. Each experiment picks its numbers with {@link #pick(int, int, int)}.
 */
public enum Budget {
  /** The seeds' exact settings (MISSION §8). */
  FULL,
  /** Scaled down so that all experiments together finish in under 3 minutes on 2 cores. */
  QUICK,
  /** Smaller still, for the end-to-end tests; figures are not meant to be meaningful. */
  TINY;

  /** The value for this budget. */
  public int pick(int full, int quick, int tiny) {
    switch (this) {
      case FULL:
        return full;
      case QUICK:
        return quick;
      default:
        return tiny;
    }
  }

  /** Whether numbers shown from this run must be labelled as quick (not the seeds' settings). */
  public boolean reduced() {
    return this != FULL;
  }

  /**
   * For experiments that use the seeds' settings under every budget: "" for the full run, else a
   * sentence saying this experiment was not scaled down.
   */
  public String unchangedNote() {
    return this == FULL
        ? ""
        : " (This" + tag() + " run used the seeds' full settings for this experiment.)";
  }

  /** "" for the full run, " (quick)" or " (tiny)" otherwise: appended to every shown number. */
  public String tag() {
    return this == FULL ? "" : this == QUICK ? " (quick)" : " (tiny)";
  }
}
