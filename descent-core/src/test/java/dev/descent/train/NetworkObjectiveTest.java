package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.data.Dataset;
import dev.descent.data.Splits;
import dev.descent.nn.Activation;
import dev.descent.nn.Sequential;
import dev.descent.optim.fullbatch.FullBatchMethods;
import dev.descent.optim.fullbatch.Result;
import dev.descent.optim.fullbatch.Stopping;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NetworkObjectiveTest {

  /** m examples, d features, k classes: Gaussian blobs around seeded centres. */
  static Dataset blobs(int m, int d, int k, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] centres = new double[k][d];
    for (double[] c : centres) {
      for (int j = 0; j < d; j++) {
        c[j] = 2 * r.nextDouble() - 1;
      }
    }
    float[] x = new float[m * d];
    int[] y = new int[m];
    for (int i = 0; i < m; i++) {
      y[i] = r.nextInt(k);
      for (int j = 0; j < d; j++) {
        x[i * d + j] = (float) (centres[y[i]][j] + 0.8 * (2 * r.nextDouble() - 1));
      }
    }
    return Dataset.ofFloats("blobs", x, d, y, k);
  }

  @Test
  void gradientMatchesCentralDifferences() {
    Dataset data = blobs(40, 3, 3, 1);
    ModelSpec spec = new ModelSpec(3, new int[] {5}, 3, Activation.TANH, "xavier", false, 0, 2);
    NetworkObjective f = new NetworkObjective(spec.build(), data, 0.05);
    double[] theta = f.parameters();
    double[] grad = new double[f.dimension()];
    f.valueAndGradient(theta, grad);
    double[] scratch = new double[f.dimension()];
    double h = 1e-2;
    for (int k = 0; k < f.dimension(); k++) {
      double[] p = theta.clone();
      p[k] += h;
      double up = f.valueAndGradient(p, scratch);
      p[k] -= 2 * h;
      double down = f.valueAndGradient(p, scratch);
      double numeric = (up - down) / (2 * h);
      assertThat(grad[k]).as("component %d", k).isCloseTo(numeric, within(2e-3));
    }
  }

  /** The closed-form data of {@code network_objective_reference.py}. */
  private static Dataset referenceData() {
    float[] x = new float[60 * 3];
    int[] y = new int[60];
    for (int i = 0; i < 60; i++) {
      for (int j = 0; j < 3; j++) {
        x[i * 3 + j] = (float) (1.5 * Math.sin(1.3 * i + 0.7 * j + 0.1));
      }
      y[i] = (7 * i) % 3;
    }
    return Dataset.ofFloats("reference", x, 3, y, 3);
  }

  private static Map<String, List<Double>> reference() throws IOException {
    Map<String, List<Double>> m = new HashMap<>();
    try (InputStream in =
        NetworkObjectiveTest.class.getResourceAsStream("/fullbatch/network_reference.csv")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      text.lines()
          .skip(2)
          .map(l -> l.split(","))
          .forEach(
              r -> m.computeIfAbsent(r[0], k -> new ArrayList<>()).add(Double.parseDouble(r[2])));
    }
    return m;
  }

  /**
   * PyTorch float64 values (network_objective_reference.py) at the script's closed-form weights.
   */
  @Test
  void valueAndGradientMatchPyTorch() throws IOException {
    Map<String, List<Double>> ref = reference();
    ModelSpec spec = new ModelSpec(3, new int[] {4}, 3, Activation.TANH, "xavier", false, 0, 1);
    NetworkObjective f = new NetworkObjective(spec.build(), referenceData(), 0.01);
    double[] theta = new double[f.dimension()];
    int k = 0;
    for (int j = 0; j < 3; j++) {
      for (int h = 0; h < 4; h++) {
        theta[k++] = 0.5 * Math.cos(0.9 * j + 1.7 * h + 0.3);
      }
    }
    for (int h = 0; h < 4; h++) {
      theta[k++] = 0.1 * Math.sin(h + 1);
    }
    for (int h = 0; h < 4; h++) {
      for (int c = 0; c < 3; c++) {
        theta[k++] = 0.4 * Math.sin(1.1 * h - 0.6 * c + 0.2);
      }
    }
    for (int c = 0; c < 3; c++) {
      theta[k++] = 0.05 * c;
    }
    double[] grad = new double[f.dimension()];
    double value = f.valueAndGradient(theta, grad);
    assertThat(value).isCloseTo(ref.get("mlp_value").get(0), within(1e-6));
    List<Double> g = ref.get("mlp_grad");
    assertThat(g).hasSize(f.dimension());
    for (int i = 0; i < grad.length; i++) {
      assertThat(grad[i]).as("gradient %d", i).isCloseTo(g.get(i), within(1e-6));
    }
  }

  /** L-BFGS on the float32 objective reaches PyTorch's float64 L-BFGS minimum. */
  @Test
  void lbfgsReachesPyTorchsLogisticRegressionMinimum() throws IOException {
    ModelSpec spec = new ModelSpec(3, new int[0], 3, Activation.RELU, "xavier", false, 0, 1);
    NetworkObjective f = new NetworkObjective(spec.build(), referenceData(), 0.01);
    Result r =
        FullBatchMethods.create("lbfgs(history=10)")
            .minimize(f, f.parameters(), new Stopping(500, Long.MAX_VALUE, 1e-7, 1e-12));
    assertThat(r.value()).isCloseTo(reference().get("logreg_min").get(0), within(1e-6));
  }

  @Test
  void loadAndParametersRoundTripThroughFloat32() {
    Sequential model =
        new ModelSpec(3, new int[] {4}, 2, Activation.RELU, "he", false, 0, 5).build();
    NetworkObjective f = new NetworkObjective(model, blobs(10, 3, 2, 3), 0);
    double[] theta = f.parameters();
    assertThat(theta).hasSize(3 * 4 + 4 + 4 * 2 + 2);
    theta[0] = 0.1;
    f.load(theta);
    assertThat(f.parameters()[0]).isEqualTo((double) 0.1f);
    assertThat(model.parameters().get(0).value().data()[0]).isEqualTo(0.1f);
  }

  /**
   * L-BFGS on multinomial logistic regression (no hidden layer) with L2 reaches the optimum a
   * textbook float64 gradient descent finds after many iterations.
   */
  @Test
  void lbfgsReachesTheTextbookLogisticRegressionOptimum() {
    int d = 4;
    int k = 3;
    double lambda = 0.1;
    Dataset data = blobs(200, d, k, 9);
    Sequential model =
        new ModelSpec(d, new int[0], k, Activation.RELU, "xavier", false, 0, 1).build();
    NetworkObjective f = new NetworkObjective(model, data, lambda);
    Result r =
        FullBatchMethods.create("lbfgs(history=10)")
            .minimize(f, f.parameters(), new Stopping(200, Long.MAX_VALUE, 1e-7, 1e-12));
    double optimum = TextbookLogistic.minimum(data, lambda, 20_000, 0.5);
    assertThat(r.value()).isCloseTo(optimum, within(2e-6));
    assertThat(r.evaluations()).isLessThan(200);
  }

  @Test
  void tooManyExamplesNameTheLimitAndTheOption() {
    Dataset big = blobs(NetworkObjective.MAX_EXAMPLES + 1, 2, 2, 4);
    Sequential model = new ModelSpec(2, new int[0], 2, Activation.RELU, "he", false, 0, 1).build();
    assertThatThrownBy(() -> new NetworkObjective(model, big, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[1, 10000], got 10001")
        .hasMessageContaining("--train-limit");
  }

  @Test
  void dropoutAndBatchNormAreRejected() {
    Dataset data = blobs(10, 2, 2, 4);
    Sequential dropout =
        new ModelSpec(2, new int[] {3}, 2, Activation.RELU, "he", false, 0.5, 1).build();
    Sequential batchNorm =
        new ModelSpec(2, new int[] {3}, 2, Activation.RELU, "he", true, 0, 1).build();
    assertThatThrownBy(() -> new NetworkObjective(dropout, data, 0))
        .hasMessageContaining("dropout");
    assertThatThrownBy(() -> new NetworkObjective(batchNorm, data, 0))
        .hasMessageContaining("batch norm");
  }

  @Test
  void fullBatchTrainerRecordsEveryIterationAndIsDeterministic() {
    Splits splits = Splits.of(blobs(150, 2, 3, 5), blobs(60, 2, 3, 6));
    ModelSpec spec = new ModelSpec(2, new int[] {8}, 3, Activation.TANH, "xavier", false, 0, 3);
    FullBatchTrainer a =
        new FullBatchTrainer(spec.build(), spec.metadata(), "lbfgs(history=5)", 15, 0, 0, splits);
    TrainResult ra = a.run();
    FullBatchTrainer b =
        new FullBatchTrainer(spec.build(), spec.metadata(), "lbfgs(history=5)", 15, 0, 0, splits);
    TrainResult rb = b.run();
    assertThat(ra.weightsSha256()).isEqualTo(rb.weightsSha256());
    History h = a.history();
    assertThat(h.steps()).isEqualTo(a.optimization().iterations()).isPositive();
    assertThat(h.evaluations()).hasSize(h.steps() + 1);
    assertThat(h.loss(h.steps() - 1)).isLessThan(h.loss(0));
    History.Evaluation first = h.evaluations().get(0);
    assertThat(ra.last().train().loss()).isLessThan(first.train().loss());
    assertThat(ra.last().epoch()).isEqualTo(a.optimization().evaluations());
    assertThat(ra.last().train().accuracy()).isGreaterThan(first.train().accuracy());
    assertThat(h.info()).containsEntry("full_batch", "true");
  }

  @Test
  void evalEveryThinsTheEvaluations() {
    Splits splits = Splits.of(blobs(100, 2, 2, 5), blobs(40, 2, 2, 6));
    ModelSpec spec = new ModelSpec(2, new int[0], 2, Activation.RELU, "xavier", false, 0, 3);
    FullBatchTrainer t =
        new FullBatchTrainer(spec.build(), spec.metadata(), "cg", 10, 1e-3, 4, splits);
    t.run();
    int done = t.optimization().iterations();
    assertThat(t.history().evaluations())
        .extracting(History.Evaluation::step)
        .containsExactlyElementsOf(
            java.util.stream.LongStream.rangeClosed(0, done)
                .filter(i -> i == 0 || i == done || i % 4 == 0)
                .boxed()
                .toList());
  }
}
