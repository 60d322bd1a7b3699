package dev.descent.nn;

import dev.descent.tensor.Tensor;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Dropout (Srivastava et al., 2014): in training each element is kept with probability {@code 1 -
 * p} and zeroed otherwise; the mask drawn in forward is reused in backward ({@code dx = dy *
 * mask}), so exactly the dropped units pass no gradient.
 *
 * <p>Two named variants differ only in where the {@code 1 - p} scaling happens:
 *
 * <ul>
 *   <li>{@link Variant#INVERTED} (default; PyTorch's {@code nn.Dropout}): training {@code y = x m /
 *       (1 - p)}, evaluation {@code y = x}.
 *   <li>{@link Variant#SCALE_AT_TEST} (the seeds' / book's {@code Dropout}): training {@code y = x
 *       m}, evaluation {@code y = x (1 - p)}.
 * </ul>
 *
 * Both have the same expected output in training and evaluation. The mask is drawn from {@link
 * Context#random()} in row-major order: element kept iff {@code random.nextDouble() >= p}.
 */
public final class Dropout implements Layer {

  /** Where the keep-probability scaling is applied. */
  public enum Variant {
    /** Scale kept units by 1/(1-p) in training; identity at evaluation. */
    INVERTED,
    /** No scaling in training; multiply by the kept ratio (1-p) at evaluation. */
    SCALE_AT_TEST;

    /** The lower-case spec name: {@code inverted} or {@code scale_at_test}. */
    public String specName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The variant called {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException listing the valid names
     */
    public static Variant parse(String name) {
      for (Variant v : values()) {
        if (v.specName().equalsIgnoreCase(name)) {
          return v;
        }
      }
      throw new IllegalArgumentException(
          "dropout variant must be one of inverted, scale_at_test, got " + name);
    }
  }

  private final double p;
  private final Variant variant;
  private final RowBuffer out = new RowBuffer();
  private final RowBuffer maskBuffer = new RowBuffer();
  private final RowBuffer gradIn = new RowBuffer();
  private Tensor mask;
  private Tensor output;
  private float evalScale;

  /** Inverted dropout with drop probability {@code p}. */
  public Dropout(double p) {
    this(p, Variant.INVERTED);
  }

  /**
   * @param p the probability of dropping a unit, in [0, 1)
   * @param variant where the scaling happens
   */
  public Dropout(double p, Variant variant) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("p must be in [0, 1), got " + p);
    }
    if (variant == null) {
      throw new IllegalArgumentException("variant must not be null");
    }
    this.p = p;
    this.variant = variant;
  }

  /** The drop probability. */
  public double p() {
    return p;
  }

  /** The scaling variant. */
  public Variant variant() {
    return variant;
  }

  @Override
  public Tensor forward(Tensor x, Context context) {
    Checks.input("Dropout", x, 0);
    Checks.context("Dropout", context);
    int rows = x.rows();
    int cols = x.cols();
    Tensor y = out.get(rows, cols);
    float[] xd = x.data();
    float[] yd = y.data();
    if (context.training()) {
      SplittableRandom random = context.requireRandom("Dropout");
      mask = maskBuffer.get(rows, cols);
      float[] m = mask.data();
      float kept = variant == Variant.INVERTED ? (float) (1.0 / (1.0 - p)) : 1f;
      for (int i = 0; i < xd.length; i++) {
        m[i] = random.nextDouble() >= p ? kept : 0f;
        yd[i] = xd[i] * m[i];
      }
    } else {
      mask = null;
      evalScale = variant == Variant.INVERTED ? 1f : (float) (1.0 - p);
      for (int i = 0; i < xd.length; i++) {
        yd[i] = xd[i] * evalScale;
      }
    }
    output = y;
    return y;
  }

  @Override
  public Tensor backward(Tensor gradOutput, boolean inputGradient) {
    Checks.gradOutput("Dropout", gradOutput, output);
    if (!inputGradient) {
      return null;
    }
    Tensor dx = gradIn.get(output.rows(), output.cols());
    float[] dy = gradOutput.data();
    float[] d = dx.data();
    if (mask != null) {
      float[] m = mask.data();
      for (int i = 0; i < d.length; i++) {
        d[i] = dy[i] * m[i];
      }
    } else {
      for (int i = 0; i < d.length; i++) {
        d[i] = dy[i] * evalScale;
      }
    }
    return dx;
  }

  /**
   * The mask of the last training forward pass (0 for dropped units, the kept units' scale
   * otherwise), or null after an evaluation pass.
   */
  public Tensor mask() {
    return mask;
  }

  @Override
  public String toString() {
    return "Dropout(p=" + p + ", " + variant.specName() + ")";
  }
}
