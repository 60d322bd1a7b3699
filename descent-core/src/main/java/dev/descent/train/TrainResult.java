package dev.descent.train;

/**
 * The outcome of {@link Trainer#run()}.
 *
 * @param steps optimizer steps done in the whole run (including before a resume)
 * @param epochs complete passes over the training data
 * @param stoppedEarly whether early stopping ended the run
 * @param last the final evaluation (train, validation, test metrics)
 * @param trainSeconds seconds spent in training steps only (no evaluation, no checkpoints), summed
 *     over resumed segments
 * @param trainSamples examples processed by training steps
 * @param weightsSha256 {@link Weights#sha256} of the final model
 */
public record TrainResult(
    long steps,
    long epochs,
    boolean stoppedEarly,
    History.Evaluation last,
    double trainSeconds,
    long trainSamples,
    String weightsSha256) {

  /** Training throughput: {@code trainSamples / trainSeconds} (NaN before any step). */
  public double samplesPerSecond() {
    return trainSeconds > 0 ? trainSamples / trainSeconds : Double.NaN;
  }
}
