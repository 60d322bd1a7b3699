package dev.descent.nn;

import static dev.descent.nn.GradientCheck.maxAbsDiff;
import static dev.descent.nn.GradientCheck.randn;
import static dev.descent.nn.GradientCheck.toDouble;
import static dev.descent.nn.GradientCheck.toDoubleVector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.descent.concurrent.Workers;
import dev.descent.init.Initializers;
import dev.descent.loss.MeanSquaredError;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.tensor.JavaBlas;
import dev.descent.tensor.Ops;
import dev.descent.tensor.Tensor;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.assertj.core.data.Offset;

/**
 * The fast float32 paths against the double-precision loops of {@link Textbook}, random shapes
 * (several row and feature blocks, and partial last blocks) and thread counts 1 to 4.
 */
class TextbookComparisonTest {
  private static final double TOL = 2e-4;
  private static final Workers[] POOLS = {
    Workers.serial(), Workers.create(2), Workers.create(3), Workers.create(4)
  };

  private static Workers pool(int threads) {
    return POOLS[threads - 1];
  }

  @Property(tries = 40)
  void linearForwardAndBackward(
      @ForAll @IntRange(min = 1, max = 150) int n,
      @ForAll @IntRange(min = 1, max = 150) int in,
      @ForAll @IntRange(min = 1, max = 24) int out,
      @ForAll boolean javaBlas,
      @ForAll @IntRange(min = 1, max = 4) int threads,
      @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Linear layer =
        javaBlas
            ? new Linear(in, out, Initializers.xavier(), random, new JavaBlas())
            : new Linear(in, out, Initializers.xavier(), random);
    float[] b = layer.bias().value().data();
    for (int j = 0; j < out; j++) {
      b[j] = (float) random.nextGaussian();
    }
    Tensor x = randn(random, n, in);
    Tensor dy = randn(random, n, out);
    double[][] w = toDouble(layer.weight().value());
    double[][] expected = Textbook.linear(toDouble(x), w, toDoubleVector(layer.bias().value()));
    assertThat(maxAbsDiff(layer.forward(x, Context.evaluation(pool(threads))), expected))
        .isLessThan(TOL * Math.sqrt(in));
    double[][][] grads = Textbook.linearBackward(toDouble(x), w, toDouble(dy));
    assertThat(maxAbsDiff(layer.backward(dy), grads[0])).isLessThan(TOL * Math.sqrt(out));
    assertThat(maxAbsDiff(layer.weight().grad(), grads[1])).isLessThan(TOL * Math.sqrt(n));
    assertThat(maxAbsDiff(layer.bias().grad(), grads[2])).isLessThan(TOL * Math.sqrt(n));
  }

  /**
   * A whole Linear-Tanh-Linear-ReLU-Linear model's backward pass: batches of 1 to 4 blocks of 64
   * rows take the row-block path (each block's own weight-gradient share, summed in block order),
   * larger ones the layer-by-layer path; both against the double-precision chain, and bit-identical
   * for every thread count.
   */
  @Property(tries = 30)
  void sequentialBackward(
      @ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 90) int in,
      @ForAll @IntRange(min = 1, max = 20) int hidden,
      @ForAll boolean inputGradient,
      @ForAll @IntRange(min = 2, max = 4) int threads,
      @ForAll long seed) {
    int out = 3;
    float[][] bits = new float[2][];
    for (int run = 0; run < 2; run++) {
      SplittableRandom random = new SplittableRandom(seed);
      Linear l1 = new Linear(in, hidden, Initializers.xavier(), random);
      Linear l2 = new Linear(hidden, hidden, Initializers.xavier(), random);
      Linear l3 = new Linear(hidden, out, Initializers.xavier(), random);
      Sequential model = new Sequential(l1, new Tanh(), l2, new ReLU(), l3);
      for (Parameter p : model.parameters()) {
        if (!p.decay()) {
          float[] b = p.value().data();
          for (int j = 0; j < b.length; j++) {
            b[j] = (float) random.nextGaussian() * 0.5f;
          }
        }
      }
      Tensor x = randn(random, n, in);
      Tensor dy = randn(random, n, out);
      Workers workers = run == 0 ? Workers.serial() : pool(threads);
      model.forward(x, Context.evaluation(workers));
      Tensor dx = model.backward(dy, inputGradient);
      // The chain in double precision.
      double[][] h1 = Textbook.linear(toDouble(x), toDouble(l1.weight().value()), bias(l1));
      double[][] a1 = map(h1, "tanh");
      double[][] h2 = Textbook.linear(a1, toDouble(l2.weight().value()), bias(l2));
      double[][] a2 = map(h2, "relu");
      double[][][] g3 = Textbook.linearBackward(a2, toDouble(l3.weight().value()), toDouble(dy));
      double[][][] g2 =
          Textbook.linearBackward(a1, toDouble(l2.weight().value()), times(g3[0], h2, "relu"));
      double[][][] g1 =
          Textbook.linearBackward(
              toDouble(x), toDouble(l1.weight().value()), times(g2[0], h1, "tanh"));
      double scale = Math.sqrt(n) * (1 + Math.sqrt(in));
      assertThat(maxAbsDiff(l3.weight().grad(), g3[1])).isLessThan(TOL * scale);
      assertThat(maxAbsDiff(l3.bias().grad(), g3[2])).isLessThan(TOL * scale);
      assertThat(maxAbsDiff(l2.weight().grad(), g2[1])).isLessThan(TOL * scale);
      assertThat(maxAbsDiff(l1.weight().grad(), g1[1])).isLessThan(TOL * scale);
      assertThat(maxAbsDiff(l1.bias().grad(), g1[2])).isLessThan(TOL * scale);
      if (inputGradient) {
        assertThat(maxAbsDiff(dx, g1[0])).isLessThan(TOL * scale);
      } else {
        assertThat(dx).isNull();
      }
      int size = 0;
      for (Parameter p : model.parameters()) {
        size += p.size();
      }
      float[] all = new float[size + (inputGradient ? dx.size() : 0)];
      int at = 0;
      for (Parameter p : model.parameters()) {
        System.arraycopy(p.grad().data(), 0, all, at, p.size());
        at += p.size();
      }
      if (inputGradient) {
        System.arraycopy(dx.data(), 0, all, at, dx.size());
      }
      bits[run] = all;
    }
    assertThat(bits[1]).as("gradients on %d threads vs 1", threads).isEqualTo(bits[0]);
  }

  private static double[] bias(Linear layer) {
    return toDoubleVector(layer.bias().value());
  }

  private static double[][] map(double[][] h, String activation) {
    double[][] a = new double[h.length][];
    for (int i = 0; i < h.length; i++) {
      a[i] = new double[h[i].length];
      for (int j = 0; j < h[i].length; j++) {
        a[i][j] = Textbook.activation(activation, h[i][j], 0);
      }
    }
    return a;
  }

  private static double[][] times(double[][] g, double[][] h, String activation) {
    double[][] d = new double[g.length][];
    for (int i = 0; i < g.length; i++) {
      d[i] = new double[g[i].length];
      for (int j = 0; j < g[i].length; j++) {
        d[i][j] = g[i][j] * Textbook.activationDerivative(activation, h[i][j], 0);
      }
    }
    return d;
  }

  @Property(tries = 40)
  void activations(
      @ForAll @IntRange(min = 1, max = 150) int n,
      @ForAll @IntRange(min = 1, max = 30) int cols,
      @ForAll @IntRange(min = 0, max = 3) int kind,
      @ForAll @IntRange(min = 1, max = 4) int threads,
      @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    String[] names = {"relu", "leaky", "sigmoid", "tanh"};
    Layer[] layers = {new ReLU(), new LeakyReLU(0.2), new Sigmoid(), new Tanh()};
    String name = names[kind];
    Tensor x = randn(random, n, cols);
    Ops.scale(4f, x);
    Tensor dy = randn(random, n, cols);
    Tensor y = layers[kind].forward(x, Context.evaluation(pool(threads)));
    Tensor dx = layers[kind].backward(dy);
    for (int i = 0; i < x.size(); i++) {
      double xi = x.data()[i];
      assertThat((double) y.data()[i]).isCloseTo(Textbook.activation(name, xi, 0.2), offset(1e-6));
      assertThat((double) dx.data()[i])
          .isCloseTo(dy.data()[i] * Textbook.activationDerivative(name, xi, 0.2), offset(1e-5));
    }
  }

  @Property(tries = 40)
  void softmax(
      @ForAll @IntRange(min = 1, max = 20) int n,
      @ForAll @IntRange(min = 1, max = 30) int cols,
      @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Tensor x = randn(random, n, cols);
    Ops.scale(10f, x);
    Tensor dy = randn(random, n, cols);
    Softmax layer = new Softmax();
    Tensor y = layer.forward(x, Context.evaluation());
    double[][] yExpected = Textbook.softmax(toDouble(x));
    assertThat(maxAbsDiff(y, yExpected)).isLessThan(1e-6);
    assertThat(maxAbsDiff(layer.backward(dy), Textbook.softmaxBackward(yExpected, toDouble(dy))))
        .isLessThan(1e-5);
  }

  @Property(tries = 40)
  void batchNormTraining(
      @ForAll @IntRange(min = 2, max = 40) int n,
      @ForAll @IntRange(min = 1, max = 150) int features,
      @ForAll @IntRange(min = 1, max = 4) int threads,
      @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    BatchNorm bn = new BatchNorm(features);
    float[] g = bn.gamma().value().data();
    float[] b = bn.beta().value().data();
    for (int j = 0; j < features; j++) {
      g[j] = (float) (0.5 + random.nextDouble());
      b[j] = (float) random.nextGaussian();
    }
    Tensor x = randn(random, n, features);
    Ops.scale(3f, x);
    Tensor dy = randn(random, n, features);
    double[] gamma = toDoubleVector(bn.gamma().value());
    double[][][] expected =
        Textbook.batchNormTrain(toDouble(x), gamma, toDoubleVector(bn.beta().value()), 1e-5);
    assertThat(maxAbsDiff(bn.forward(x, Context.training(random, pool(threads))), expected[0]))
        .isLessThan(1e-4);
    // Running estimates after one step from (0, 1): momentum 0.1, unbiased variance.
    for (int j = 0; j < features; j++) {
      assertThat((double) bn.runningMean().data()[j])
          .isCloseTo(0.1 * expected[1][0][j], offset(1e-5));
      assertThat((double) bn.runningVar().data()[j])
          .isCloseTo(0.9 + 0.1 * expected[2][0][j] * n / (n - 1.0), offset(1e-4));
    }
    double[][][] grads = Textbook.batchNormTrainBackward(toDouble(x), gamma, 1e-5, toDouble(dy));
    // dx of batch norm is a difference of nearly equal terms; scale the tolerance with 1/std.
    assertThat(maxAbsDiff(bn.backward(dy), grads[0])).isLessThan(2e-3);
    assertThat(maxAbsDiff(bn.gamma().grad(), grads[1])).isLessThan(1e-4 * n);
    assertThat(maxAbsDiff(bn.beta().grad(), grads[2])).isLessThan(1e-4 * n);
  }

  @Property(tries = 40)
  void dropoutMatchesItsMask(
      @ForAll @IntRange(min = 1, max = 150) int n,
      @ForAll @IntRange(min = 1, max = 30) int cols,
      @ForAll boolean inverted,
      @ForAll @IntRange(min = 1, max = 4) int threads,
      @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double p = 0.3;
    Dropout d = new Dropout(p, inverted ? Dropout.Variant.INVERTED : Dropout.Variant.SCALE_AT_TEST);
    Tensor x = randn(random, n, cols);
    Tensor dy = randn(random, n, cols);
    Tensor y = d.forward(x, Context.training(new SplittableRandom(seed + 1), pool(threads)));
    Tensor dx = d.backward(dy);
    // The documented mask: one seed per pass, then block b of 64 rows draws its elements in
    // row-major order from a SplittableRandom seeded with blockSeed(seed, b).
    int block = Blocks.ROWS * cols;
    long passSeed = new SplittableRandom(seed + 1).nextLong();
    SplittableRandom maskRandom = null;
    double keptScale = inverted ? 1 / (1 - p) : 1;
    for (int i = 0; i < x.size(); i++) {
      if (i % block == 0) {
        maskRandom = new SplittableRandom(Dropout.blockSeed(passSeed, i / block));
      }
      double m = maskRandom.nextDouble() >= p ? keptScale : 0;
      assertThat((double) y.data()[i]).isCloseTo(x.data()[i] * m, withinUlps(y.data()[i]));
      assertThat((double) dx.data()[i]).isCloseTo(dy.data()[i] * m, withinUlps(dx.data()[i]));
    }
    Tensor yEval = d.forward(x, Context.evaluation());
    double evalScale = inverted ? 1 : 1 - p;
    for (int i = 0; i < x.size(); i++) {
      assertThat((double) yEval.data()[i])
          .isCloseTo(x.data()[i] * evalScale, withinUlps(yEval.data()[i]));
    }
  }

  @Property(tries = 40)
  void losses(
      @ForAll @IntRange(min = 1, max = 20) int n,
      @ForAll @IntRange(min = 2, max = 12) int classes,
      @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Tensor logits = randn(random, n, classes);
    Ops.scale(5f, logits);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = random.nextInt(classes);
    }
    Tensor grad = Tensor.zeros(n, classes);
    double loss = new SoftmaxCrossEntropy().compute(logits, labels, grad);
    assertThat(loss).isCloseTo(Textbook.crossEntropy(toDouble(logits), labels), offset(1e-5));
    assertThat(maxAbsDiff(grad, Textbook.crossEntropyGrad(toDouble(logits), labels)))
        .isLessThan(1e-6);

    Tensor target = randn(random, n, classes);
    Tensor mseGrad = Tensor.zeros(n, classes);
    double mse = new MeanSquaredError().compute(logits, target, mseGrad);
    double sum = 0;
    int count = n * classes;
    for (int i = 0; i < count; i++) {
      double d = logits.data()[i] - (double) target.data()[i];
      sum += d * d;
      assertThat((double) mseGrad.data()[i]).isCloseTo(2 * d / count, offset(1e-6));
    }
    assertThat(mse).isCloseTo(sum / count, offset(1e-9 * sum));
  }

  private static Offset<Double> withinUlps(float v) {
    return offset(2.0 * Math.ulp(v) + 1e-30);
  }
}
