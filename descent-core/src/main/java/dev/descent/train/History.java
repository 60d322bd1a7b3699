package dev.descent.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a training run records: the loss and learning rate of every step, and the metrics of
 * every evaluation (each epoch end, every {@code evalEvery} steps, and the end of the run), plus
 * the run's config and seed. Saved in checkpoints, so a resumed run's history is complete.
 *
 * <p>Written as JSON ({@link #toJson()}) and CSV ({@link #toCsv()}); see those for the layouts.
 */
public final class History {
  /**
   * One evaluation.
   *
   * @param step the number of optimizer steps done before it
   * @param epoch the number of complete epochs at that point
   * @param epochEnd whether it was taken at an epoch end
   * @param lr the learning rate of the last step (NaN before any step)
   * @param train metrics on the training split
   * @param validation metrics on the validation split, or null when there is none
   * @param test metrics on the test split
   */
  public record Evaluation(
      long step,
      long epoch,
      boolean epochEnd,
      double lr,
      Metrics train,
      Metrics validation,
      Metrics test) {}

  private final Map<String, String> info;
  private final Map<String, String> infoView;
  private double[] loss = new double[1024];
  private double[] lr = new double[1024];
  private int steps;
  private final List<Evaluation> evaluations = new ArrayList<>();
  private final List<Evaluation> averaged = new ArrayList<>();

  /** An empty history of a run described by {@code info} (config, model, data set). */
  public History(Map<String, String> info) {
    this.info = new LinkedHashMap<>(info);
    this.infoView = Collections.unmodifiableMap(this.info);
  }

  /** The run's description (unmodifiable). */
  public Map<String, String> info() {
    return infoView;
  }

  /** Adds or replaces one entry of the description (settings made after construction). */
  void putInfo(String key, String value) {
    info.put(key, value);
  }

  /** Records step {@code steps()}'s training loss (with the weight-decay penalty) and rate. */
  public void addStep(double stepLoss, double stepLr) {
    if (steps == loss.length) {
      loss = Arrays.copyOf(loss, 2 * steps);
      lr = Arrays.copyOf(lr, 2 * steps);
    }
    loss[steps] = stepLoss;
    lr[steps] = stepLr;
    steps++;
  }

  /** Records an evaluation. */
  public void addEvaluation(Evaluation e) {
    addEvaluation(e, null);
  }

  /**
   * Records an evaluation of the training weights and one of the averaged weights ({@link
   * dev.descent.optim.Averaging}) taken at the same point, or null when there is no average.
   */
  public void addEvaluation(Evaluation e, Evaluation average) {
    evaluations.add(e);
    averaged.add(average);
  }

  /** Replaces this history's records with {@code steps}' steps and {@code evals} (resume). */
  void replaceWith(History steps, List<Evaluation> evals, List<Evaluation> averages) {
    this.loss = steps.loss.clone();
    this.lr = steps.lr.clone();
    this.steps = steps.steps;
    this.evaluations.clear();
    this.evaluations.addAll(evals);
    this.averaged.clear();
    this.averaged.addAll(averages);
  }

  /** The number of steps recorded. */
  public int steps() {
    return steps;
  }

  /** The training loss of step {@code i} (0-based). */
  public double loss(int i) {
    return loss[checkStep(i)];
  }

  /** The learning rate of step {@code i} (0-based). */
  public double lr(int i) {
    return lr[checkStep(i)];
  }

  /** The evaluations in order (unmodifiable). */
  public List<Evaluation> evaluations() {
    return Collections.unmodifiableList(evaluations);
  }

  /**
   * The evaluations of the averaged weights, one per {@link #evaluations()} entry (null entries
   * where none was taken), unmodifiable.
   */
  public List<Evaluation> averagedEvaluations() {
    return Collections.unmodifiableList(averaged);
  }

  /** The averaged weights' evaluation taken with the last evaluation, or null. */
  public Evaluation lastAveraged() {
    return averaged.isEmpty() ? null : averaged.get(averaged.size() - 1);
  }

  private boolean hasAverages() {
    for (Evaluation e : averaged) {
      if (e != null) {
        return true;
      }
    }
    return false;
  }

  /** The last evaluation, or null before the first. */
  public Evaluation lastEvaluation() {
    return evaluations.isEmpty() ? null : evaluations.get(evaluations.size() - 1);
  }

  private int checkStep(int i) {
    if (i < 0 || i >= steps) {
      throw new IllegalArgumentException("step must be in [0, " + steps + "), got " + i);
    }
    return i;
  }

  /**
   * The history as one JSON object: {@code info} (strings), {@code steps} ({@code {"loss": […],
   * "lr": […]}}, one entry per step), and {@code evaluations} (objects with {@code step}, {@code
   * epoch}, {@code epoch_end}, {@code lr}, {@code train_loss}, {@code train_accuracy}, {@code
   * validation_loss}, {@code validation_accuracy}, {@code test_loss}, {@code test_accuracy}; null
   * where a value is missing or not finite; with averaged weights also {@code avg_train_loss} …
   * {@code avg_test_accuracy}). Doubles are written so they read back exactly.
   */
  public String toJson() {
    StringBuilder sb = new StringBuilder("{\"info\":{");
    boolean first = true;
    for (Map.Entry<String, String> e : info.entrySet()) {
      sb.append(first ? "" : ",").append(JsonText.quote(e.getKey())).append(':');
      sb.append(JsonText.quote(e.getValue()));
      first = false;
    }
    sb.append("},\n\"steps\":{\"loss\":");
    numbers(sb, loss);
    sb.append(",\n\"lr\":");
    numbers(sb, lr);
    sb.append("},\n\"evaluations\":[");
    for (int i = 0; i < evaluations.size(); i++) {
      Evaluation e = evaluations.get(i);
      sb.append(i == 0 ? "\n" : ",\n");
      sb.append("{\"step\":").append(e.step()).append(",\"epoch\":").append(e.epoch());
      sb.append(",\"epoch_end\":").append(e.epochEnd());
      sb.append(",\"lr\":").append(JsonText.number(e.lr()));
      metrics(sb, "train", e.train());
      metrics(sb, "validation", e.validation());
      metrics(sb, "test", e.test());
      Evaluation a = averaged.get(i);
      if (a != null) {
        metrics(sb, "avg_train", a.train());
        metrics(sb, "avg_validation", a.validation());
        metrics(sb, "avg_test", a.test());
      }
      sb.append('}');
    }
    return sb.append("]}\n").toString();
  }

  private void numbers(StringBuilder sb, double[] xs) {
    sb.append('[');
    for (int i = 0; i < steps; i++) {
      sb.append(i == 0 ? "" : ",").append(JsonText.number(xs[i]));
    }
    sb.append(']');
  }

  private static void metrics(StringBuilder sb, String split, Metrics m) {
    sb.append(",\"").append(split).append("_loss\":");
    sb.append(m == null ? "null" : JsonText.number(m.loss()));
    sb.append(",\"").append(split).append("_accuracy\":");
    sb.append(m == null ? "null" : JsonText.number(m.accuracy()));
  }

  /** The CSV header of {@link #toCsv()}. */
  public static final String CSV_HEADER =
      "step,epoch,loss,lr,train_loss,train_accuracy,validation_loss,validation_accuracy,"
          + "test_loss,test_accuracy";

  /** The columns {@link #toCsv()} appends when the run evaluated averaged weights. */
  public static final String CSV_AVERAGE_COLUMNS =
      "avg_train_loss,avg_train_accuracy,avg_validation_loss,avg_validation_accuracy,"
          + "avg_test_loss,avg_test_accuracy";

  /**
   * The history as CSV with header {@link #CSV_HEADER} (plus {@link #CSV_AVERAGE_COLUMNS} when
   * averaged weights were evaluated): one row per step ({@code step} counts from 1, {@code epoch}
   * is the number of complete epochs after it), the metric columns filled on the row of the step
   * after which an evaluation was taken and empty otherwise. An evaluation before any step (step 0)
   * gets a row of its own with empty loss and lr.
   */
  public String toCsv() {
    boolean avg = hasAverages();
    StringBuilder sb = new StringBuilder(CSV_HEADER);
    sb.append(avg ? "," + CSV_AVERAGE_COLUMNS : "").append('\n');
    int next = 0;
    long epoch = 0;
    while (next < evaluations.size() && evaluations.get(next).step() == 0) {
      row(sb, 0, 0, "", "", evaluations.get(next), avg ? averaged.get(next) : null, avg);
      next++;
    }
    for (int i = 0; i < steps; i++) {
      Evaluation e = null;
      Evaluation a = null;
      while (next < evaluations.size() && evaluations.get(next).step() <= i + 1) {
        e = evaluations.get(next);
        a = averaged.get(next);
        next++;
      }
      if (e != null) {
        epoch = e.epoch();
      }
      row(sb, i + 1, epoch, csv(loss[i]), csv(lr[i]), e, a, avg);
    }
    return sb.toString();
  }

  private static void row(
      StringBuilder sb,
      long step,
      long epoch,
      String l,
      String r,
      Evaluation e,
      Evaluation a,
      boolean withAverage) {
    sb.append(step).append(',').append(epoch).append(',').append(l).append(',').append(r);
    cells(sb, e);
    if (withAverage) {
      cells(sb, a);
    }
    sb.append('\n');
  }

  private static void cells(StringBuilder sb, Evaluation e) {
    Metrics[] ms = e == null ? new Metrics[3] : new Metrics[] {e.train(), e.validation(), e.test()};
    for (Metrics m : ms) {
      sb.append(',').append(m == null ? "" : csv(m.loss()));
      sb.append(',').append(m == null ? "" : csv(m.accuracy()));
    }
  }

  private static String csv(double x) {
    return Double.isNaN(x) ? "nan" : Double.toString(x);
  }

  /** Writes {@link #toJson()} to {@code file} atomically. */
  public void writeJson(Path file) throws IOException {
    AtomicFiles.write(file, toJson().getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@link #toCsv()} to {@code file} atomically. */
  public void writeCsv(Path file) throws IOException {
    AtomicFiles.write(file, toCsv().getBytes(StandardCharsets.UTF_8));
  }
}
