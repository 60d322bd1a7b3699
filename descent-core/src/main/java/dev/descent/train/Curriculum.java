package dev.descent.train;

import dev.descent.data.Dataset;
import dev.descent.nn.Context;
import dev.descent.nn.Sequential;
import dev.descent.spec.Param;
import dev.descent.spec.Registry;
import dev.descent.tensor.Tensor;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Curriculum learning (seed 003; Bengio et al. 2009): train on easy examples first and admit harder
 * ones over time.
 *
 * <p><b>Difficulty.</b> An example's difficulty is its cross-entropy loss under a scoring model
 * ({@link #difficulty}): by default a copy of the network trained briefly on all the data, or a
 * saved, pretrained model. {@link #of} sorts the examples from easy to hard (ties by index).
 *
 * <p><b>Pacing.</b> In epoch e (0-based) the easiest {@code ⌈g(e)·N⌉} examples are admitted:
 *
 * <ul>
 *   <li>{@code linear(start=s,epochs=E)}: g(e) = min(1, s + (1 − s)·e/E);
 *   <li>{@code root(start=s,epochs=E)}: g(e) = min(1, √(s² + (1 − s²)·e/E)) (Platanios et al. 2019,
 *       "competence-based curriculum"), admitting hard examples sooner.
 * </ul>
 *
 * <p><b>How batches are drawn.</b> An epoch keeps its N draws and the trainer's data order: each
 * row index r ∈ [0, N) the batch iterator yields (a shuffled permutation of [0, N) per epoch) is
 * mapped to the (r mod a)-th easiest example, a = the admitted count. So each admitted example is
 * seen ⌊N/a⌋ or ⌈N/a⌉ times per epoch, in shuffled order; the step count, schedules and checkpoints
 * work as without a curriculum, and the mapping is a pure function of (epoch, r), so a resumed run
 * continues bit for bit.
 *
 * <pre>{@code
 * double[] d = Curriculum.difficulty(briefModel, splits.train());
 * trainer.curriculum(Curriculum.of(d, Curriculum.pacing("linear(start=0.2,epochs=5)")));
 * }</pre>
 *
 * @param order the example indices from easiest to hardest (a permutation of [0, N))
 * @param pacing the admitted fraction per epoch
 */
public record Curriculum(int[] order, Pacing pacing) {

  /**
   * The fraction of examples admitted per epoch.
   *
   * @param root whether the root (else the linear) rule applies
   * @param start the fraction admitted in epoch 0, in (0, 1]
   * @param epochs the epochs until all examples are admitted, ≥ 1
   */
  public record Pacing(boolean root, double start, long epochs) {
    /** Validates the ranges. */
    public Pacing {
      if (!(start > 0 && start <= 1)) {
        throw new IllegalArgumentException("start must be in (0, 1], got " + start);
      }
      if (epochs < 1) {
        throw new IllegalArgumentException("epochs must be in [1, inf), got " + epochs);
      }
    }

    /** g(epoch), the admitted fraction of epoch {@code epoch} (0-based). */
    public double fraction(long epoch) {
      double t = Math.min(1.0, (double) epoch / epochs);
      double g =
          root ? Math.sqrt(start * start + (1 - start * start) * t) : start + (1 - start) * t;
      return Math.min(1.0, g);
    }

    /** The number of examples admitted in epoch {@code epoch} out of {@code n}, at least 1. */
    public int admitted(long epoch, int n) {
      return (int) Math.max(1, Math.min(n, Math.ceil(fraction(epoch) * n - 1e-9)));
    }

    /** The spec {@link Curriculum#pacing} turns back into this rule. */
    public String spec() {
      return (root ? "root" : "linear") + "(start=" + start + ",epochs=" + epochs + ")";
    }
  }

  private static final Registry<Pacing> PACINGS =
      new Registry<Pacing>("pacing")
          .register(
              "linear",
              "admitted fraction grows linearly from start to 1 over epochs",
              List.of(
                  Param.number("start", 0.25, "(0, 1]", "fraction admitted in the first epoch"),
                  Param.integer("epochs", 5, "[1, inf)", "epochs until all are admitted")),
              a -> new Pacing(false, a.number("start"), a.longInteger("epochs")))
          .register(
              "root",
              "admitted fraction grows as a square root (Platanios et al. 2019)",
              List.of(
                  Param.number("start", 0.25, "(0, 1]", "fraction admitted in the first epoch"),
                  Param.integer("epochs", 5, "[1, inf)", "epochs until all are admitted")),
              a -> new Pacing(true, a.number("start"), a.longInteger("epochs")));

  /** Validates that {@code order} is a permutation and copies it. */
  public Curriculum {
    if (order == null || pacing == null) {
      throw new IllegalArgumentException("order and pacing must not be null");
    }
    order = order.clone();
    boolean[] seen = new boolean[order.length];
    for (int i : order) {
      if (i < 0 || i >= order.length || seen[i]) {
        throw new IllegalArgumentException(
            "order must be a permutation of [0, " + order.length + "), got index " + i);
      }
      seen[i] = true;
    }
  }

  /**
   * A pacing rule from its spec: {@code linear(start=0.25,epochs=5)} or {@code
   * root(start=0.25,epochs=5)} (defaults shown).
   *
   * @throws IllegalArgumentException for an unknown name or key or a value out of range
   */
  public static Pacing pacing(String spec) {
    return PACINGS.create(spec);
  }

  /** The curriculum that orders examples by ascending {@code difficulty} (ties by index). */
  public static Curriculum of(double[] difficulty, Pacing pacing) {
    int[] order =
        IntStream.range(0, difficulty.length)
            .boxed()
            .sorted(Comparator.comparingDouble((Integer i) -> difficulty[i]).thenComparing(i -> i))
            .mapToInt(Integer::intValue)
            .toArray();
    return new Curriculum(order, pacing);
  }

  /**
   * Each example's cross-entropy loss −log softmax(model(x))_y under {@code scorer} in evaluation
   * mode, in float64.
   */
  public static double[] difficulty(Sequential scorer, Dataset data) {
    int n = data.size();
    int f = data.features();
    int chunk = Math.min(n, 512);
    double[] out = new double[n];
    Tensor x = Tensor.zeros(chunk, f);
    for (int start = 0; start < n; start += chunk) {
      int rows = Math.min(chunk, n - start);
      Tensor xb = rows == chunk ? x : Tensor.zeros(rows, f);
      for (int k = 0; k < rows; k++) {
        data.row(start + k, xb.data(), k * f);
      }
      Tensor logits = scorer.forward(xb, Context.evaluation());
      int c = logits.cols();
      float[] z = logits.data();
      for (int k = 0; k < rows; k++) {
        int y = data.label(start + k);
        if (y >= c) {
          throw new IllegalArgumentException(
              "the scoring model outputs " + c + " classes but example has label " + y);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < c; j++) {
          max = Math.max(max, z[k * c + j]);
        }
        double sum = 0;
        for (int j = 0; j < c; j++) {
          sum += Math.exp(z[k * c + j] - max);
        }
        out[start + k] = Math.log(sum) + max - z[k * c + y];
      }
    }
    return out;
  }

  /** The order (a copy). */
  @Override
  public int[] order() {
    return order.clone();
  }

  /**
   * The example trained on in place of row {@code row} (in [0, N)) in epoch {@code epoch}: the (row
   * mod a)-th easiest, a = {@link Pacing#admitted}.
   */
  public int example(long epoch, int row) {
    return order[row % pacing.admitted(epoch, order.length)];
  }

  /** A description for checkpoints: the pacing spec and a SHA-256 prefix of the order. */
  public String spec() {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
    for (int i : order) {
      md.update(new byte[] {(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i});
    }
    return pacing.spec() + "/order=" + HexFormat.of().formatHex(md.digest()).substring(0, 16);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Curriculum
        && java.util.Arrays.equals(order, ((Curriculum) o).order)
        && pacing.equals(((Curriculum) o).pacing);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(order) + pacing.hashCode();
  }

  @Override
  public String toString() {
    return "Curriculum[" + spec() + "]";
  }
}
