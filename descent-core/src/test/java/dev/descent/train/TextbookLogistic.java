package dev.descent.train;

import dev.descent.data.Dataset;

/**
 * Textbook multinomial logistic regression in float64 with plain loops: mean softmax cross-entropy
 * of {@code x·W + b} plus ½λ‖W‖² (bias not penalised), minimised by fixed-step gradient descent.
 */
final class TextbookLogistic {
  private TextbookLogistic() {}

  /** The loss after {@code steps} gradient-descent steps of size {@code eta} from zero. */
  static double minimum(Dataset data, double lambda, int steps, double eta) {
    int m = data.size();
    int d = data.features();
    int k = data.classes();
    double[][] w = new double[d][k];
    double[] b = new double[k];
    double[][] gw = new double[d][k];
    double[] gb = new double[k];
    double loss = 0;
    for (int s = 0; s <= steps; s++) {
      loss = 0;
      for (double[] row : gw) {
        java.util.Arrays.fill(row, 0);
      }
      java.util.Arrays.fill(gb, 0);
      for (int i = 0; i < m; i++) {
        double[] z = new double[k];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          z[c] = b[c];
          for (int j = 0; j < d; j++) {
            z[c] += data.get(i, j) * w[j][c];
          }
          max = Math.max(max, z[c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
          sum += Math.exp(z[c] - max);
        }
        int y = data.label(i);
        loss += (Math.log(sum) + max - z[y]) / m;
        for (int c = 0; c < k; c++) {
          double p = Math.exp(z[c] - max) / sum - (c == y ? 1 : 0);
          gb[c] += p / m;
          for (int j = 0; j < d; j++) {
            gw[j][c] += data.get(i, j) * p / m;
          }
        }
      }
      for (int j = 0; j < d; j++) {
        for (int c = 0; c < k; c++) {
          loss += 0.5 * lambda * w[j][c] * w[j][c];
          gw[j][c] += lambda * w[j][c];
        }
      }
      if (s == steps) {
        break;
      }
      for (int c = 0; c < k; c++) {
        b[c] -= eta * gb[c];
        for (int j = 0; j < d; j++) {
          w[j][c] -= eta * gw[j][c];
        }
      }
    }
    return loss;
  }
}
