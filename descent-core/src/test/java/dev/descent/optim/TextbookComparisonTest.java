package dev.descent.optim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.nn.Parameter;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast path (transform chain over blocks) against {@link Textbook}'s per-element loops on
 * random shapes (several parameters, sizes across the block boundary, random decay flags), with
 * random gradients, in float64 and float32.
 */
class TextbookComparisonTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  static Arguments c(String spec, double lr, Supplier<Textbook> ref) {
    return Arguments.of(spec, lr, ref);
  }

  static Textbook opts(Textbook t, boolean maximize, double clipValue, double clipNorm) {
    t.maximize = maximize;
    t.clipValue = clipValue;
    t.clipNorm = clipNorm;
    return t;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        c("sgd(lr=0.1)", 0.1, () -> Textbook.sgd(0, 0, false)),
        c(
            "sgd(lr=0.1,weight_decay=0.2,maximize=true)",
            0.1,
            () -> opts(Textbook.sgd(0, 0, false).with(0.2, false), true, INF, INF)),
        c(
            "momentum(lr=0.05,dampening=0.25,weight_decay=0.01)",
            0.05,
            () -> Textbook.sgd(0.9, 0.25, false).with(0.01, false)),
        c("nesterov(lr=0.05,momentum=0.7)", 0.05, () -> Textbook.sgd(0.7, 0, true)),
        c(
            "sgd(lr=0.1,clip_norm=3,clip_value=0.4)",
            0.1,
            () -> opts(Textbook.sgd(0, 0, false), false, 0.4, 3)),
        c(
            "adagrad(lr=0.1,lr_decay=0.1,initial_accumulator=0.5,weight_decay=0.1)",
            0.1,
            () -> Textbook.adagrad(0.1, 0.5, 1e-10).with(0.1, false)),
        c("rmsprop(lr=0.01)", 0.01, () -> Textbook.rmsprop(0.99, 1e-8, 0, false)),
        c(
            "rmsprop(lr=0.01,rho=0.9,momentum=0.8,centered=true,eps=0.001)",
            0.01,
            () -> Textbook.rmsprop(0.9, 1e-3, 0.8, true)),
        c(
            "adadelta(lr=0.5,rho=0.8,weight_decay=0.1)",
            0.5,
            () -> Textbook.adadelta(0.8, 1e-6).with(0.1, false)),
        c("adam(lr=0.01)", 0.01, () -> Textbook.adam(0.9, 0.999, 1e-8, false)),
        c(
            "adam(lr=0.01,beta1=0.5,beta2=0.8,eps=0.001,amsgrad=true,weight_decay=0.1,"
                + "maximize=true)",
            0.01,
            () -> opts(Textbook.adam(0.5, 0.8, 1e-3, true).with(0.1, false), true, INF, INF)),
        c(
            "adamw(lr=0.01,weight_decay=0.3)",
            0.01,
            () -> Textbook.adam(0.9, 0.999, 1e-8, false).with(0.3, true)),
        c(
            "nadam(lr=0.01,momentum_decay=0.05,weight_decay=0.1)",
            0.01,
            () -> Textbook.nadam(0.9, 0.999, 1e-8, 0.05).with(0.1, false)),
        c("adamax(lr=0.01,beta2=0.9)", 0.01, () -> Textbook.adamax(0.9, 0.9, 1e-8)),
        c("radam(lr=0.01,beta2=0.9)", 0.01, () -> Textbook.radam(0.9, 0.9, 1e-8)),
        c(
            "lion(lr=0.001,weight_decay=0.5,clip_norm=2)",
            0.001,
            () -> opts(Textbook.lion(0.9, 0.99).with(0.5, true), false, INF, 2)),
        c("momentum_book(lr=0.05)", 0.05, () -> Textbook.bookMomentum(0.9, false)),
        c("nesterov_book(lr=0.05,momentum=0.6)", 0.05, () -> Textbook.bookMomentum(0.6, true)),
        c("adam_book(lr=0.01)", 0.01, () -> Textbook.bookAdam(0.9, 0.999, 1e-7)));
  }

  private static final int STEPS = 12;

  @ParameterizedTest(name = "{0} float64")
  @MethodSource("cases")
  void float64MatchesTextbook(String spec, double lr, Supplier<Textbook> refMaker) {
    for (long seed = 1; seed <= 3; seed++) {
      Random rnd = new Random(seed);
      int n = 200 + rnd.nextInt(1500);
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = rnd.nextGaussian();
      }
      double[][] rx = {x.clone()};
      Textbook ref = refMaker.get();
      Optimizer opt = Optimizers.create(spec);
      OptimizerState s = opt.init(x);
      double[] g = new double[n];
      for (int t = 0; t < STEPS; t++) {
        for (int i = 0; i < n; i++) {
          g[i] = rnd.nextGaussian() + 0.5 * x[i];
        }
        ref.step(rx, new double[][] {g.clone()}, new boolean[] {true}, lr);
        opt.step(x, g, s);
        for (int i = 0; i < n; i++) {
          assertThat(x[i])
              .as("%s seed %d step %d element %d", spec, seed, t, i)
              .isCloseTo(
                  rx[0][i], org.assertj.core.data.Offset.offset(1e-12 * (1 + Math.abs(rx[0][i]))));
        }
      }
    }
  }

  @ParameterizedTest(name = "{0} float32")
  @MethodSource("cases")
  void float32MatchesTextbook(String spec, double lr, Supplier<Textbook> refMaker) {
    Random rnd = new Random(42);
    int count = 1 + rnd.nextInt(4);
    List<Parameter> params = new ArrayList<>();
    double[][] rx = new double[count][];
    boolean[] decay = new boolean[count];
    for (int p = 0; p < count; p++) {
      int n = 1 + rnd.nextInt(1300);
      float[] v = new float[n];
      for (int i = 0; i < n; i++) {
        v[i] = (float) rnd.nextGaussian();
      }
      decay[p] = p != 1;
      params.add(Parameter.of("p" + p, Tensor.of(v, n), decay[p]));
      rx[p] = new double[n];
      for (int i = 0; i < n; i++) {
        rx[p][i] = v[i];
      }
    }
    Textbook ref = refMaker.get();
    ref.float32 = true;
    Optimizer opt = Optimizers.create(spec);
    OptimizerState s = opt.init(params);
    for (int t = 0; t < STEPS; t++) {
      double[][] g = new double[count][];
      for (int p = 0; p < count; p++) {
        float[] gp = params.get(p).grad().data();
        float[] xp = params.get(p).value().data();
        g[p] = new double[gp.length];
        for (int i = 0; i < gp.length; i++) {
          gp[i] = (float) (rnd.nextGaussian() + 0.5 * xp[i]);
          g[p][i] = gp[i];
        }
      }
      ref.step(rx, g, decay, lr);
      opt.step(params, s);
      for (int p = 0; p < count; p++) {
        float[] xp = params.get(p).value().data();
        for (int i = 0; i < xp.length; i++) {
          assertThat((double) xp[i])
              .as("%s step %d param %d element %d", spec, t, p, i)
              .isCloseTo(
                  rx[p][i], org.assertj.core.data.Offset.offset(1e-6 * (1 + Math.abs(rx[p][i]))));
        }
      }
    }
  }

  /** The index where {@code a} and {@code b} differ most, relative to 1 + |b|. */
  static int worst(double[] a, double[] b) {
    int w = 0;
    double e = -1;
    for (int i = 0; i < a.length; i++) {
      double d = Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i]));
      if (!(d <= e)) {
        e = d;
        w = i;
        if (Double.isNaN(d)) {
          return i;
        }
      }
    }
    return w;
  }
}
