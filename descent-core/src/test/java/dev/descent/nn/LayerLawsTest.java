package dev.descent.nn;

import static dev.descent.nn.GradientCheck.randn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.descent.init.Initializers;
import dev.descent.tensor.Tensor;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Algebraic laws the layers must satisfy for any shape and seed. */
class LayerLawsTest {

  @Property(tries = 30)
  void dropoutWithPZeroIsTheIdentityInBothModes(
      @ForAll @IntRange(min = 1, max = 16) int n,
      @ForAll @IntRange(min = 1, max = 16) int cols,
      @ForAll boolean inverted,
      @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Dropout d = new Dropout(0, inverted ? Dropout.Variant.INVERTED : Dropout.Variant.SCALE_AT_TEST);
    Tensor x = randn(random, n, cols);
    assertThat(d.forward(x, Context.training(random)).data()).containsExactly(x.data());
    Tensor dy = randn(random, n, cols);
    assertThat(d.backward(dy).data()).containsExactly(dy.data());
    assertThat(d.forward(x, Context.evaluation()).data()).containsExactly(x.data());
  }

  @Property(tries = 30)
  void linearIsAffine(
      @ForAll @IntRange(min = 1, max = 10) int n,
      @ForAll @IntRange(min = 1, max = 10) int in,
      @ForAll @IntRange(min = 1, max = 10) int out,
      @ForAll long seed) {
    // f(x1 + x2) = f(x1) + f(x2) - b
    SplittableRandom random = new SplittableRandom(seed);
    Linear l = new Linear(in, out, Initializers.xavierUniform(), random);
    l.bias().value().fill(0.75f);
    Tensor x1 = randn(random, n, in);
    Tensor x2 = randn(random, n, in);
    Tensor sum = x1.copy();
    dev.descent.tensor.Ops.axpy(1f, x2, sum);
    Tensor y1 = l.forward(x1, Context.evaluation()).copy();
    Tensor y2 = l.forward(x2, Context.evaluation()).copy();
    Tensor y = l.forward(sum, Context.evaluation());
    for (int i = 0; i < y.size(); i++) {
      assertThat(y.data()[i]).isCloseTo(y1.data()[i] + y2.data()[i] - 0.75f, offset(1e-4f));
    }
  }

  @Property(tries = 30)
  void batchNormOutputHasTheLearnedMeanAndScale(
      @ForAll @IntRange(min = 2, max = 30) int n,
      @ForAll @IntRange(min = 1, max = 8) int features,
      @ForAll long seed) {
    // In training mode every column of y has mean beta and (biased) std gamma *
    // sqrt(var/(var+eps)).
    SplittableRandom random = new SplittableRandom(seed);
    BatchNorm bn = new BatchNorm(features);
    bn.gamma().value().fill(2f);
    bn.beta().value().fill(-1f);
    Tensor x = randn(random, n, features);
    dev.descent.tensor.Ops.scale(5f, x);
    Tensor y = bn.forward(x, Context.training(random));
    for (int j = 0; j < features; j++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += y.get(i, j) / (double) n;
      }
      assertThat(mean).isCloseTo(-1, offset(1e-5));
      double xMean = 0;
      for (int i = 0; i < n; i++) {
        xMean += x.get(i, j) / (double) n;
      }
      double xVar = 0;
      double yVar = 0;
      for (int i = 0; i < n; i++) {
        xVar += (x.get(i, j) - xMean) * (x.get(i, j) - xMean) / n;
        yVar += (y.get(i, j) - mean) * (y.get(i, j) - mean) / n;
      }
      assertThat(Math.sqrt(yVar)).isCloseTo(2 * Math.sqrt(xVar / (xVar + 1e-5)), offset(1e-4));
    }
  }

  @Test
  void dropoutVariantsHaveSpecNames() {
    assertThat(Dropout.Variant.parse("scale_at_test")).isEqualTo(Dropout.Variant.SCALE_AT_TEST);
    assertThat(Dropout.Variant.INVERTED.specName()).isEqualTo("inverted");
    assertThatThrownBy(() -> Dropout.Variant.parse("book"))
        .hasMessage("dropout variant must be one of inverted, scale_at_test, got book");
    assertThat(Activation.parse("LEAKY_RELU").create()).isInstanceOf(LeakyReLU.class);
  }
}
