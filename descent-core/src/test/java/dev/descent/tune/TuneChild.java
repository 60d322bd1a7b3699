package dev.descent.tune;

import java.nio.file.Path;

/**
 * The child JVM of {@link TuneKillResumeTest}: runs (or resumes) {@link #config()} with its journal
 * in the folder given as the first argument, printing {@code trial N} after each trial.
 */
public final class TuneChild {
  private TuneChild() {}

  static TuneConfig config() {
    return new TuneConfig(TinyTune.space(), Sampler.RANDOM, 40, 1, 2, 25, false, 2, 17);
  }

  /** Arguments: the journal folder, then {@code fresh} or {@code resume}. */
  public static void main(String[] args) throws Exception {
    TuneConfig c = config();
    try (Journal j =
        Journal.open(
            Path.of(args[0]).resolve(Journal.FILE), c.settings(), args[1].equals("resume"))) {
      new Tuner(c, TinyTune.template(), TinyTune.spiral(8))
          .run(
              j,
              new Tuner.Listener() {
                @Override
                public void onTrial(TrialResult r, int done, int total, TrialResult best) {
                  System.out.println("trial " + r.trial());
                  System.out.flush();
                }
              });
    }
    System.out.println("done");
  }
}
