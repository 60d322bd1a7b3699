package dev.descent.optim;

import dev.descent.nn.Parameter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The running average of a run's weights (Polyak or EMA, see {@link Averaging}), kept in double
 * precision beside the model so evaluation can use it without disturbing training: {@link
 * #swapIn}/{@link #swapOut} exchange it with the live weights, {@link #copyTo} writes it into a
 * separate parameter set. Call {@link #update} once after every optimizer step. Allocates nothing
 * after construction. {@link #export()}/{@link #restore(Map)} save and load it with a checkpoint.
 */
public final class WeightAverage {
  private final Averaging config;
  private final String[] names;
  private final double[][] avg;
  private final double[][] backup;
  private long seen;
  private long count;
  private boolean swapped;

  private WeightAverage(Averaging config, String[] names, double[][] avg) {
    this.config = config;
    this.names = names;
    this.avg = avg;
    this.backup = new double[avg.length][];
    for (int i = 0; i < avg.length; i++) {
      backup[i] = new double[avg[i].length];
    }
  }

  static WeightAverage of(Averaging config, List<Parameter> params) {
    String[] names = new String[params.size()];
    double[][] avg = new double[params.size()][];
    for (int i = 0; i < names.length; i++) {
      names[i] = params.get(i).name();
      float[] v = params.get(i).value().data();
      avg[i] = new double[v.length];
      for (int j = 0; j < v.length; j++) {
        avg[i][j] = v[j];
      }
    }
    return new WeightAverage(config, names, avg);
  }

  static WeightAverage of(Averaging config, double[] x) {
    return new WeightAverage(config, new String[] {"x"}, new double[][] {x.clone()});
  }

  /** The averaging rule. */
  public Averaging config() {
    return config;
  }

  /** How many iterates entered the average (for EMA: updates seen). */
  public long count() {
    return count;
  }

  /** A copy of the average of parameter {@code name}. */
  public double[] average(String name) {
    int i = Arrays.asList(names).indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException(
          "no parameter " + name + "; parameters: " + Arrays.toString(names));
    }
    return avg[i].clone();
  }

  /**
   * Folds the current weights into the average.
   *
   * @throws IllegalStateException while the average is swapped in
   */
  public void update(List<Parameter> params) {
    requireMatches(params);
    if (admit()) {
      for (int i = 0; i < avg.length; i++) {
        float[] v = params.get(i).value().data();
        double[] a = avg[i];
        for (int j = 0; j < a.length; j++) {
          a[j] = blend(a[j], v[j]);
        }
      }
    }
  }

  /** Folds the current float64 vector into the average. */
  public void update(double[] x) {
    requireMatches(x);
    if (admit()) {
      double[] a = avg[0];
      for (int j = 0; j < a.length; j++) {
        a[j] = blend(a[j], x[j]);
      }
    }
  }

  private boolean admit() {
    if (swapped) {
      throw new IllegalStateException("update while the average is swapped in; call swapOut first");
    }
    seen++;
    if (config.kind() == Averaging.Kind.POLYAK && seen < config.start()) {
      return false;
    }
    count++;
    return true;
  }

  private double blend(double a, double x) {
    if (config.kind() == Averaging.Kind.EMA) {
      return config.decay() * a + (1 - config.decay()) * x;
    }
    return count == 1 ? x : a + (x - a) / count;
  }

  /**
   * Replaces the weights with the average, keeping the training weights aside.
   *
   * @throws IllegalStateException if already swapped in
   */
  public void swapIn(List<Parameter> params) {
    requireMatches(params);
    if (swapped) {
      throw new IllegalStateException("the average is already swapped in");
    }
    for (int i = 0; i < avg.length; i++) {
      float[] v = params.get(i).value().data();
      for (int j = 0; j < v.length; j++) {
        backup[i][j] = v[j];
        v[j] = (float) avg[i][j];
      }
    }
    swapped = true;
  }

  /**
   * Puts the training weights back exactly as they were before {@link #swapIn}.
   *
   * @throws IllegalStateException if not swapped in
   */
  public void swapOut(List<Parameter> params) {
    requireMatches(params);
    if (!swapped) {
      throw new IllegalStateException("swapOut without swapIn");
    }
    for (int i = 0; i < avg.length; i++) {
      float[] v = params.get(i).value().data();
      for (int j = 0; j < v.length; j++) {
        v[j] = (float) backup[i][j];
      }
    }
    swapped = false;
  }

  /** Writes the average into {@code target} (a separate copy of the model's parameters). */
  public void copyTo(List<Parameter> target) {
    requireMatches(target);
    for (int i = 0; i < avg.length; i++) {
      float[] v = target.get(i).value().data();
      for (int j = 0; j < v.length; j++) {
        v[j] = (float) avg[i][j];
      }
    }
  }

  /** Writes the average of a float64 run into {@code target}. */
  public void copyTo(double[] target) {
    requireMatches(target);
    System.arraycopy(avg[0], 0, target, 0, target.length);
  }

  /**
   * Copies of everything: {@code "averaging"} → the config as text, {@code "seen"} and {@code
   * "count"} → {@code Long}, {@code "params"} → the names joined by commas, {@code
   * "<param>/average"} → {@code double[]}.
   */
  public Map<String, Object> export() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("averaging", config.toString());
    out.put("seen", seen);
    out.put("count", count);
    out.put("params", String.join(",", names));
    for (int i = 0; i < names.length; i++) {
      out.put(names[i] + "/average", avg[i].clone());
    }
    return out;
  }

  /**
   * Replaces the averages with {@code saved} (from {@link #export()}) of the same config and model.
   *
   * @throws IllegalArgumentException naming the first mismatch; this average is unchanged then
   * @throws IllegalStateException while the average is swapped in
   */
  public void restore(Map<String, Object> saved) {
    if (swapped) {
      throw new IllegalStateException("restore while the average is swapped in");
    }
    if (!config.toString().equals(saved.get("averaging"))) {
      throw new IllegalArgumentException(
          "cannot restore averages of " + saved.get("averaging") + " into " + config);
    }
    if (!String.join(",", names).equals(saved.get("params")) || saved.size() != 4 + names.length) {
      throw new IllegalArgumentException(
          "saved averages are for parameters ["
              + saved.get("params")
              + "], this model has "
              + Arrays.toString(names));
    }
    for (int i = 0; i < names.length; i++) {
      Object a = saved.get(names[i] + "/average");
      if (!(a instanceof double[]) || ((double[]) a).length != avg[i].length) {
        throw new IllegalArgumentException(
            "saved "
                + names[i]
                + "/average must be a double["
                + avg[i].length
                + "], got "
                + (a instanceof double[] ? "double[" + ((double[]) a).length + "]" : a));
      }
    }
    if (!(saved.get("seen") instanceof Long) || !(saved.get("count") instanceof Long)) {
      throw new IllegalArgumentException("saved seen and count must be Longs");
    }
    seen = (Long) saved.get("seen");
    count = (Long) saved.get("count");
    for (int i = 0; i < names.length; i++) {
      System.arraycopy((double[]) saved.get(names[i] + "/average"), 0, avg[i], 0, avg[i].length);
    }
  }

  private void requireMatches(List<Parameter> params) {
    boolean ok = params.size() == names.length;
    for (int i = 0; ok && i < names.length; i++) {
      ok = params.get(i).name().equals(names[i]) && params.get(i).size() == avg[i].length;
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "the average is for parameters "
              + Arrays.toString(names)
              + ", got "
              + params.stream().map(Parameter::name).toList());
    }
  }

  private void requireMatches(double[] x) {
    if (names.length != 1 || avg[0].length != x.length) {
      throw new IllegalArgumentException(
          "the average is for parameters "
              + Arrays.toString(names)
              + ", got one vector of length "
              + x.length);
    }
  }
}
