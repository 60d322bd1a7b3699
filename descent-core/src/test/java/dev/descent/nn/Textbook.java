package dev.descent.nn;

/**
 * Plain double-precision loop implementations of every layer and loss: the ground truth the fast
 * paths are compared with. Matrices are double[rows][cols]; nothing here is optimized.
 */
public final class Textbook {
  private Textbook() {}

  public static double[][] linear(double[][] x, double[][] w, double[] b) {
    int n = x.length;
    int in = w.length;
    int out = b.length;
    double[][] y = new double[n][out];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < out; j++) {
        double s = b[j];
        for (int k = 0; k < in; k++) {
          s += x[i][k] * w[k][j];
        }
        y[i][j] = s;
      }
    }
    return y;
  }

  /** Returns {dx, dW, db} of y = xW + b. */
  public static double[][][] linearBackward(double[][] x, double[][] w, double[][] dy) {
    int n = x.length;
    int in = w.length;
    int out = w[0].length;
    double[][] dx = new double[n][in];
    double[][] dw = new double[in][out];
    double[][] db = new double[1][out];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < out; j++) {
        db[0][j] += dy[i][j];
        for (int k = 0; k < in; k++) {
          dx[i][k] += dy[i][j] * w[k][j];
          dw[k][j] += x[i][k] * dy[i][j];
        }
      }
    }
    return new double[][][] {dx, dw, db};
  }

  /** Element-wise activation by name: relu, leaky (slope), sigmoid, tanh. */
  public static double activation(String name, double x, double slope) {
    switch (name) {
      case "relu":
        return x > 0 ? x : 0;
      case "leaky":
        return x > 0 ? x : slope * x;
      case "sigmoid":
        return 1 / (1 + Math.exp(-x));
      case "tanh":
        return Math.tanh(x);
      default:
        throw new IllegalArgumentException(name);
    }
  }

  /** Derivative of {@link #activation} at x. */
  public static double activationDerivative(String name, double x, double slope) {
    switch (name) {
      case "relu":
        return x > 0 ? 1 : 0;
      case "leaky":
        return x > 0 ? 1 : slope;
      case "sigmoid":
        double s = 1 / (1 + Math.exp(-x));
        return s * (1 - s);
      case "tanh":
        double t = Math.tanh(x);
        return 1 - t * t;
      default:
        throw new IllegalArgumentException(name);
    }
  }

  public static double[][] softmax(double[][] x) {
    double[][] y = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (double v : x[i]) {
        max = Math.max(max, v);
      }
      double sum = 0;
      y[i] = new double[x[i].length];
      for (int j = 0; j < x[i].length; j++) {
        y[i][j] = Math.exp(x[i][j] - max);
        sum += y[i][j];
      }
      for (int j = 0; j < x[i].length; j++) {
        y[i][j] /= sum;
      }
    }
    return y;
  }

  /** dx of softmax via the full Jacobian: dx_j = sum_k dy_k y_k ([j = k] - y_j). */
  public static double[][] softmaxBackward(double[][] y, double[][] dy) {
    double[][] dx = new double[y.length][y[0].length];
    for (int i = 0; i < y.length; i++) {
      for (int j = 0; j < y[i].length; j++) {
        for (int k = 0; k < y[i].length; k++) {
          dx[i][j] += dy[i][k] * y[i][k] * ((j == k ? 1 : 0) - y[i][j]);
        }
      }
    }
    return dx;
  }

  /** Batch norm in training mode: returns {y, mean (1 x F), biased var (1 x F)}. */
  public static double[][][] batchNormTrain(
      double[][] x, double[] gamma, double[] beta, double eps) {
    int n = x.length;
    int f = gamma.length;
    double[][] y = new double[n][f];
    double[][] mean = new double[1][f];
    double[][] var = new double[1][f];
    for (int j = 0; j < f; j++) {
      for (double[] row : x) {
        mean[0][j] += row[j] / n;
      }
      for (double[] row : x) {
        var[0][j] += (row[j] - mean[0][j]) * (row[j] - mean[0][j]) / n;
      }
      for (int i = 0; i < n; i++) {
        y[i][j] = gamma[j] * (x[i][j] - mean[0][j]) / Math.sqrt(var[0][j] + eps) + beta[j];
      }
    }
    return new double[][][] {y, mean, var};
  }

  /**
   * Batch-norm training backward through the computational graph, step by step as in the book's
   * derivation (Kratzert's graph): returns {dx, dgamma (1 x F), dbeta (1 x F)}.
   */
  public static double[][][] batchNormTrainBackward(
      double[][] x, double[] gamma, double eps, double[][] dy) {
    int n = x.length;
    int f = gamma.length;
    double[][] dx = new double[n][f];
    double[][] dgamma = new double[1][f];
    double[][] dbeta = new double[1][f];
    for (int j = 0; j < f; j++) {
      double mu = 0;
      for (double[] row : x) {
        mu += row[j] / n;
      }
      double var = 0;
      for (double[] row : x) {
        var += (row[j] - mu) * (row[j] - mu) / n;
      }
      double std = Math.sqrt(var + eps);
      double[] xc = new double[n];
      double[] dxhat = new double[n];
      double dvar = 0;
      for (int i = 0; i < n; i++) {
        xc[i] = x[i][j] - mu;
        dbeta[0][j] += dy[i][j];
        dgamma[0][j] += dy[i][j] * xc[i] / std;
        dxhat[i] = dy[i][j] * gamma[j];
        dvar += dxhat[i] * xc[i] * -0.5 * Math.pow(var + eps, -1.5);
      }
      double dmu = 0;
      for (int i = 0; i < n; i++) {
        dmu += -dxhat[i] / std + dvar * -2 * xc[i] / n;
      }
      for (int i = 0; i < n; i++) {
        dx[i][j] = dxhat[i] / std + dvar * 2 * xc[i] / n + dmu / n;
      }
    }
    return new double[][][] {dx, dgamma, dbeta};
  }

  /** Mean softmax cross-entropy through an explicit softmax and log. */
  public static double crossEntropy(double[][] logits, int[] labels) {
    double[][] p = softmax(logits);
    double sum = 0;
    for (int i = 0; i < labels.length; i++) {
      sum -= Math.log(p[i][labels[i]]);
    }
    return sum / labels.length;
  }

  public static double[][] crossEntropyGrad(double[][] logits, int[] labels) {
    double[][] p = softmax(logits);
    for (int i = 0; i < labels.length; i++) {
      p[i][labels[i]] -= 1;
      for (int j = 0; j < p[i].length; j++) {
        p[i][j] /= labels.length;
      }
    }
    return p;
  }
}
