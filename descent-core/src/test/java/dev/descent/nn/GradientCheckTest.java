package dev.descent.nn;

import static dev.descent.nn.GradientCheck.TOLERANCE;
import static dev.descent.nn.GradientCheck.checkLayer;
import static dev.descent.nn.GradientCheck.randn;
import static dev.descent.nn.GradientCheck.randnAwayFromZero;
import static dev.descent.nn.GradientCheck.relativeError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.init.Initializers;
import dev.descent.loss.MeanSquaredError;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.loss.WeightDecay;
import dev.descent.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Central-difference checks of every layer and loss, and proof that the checker has teeth. */
class GradientCheckTest {
  private static final double EPS = 1e-2;
  private final SplittableRandom random = new SplittableRandom(2024);
  private final Supplier<Context> train = () -> Context.training(new SplittableRandom(7));
  private final Supplier<Context> eval = Context::evaluation;

  private static void assertAllBelowTolerance(List<Double> errors) {
    assertThat(errors).allSatisfy(e -> assertThat(e).isLessThan(TOLERANCE));
  }

  @Test
  void linear() {
    Linear layer = new Linear(5, 4, Initializers.he(), random);
    randomize(layer.bias().value());
    List<Double> errors = checkLayer(layer, randn(random, 6, 5), train, 1, EPS);
    assertThat(errors).hasSize(3);
    assertAllBelowTolerance(errors);
  }

  @Test
  void elementwiseActivations() {
    for (Layer layer :
        List.of(new ReLU(), new LeakyReLU(0.1), new Sigmoid(), new Tanh(), new Softmax())) {
      // Inputs at least 0.1 from the kinks of ReLU/LeakyReLU so a step of EPS never crosses one.
      Tensor x = randnAwayFromZero(random, 7, 6, 0.1f);
      assertAllBelowTolerance(checkLayer(layer, x, train, 3, EPS));
    }
  }

  @Test
  void batchNormInTrainingMode() {
    BatchNorm bn = new BatchNorm(5);
    randomize(bn.gamma().value());
    randomize(bn.beta().value());
    List<Double> errors = checkLayer(bn, randn(random, 8, 5), train, 4, EPS);
    assertThat(errors).hasSize(3);
    assertAllBelowTolerance(errors);
  }

  @Test
  void batchNormInEvaluationMode() {
    BatchNorm bn = new BatchNorm(5);
    randomize(bn.gamma().value());
    bn.forward(randn(random, 16, 5), Context.training(random));
    assertAllBelowTolerance(checkLayer(bn, randn(random, 8, 5), eval, 5, EPS));
  }

  @Test
  void dropoutWithAFixedMask() {
    for (Dropout.Variant v : Dropout.Variant.values()) {
      Dropout d = new Dropout(0.4, v);
      assertAllBelowTolerance(checkLayer(d, randn(random, 9, 7), train, 6, EPS));
      assertThat(d.mask().data()).contains(0f);
      assertAllBelowTolerance(checkLayer(d, randn(random, 9, 7), eval, 6, EPS));
    }
  }

  @Test
  void wholeModelWithBatchNormAndDropout() {
    Sequential model =
        Mlp.builder(6, 3)
            .hidden(8, 5)
            .activation(Activation.TANH)
            .init(Initializers.xavier())
            .batchNorm(true)
            .dropout(0.25)
            .seed(11)
            .build();
    List<Double> errors = checkLayer(model, randn(random, 10, 6), train, 8, EPS);
    assertThat(errors).hasSize(1 + model.parameters().size());
    assertAllBelowTolerance(errors);
    // Batch norm subtracts the batch mean, so the bias of the Linear layer before it gets no
    // gradient; the checker above confirmed that numerically too.
    assertThat(model.parameters().get(1).name()).isEqualTo("layers.0.bias");
    for (float g : model.parameters().get(1).grad().data()) {
      assertThat(Math.abs(g)).isLessThan(1e-5f);
    }
  }

  @Test
  void softmaxCrossEntropy() {
    SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
    Tensor logits = randn(random, 6, 4);
    int[] labels = {0, 3, 1, 1, 2, 0};
    Tensor grad = Tensor.zeros(6, 4);
    ce.compute(logits, labels, grad);
    double error =
        relativeError(grad.data(), logits.data(), () -> ce.compute(logits, labels, null), EPS);
    assertThat(error).isLessThan(TOLERANCE);
  }

  @Test
  void meanSquaredError() {
    MeanSquaredError mse = new MeanSquaredError();
    Tensor y = randn(random, 5, 3);
    Tensor t = randn(random, 5, 3);
    Tensor grad = Tensor.zeros(5, 3);
    mse.compute(y, t, grad);
    assertThat(relativeError(grad.data(), y.data(), () -> mse.compute(y, t, null), EPS))
        .isLessThan(TOLERANCE);
  }

  @Test
  void weightDecay() {
    WeightDecay decay = new WeightDecay(0.3);
    Linear layer = new Linear(4, 3, Initializers.he(), random);
    List<Parameter> ps = layer.parameters();
    layer.weight().grad().fill(0f);
    decay.addGradient(ps);
    assertThat(
            relativeError(
                layer.weight().grad().data(),
                layer.weight().value().data(),
                () -> decay.value(ps),
                EPS))
        .isLessThan(TOLERANCE);
  }

  /** A layer whose gradients are those of {@code inner} times {@code factor}. */
  private static final class Broken implements Layer {
    private final Linear inner;
    private final float factor;

    Broken(Linear inner, float factor) {
      this.inner = inner;
      this.factor = factor;
    }

    @Override
    public Tensor forward(Tensor x, Context context) {
      return inner.forward(x, context);
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean inputGradient) {
      Tensor dx = inner.backward(gradOutput, inputGradient);
      dev.descent.tensor.Ops.scale(factor, dx);
      dev.descent.tensor.Ops.scale(factor, inner.weight().grad());
      return dx;
    }

    @Override
    public List<Parameter> parameters() {
      return inner.parameters();
    }
  }

  @Test
  void checkerRejectsAWrongSignAndAMissingFactorOfTwo() {
    for (float factor : new float[] {-1f, 0.5f, 2f}) {
      Broken broken = new Broken(new Linear(5, 4, Initializers.he(), random), factor);
      List<Double> errors = checkLayer(broken, randn(random, 6, 5), train, 9, EPS);
      // dx and dW are broken and must fail by a wide margin; the untouched bias passes.
      assertThat(errors.get(0)).isGreaterThan(10 * TOLERANCE);
      assertThat(errors.get(1)).isGreaterThan(10 * TOLERANCE);
      assertThat(errors.get(2)).isLessThan(TOLERANCE);
    }
  }

  @Test
  void checkerRejectsAWrongLossGradient() {
    SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
    Tensor logits = randn(random, 6, 4);
    int[] labels = {0, 3, 1, 1, 2, 0};
    Tensor grad = Tensor.zeros(6, 4);
    ce.compute(logits, labels, grad);
    // The classic bug: forgetting to divide by the batch size.
    dev.descent.tensor.Ops.scale(6f, grad);
    assertThat(
            relativeError(grad.data(), logits.data(), () -> ce.compute(logits, labels, null), EPS))
        .isGreaterThan(10 * TOLERANCE);
  }

  private void randomize(Tensor t) {
    float[] d = t.data();
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (0.5 + random.nextDouble());
    }
  }
}
