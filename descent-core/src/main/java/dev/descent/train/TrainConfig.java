package dev.descent.train;

import dev.descent.data.Sampling;
import dev.descent.optim.Optimizers;
import dev.descent.schedule.Schedules;
import dev.descent.spec.Spec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a {@link Trainer} trains: the optimizer and schedule specs, the batch size, the run length,
 * the seed, L2 weight decay and the evaluation, checkpoint and early-stopping cadence. Immutable
 * and validated here; a checkpoint stores it ({@link #toMap()}) and a resumed run must match it in
 * everything but the run length.
 *
 * @param optimizer the optimizer spec, e.g. {@code adam(lr=0.001)} (see {@link Optimizers})
 * @param schedule a learning-rate schedule spec (see {@link Schedules}), a {@code plateau(…)} spec
 *     fed each epoch with the monitored metric, or null for the optimizer's constant rate
 * @param batchSize examples per mini-batch, positive (the CLI's default 128 is the seeds')
 * @param epochs passes over the training data, or 0 when {@code iterations} sets the length
 * @param iterations optimizer steps, or 0 when {@code epochs} sets the length; exactly one of the
 *     two is positive
 * @param seed the run's seed: data order and dropout masks derive from it
 * @param weightDecay λ of the L2 penalty ½λ‖W‖² added to the loss (biases, γ, β excluded), &gt;= 0
 * @param sampling how mini-batches are drawn ({@link Sampling#SHUFFLE} in the CLI)
 * @param evalEvery also evaluate every this many steps (0: only at epoch ends and at the end)
 * @param checkpointEvery also checkpoint every this many steps (0: only at epoch ends)
 * @param patience early stopping: stop after this many epoch ends without an improvement of the
 *     monitored metric (0: never stop early)
 */
public record TrainConfig(
    String optimizer,
    String schedule,
    int batchSize,
    long epochs,
    long iterations,
    long seed,
    double weightDecay,
    Sampling sampling,
    long evalEvery,
    long checkpointEvery,
    long patience) {

  /** Validates every field; the optimizer and schedule specs must build. */
  public TrainConfig {
    if (optimizer == null || optimizer.isEmpty()) {
      throw new IllegalArgumentException("optimizer must not be empty");
    }
    Optimizers.create(optimizer);
    if (schedule != null) {
      if (isPlateau(schedule)) {
        Schedules.createPlateau(schedule);
      } else {
        Schedules.create(schedule);
      }
    }
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
    }
    if (epochs < 0 || iterations < 0 || (epochs > 0) == (iterations > 0)) {
      throw new IllegalArgumentException(
          "exactly one of epochs and iterations must be positive, got epochs="
              + epochs
              + ", iterations="
              + iterations);
    }
    if (!(weightDecay >= 0 && weightDecay < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("weight decay must be in [0, inf), got " + weightDecay);
    }
    if (sampling == null) {
      throw new IllegalArgumentException("sampling must not be null");
    }
    if (evalEvery < 0) {
      throw new IllegalArgumentException("evalEvery must be >= 0, got " + evalEvery);
    }
    if (checkpointEvery < 0) {
      throw new IllegalArgumentException("checkpointEvery must be >= 0, got " + checkpointEvery);
    }
    if (patience < 0) {
      throw new IllegalArgumentException("patience must be >= 0, got " + patience);
    }
  }

  /**
   * A config with the common defaults: no schedule, seed 0, no weight decay, shuffled batches, no
   * extra evaluations or checkpoints, no early stopping.
   */
  public static TrainConfig of(String optimizer, int batchSize, long epochs, long iterations) {
    return new TrainConfig(
        optimizer, null, batchSize, epochs, iterations, 0, 0, Sampling.SHUFFLE, 0, 0, 0);
  }

  /** This config with another schedule spec (null for none). */
  public TrainConfig withSchedule(String spec) {
    return new TrainConfig(
        optimizer,
        spec,
        batchSize,
        epochs,
        iterations,
        seed,
        weightDecay,
        sampling,
        evalEvery,
        checkpointEvery,
        patience);
  }

  /** This config with another seed. */
  public TrainConfig withSeed(long newSeed) {
    return new TrainConfig(
        optimizer,
        schedule,
        batchSize,
        epochs,
        iterations,
        newSeed,
        weightDecay,
        sampling,
        evalEvery,
        checkpointEvery,
        patience);
  }

  /** This config with another weight decay λ. */
  public TrainConfig withWeightDecay(double lambda) {
    return new TrainConfig(
        optimizer,
        schedule,
        batchSize,
        epochs,
        iterations,
        seed,
        lambda,
        sampling,
        evalEvery,
        checkpointEvery,
        patience);
  }

  /** This config with other evaluation and checkpoint intervals in steps (0 = epoch ends only). */
  public TrainConfig withIntervals(long newEvalEvery, long newCheckpointEvery) {
    return new TrainConfig(
        optimizer,
        schedule,
        batchSize,
        epochs,
        iterations,
        seed,
        weightDecay,
        sampling,
        newEvalEvery,
        newCheckpointEvery,
        patience);
  }

  /** This config with early stopping after {@code epochs} epochs without improvement. */
  public TrainConfig withPatience(long newPatience) {
    return new TrainConfig(
        optimizer,
        schedule,
        batchSize,
        epochs,
        iterations,
        seed,
        weightDecay,
        sampling,
        evalEvery,
        checkpointEvery,
        newPatience);
  }

  /** Whether {@code schedule} names the metric-driven {@code plateau}. */
  static boolean isPlateau(String schedule) {
    return Spec.parse(schedule).name().equals("plateau");
  }

  /** Every field as strings, in declaration order (checkpoints and history files). */
  public Map<String, String> toMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("optimizer", optimizer);
    m.put("schedule", schedule == null ? "" : schedule);
    m.put("batch_size", Integer.toString(batchSize));
    m.put("epochs", Long.toString(epochs));
    m.put("iterations", Long.toString(iterations));
    m.put("seed", Long.toString(seed));
    m.put("weight_decay", Double.toString(weightDecay));
    m.put("sampling", sampling.name().toLowerCase(java.util.Locale.ROOT));
    m.put("eval_every", Long.toString(evalEvery));
    m.put("checkpoint_every", Long.toString(checkpointEvery));
    m.put("patience", Long.toString(patience));
    return m;
  }
}
