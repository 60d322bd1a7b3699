package dev.descent.optim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.nn.Parameter;
import dev.descent.spec.Spec;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Laws every optimizer obeys, over random optimizers, sizes, seeds and hyperparameters. */
class OptimizerPropertiesTest {

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.of(Optimizers.names());
  }

  /** The catalogue's working spec for {@code name}. */
  static Spec spec(String name) {
    for (OptimizerCatalogue.Row r : OptimizerCatalogue.ROWS) {
      if (r.name().equals(name)) {
        return Spec.parse(r.bowlSpec());
      }
    }
    throw new IllegalArgumentException(name);
  }

  static double[] randomVector(Random rnd, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rnd.nextGaussian();
    }
    return x;
  }

  @Property(tries = 80)
  void zeroLearningRateLeavesParametersUnchanged(
      @ForAll("names") String name,
      @ForAll @IntRange(min = 1, max = 1500) int n,
      @ForAll long seed) {
    Optimizer opt = Optimizers.create(spec(name).with("lr", 0.0));
    Random rnd = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) rnd.nextGaussian();
    }
    Parameter p = Parameter.of("w", Tensor.of(v, n), true);
    OptimizerState s = opt.init(List.of(p));
    for (int t = 0; t < 5; t++) {
      float[] g = p.grad().data();
      for (int i = 0; i < n; i++) {
        g[i] = (float) rnd.nextGaussian();
      }
      opt.step(List.of(p), s);
    }
    assertThat(p.value().data()).containsExactly(v);
  }

  @Property(tries = 40)
  void momentumZeroIsPlainSgd(
      @ForAll @DoubleRange(min = 0, max = 1) double lr,
      @ForAll @DoubleRange(min = 0, max = 1) double dampening,
      @ForAll long seed) {
    Optimizer sgd = Optimizers.create(Spec.of("sgd").with("lr", lr));
    Optimizer mom =
        Optimizers.create(
            Spec.of("momentum").with("lr", lr).with("momentum", 0.0).with("dampening", dampening));
    Random rnd = new Random(seed);
    double[] x = randomVector(rnd, 50);
    double[] y = x.clone();
    OptimizerState sx = sgd.init(x);
    OptimizerState sy = mom.init(y);
    for (int t = 0; t < 5; t++) {
      double[] g = randomVector(rnd, 50);
      double[] expected = x.clone();
      for (int i = 0; i < 50; i++) {
        expected[i] = x[i] - lr * g[i];
      }
      sgd.step(x, g, sx);
      mom.step(y, g, sy);
      assertThat(x).containsExactly(expected);
      assertThat(y).containsExactly(x);
    }
  }

  @Property(tries = 40)
  void bookMomentumEqualsPyTorchMomentumAtAConstantRate(
      @ForAll @DoubleRange(min = 0.01, max = 0.5) double lr,
      @ForAll @DoubleRange(min = 0, max = 0.99) double momentum,
      @ForAll long seed) {
    Optimizer torch =
        Optimizers.create(Spec.of("momentum").with("lr", lr).with("momentum", momentum));
    Optimizer book =
        Optimizers.create(Spec.of("momentum_book").with("lr", lr).with("momentum", momentum));
    Random rnd = new Random(seed);
    double[] x = randomVector(rnd, 20);
    double[] y = x.clone();
    OptimizerState sx = torch.init(x);
    OptimizerState sy = book.init(y);
    for (int t = 0; t < 20; t++) {
      double[] g = randomVector(rnd, 20);
      torch.step(x, g, sx);
      book.step(y, g, sy);
    }
    for (int i = 0; i < 20; i++) {
      assertThat(y[i]).isCloseTo(x[i], org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Property(tries = 60)
  void maximizingFIsMinimizingMinusF(@ForAll("names") String name, @ForAll long seed) {
    Optimizer max = Optimizers.create(spec(name).with("maximize", true));
    Optimizer min = Optimizers.create(spec(name));
    Random rnd = new Random(seed);
    double[] x = randomVector(rnd, 700);
    double[] y = x.clone();
    OptimizerState sx = max.init(x);
    OptimizerState sy = min.init(y);
    for (int t = 0; t < 6; t++) {
      double[] g = randomVector(rnd, 700);
      double[] neg = new double[g.length];
      for (int i = 0; i < g.length; i++) {
        neg[i] = -g[i];
      }
      max.step(x, neg, sx);
      min.step(y, g, sy);
    }
    assertThat(x).containsExactly(y);
  }

  @Property(tries = 60)
  void splittingAVectorIntoParametersChangesNothing(
      @ForAll("names") String name,
      @ForAll @IntRange(min = 2, max = 1500) int n,
      @ForAll @IntRange(min = 1, max = 1499) int cut,
      @ForAll long seed) {
    int k = Math.min(cut, n - 1);
    Optimizer opt = Optimizers.create(spec(name).with("clip_norm", 5.0));
    Random rnd = new Random(seed);
    float[] all = new float[n];
    for (int i = 0; i < n; i++) {
      all[i] = (float) rnd.nextGaussian();
    }
    Parameter whole = Parameter.of("w", Tensor.of(all, n), true);
    float[] left = java.util.Arrays.copyOfRange(all, 0, k);
    float[] right = java.util.Arrays.copyOfRange(all, k, n);
    List<Parameter> parts = new ArrayList<>();
    parts.add(Parameter.of("a", Tensor.of(left, k), true));
    parts.add(Parameter.of("b", Tensor.of(right, n - k), true));
    OptimizerState sw = opt.init(List.of(whole));
    OptimizerState sp = opt.init(parts);
    for (int t = 0; t < 4; t++) {
      float[] g = whole.grad().data();
      for (int i = 0; i < n; i++) {
        g[i] = (float) rnd.nextGaussian();
      }
      System.arraycopy(g, 0, parts.get(0).grad().data(), 0, k);
      System.arraycopy(g, k, parts.get(1).grad().data(), 0, n - k);
      opt.step(List.of(whole), sw);
      opt.step(parts, sp);
    }
    float[] joined = new float[n];
    System.arraycopy(parts.get(0).value().data(), 0, joined, 0, k);
    System.arraycopy(parts.get(1).value().data(), 0, joined, k, n - k);
    assertThat(joined).containsExactly(whole.value().data());
  }

  @Property(tries = 30)
  void chainingIdentityChangesNothing(
      @ForAll @DoubleRange(min = 0, max = 1) double lr, @ForAll long seed) {
    Optimizer plain =
        new Optimizer(
            "custom(lr=" + lr + ")",
            lr,
            List.of(Adam.scaleByAdam(0.9, 0.999, 1e-8, false), Transforms.clipByValue(0.01)));
    Optimizer withIdentity =
        new Optimizer(
            "custom(lr=" + lr + ")",
            lr,
            List.of(
                Transforms.identity(),
                Adam.scaleByAdam(0.9, 0.999, 1e-8, false),
                Transforms.identity(),
                Transforms.clipByValue(0.01),
                Transforms.identity()));
    Random rnd = new Random(seed);
    double[] x = randomVector(rnd, 30);
    double[] y = x.clone();
    OptimizerState sx = plain.init(x);
    OptimizerState sy = withIdentity.init(y);
    for (int t = 0; t < 5; t++) {
      double[] g = randomVector(rnd, 30);
      plain.step(x, g, sx);
      withIdentity.step(y, g, sy);
    }
    assertThat(y).containsExactly(x);
  }

  @Property(tries = 30)
  void hugeClipNormChangesNothing(@ForAll("names") String name, @ForAll long seed) {
    Optimizer clipped = Optimizers.create(spec(name).with("clip_norm", 1e300));
    Optimizer plain = Optimizers.create(spec(name));
    Random rnd = new Random(seed);
    double[] x = randomVector(rnd, 40);
    double[] y = x.clone();
    OptimizerState sx = clipped.init(x);
    OptimizerState sy = plain.init(y);
    for (int t = 0; t < 5; t++) {
      double[] g = randomVector(rnd, 40);
      clipped.step(x, g, sx);
      plain.step(y, g, sy);
    }
    assertThat(x).containsExactly(y);
  }
}
