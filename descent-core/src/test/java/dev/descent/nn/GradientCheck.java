package dev.descent.nn;

import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Central-difference gradient checks. The error measure is ‖a − n‖ / (‖a‖ + ‖n‖) over a whole
 * gradient tensor (a analytic, n numeric): 0 when they agree, 1 for a flipped sign, 1/3 for a
 * factor of 2, so a tolerance of 1e-2 leaves a wide margin on both sides for float32 rounding. The
 * denominator is at least {@link #NORM_FLOOR} so that a gradient that is truly zero (a bias in
 * front of batch norm, which the mean subtraction cancels) compares its rounding noise with an
 * absolute scale instead of with itself.
 */
public final class GradientCheck {
  /** The tolerance every check in the suite uses. */
  public static final double TOLERANCE = 1e-2;

  /** The smallest denominator of the relative error; test gradients have norms of order 1. */
  public static final double NORM_FLOOR = 0.1;

  private GradientCheck() {}

  /** The relative error between {@code analytic} and central differences of {@code loss}. */
  public static double relativeError(
      float[] analytic, float[] variable, DoubleSupplier loss, double eps) {
    double diff = 0;
    double na = 0;
    double nn = 0;
    for (int k = 0; k < variable.length; k++) {
      float saved = variable[k];
      variable[k] = (float) (saved + eps);
      double plus = loss.getAsDouble();
      variable[k] = (float) (saved - eps);
      double minus = loss.getAsDouble();
      variable[k] = saved;
      double numeric = (plus - minus) / (2 * eps);
      diff += (analytic[k] - numeric) * (analytic[k] - numeric);
      na += (double) analytic[k] * analytic[k];
      nn += numeric * numeric;
    }
    return Math.sqrt(diff) / Math.max(Math.sqrt(na) + Math.sqrt(nn), NORM_FLOOR);
  }

  /**
   * Checks {@code layer} on input {@code x} with the scalar loss L = Σ y ⊙ R for a fixed random R:
   * returns the relative errors of dL/dx followed by one per parameter, in order. {@code context}
   * is called before every forward pass (return a fresh, equally seeded generator to fix a dropout
   * mask).
   */
  public static List<Double> checkLayer(
      Layer layer, Tensor x, Supplier<Context> context, long seed, double eps) {
    Tensor y = layer.forward(x, context.get());
    SplittableRandom random = new SplittableRandom(seed);
    Tensor r = Tensor.zeros(y.rows(), y.cols());
    float[] rd = r.data();
    for (int i = 0; i < rd.length; i++) {
      rd[i] = (float) random.nextGaussian();
    }
    float[] dx = layer.backward(r).data().clone();
    List<float[]> grads = new ArrayList<>();
    for (Parameter p : layer.parameters()) {
      grads.add(p.grad().data().clone());
    }
    DoubleSupplier loss =
        () -> {
          float[] out = layer.forward(x, context.get()).data();
          double s = 0;
          for (int i = 0; i < out.length; i++) {
            s += (double) out[i] * rd[i];
          }
          return s;
        };
    List<Double> errors = new ArrayList<>();
    errors.add(relativeError(dx, x.data(), loss, eps));
    List<Parameter> params = layer.parameters();
    for (int i = 0; i < params.size(); i++) {
      errors.add(relativeError(grads.get(i), params.get(i).value().data(), loss, eps));
    }
    return errors;
  }

  /** A tensor of standard normal values. */
  public static Tensor randn(SplittableRandom random, int rows, int cols) {
    Tensor t = Tensor.zeros(rows, cols);
    float[] d = t.data();
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) random.nextGaussian();
    }
    return t;
  }

  /** Standard normal values pushed at least {@code gap} away from 0 (for kinked activations). */
  public static Tensor randnAwayFromZero(SplittableRandom random, int rows, int cols, float gap) {
    Tensor t = randn(random, rows, cols);
    float[] d = t.data();
    for (int i = 0; i < d.length; i++) {
      d[i] += d[i] >= 0 ? gap : -gap;
    }
    return t;
  }

  public static double[][] toDouble(Tensor t) {
    double[][] m = new double[t.rows()][t.cols()];
    for (int i = 0; i < t.rows(); i++) {
      for (int j = 0; j < t.cols(); j++) {
        m[i][j] = t.get(i, j);
      }
    }
    return m;
  }

  public static double[] toDoubleVector(Tensor t) {
    double[] v = new double[t.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = t.data()[i];
    }
    return v;
  }

  /** The largest |a - b| over all elements. */
  public static double maxAbsDiff(Tensor a, double[][] b) {
    double m = 0;
    for (int i = 0; i < b.length; i++) {
      for (int j = 0; j < b[i].length; j++) {
        m = Math.max(m, Math.abs(a.data()[i * b[i].length + j] - b[i][j]));
      }
    }
    return m;
  }
}
