package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.concurrent.Workers;
import dev.descent.data.Dataset;
import dev.descent.nn.Context;
import dev.descent.nn.Mlp;
import dev.descent.nn.Sequential;
import dev.descent.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The evaluator reads float32 data sets stored in row order in place and copies the rows of every
 * other data set; both must give the same metrics, bit for bit, on any thread count.
 */
class EvaluatorTest {

  @Test
  void rowsReadInPlaceScoreLikeCopiedRows() {
    SplittableRandom r = new SplittableRandom(3);
    int n = 250;
    int cols = 40;
    float[] x = new float[n * cols];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = r.nextInt(5);
    }
    Dataset inPlace = Dataset.ofFloats("f", x, cols, labels, 5);
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    Dataset copied = inPlace.subset(all);
    assertThat(inPlace.featureMatrix()).isNotNull();
    assertThat(copied.featureMatrix()).as("a view is copied row by row").isNull();
    Sequential model = Mlp.builder(cols, 5).hidden(30, 20).seed(1).build();
    // Batches of 64: three full ones and a last one of 58 rows.
    Metrics expected = new Evaluator(cols, 5, 64, Workers.serial()).evaluate(model, copied, null);
    for (int threads = 1; threads <= 3; threads++) {
      try (Workers w = Workers.create(threads)) {
        long[][] confusion = new long[5][5];
        long[][] confusionCopied = new long[5][5];
        Metrics m = new Evaluator(cols, 5, 64, w).evaluate(model, inPlace, confusion);
        Metrics c = new Evaluator(cols, 5, 64, w).evaluate(model, copied, confusionCopied);
        assertThat(m).as("%d threads", threads).isEqualTo(expected);
        assertThat(c).as("%d threads", threads).isEqualTo(expected);
        assertThat(confusion).isDeepEqualTo(confusionCopied);
        long total = 0;
        for (long[] row : confusion) {
          for (long v : row) {
            total += v;
          }
        }
        assertThat(total).isEqualTo(n);
      }
    }
  }

  @Test
  void predictionsAreTheFirstLargestLogitOfEachRow() {
    SplittableRandom r = new SplittableRandom(4);
    int n = 150;
    int cols = 30;
    float[] x = new float[n * cols];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    int[] labels = new int[n];
    Dataset inPlace = Dataset.ofFloats("f", x, cols, labels, 4);
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    Sequential model = Mlp.builder(cols, 4).hidden(20).batchNorm(true).seed(2).build();
    // Reference: the whole set in one plain forward pass on one thread, argmax by hand.
    Tensor logits =
        model.forward(Tensor.wrap(x.clone(), n, cols), Context.evaluation(Workers.serial()));
    int[] expected = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 1; j < 4; j++) {
        expected[i] = logits.get(i, j) > logits.get(i, expected[i]) ? j : expected[i];
      }
    }
    for (int threads = 1; threads <= 3; threads++) {
      try (Workers w = Workers.create(threads)) {
        // Batches of 64: the last one has 22 rows.
        Evaluator ev = new Evaluator(cols, 4, 64, w);
        for (Dataset d : new Dataset[] {inPlace, inPlace.subset(all)}) {
          int[] out = new int[n + 1];
          out[n] = -7;
          ev.predict(model, d, out);
          assertThat(Arrays.copyOf(out, n)).as("%d threads", threads).containsExactly(expected);
          assertThat(out[n]).as("nothing written past the data set").isEqualTo(-7);
        }
        int correct = 0;
        for (int i = 0; i < n; i++) {
          correct += expected[i] == labels[i] ? 1 : 0;
        }
        assertThat(ev.evaluate(model, inPlace, null).accuracy()).isEqualTo((double) correct / n);
        assertThatThrownBy(() -> ev.predict(model, inPlace, new int[n - 1]))
            .hasMessage("out must hold 150 predictions, got 149");
      }
    }
  }

  @Test
  void decodedBytesAreReadInPlaceAndRawBytesAreNot() {
    byte[] b = new byte[3 * 4];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (i * 20);
    }
    Dataset bytes = Dataset.ofBytes("b", b, 4, new int[] {0, 1, 0}, 2);
    assertThat(bytes.featureMatrix()).isNull();
    assertThat(bytes.decoded().featureMatrix().data()).containsExactly(bytes.toFloats());
    assertThat(bytes.decoded().featureMatrix().shape()).containsExactly(3, 4);
  }
}
