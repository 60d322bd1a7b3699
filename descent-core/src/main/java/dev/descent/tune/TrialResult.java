package dev.descent.tune;

import dev.descent.train.JsonText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One finished trial: its parameters, budget and scores, as written to the journal.
 *
 * @param trial the trial's number (0-based, in sampling order over all rounds)
 * @param round the coarse-to-fine round (0 otherwise)
 * @param epochs the epochs it was trained for (successive halving trains a trial once per rung)
 * @param seed the trial's training seed
 * @param params the sampled values by key
 * @param validationAccuracy accuracy on the validation split at the end (the score), NaN if it
 *     diverged
 * @param validationLoss validation loss at the end
 * @param trainAccuracy training accuracy at the end
 * @param trainLoss training loss at the end
 * @param diverged the divergence message, or null when training finished
 * @param seconds wall-clock seconds the trial took
 * @param validationCurve validation accuracy at each epoch end
 * @param trainCurve training accuracy at each epoch end
 */
public record TrialResult(
    int trial,
    int round,
    long epochs,
    long seed,
    Map<String, Object> params,
    double validationAccuracy,
    double validationLoss,
    double trainAccuracy,
    double trainLoss,
    String diverged,
    double seconds,
    double[] validationCurve,
    double[] trainCurve) {

  /** Copies the parameters and curves. */
  public TrialResult {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    validationCurve = validationCurve.clone();
    trainCurve = trainCurve.clone();
  }

  /** The validation accuracy at each epoch end (a copy). */
  @Override
  public double[] validationCurve() {
    return validationCurve.clone();
  }

  /** The training accuracy at each epoch end (a copy). */
  @Override
  public double[] trainCurve() {
    return trainCurve.clone();
  }

  /** The score to rank by: validation accuracy, with diverged trials below every other. */
  public double score() {
    return Double.isNaN(validationAccuracy) ? Double.NEGATIVE_INFINITY : validationAccuracy;
  }

  /** Whether {@code o} holds the same trial, budget, parameters and every score (not timing). */
  public boolean sameOutcome(TrialResult o) {
    return trial == o.trial
        && round == o.round
        && epochs == o.epochs
        && seed == o.seed
        && params.equals(o.params)
        && Double.compare(validationAccuracy, o.validationAccuracy) == 0
        && Double.compare(validationLoss, o.validationLoss) == 0
        && Double.compare(trainAccuracy, o.trainAccuracy) == 0
        && Double.compare(trainLoss, o.trainLoss) == 0
        && Objects.equals(diverged, o.diverged)
        && Arrays.equals(validationCurve, o.validationCurve)
        && Arrays.equals(trainCurve, o.trainCurve);
  }

  /** One JSON object on one line. */
  public String toJson() {
    StringBuilder sb = new StringBuilder("{");
    sb.append("\"trial\":").append(trial);
    sb.append(",\"round\":").append(round);
    sb.append(",\"epochs\":").append(epochs);
    sb.append(",\"seed\":").append(seed);
    sb.append(",\"params\":{");
    boolean first = true;
    for (Map.Entry<String, Object> e : params.entrySet()) {
      sb.append(first ? "" : ",").append(JsonText.quote(e.getKey())).append(':');
      Object v = e.getValue();
      if (v instanceof Double) {
        sb.append(JsonText.number((Double) v));
      } else if (v instanceof Long) {
        sb.append(v);
      } else {
        sb.append(JsonText.quote(String.valueOf(v)));
      }
      first = false;
    }
    sb.append('}');
    sb.append(",\"validation_accuracy\":").append(JsonText.number(validationAccuracy));
    sb.append(",\"validation_loss\":").append(JsonText.number(validationLoss));
    sb.append(",\"train_accuracy\":").append(JsonText.number(trainAccuracy));
    sb.append(",\"train_loss\":").append(JsonText.number(trainLoss));
    sb.append(",\"diverged\":").append(diverged == null ? "null" : JsonText.quote(diverged));
    sb.append(",\"seconds\":").append(JsonText.number(seconds));
    sb.append(",\"validation_curve\":").append(array(validationCurve));
    sb.append(",\"train_curve\":").append(array(trainCurve));
    return sb.append('}').toString();
  }

  private static String array(double[] xs) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < xs.length; i++) {
      sb.append(i == 0 ? "" : ",").append(JsonText.number(xs[i]));
    }
    return sb.append(']').toString();
  }

  /**
   * The result a {@link #toJson()} line holds.
   *
   * @throws IllegalArgumentException when the line is not such an object
   */
  public static TrialResult fromJson(String line) {
    Object parsed = JsonText.parse(line);
    if (!(parsed instanceof Map)) {
      throw new IllegalArgumentException("not a JSON object");
    }
    Map<?, ?> m = (Map<?, ?>) parsed;
    try {
      Map<String, Object> params = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) require(m, "params")).entrySet()) {
        params.put((String) e.getKey(), e.getValue());
      }
      Object div = m.get("diverged");
      return new TrialResult(
          (int) whole(m, "trial"),
          (int) whole(m, "round"),
          whole(m, "epochs"),
          whole(m, "seed"),
          params,
          number(m, "validation_accuracy"),
          number(m, "validation_loss"),
          number(m, "train_accuracy"),
          number(m, "train_loss"),
          div == null ? null : (String) div,
          number(m, "seconds"),
          curve(m, "validation_curve"),
          curve(m, "train_curve"));
    } catch (ClassCastException e) {
      throw new IllegalArgumentException("a field has the wrong type: " + e.getMessage(), e);
    }
  }

  private static Object require(Map<?, ?> m, String key) {
    if (!m.containsKey(key)) {
      throw new IllegalArgumentException("missing field " + key);
    }
    return m.get(key);
  }

  private static long whole(Map<?, ?> m, String key) {
    return ((Number) require(m, key)).longValue();
  }

  private static double number(Map<?, ?> m, String key) {
    Object v = require(m, key);
    return v == null ? Double.NaN : ((Number) v).doubleValue();
  }

  private static double[] curve(Map<?, ?> m, String key) {
    List<?> xs = (List<?>) require(m, key);
    List<Double> out = new ArrayList<>();
    for (Object x : xs) {
      out.add(x == null ? Double.NaN : ((Number) x).doubleValue());
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
