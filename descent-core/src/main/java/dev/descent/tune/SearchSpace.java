package dev.descent.tune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hyperparameters a search varies, each with its {@link Distribution}, in the order given.
 * Which setting a key changes is defined by {@link TrialTemplate}: e.g. {@code
 * lr=log_uniform(1e-6,1e-2)} (an optimizer key), {@code weight_decay=log_uniform(1e-8,1e-4)} (the
 * L2 λ), {@code schedule.gamma=uniform(0.1,0.9)}, {@code hidden=int(50,200)}.
 */
public final class SearchSpace {
  private final Map<String, Distribution> ranges;

  /** A space over {@code ranges} (key → range, in iteration order); at least one key. */
  public SearchSpace(Map<String, Distribution> ranges) {
    if (ranges.isEmpty()) {
      throw new IllegalArgumentException("a search space needs at least one key (--space K=DIST)");
    }
    this.ranges = Collections.unmodifiableMap(new LinkedHashMap<>(ranges));
  }

  /**
   * Parses {@code KEY=DIST} entries such as {@code lr=log_uniform(1e-6,1e-2)}.
   *
   * @throws IllegalArgumentException naming the entry that is malformed or repeated
   */
  public static SearchSpace parse(List<String> entries) {
    Map<String, Distribution> m = new LinkedHashMap<>();
    for (String e : entries) {
      int eq = e.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "--space must be KEY=DIST, e.g. lr=log_uniform(1e-6,1e-2), got '" + e + "'");
      }
      String key = e.substring(0, eq).strip();
      if (m.put(key, Distribution.parse(e.substring(eq + 1))) != null) {
        throw new IllegalArgumentException("--space names " + key + " twice");
      }
    }
    return new SearchSpace(m);
  }

  /** The keys in order. */
  public List<String> keys() {
    return new ArrayList<>(ranges.keySet());
  }

  /** The range of {@code key}. */
  public Distribution range(String key) {
    return ranges.get(key);
  }

  /** The number of keys. */
  public int dimensions() {
    return ranges.size();
  }

  /** The parameters at unit point {@code u} (one coordinate per key, in key order). */
  public Map<String, Object> at(double[] u) {
    Map<String, Object> p = new LinkedHashMap<>();
    int i = 0;
    for (Map.Entry<String, Distribution> e : ranges.entrySet()) {
      p.put(e.getKey(), e.getValue().at(u[i++]));
    }
    return p;
  }

  /** Every range narrowed around the parameters of the best trials (coarse-to-fine). */
  public SearchSpace narrow(List<Map<String, Object>> best) {
    Map<String, Distribution> m = new LinkedHashMap<>();
    for (Map.Entry<String, Distribution> e : ranges.entrySet()) {
      List<Object> values = new ArrayList<>();
      for (Map<String, Object> p : best) {
        values.add(p.get(e.getKey()));
      }
      m.put(e.getKey(), e.getValue().narrow(values));
    }
    return new SearchSpace(m);
  }

  /** {@code key=range} entries joined by spaces, the form {@link #parse} reads. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Distribution> e : ranges.entrySet()) {
      sb.append(sb.length() == 0 ? "" : " ").append(e.getKey()).append('=').append(e.getValue());
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SearchSpace && ranges.equals(((SearchSpace) o).ranges);
  }

  @Override
  public int hashCode() {
    return ranges.hashCode();
  }
}
