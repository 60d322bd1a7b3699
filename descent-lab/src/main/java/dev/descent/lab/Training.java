package dev.descent.lab;

import dev.descent.concurrent.Workers;
import dev.descent.data.Splits;
import dev.descent.train.DivergenceException;
import dev.descent.train.History;
import dev.descent.train.ModelSpec;
import dev.descent.train.TrainConfig;
import dev.descent.train.Trainer;

/** Trains one model with the {@link Trainer} and keeps its history: the lab's unit of work. */
public final class Training {
  private Training() {}

  /**
   * A finished run.
   *
   * @param label the legend entry
   * @param history every step's loss and every evaluation (up to the divergence, if any)
   * @param divergence the divergence message, or null when the run finished
   */
  public record Run(String label, History history, String divergence) {
    /** Whether the loss or a weight became NaN or infinite. */
    public boolean diverged() {
      return divergence != null;
    }

    /** The training loss of every step. */
    public double[] losses() {
      double[] out = new double[history.steps()];
      for (int i = 0; i < out.length; i++) {
        out[i] = history.loss(i);
      }
      return out;
    }

    /** Train (test = false) or test accuracy at every epoch-end evaluation. */
    public double[] epochAccuracy(boolean test) {
      return history.evaluations().stream()
          .filter(History.Evaluation::epochEnd)
          .mapToDouble(e -> test ? e.test().accuracy() : e.train().accuracy())
          .toArray();
    }

    /** Validation accuracy at every epoch-end evaluation. */
    public double[] epochValidationAccuracy() {
      return history.evaluations().stream()
          .filter(History.Evaluation::epochEnd)
          .mapToDouble(e -> e.validation().accuracy())
          .toArray();
    }
  }

  /**
   * Builds {@code model}, trains it with {@code config} on {@code data} and returns the run; a run
   * that diverges (the seeds' N(0, 1) weights without batch norm can) is returned with its history
   * so far and the divergence message, not thrown. The training runs on the calling thread alone
   * ({@link Workers#serial()}): the lab trains several models at once, one per thread.
   */
  public static Run run(String label, ModelSpec model, TrainConfig config, Splits data) {
    Trainer t =
        new Trainer(model.build(), model.metadata(), config, data).workers(Workers.serial());
    try {
      t.run();
      return new Run(label, t.history(), null);
    } catch (DivergenceException e) {
      return new Run(label, t.history(), e.getMessage());
    }
  }

  /** The mean of the last {@code k} values (all of them when there are fewer). */
  public static double tailMean(double[] v, int k) {
    int n = Math.min(k, v.length);
    double s = 0;
    for (int i = v.length - n; i < v.length; i++) {
      s += v[i];
    }
    return s / n;
  }

  /** The last value. */
  public static double last(double[] v) {
    return v[v.length - 1];
  }
}
