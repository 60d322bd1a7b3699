package dev.descent.lab;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What every experiment of one lab run shares.
 *
 * @param budget full, quick or tiny
 * @param seed the base seed; each experiment derives its model and data-order seeds from it
 * @param threads how many models may train at once (see {@link Parallel})
 * @param data the image data, or null when no experiment that needs it runs
 * @param out the report folder
 * @param log receives one progress line per finished step of work
 */
public record LabContext(
    Budget budget, long seed, int threads, LabData data, Path out, Consumer<String> log) {
  /** Validates the thread count. */
  public LabContext {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be in [1, 1024], got " + threads);
    }
  }

  /** The data, or an {@link IllegalStateException} when none was loaded. */
  public LabData requireData() {
    if (data == null) {
      throw new IllegalStateException("this experiment needs an image data set");
    }
    return data;
  }
}
