package dev.descent.nn;

import static dev.descent.nn.GradientCheck.randn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.concurrent.Workers;
import dev.descent.init.Initializers;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.tensor.Ops;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Model structure, naming, modes, buffers and bad input. */
class LayersTest {
  private final SplittableRandom random = new SplittableRandom(99);

  @Test
  void mlpHasTheBookLayerOrderAndPyTorchStyleNames() {
    Sequential net =
        Mlp.builder(784, 10)
            .hidden(100, 100)
            .activation(Activation.SIGMOID)
            .batchNorm(true)
            .dropout(0.2)
            .seed(3)
            .build();
    List<String> kinds = new ArrayList<>();
    for (Layer l : net.layers()) {
      kinds.add(l.getClass().getSimpleName());
    }
    assertThat(kinds)
        .containsExactly(
            "Linear",
            "BatchNorm",
            "Sigmoid",
            "Dropout",
            "Linear",
            "BatchNorm",
            "Sigmoid",
            "Dropout",
            "Linear");
    List<String> names = new ArrayList<>();
    for (Parameter p : net.parameters()) {
      names.add(p.name() + (p.decay() ? "+decay" : ""));
    }
    assertThat(names)
        .containsExactly(
            "layers.0.weight+decay",
            "layers.0.bias",
            "layers.1.weight",
            "layers.1.bias",
            "layers.4.weight+decay",
            "layers.4.bias",
            "layers.5.weight",
            "layers.5.bias",
            "layers.8.weight+decay",
            "layers.8.bias");
    assertThat(net.buffers().keySet())
        .containsExactly(
            "layers.1.running_mean",
            "layers.1.running_var",
            "layers.5.running_mean",
            "layers.5.running_var");
    assertThat(net.parameterCount())
        .isEqualTo(784 * 100 + 100 + 200 + 100 * 100 + 100 + 200 + 100 * 10 + 10);
    // The model's parameters share the layers' tensors, so optimizer updates reach the layers.
    assertThat(net.parameters().get(0).value())
        .isSameAs(((Linear) net.layers().get(0)).weight().value());
  }

  @Test
  void sameSeedGivesBitIdenticalWeights() {
    Sequential a = Sequential.mlp(20, new int[] {8, 8}, 3, Activation.RELU, Initializers.he(), 5);
    Sequential b = Sequential.mlp(20, new int[] {8, 8}, 3, Activation.RELU, Initializers.he(), 5);
    Sequential c = Sequential.mlp(20, new int[] {8, 8}, 3, Activation.RELU, Initializers.he(), 6);
    for (int i = 0; i < a.parameters().size(); i++) {
      assertThat(a.parameters().get(i).value()).isEqualTo(b.parameters().get(i).value());
    }
    assertThat(a.parameters().get(0).value()).isNotEqualTo(c.parameters().get(0).value());
  }

  @Test
  void linearStoresWeightsInByOut() {
    Linear l = new Linear(3, 2, Initializers.zeros(), random);
    l.weight().value().set(0, 1, 2f); // input 0 feeds output 1
    l.bias().value().data()[0] = 0.5f;
    Tensor y = l.forward(Tensor.of(new float[] {1, 0, 0}, 1, 3), Context.evaluation());
    assertThat(y.data()).containsExactly(0.5f, 2f);
  }

  @Test
  void batchNormEvaluationUsesRunningStatistics() {
    BatchNorm bn = new BatchNorm(2, 0.5, 1e-5);
    Tensor x = Tensor.of(new float[][] {{1, 10}, {3, 30}});
    bn.forward(x, Context.training(random));
    // mean (2, 20), biased var (1, 100), unbiased (2, 200); momentum 0.5 from (0, 1).
    assertThat(bn.runningMean().data()).containsExactly(1f, 10f);
    assertThat(bn.runningVar().data()).containsExactly(1.5f, 100.5f);
    Tensor y = bn.forward(Tensor.of(new float[][] {{1, 10}}), Context.evaluation());
    assertThat(y.get(0, 0)).isCloseTo(0f, org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(y.get(0, 1)).isCloseTo(0f, org.assertj.core.data.Offset.offset(1e-6f));
    // Evaluation does not move the running statistics.
    assertThat(bn.runningMean().data()).containsExactly(1f, 10f);
  }

  @Test
  void dropoutKeepsAboutOneMinusPAndIsReproducible() {
    Dropout d = new Dropout(0.2);
    Tensor x = Tensor.zeros(100, 1000).fill(1f);
    Tensor y = d.forward(x, Context.training(new SplittableRandom(4)));
    int kept = 0;
    for (float v : y.data()) {
      if (v != 0f) {
        assertThat(v).isEqualTo(1.25f);
        kept++;
      }
    }
    // Binomial(1e5, 0.8): standard deviation ~126; allow 5 of them.
    assertThat(Math.abs(kept - 80_000)).isLessThan(5 * 127);
    float[] first = y.data().clone();
    assertThat(d.forward(x, Context.training(new SplittableRandom(4))).data())
        .containsExactly(first);
    assertThat(d.forward(x, Context.evaluation()).data()).containsOnly(1f);
    Dropout book = new Dropout(0.2, Dropout.Variant.SCALE_AT_TEST);
    assertThat(book.forward(x, Context.evaluation()).data()).containsOnly(0.8f);
  }

  @Test
  void buffersAreReusedForTheMainAndTheTailBatchSize() {
    Linear l = new Linear(4, 3, Initializers.he(), random);
    Tensor big = randn(random, 8, 4);
    Tensor tail = randn(random, 5, 4);
    Tensor y8 = l.forward(big, Context.evaluation());
    Tensor y5 = l.forward(tail, Context.evaluation());
    assertThat(y5).isNotSameAs(y8);
    assertThat(l.forward(big, Context.evaluation())).isSameAs(y8);
    assertThat(l.forward(tail, Context.evaluation())).isSameAs(y5);
    assertThat(y5.shape()).containsExactly(5, 3);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void steadyStateTrainingStepAllocatesNothing(int threads) {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    Sequential net = Mlp.builder(30, 5).hidden(70, 16).batchNorm(true).dropout(0.1).seed(1).build();
    SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
    // Several 64-row and 64-feature blocks, and a tail batch of another size.
    Tensor xFull = randn(random, 150, 30);
    Tensor xTail = randn(random, 90, 30);
    int[] yFull = new int[150];
    int[] yTail = new int[90];
    Tensor gFull = Tensor.zeros(150, 5);
    Tensor gTail = Tensor.zeros(90, 5);
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    try (Workers workers = Workers.create(threads)) {
      Context ctx = Context.training(new SplittableRandom(2), workers);
      List<Parameter> params = net.parameters();
      Runnable step =
          () -> {
            for (int k = 0; k < 2; k++) {
              Tensor x = k == 0 ? xFull : xTail;
              Tensor g = k == 0 ? gFull : gTail;
              ce.compute(net.forward(x, ctx), k == 0 ? yFull : yTail, g);
              net.backward(g, false);
              for (int i = 0, n = params.size(); i < n; i++) {
                Ops.axpy(-0.01f, params.get(i).grad(), params.get(i).value());
              }
            }
          };
      // The caller and the pool's workers (the "descent-worker" threads started just now).
      long[] ids =
          Thread.getAllStackTraces().keySet().stream()
              .filter(
                  t ->
                      t == Thread.currentThread()
                          || (t.getName().startsWith("descent-worker") && !before.contains(t)))
              .mapToLong(Thread::getId)
              .toArray();
      assertThat(ids).hasSize(threads);
      // Until the JIT has compiled the step, the interpreter may allocate short-lived objects that
      // compiled code does not (escape analysis); steady state is reached when a window of 50
      // steps allocates nothing at all. A per-step buffer allocation would never get there.
      long lastWindow = -1;
      for (int window = 0; window < 400 && lastWindow != 0; window++) {
        long start = allocated(mx, ids);
        for (int i = 0; i < 50; i++) {
          step.run();
        }
        lastWindow = allocated(mx, ids) - start;
      }
      assertThat(lastWindow).isZero();
    }
  }

  /**
   * Bytes allocated so far by the threads {@code ids} (one id at a time: the array form allocates).
   */
  private static long allocated(com.sun.management.ThreadMXBean mx, long[] ids) {
    long s = 0;
    for (long id : ids) {
      s += mx.getThreadAllocatedBytes(id);
    }
    return s;
  }

  @Test
  void badInputNamesArgumentValueAndExpectation() {
    Linear l = new Linear(4, 3, Initializers.he(), random);
    assertThatThrownBy(() -> l.forward(Tensor.zeros(2, 5), Context.evaluation()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Linear: input x must have 4 features (columns), got shape [2, 5]");
    assertThatThrownBy(() -> l.forward(null, Context.evaluation()))
        .hasMessage("Linear: input x must not be null");
    assertThatThrownBy(() -> l.forward(Tensor.zeros(2, 4), null))
        .hasMessage("Linear: context must not be null");
    assertThatThrownBy(
            () -> new Linear(4, 3, Initializers.he(), random).backward(Tensor.zeros(2, 3)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Linear: backward called before forward");
    l.forward(Tensor.zeros(2, 4), Context.evaluation());
    assertThatThrownBy(() -> l.backward(Tensor.zeros(3, 3)))
        .hasMessage("Linear: gradOutput must have the last output's shape 2 x 3, got [3, 3]");
    assertThatThrownBy(() -> new Linear(0, 3, Initializers.he(), random))
        .hasMessage("in must be positive, got 0");
    assertThatThrownBy(() -> new LeakyReLU(-0.1)).hasMessage("slope must be in [0, 1), got -0.1");
    assertThatThrownBy(() -> new Dropout(1.0)).hasMessage("p must be in [0, 1), got 1.0");
    assertThatThrownBy(() -> new Dropout(Double.NaN)).hasMessage("p must be in [0, 1), got NaN");
    assertThatThrownBy(
            () ->
                new Dropout(0.5)
                    .forward(Tensor.zeros(2, 2), new Context(true, null, Workers.serial())))
        .hasMessageContaining("Dropout needs a random generator in training mode");
    assertThatThrownBy(() -> new BatchNorm(3, 1.5, 1e-5))
        .hasMessage("momentum must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> new BatchNorm(3, 0.1, 0))
        .hasMessage("eps must be in (0, inf), got 0.0");
    assertThatThrownBy(() -> new BatchNorm(3).forward(Tensor.zeros(1, 3), Context.training(random)))
        .hasMessage(
            "BatchNorm: training needs a batch of at least 2 rows to estimate a variance, got 1");
    assertThatThrownBy(() -> Mlp.builder(4, 2).hidden(3, 0))
        .hasMessage("hidden[1] must be positive, got 0 in [3, 0]");
    assertThatThrownBy(() -> new Sequential(List.of()))
        .hasMessage("layers must be a non-empty list");
    assertThatThrownBy(() -> Activation.parse("relu6"))
        .hasMessage("activation must be one of relu, leaky_relu, sigmoid, tanh, got relu6");
    assertThatThrownBy(() -> Context.training(null))
        .hasMessage("random must not be null in training mode");
  }
}
