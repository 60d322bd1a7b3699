package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.descent.init.Initializers;
import dev.descent.loss.MeanSquaredError;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Layers and losses against values PyTorch 1.13.0 (Debian's CPU build, torch.__version__ 1.13.0a0)
 * computed for the same inputs; see {@code src/test/reference/make_nn_reference.py}, which
 * generated {@code reference/nn_torch.txt}. Tolerance 1e-5 absolute: both sides are float32 with
 * different summation orders.
 */
class PyTorchReferenceTest {
  private static final float TOL = 1e-5f;
  private static final Map<String, Tensor> REF = new HashMap<>();

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in =
            PyTorchReferenceTest.class.getResourceAsStream("/reference/nn_torch.txt");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split(" ");
        int rows = Integer.parseInt(f[1]);
        int cols = Integer.parseInt(f[2]);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
          v[i] = Float.parseFloat(f[3 + i]);
        }
        REF.put(f[0], Tensor.wrap(v, rows, cols));
      }
    }
  }

  private static Tensor ref(String name) {
    Tensor t = REF.get(name);
    assertThat(t).as("reference tensor " + name).isNotNull();
    return t.copy();
  }

  private static int[] labels(String name) {
    float[] v = ref(name).data();
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (int) v[i];
    }
    return out;
  }

  private static void assertClose(Tensor actual, String name) {
    float[] expected = REF.get(name).data();
    assertThat(actual.size()).as(name).isEqualTo(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual.data()[i]).as(name + "[" + i + "]").isCloseTo(expected[i], offset(TOL));
    }
  }

  private static void load(Linear l, String w, String b) {
    l.weight().value().copyFrom(ref(w).reshape(l.in(), l.out()));
    l.bias().value().copyFrom(ref(b).reshape(l.out()));
  }

  @Test
  void linear() {
    Linear l = new Linear(5, 3, Initializers.zeros(), new SplittableRandom(0));
    load(l, "linear.w", "linear.b");
    assertClose(l.forward(ref("linear.x"), Context.evaluation()), "linear.y");
    assertClose(l.backward(ref("linear.dy")), "linear.dx");
    assertClose(l.weight().grad(), "linear.dw");
    assertClose(l.bias().grad(), "linear.db");
  }

  @Test
  void activations() {
    Map<String, Layer> layers =
        Map.of(
            "relu", new ReLU(),
            "leaky_relu", new LeakyReLU(0.1),
            "sigmoid", new Sigmoid(),
            "tanh", new Tanh(),
            "softmax", new Softmax());
    for (Map.Entry<String, Layer> e : layers.entrySet()) {
      String n = e.getKey();
      assertClose(e.getValue().forward(ref(n + ".x"), Context.evaluation()), n + ".y");
      assertClose(e.getValue().backward(ref(n + ".dy")), n + ".dx");
    }
  }

  @Test
  void batchNormTwoTrainingStepsThenEvaluation() {
    BatchNorm bn = new BatchNorm(3);
    bn.gamma().value().copyFrom(ref("bn.gamma").reshape(3));
    bn.beta().value().copyFrom(ref("bn.beta").reshape(3));
    Context train = Context.training(new SplittableRandom(0));
    assertClose(bn.forward(ref("bn.x1"), train), "bn.y1");
    assertClose(bn.forward(ref("bn.x2"), train), "bn.y2");
    assertClose(bn.backward(ref("bn.dy2")), "bn.dx2");
    assertClose(bn.gamma().grad(), "bn.dgamma");
    assertClose(bn.beta().grad(), "bn.dbeta");
    assertClose(bn.runningMean(), "bn.running_mean");
    assertClose(bn.runningVar(), "bn.running_var");
    assertClose(bn.forward(ref("bn.x3"), Context.evaluation()), "bn.y3");
  }

  @Test
  void losses() {
    Tensor logits = ref("ce.logits");
    Tensor grad = Tensor.zeros(logits.rows(), logits.cols());
    double loss = new SoftmaxCrossEntropy().compute(logits, labels("ce.labels"), grad);
    assertThat(loss).isCloseTo(REF.get("ce.loss").data()[0], offset(1e-6));
    assertClose(grad, "ce.grad");

    Tensor pred = ref("mse.pred");
    Tensor mseGrad = Tensor.zeros(pred.rows(), pred.cols());
    double mse = new MeanSquaredError().compute(pred, ref("mse.target"), mseGrad);
    assertThat(mse).isCloseTo(REF.get("mse.loss").data()[0], offset(1e-6));
    assertClose(mseGrad, "mse.grad");
  }

  @Test
  void wholeModel() {
    SplittableRandom r = new SplittableRandom(0);
    Linear l0 = new Linear(4, 3, Initializers.zeros(), r);
    Linear l2 = new Linear(3, 2, Initializers.zeros(), r);
    load(l0, "mlp.w0", "mlp.b0");
    load(l2, "mlp.w2", "mlp.b2");
    Sequential model = new Sequential(l0, new Tanh(), l2);
    Tensor logits = model.forward(ref("mlp.x"), Context.evaluation());
    Tensor grad = Tensor.zeros(logits.rows(), logits.cols());
    double loss = new SoftmaxCrossEntropy().compute(logits, labels("mlp.labels"), grad);
    assertThat(model.backward(grad, false)).isNull();
    assertThat(loss).isCloseTo(REF.get("mlp.loss").data()[0], offset(1e-6));
    List<Parameter> ps = model.parameters();
    assertThat(ps.get(2).name()).isEqualTo("layers.2.weight");
    assertClose(ps.get(0).grad(), "mlp.dw0");
    assertClose(ps.get(1).grad(), "mlp.db0");
    assertClose(ps.get(2).grad(), "mlp.dw2");
    assertClose(ps.get(3).grad(), "mlp.db2");
  }
}
