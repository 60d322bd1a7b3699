package dev.descent.optim;

import dev.descent.nn.Parameter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable part of an optimization run: the step count and every state array of every parameter
 * (PyTorch's {@code optimizer.state}), plus a reusable workspace. Created by {@link
 * Optimizer#init}; one state belongs to one run and is not thread-safe.
 *
 * <p>Checkpoints: {@link #export()} copies everything into a map ({@code "optimizer"} → the spec,
 * {@code "step"} → {@code Long}, {@code "params"} → the parameter names joined by commas, {@code
 * "sizes"} → their sizes as {@code int[]}, {@code "<param>/<slot>"} → {@code double[]}, {@code
 * "scalar/<name>"} → {@code Double}, and {@code "precision"} → {@code "float32"} when the moments
 * are float32); {@link #restore(Map)} loads such a map into a state made by {@code init} for the
 * same model, after checking that it fits exactly. Restoring continues a run bit for bit.
 *
 * <p>Precision: a state from {@code init(List<Parameter>)} of an optimizer with a fused float32
 * rule keeps float32 moments (4 bytes per value and slot, as PyTorch); every other state keeps
 * float64 moments. Exported float32 moments are widened to {@code double[]} exactly, so checkpoint
 * files need no second array type.
 *
 * <pre>{@code
 * Map<String, Object> saved = state.export();
 * OptimizerState resumed = opt.init(model.parameters());
 * resumed.restore(saved);
 * }</pre>
 */
public final class OptimizerState {
  private static final String PRECISION = "precision";
  private static final String FLOAT32 = "float32";
  private final String description;
  private final List<String> slotNames;
  private final List<String> scalarNames;
  private final String[] names;
  private final int[] sizes;
  final double[] scalars;
  // Exactly one of the two engines: the transform chain's double slots and block, or the fused
  // float32 path (restore may switch a float32 state to the chain, see restore).
  double[][][] slots;
  Block block;
  FloatUpdate floats;
  long step;

  /** A state for the transform chain: double-precision slots and a block workspace. */
  OptimizerState(
      String description,
      List<String> slotNames,
      List<String> scalarNames,
      String[] names,
      int[] sizes,
      double[][][] slots,
      double[] scalars) {
    this(description, slotNames, scalarNames, names, sizes, scalars);
    this.slots = slots;
    this.block = new Block(slotNames.size());
  }

  /** A state for the fused float32 path. */
  OptimizerState(
      String description,
      List<String> slotNames,
      List<String> scalarNames,
      String[] names,
      int[] sizes,
      double[] scalars,
      FloatUpdate floats) {
    this(description, slotNames, scalarNames, names, sizes, scalars);
    this.floats = floats;
  }

  private OptimizerState(
      String description,
      List<String> slotNames,
      List<String> scalarNames,
      String[] names,
      int[] sizes,
      double[] scalars) {
    this.description = description;
    this.slotNames = slotNames;
    this.scalarNames = scalarNames;
    this.names = names;
    this.sizes = sizes;
    this.scalars = scalars;
  }

  /** The number of updates done so far. */
  public long step() {
    return step;
  }

  /** Whether the moments are float32 values of the fused float32 path (else float64, the chain). */
  public boolean float32() {
    return floats != null;
  }

  /**
   * A copy of the state array {@code slot} (e.g. {@code exp_avg}) of parameter {@code param}, in
   * double precision (float32 state widened exactly).
   */
  public double[] slot(String param, String slot) {
    int i = Arrays.asList(names).indexOf(param);
    int k = slotNames.indexOf(slot);
    if (i < 0 || k < 0) {
      throw new IllegalArgumentException(
          "no state "
              + param
              + "/"
              + slot
              + "; parameters: "
              + Arrays.toString(names)
              + ", slots: "
              + slotNames);
    }
    return slot(i, k);
  }

  private static double[] widen(float[] a) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i];
    }
    return out;
  }

  /** Copies of everything, keyed as described in the class comment, in a stable order. */
  public Map<String, Object> export() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("optimizer", description);
    out.put("step", step);
    out.put("params", String.join(",", names));
    out.put("sizes", sizes.clone());
    if (floats != null) {
      out.put(PRECISION, FLOAT32);
    }
    for (int i = 0; i < names.length; i++) {
      for (int k = 0; k < slotNames.size(); k++) {
        out.put(names[i] + "/" + slotNames.get(k), slot(i, k));
      }
    }
    for (int k = 0; k < scalarNames.size(); k++) {
      out.put("scalar/" + scalarNames.get(k), scalars[k]);
    }
    return out;
  }

  private double[] slot(int i, int k) {
    return floats == null ? slots[i][k].clone() : widen(floats.slots[i][k]);
  }

  /**
   * Replaces this state with {@code saved} (from {@link #export()}).
   *
   * <p>Precision: a float32 state (marked {@code "precision" → "float32"}) restores into a float32
   * state, every value checked to be a float32 value. A float64 state without the mark (the
   * chain's, also every checkpoint written before descent had the fused float32 path) restores
   * exactly into a float32 model's state by switching that state to the transform chain with double
   * moments, so an old run resumes bit for bit as it would have continued; a float32 state does not
   * restore into a float64 one.
   *
   * @throws IllegalArgumentException naming the first mismatch: another optimizer, a missing or
   *     extra key, an array whose length differs from this model's parameter, or float32 state for
   *     a float64 state; this state is unchanged then
   */
  public void restore(Map<String, Object> saved) {
    Object opt = saved.get("optimizer");
    if (!(opt instanceof String) || !sameName((String) opt, description)) {
      throw new IllegalArgumentException(
          "cannot restore state of optimizer " + opt + " into " + description);
    }
    Object st = saved.get("step");
    if (!(st instanceof Long) || (Long) st < 0) {
      throw new IllegalArgumentException("saved step must be a non-negative Long, got " + st);
    }
    Object savedNames = saved.get("params");
    Object savedSizes = saved.get("sizes");
    if (!String.join(",", names).equals(savedNames)
        || !(savedSizes instanceof int[])
        || !Arrays.equals(sizes, (int[]) savedSizes)) {
      throw new IllegalArgumentException(
          "saved state is for parameters ["
              + String.valueOf(savedNames).replace(",", ", ")
              + "] of sizes "
              + (savedSizes instanceof int[] ? Arrays.toString((int[]) savedSizes) : savedSizes)
              + ", this model has "
              + Arrays.toString(names)
              + " of sizes "
              + Arrays.toString(sizes));
    }
    Object precision = saved.get(PRECISION);
    if (precision != null && !FLOAT32.equals(precision)) {
      throw new IllegalArgumentException(
          "saved precision must be " + FLOAT32 + " or absent (float64), got " + precision);
    }
    boolean savedFloat32 = precision != null;
    if (savedFloat32 && floats == null) {
      throw new IllegalArgumentException(
          "saved state holds float32 moments of the fused float32 path, but this state of "
              + description
              + " keeps float64 moments (transform chain)");
    }
    int expected =
        4 + (savedFloat32 ? 1 : 0) + names.length * slotNames.size() + scalarNames.size();
    for (int i = 0; i < names.length; i++) {
      for (int k = 0; k < slotNames.size(); k++) {
        String key = names[i] + "/" + slotNames.get(k);
        Object a = saved.get(key);
        if (!(a instanceof double[])) {
          throw new IllegalArgumentException(
              "saved state has no double[] " + key + " (saved keys: " + saved.keySet() + ")");
        }
        if (savedFloat32) {
          double[] d = (double[]) a;
          for (int j = 0; j < d.length; j++) {
            if ((double) (float) d[j] != d[j] && !Double.isNaN(d[j])) {
              throw new IllegalArgumentException(
                  "saved " + key + "[" + j + "] = " + d[j] + " is not a float32 value");
            }
          }
        }
        if (((double[]) a).length != sizes[i]) {
          throw new IllegalArgumentException(
              "saved "
                  + key
                  + " has "
                  + ((double[]) a).length
                  + " elements but parameter "
                  + names[i]
                  + " has "
                  + sizes[i]);
        }
      }
    }
    for (String s : scalarNames) {
      if (!(saved.get("scalar/" + s) instanceof Double)) {
        throw new IllegalArgumentException("saved state has no Double scalar/" + s);
      }
    }
    if (saved.size() != expected) {
      throw new IllegalArgumentException(
          "saved state has "
              + saved.size()
              + " entries but this model and optimizer need "
              + expected
              + " (saved keys: "
              + saved.keySet()
              + ")");
    }
    if (!savedFloat32 && floats != null) {
      slots = new double[names.length][slotNames.size()][];
      for (int i = 0; i < names.length; i++) {
        for (int k = 0; k < slotNames.size(); k++) {
          slots[i][k] = new double[sizes[i]];
        }
      }
      block = new Block(slotNames.size());
      floats = null;
    }
    step = (Long) st;
    for (int i = 0; i < names.length; i++) {
      for (int k = 0; k < slotNames.size(); k++) {
        double[] a = (double[]) saved.get(names[i] + "/" + slotNames.get(k));
        if (floats == null) {
          System.arraycopy(a, 0, slots[i][k], 0, sizes[i]);
        } else {
          float[] f = floats.slots[i][k];
          for (int j = 0; j < f.length; j++) {
            f[j] = (float) a[j];
          }
        }
      }
    }
    for (int k = 0; k < scalarNames.size(); k++) {
      scalars[k] = (Double) saved.get("scalar/" + scalarNames.get(k));
    }
  }

  /** Whether two specs name the same optimizer (the part before '('); allocates nothing. */
  private static boolean sameName(String a, String b) {
    int la = a.indexOf('(') < 0 ? a.length() : a.indexOf('(');
    int lb = b.indexOf('(') < 0 ? b.length() : b.indexOf('(');
    return la == lb && a.regionMatches(0, b, 0, la);
  }

  void requireMatches(Optimizer optimizer, List<Parameter> params) {
    requireOptimizer(optimizer);
    if (params.size() != names.length) {
      throw new IllegalArgumentException(
          "state is for " + names.length + " parameters, got " + params.size());
    }
    for (int i = 0; i < names.length; i++) {
      Parameter p = params.get(i);
      if (!p.name().equals(names[i]) || p.size() != sizes[i]) {
        throw new IllegalArgumentException(
            "parameter "
                + i
                + " is "
                + p.name()
                + " with "
                + p.size()
                + " elements but the state is for "
                + names[i]
                + " with "
                + sizes[i]);
      }
    }
  }

  void requireMatches(Optimizer optimizer, int length) {
    requireOptimizer(optimizer);
    if (names.length != 1 || sizes[0] != length) {
      throw new IllegalArgumentException(
          "state is for parameters "
              + Arrays.toString(names)
              + " of sizes "
              + Arrays.toString(sizes)
              + ", got one vector of length "
              + length);
    }
  }

  private void requireOptimizer(Optimizer optimizer) {
    if (!sameName(optimizer.description(), description)
        || !optimizer.slotNames().equals(slotNames)
        || !optimizer.scalarNames().equals(scalarNames)) {
      throw new IllegalArgumentException(
          "state was made by " + description + ", not by " + optimizer.description());
    }
  }
}
