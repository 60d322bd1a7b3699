package dev.descent.train;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Callbacks from a {@link Trainer}, for progress display and logging. They observe the run and
 * cannot change it, so a listener never affects the weights. Every method does nothing by default.
 */
public interface TrainListener {

  /** The run starts (or resumes) at {@code step} of {@code totalSteps}. */
  default void onStart(long step, long totalSteps) {}

  /**
   * A training step finished.
   *
   * @param step the number of steps done (1-based)
   * @param epoch the 0-based epoch the step's batch belonged to
   * @param loss the step's training loss
   * @param lr the step's learning rate
   * @param samplesPerSecond the training throughput so far
   */
  default void onStep(long step, long epoch, double loss, double lr, double samplesPerSecond) {}

  /** An evaluation was recorded. */
  default void onEvaluation(History.Evaluation evaluation) {}

  /** A checkpoint was written at {@code step}. */
  default void onCheckpoint(long step, Path file) {}

  /** The run ended normally (also after early stopping); not called on divergence or errors. */
  default void onEnd(TrainResult result) {}

  /**
   * A listener that reports each change of the learning rate ({@code "step 1: lr=0.1"}, then one
   * line whenever the rate differs from the previous step's) to {@code log}.
   */
  static TrainListener lrChanges(Consumer<String> log) {
    return new TrainListener() {
      private double last = Double.NaN;

      @Override
      public void onStep(long step, long epoch, double loss, double lr, double samplesPerSecond) {
        if (Double.compare(lr, last) != 0) {
          log.accept("step " + step + ": lr=" + lr);
          last = lr;
        }
      }
    };
  }
}
