package dev.descent.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.descent.nn.Parameter;
import dev.descent.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Hand-computed values, numerical stability and bad input of the losses and weight decay. */
class LossesTest {
  private final SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
  private final MeanSquaredError mse = new MeanSquaredError();

  @Test
  void crossEntropyOfUniformLogitsIsLogC() {
    Tensor logits = Tensor.zeros(3, 4);
    Tensor grad = Tensor.zeros(3, 4);
    assertThat(ce.compute(logits, new int[] {0, 1, 3}, grad)).isCloseTo(Math.log(4), offset(1e-12));
    // (1/4 - 1) / 3 at the label, (1/4) / 3 elsewhere.
    assertThat(grad.get(0, 0)).isCloseTo(-0.25f, offset(1e-7f));
    assertThat(grad.get(0, 1)).isCloseTo(1f / 12, offset(1e-7f));
  }

  @Test
  void crossEntropyIsStableForHugeLogits() {
    Tensor logits = Tensor.of(new float[][] {{1000f, 0f, -1000f}, {-3e38f, 3e38f, 0f}});
    Tensor grad = Tensor.zeros(2, 3);
    double loss = ce.compute(logits, new int[] {0, 0}, grad);
    // Row 0 is certain and right (loss 0); row 1 is certain and wrong by 6e38 (loss 3e38 / 2).
    assertThat(loss).isCloseTo(6e38 / 2, offset(1e33));
    assertThat(grad.data()).doesNotContain(Float.NaN);
    assertThat(grad.get(0, 0)).isEqualTo(0f);
    assertThat(grad.get(1, 0)).isEqualTo(-0.5f);
    assertThat(grad.get(1, 1)).isEqualTo(0.5f);
  }

  @Test
  void crossEntropyRowRangesSumToTheWholeBatchBitForBit() {
    SplittableRandom r = new SplittableRandom(7);
    int n = 77;
    int c = 10;
    Tensor logits = Tensor.zeros(n, c);
    for (int i = 0; i < logits.size(); i++) {
      logits.data()[i] = (float) (5 * r.nextGaussian());
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = r.nextInt(c);
    }
    Tensor whole = Tensor.zeros(n, c);
    double expected = ce.compute(logits, labels, whole);
    Tensor blocks = Tensor.zeros(n, c);
    double[] rowLoss = new double[n];
    // Ranges in a scrambled order, as threads may run them.
    for (int from : new int[] {64, 0, 32}) {
      ce.computeRows(logits, labels, blocks, from, Math.min(from + 32, n), rowLoss);
    }
    double sum = 0;
    for (double v : rowLoss) {
      sum += v;
    }
    assertThat(sum * (1.0 / n)).isEqualTo(expected);
    assertThat(blocks).isEqualTo(whole);
    assertThatThrownBy(() -> ce.computeRows(logits, labels, null, 70, 80, rowLoss))
        .hasMessage("rows [70, 80) must lie within [0, 77)");
    assertThatThrownBy(() -> ce.computeRows(logits, labels, null, 0, 1, new double[3]))
        .hasMessage("rowLoss must hold 77 values, got 3");
  }

  @Test
  void crossEntropyGradientIsWithinOneUlpOfTheFormulaInDouble() {
    // (softmax(z)_j - [j = t]) / N evaluated in double, the label's entry as -(sum of the other
    // exponentials) / sum so that it keeps its digits when softmax_t is within 1e-13 of 1; the
    // float32 gradient must be within one float ulp of it. Scales from 0.1 to 30 include rows that
    // are certain (softmax_t - 1 around -1e-12) and rows that are certain and wrong.
    SplittableRandom r = new SplittableRandom(11);
    int n = 200;
    int c = 10;
    for (double scale : new double[] {0.1, 1, 5, 30}) {
      Tensor logits = Tensor.zeros(n, c);
      for (int i = 0; i < logits.size(); i++) {
        logits.data()[i] = (float) (scale * r.nextGaussian());
      }
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) {
        labels[i] = r.nextInt(c);
      }
      Tensor grad = Tensor.zeros(n, c);
      ce.compute(logits, labels, grad);
      for (int i = 0; i < n; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < c; j++) {
          max = Math.max(max, logits.get(i, j));
        }
        double[] e = new double[c];
        double others = 0;
        for (int j = 0; j < c; j++) {
          e[j] = Math.exp(logits.get(i, j) - max);
          others += j == labels[i] ? 0 : e[j];
        }
        double sum = others + e[labels[i]];
        for (int j = 0; j < c; j++) {
          double expected = (j == labels[i] ? -others : e[j]) / sum / n;
          assertThat((double) grad.get(i, j))
              .as("scale %s, row %d, class %d", scale, i, j)
              .isCloseTo(expected, offset((double) Math.ulp((float) expected)));
        }
      }
    }
  }

  @Test
  void meanSquaredErrorIsTheMeanOverAllElements() {
    Tensor y = Tensor.of(new float[][] {{1, 2}, {3, 4}});
    Tensor t = Tensor.of(new float[][] {{0, 2}, {3, 6}});
    Tensor g = Tensor.zeros(2, 2);
    assertThat(mse.compute(y, t, g)).isEqualTo((1 + 4) / 4.0);
    assertThat(g.data()).containsExactly(0.5f, 0f, 0f, -1f);
  }

  @Test
  void weightDecayTouchesOnlyDecayedParameters() {
    Parameter w = Parameter.of("w", Tensor.of(new float[] {1, -2}, 2), true);
    Parameter b = Parameter.of("b", Tensor.of(new float[] {3}, 1), false);
    w.grad().fill(1f);
    b.grad().fill(1f);
    WeightDecay decay = new WeightDecay(0.1);
    assertThat(decay.addGradient(List.of(w, b))).isCloseTo(0.5 * 0.1 * 5, offset(1e-12));
    assertThat(w.grad().data()).containsExactly(1.1f, 0.8f);
    assertThat(b.grad().data()).containsExactly(1f);
    assertThat(new WeightDecay(0).addGradient(List.of(w))).isZero();
  }

  @Test
  void badInputNamesArgumentValueAndExpectation() {
    Tensor logits = Tensor.zeros(2, 3);
    assertThatThrownBy(() -> ce.compute(logits, new int[] {0, 3}, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("labels[1] must be in [0, 3), got 3");
    assertThatThrownBy(() -> ce.compute(logits, new int[] {0}, null))
        .hasMessage("labels must have one entry per row of logits (2), got 1");
    assertThatThrownBy(() -> ce.compute(logits, new int[] {0, 1}, Tensor.zeros(2, 2)))
        .hasMessage("gradLogits must be 2 x 3 like logits, got [2, 2]");
    assertThatThrownBy(() -> ce.compute(logits, new int[] {0, 1}, logits))
        .hasMessage("gradLogits must not share its array with logits");
    assertThatThrownBy(() -> ce.compute(null, new int[] {0}, null))
        .hasMessage("logits must not be null");
    assertThatThrownBy(() -> ce.compute(logits, null, null)).hasMessage("labels must not be null");
    assertThatThrownBy(() -> mse.compute(Tensor.zeros(2, 3), Tensor.zeros(3, 2), null))
        .hasMessage("predictions has shape [2, 3] but targets has shape [3, 2]");
    assertThatThrownBy(() -> mse.compute(Tensor.zeros(2, 3), null, null))
        .hasMessage("targets must not be null");
    assertThatThrownBy(() -> new WeightDecay(-1))
        .hasMessage("lambda must be in [0, inf), got -1.0");
    assertThatThrownBy(() -> new WeightDecay(Double.NaN))
        .hasMessage("lambda must be in [0, inf), got NaN");
    assertThatThrownBy(() -> new WeightDecay(0.1).value(null))
        .hasMessage("parameters must not be null");
  }
}
