package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.concurrent.Workers;
import dev.descent.data.Dataset;
import dev.descent.data.Splits;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Activation;
import dev.descent.nn.Context;
import dev.descent.nn.Sequential;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The thread count never changes the weights: the same seed and settings trained on 1, 2, 3 and 4
 * threads give bit-identical weights, for a plain ReLU net with Adam, for batch norm with dropout,
 * and for batches that are not a multiple of the layers' 64-row blocks (including a smaller last
 * batch). The surefire JVM runs OpenBLAS single-threaded, as {@code bin/descent} does.
 */
class ThreadCountTest {
  private static final Workers[] POOLS = {
    Workers.serial(), Workers.create(2), Workers.create(3), Workers.create(4)
  };

  @AfterAll
  static void closePools() {
    for (Workers w : POOLS) {
      w.close();
    }
  }

  /** 330 random examples of 100 features (two 64-feature blocks), 10 classes. */
  private static Splits randomData() {
    int n = 330;
    int f = 100;
    SplittableRandom r = new SplittableRandom(5);
    float[] x = new float[n * f];
    int[] y = new int[n];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextDouble();
    }
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(10);
    }
    Dataset d = Dataset.ofFloats("random", x, f, y, 10);
    return Splits.of(d, d.head(70));
  }

  private static List<String> weightsPerThreadCount(ModelSpec spec, TrainConfig config) {
    Splits data = randomData();
    List<String> sha = new ArrayList<>();
    for (Workers w : POOLS) {
      TrainResult r = new Trainer(spec.build(), spec.metadata(), config, data).workers(w).run();
      sha.add(r.weightsSha256());
    }
    return sha;
  }

  private static void assertAllEqual(List<String> sha) {
    assertThat(sha).hasSize(4);
    assertThat(sha.get(0)).hasSize(64);
    assertThat(sha).as("weights for 1, 2, 3 and 4 threads").containsOnly(sha.get(0));
  }

  @Test
  void plainNetWithAdam() {
    // 330 = 2 x 128 + 74: a last batch of 74 rows ends in a partial 64-row block.
    ModelSpec spec = new ModelSpec(100, new int[] {80, 48}, 10, Activation.RELU, "he", false, 0, 3);
    assertAllEqual(weightsPerThreadCount(spec, TrainConfig.of("adam(lr=0.001)", 128, 2, 0)));
  }

  @Test
  void batchNormAndDropout() {
    ModelSpec spec =
        new ModelSpec(100, new int[] {90, 70, 40}, 10, Activation.RELU, "he", true, 0.2, 3);
    assertAllEqual(weightsPerThreadCount(spec, TrainConfig.of("adam(lr=0.001)", 128, 2, 0)));
  }

  @Test
  void evaluationGivesTheSameMetricsOnAnyThreadCount() {
    ModelSpec spec = new ModelSpec(100, new int[] {80}, 10, Activation.RELU, "he", true, 0, 5);
    Sequential model = spec.build();
    Dataset data = randomData().train();
    // Plain reference: one forward pass over everything, the loss of the whole set, first argmax.
    Tensor x = Tensor.wrap(data.toFloats(), data.size(), 100);
    int[] labels = new int[data.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = data.label(i);
    }
    Tensor logits = model.forward(x, Context.evaluation(Workers.serial()));
    double expectedLoss = new SoftmaxCrossEntropy().compute(logits, labels, null);
    long[][] expectedConfusion = new long[10][10];
    for (int i = 0; i < labels.length; i++) {
      int best = 0;
      for (int j = 1; j < 10; j++) {
        best = logits.get(i, j) > logits.get(i, best) ? j : best;
      }
      expectedConfusion[labels[i]][best]++;
    }
    Metrics first = null;
    for (Workers w : POOLS) {
      long[][] confusion = new long[10][10];
      // Batches of 100: 64 + 36 rows, and a last batch of 30.
      Metrics m = new Evaluator(100, 10, 100, w).evaluate(model, data, confusion);
      assertThat(confusion).isEqualTo(expectedConfusion);
      assertThat(m.loss()).isCloseTo(expectedLoss, within(1e-6));
      if (first == null) {
        first = m;
      }
      assertThat(m).as("%s", w).isEqualTo(first);
    }
  }

  @Test
  void batchesThatAreNotMultiplesOfTheBlock() {
    // Batch 100 = 64 + 36 rows, last batch 330 - 3 x 100 = 30 rows.
    ModelSpec spec =
        new ModelSpec(100, new int[] {70, 40}, 10, Activation.TANH, "xavier", true, 0.1, 4);
    assertAllEqual(weightsPerThreadCount(spec, TrainConfig.of("sgd(lr=0.05)", 100, 2, 0)));
  }
}
