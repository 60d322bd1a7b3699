package dev.descent.init;

import dev.descent.spec.Param;
import dev.descent.spec.Registry;
import dev.descent.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The weight initializers, by factory method and by spec name.
 *
 * <p>Normal draws use {@link SplittableRandom#nextGaussian()}; uniform draws are {@code a + (b - a)
 * u} with u from {@link SplittableRandom#nextDouble()} in [0, 1). For a Linear layer n_in = in and
 * n_out = out. Names, as used on the command line:
 *
 * <table>
 *   <caption>Initializers</caption>
 *   <tr><th>name</th><th>distribution</th><th>source</th></tr>
 *   <tr><td>{@code zeros}</td><td>0</td><td>the seeds' symmetric-weights counterexample</td></tr>
 *   <tr><td>{@code constant(value)}</td><td>value</td><td>PyTorch {@code constant_}</td></tr>
 *   <tr><td>{@code normal(std=1, mean=0)}</td><td>N(mean, std²)</td><td>PyTorch {@code
 *       normal_}</td></tr>
 *   <tr><td>{@code uniform(a=0, b=1)}</td><td>U(a, b)</td><td>PyTorch {@code uniform_}</td></tr>
 *   <tr><td>{@code xavier}</td><td>N(0, 2/(n_in+n_out))</td><td>Glorot &amp; Bengio 2010;
 *       PyTorch {@code xavier_normal_}</td></tr>
 *   <tr><td>{@code xavier_uniform}</td><td>U(±√(6/(n_in+n_out)))</td><td>Glorot &amp; Bengio
 *       2010, eq. 16</td></tr>
 *   <tr><td>{@code xavier_caffe}</td><td>N(0, 1/n_in)</td><td>Caffe's simplification, the
 *       book's "Xavier"</td></tr>
 *   <tr><td>{@code he}</td><td>N(0, 2/n_in)</td><td>He et al. 2015; PyTorch {@code
 *       kaiming_normal_(nonlinearity='relu')}</td></tr>
 *   <tr><td>{@code he_uniform}</td><td>U(±√(6/n_in))</td><td>PyTorch {@code
 *       kaiming_uniform_(nonlinearity='relu')}</td></tr>
 *   <tr><td>{@code lecun}</td><td>N(0, 1/n_in)</td><td>LeCun et al. 1998</td></tr>
 *   <tr><td>{@code lecun_uniform}</td><td>U(±√(3/n_in))</td><td>LeCun et al. 1998 (variance
 *       1/n_in)</td></tr>
 * </table>
 */
public final class Initializers {
  private static final Registry<Initializer> REGISTRY = newRegistry();

  private Initializers() {}

  /** An initializer with a readable {@code toString} (its spec). */
  private record Named(String spec, Initializer body) implements Initializer {
    @Override
    public void initialize(Tensor weight, int fanIn, int fanOut, SplittableRandom random) {
      if (weight == null) {
        throw new IllegalArgumentException("weight must not be null");
      }
      if (random == null) {
        throw new IllegalArgumentException("random must not be null");
      }
      if (fanIn <= 0 || fanOut <= 0) {
        throw new IllegalArgumentException(
            "fanIn and fanOut must be positive, got fanIn=" + fanIn + ", fanOut=" + fanOut);
      }
      body.initialize(weight, fanIn, fanOut, random);
    }

    @Override
    public String toString() {
      return spec;
    }
  }

  /** All zeros: every unit computes the same thing and learning cannot break the symmetry. */
  public static Initializer zeros() {
    return new Named("zeros", (w, fi, fo, r) -> w.fill(0f));
  }

  /**
   * Every element equal to {@code value}.
   *
   * @param value finite
   */
  public static Initializer constant(double value) {
    requireFinite("value", value);
    return new Named("constant(value=" + value + ")", (w, fi, fo, r) -> w.fill((float) value));
  }

  /**
   * Normal N(mean, std²) independent of the fans; the seeds' {@code 0.01 * randn} is {@code
   * normal(0.01, 0)}.
   *
   * @param std standard deviation, finite and &gt;= 0
   * @param mean finite
   */
  public static Initializer normal(double std, double mean) {
    requireFinite("mean", mean);
    requireStd(std);
    return new Named(
        "normal(std=" + std + ",mean=" + mean + ")", (w, fi, fo, r) -> gaussian(w, mean, std, r));
  }

  /**
   * Uniform U(a, b) independent of the fans.
   *
   * @param a lower bound, finite
   * @param b upper bound, finite and &gt; a
   */
  public static Initializer uniform(double a, double b) {
    requireFinite("a", a);
    requireFinite("b", b);
    if (!(a < b)) {
      throw new IllegalArgumentException("a must be less than b, got a=" + a + ", b=" + b);
    }
    return new Named("uniform(a=" + a + ",b=" + b + ")", (w, fi, fo, r) -> uniformFill(w, a, b, r));
  }

  /** Glorot/Xavier normal, paper form: N(0, σ²) with σ = √(2/(n_in+n_out)) (Glorot 2010). */
  public static Initializer xavier() {
    return new Named("xavier", (w, fi, fo, r) -> gaussian(w, 0, Math.sqrt(2.0 / (fi + fo)), r));
  }

  /** Glorot/Xavier uniform: U(−l, l) with l = √(6/(n_in+n_out)) (Glorot 2010, eq. 16). */
  public static Initializer xavierUniform() {
    return new Named(
        "xavier_uniform", (w, fi, fo, r) -> symmetric(w, Math.sqrt(6.0 / (fi + fo)), r));
  }

  /**
   * Xavier as Caffe and the book implement it: N(0, σ²) with σ = √(1/n_in) (uses only the number of
   * inputs; equal to {@link #lecun()}).
   */
  public static Initializer xavierCaffe() {
    return new Named("xavier_caffe", (w, fi, fo, r) -> gaussian(w, 0, Math.sqrt(1.0 / fi), r));
  }

  /** He/Kaiming normal for ReLU: N(0, σ²) with σ = √(2/n_in) (He et al. 2015). */
  public static Initializer he() {
    return new Named("he", (w, fi, fo, r) -> gaussian(w, 0, Math.sqrt(2.0 / fi), r));
  }

  /** He/Kaiming uniform for ReLU: U(−l, l) with l = √(6/n_in), i.e. variance 2/n_in. */
  public static Initializer heUniform() {
    return new Named("he_uniform", (w, fi, fo, r) -> symmetric(w, Math.sqrt(6.0 / fi), r));
  }

  /** LeCun normal: N(0, σ²) with σ = √(1/n_in) (LeCun et al. 1998, "Efficient BackProp"). */
  public static Initializer lecun() {
    return new Named("lecun", (w, fi, fo, r) -> gaussian(w, 0, Math.sqrt(1.0 / fi), r));
  }

  /** LeCun uniform: U(−l, l) with l = √(3/n_in), i.e. variance 1/n_in. */
  public static Initializer lecunUniform() {
    return new Named("lecun_uniform", (w, fi, fo, r) -> symmetric(w, Math.sqrt(3.0 / fi), r));
  }

  /**
   * The initializer a spec string names, e.g. {@code "he"} or {@code "normal(std=0.01)"}.
   *
   * @throws IllegalArgumentException for an unknown name (with the closest valid one), an unknown
   *     key or an out-of-range value
   */
  public static Initializer create(String spec) {
    return REGISTRY.create(spec);
  }

  /** A new registry holding every initializer, for help texts and search spaces. */
  public static Registry<Initializer> registry() {
    return newRegistry();
  }

  private static Registry<Initializer> newRegistry() {
    Registry<Initializer> r = new Registry<>("initializer");
    r.register(
        "zeros", "all weights 0 (breaks learning: symmetric units)", List.of(), a -> zeros());
    r.register(
        "constant",
        "all weights equal to value",
        List.of(Param.requiredNumber("value", "finite", "the constant")),
        a -> constant(a.number("value")));
    r.register(
        "normal",
        "N(mean, std^2), independent of layer size",
        List.of(
            Param.number("std", 1.0, "[0, inf)", "standard deviation (PyTorch normal_ default 1)"),
            Param.number("mean", 0.0, "finite", "mean")),
        a -> normal(a.number("std"), a.number("mean")));
    r.register(
        "uniform",
        "U(a, b), independent of layer size",
        List.of(
            Param.number("a", 0.0, "finite, < b", "lower bound (PyTorch uniform_ default 0)"),
            Param.number("b", 1.0, "finite, > a", "upper bound (PyTorch uniform_ default 1)")),
        a -> uniform(a.number("a"), a.number("b")));
    r.register("xavier", "Glorot normal, std sqrt(2/(n_in+n_out))", List.of(), a -> xavier());
    r.register(
        "xavier_uniform",
        "Glorot uniform, limit sqrt(6/(n_in+n_out))",
        List.of(),
        a -> xavierUniform());
    r.register(
        "xavier_caffe", "Caffe/book Xavier, std sqrt(1/n_in)", List.of(), a -> xavierCaffe());
    r.register("he", "He/Kaiming normal, std sqrt(2/n_in)", List.of(), a -> he());
    r.register("he_uniform", "He/Kaiming uniform, limit sqrt(6/n_in)", List.of(), a -> heUniform());
    r.register("lecun", "LeCun normal, std sqrt(1/n_in)", List.of(), a -> lecun());
    r.register(
        "lecun_uniform", "LeCun uniform, limit sqrt(3/n_in)", List.of(), a -> lecunUniform());
    return r;
  }

  private static void gaussian(Tensor w, double mean, double std, SplittableRandom r) {
    float[] d = w.data();
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (mean + std * r.nextGaussian());
    }
  }

  private static void uniformFill(Tensor w, double a, double b, SplittableRandom r) {
    float[] d = w.data();
    double width = b - a;
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (a + width * r.nextDouble());
    }
  }

  private static void symmetric(Tensor w, double limit, SplittableRandom r) {
    uniformFill(w, -limit, limit, r);
  }

  private static void requireFinite(String name, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be finite, got " + v);
    }
  }

  private static void requireStd(double std) {
    if (!(std >= 0 && std < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("std must be in [0, inf), got " + std);
    }
  }
}
