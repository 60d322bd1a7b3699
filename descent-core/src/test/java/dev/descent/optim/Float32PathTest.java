package dev.descent.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.concurrent.Workers;
import dev.descent.nn.Parameter;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused float32 path: bit for bit equal to {@link Textbook32}'s per-element float loops, close
 * to the transform chain with double state, the same bits for every thread count, a non-finite
 * report, no allocation per step, and checkpoints in both precisions.
 */
class Float32PathTest {
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final Workers FOUR = Workers.create(4);

  @AfterAll
  static void closeWorkers() {
    FOUR.close();
  }

  static Textbook32 opts(Textbook32 t, double wd, boolean maximize, double clipNorm) {
    t.weightDecay = wd;
    t.maximize = maximize;
    t.clipNorm = clipNorm;
    return t;
  }

  static Arguments c(String spec, double lr, Supplier<Textbook32> ref) {
    return Arguments.of(spec, lr, ref);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        c("sgd(lr=0.1)", 0.1, () -> Textbook32.sgd(0, 0, false)),
        c(
            "sgd(lr=0.1,weight_decay=0.2,maximize=true)",
            0.1,
            () -> opts(Textbook32.sgd(0, 0, false), 0.2, true, INF)),
        c(
            "momentum(lr=0.05,dampening=0.25,weight_decay=0.01,clip_norm=3)",
            0.05,
            () -> opts(Textbook32.sgd(0.9, 0.25, false), 0.01, false, 3)),
        c("nesterov(lr=0.05,momentum=0.7)", 0.05, () -> Textbook32.sgd(0.7, 0, true)),
        c("adam(lr=0.01)", 0.01, () -> Textbook32.adam(0.9, 0.999, 1e-8, false, false)),
        c(
            "adam(lr=0.01,beta1=0.5,beta2=0.8,eps=0.001,amsgrad=true,weight_decay=0.1,"
                + "maximize=true)",
            0.01,
            () -> opts(Textbook32.adam(0.5, 0.8, 1e-3, true, false), 0.1, true, INF)),
        c(
            "adamw(lr=0.01,weight_decay=0.3,clip_norm=2)",
            0.01,
            () -> opts(Textbook32.adam(0.9, 0.999, 1e-8, false, true), 0.3, false, 2)),
        c(
            "adamw(lr=0.01,amsgrad=true)",
            0.01,
            () -> opts(Textbook32.adam(0.9, 0.999, 1e-8, true, true), 0.01, false, INF)),
        c("rmsprop(lr=0.01)", 0.01, () -> Textbook32.rmsprop(0.99, 1e-8, 0, false)),
        c(
            "rmsprop(lr=0.01,rho=0.9,momentum=0.8,centered=true,eps=0.001,weight_decay=0.1)",
            0.01,
            () -> opts(Textbook32.rmsprop(0.9, 1e-3, 0.8, true), 0.1, false, INF)),
        c("rmsprop(lr=0.01,momentum=0.5)", 0.01, () -> Textbook32.rmsprop(0.99, 1e-8, 0.5, false)),
        c("rmsprop(lr=0.01,centered=true)", 0.01, () -> Textbook32.rmsprop(0.99, 1e-8, 0, true)),
        c(
            "adagrad(lr=0.1,lr_decay=0.1,initial_accumulator=0.5,weight_decay=0.1)",
            0.1,
            () -> opts(Textbook32.adagrad(0.1, 1e-10), 0.1, false, INF)),
        c("adamax(lr=0.01)", 0.01, () -> Textbook32.adamax(0.9, 0.999, 1e-8)),
        c(
            "adamax(lr=0.01,beta1=0.5,beta2=0.9,weight_decay=0.1,maximize=true,clip_norm=4)",
            0.01,
            () -> opts(Textbook32.adamax(0.5, 0.9, 1e-8), 0.1, true, 4)),
        c("adadelta(lr=0.5)", 0.5, () -> Textbook32.adadelta(0.9, 1e-6)),
        c(
            "adadelta(lr=0.5,rho=0.8,eps=0.0001,weight_decay=0.1,clip_norm=3)",
            0.5,
            () -> opts(Textbook32.adadelta(0.8, 1e-4), 0.1, false, 3)));
  }

  /** Parameters of random sizes (one larger than a block), parameter 1 without weight decay. */
  static List<Parameter> model(Random rnd, int count) {
    List<Parameter> params = new ArrayList<>();
    for (int p = 0; p < count; p++) {
      int n =
          p == 0
              ? FloatUpdate.BLOCK + 1 + rnd.nextInt(2 * FloatUpdate.BLOCK)
              : 1 + rnd.nextInt(3000);
      float[] v = new float[n];
      for (int i = 0; i < n; i++) {
        v[i] = (float) rnd.nextGaussian();
      }
      params.add(Parameter.of("p" + p, Tensor.of(v, n), p != 1));
    }
    return params;
  }

  static void gradients(List<Parameter> params, Random rnd) {
    for (Parameter p : params) {
      float[] g = p.grad().data();
      float[] x = p.value().data();
      for (int i = 0; i < g.length; i++) {
        g[i] = (float) (rnd.nextGaussian() * 0.05 + 0.5 * x[i] / Math.sqrt(g.length));
      }
    }
  }

  static List<Parameter> copy(List<Parameter> params) {
    return params.stream().map(p -> Parameter.of(p.name(), p.value().copy(), p.decay())).toList();
  }

  static void copyGrads(List<Parameter> from, List<Parameter> to) {
    for (int p = 0; p < from.size(); p++) {
      float[] g = from.get(p).grad().data();
      System.arraycopy(g, 0, to.get(p).grad().data(), 0, g.length);
    }
  }

  /** The exported state with arrays written out, for exact comparison. */
  static String dump(Map<String, Object> state) {
    StringBuilder sb = new StringBuilder();
    state.forEach(
        (k, v) ->
            sb.append(k)
                .append('=')
                .append(
                    v instanceof double[] d
                        ? java.util.Arrays.toString(d)
                        : v instanceof int[] n ? java.util.Arrays.toString(n) : v)
                .append('\n'));
    return sb.toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void fusedEqualsTheTextbookLoopBitForBit(String spec, double lr, Supplier<Textbook32> make) {
    Random rnd = new Random(spec.hashCode());
    List<Parameter> params = model(rnd, 4);
    Optimizer opt = Optimizers.create(spec);
    OptimizerState s = opt.init(params);
    assertThat(s.float32()).isTrue();
    Textbook32 ref = make.get();
    int[] sizes = params.stream().mapToInt(Parameter::size).toArray();
    ref.init(opt.slotNames(), sizes, spec.startsWith("adagrad") ? 0.5f : 0f);
    float[][] rx = new float[sizes.length][];
    float[][] rg = new float[sizes.length][];
    boolean[] decay = new boolean[sizes.length];
    for (int p = 0; p < sizes.length; p++) {
      rx[p] = params.get(p).value().data().clone();
      rg[p] = params.get(p).grad().data();
      decay[p] = params.get(p).decay();
    }
    for (int t = 0; t < 12; t++) {
      boolean[] active = {true, t % 3 != 1, true, t % 2 == 0};
      gradients(params, rnd);
      ref.step(rx, rg, decay, active, lr);
      opt.step(params, s, active, FOUR);
      for (int p = 0; p < sizes.length; p++) {
        assertThat(params.get(p).value().data()).as("%s step %d p%d", spec, t, p).isEqualTo(rx[p]);
        for (String slot : opt.slotNames()) {
          float[] expected = ref.state.get(p + "/" + slot);
          double[] widened = new double[expected.length];
          for (int i = 0; i < expected.length; i++) {
            widened[i] = expected[i];
          }
          assertThat(s.slot("p" + p, slot))
              .as("%s step %d p%d/%s", spec, t, p, slot)
              .isEqualTo(widened);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void fusedAndChainAgreeClosely(String spec, double lr, Supplier<Textbook32> unused) {
    Random rnd = new Random(7);
    List<Parameter> fused = model(rnd, 3);
    List<Parameter> chain = copy(fused);
    Optimizer opt = Optimizers.create(spec);
    Optimizer doubles = opt.withDoubleState();
    OptimizerState sf = opt.init(fused);
    OptimizerState sc = doubles.init(chain);
    assertThat(sf.float32()).isTrue();
    assertThat(sc.float32()).isFalse();
    for (int t = 0; t < 20; t++) {
      gradients(fused, rnd);
      copyGrads(fused, chain);
      opt.step(fused, sf);
      doubles.step(chain, sc);
    }
    // Both round each value to float32 after every step; they differ in the float32 rounding of
    // each intermediate (state, moments), a relative 2^-24 each, over 20 steps.
    for (int p = 0; p < fused.size(); p++) {
      float[] a = fused.get(p).value().data();
      float[] b = chain.get(p).value().data();
      for (int i = 0; i < a.length; i++) {
        assertThat((double) a[i])
            .as("%s p%d[%d]", spec, p, i)
            .isCloseTo(b[i], org.assertj.core.data.Offset.offset(2e-6 * (1 + Math.abs(b[i]))));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyThreadCountGivesTheSameBits(String spec, double lr, Supplier<Textbook32> unused) {
    Random rnd = new Random(11);
    List<Parameter> serial = model(rnd, 4);
    Optimizer opt = Optimizers.create(spec);
    OptimizerState ss = opt.init(serial);
    List<List<Parameter>> runs = new ArrayList<>();
    List<OptimizerState> states = new ArrayList<>();
    List<Workers> pools = List.of(Workers.create(2), Workers.create(3), FOUR);
    for (int k = 0; k < pools.size(); k++) {
      runs.add(copy(serial));
      states.add(opt.init(runs.get(k)));
    }
    for (int t = 0; t < 6; t++) {
      boolean[] active = t == 3 ? new boolean[] {false, true, true, false} : null;
      gradients(serial, rnd);
      assertThat(opt.step(serial, ss, active, Workers.serial())).isTrue();
      for (int k = 0; k < pools.size(); k++) {
        copyGrads(serial, runs.get(k));
        assertThat(opt.step(runs.get(k), states.get(k), active, pools.get(k))).isTrue();
      }
    }
    for (int k = 0; k < pools.size(); k++) {
      for (int p = 0; p < serial.size(); p++) {
        assertThat(runs.get(k).get(p).value().data())
            .as("%s on %s, p%d", spec, pools.get(k), p)
            .isEqualTo(serial.get(p).value().data());
      }
      assertThat(dump(states.get(k).export())).isEqualTo(dump(ss.export()));
    }
    pools.get(0).close();
    pools.get(1).close();
  }

  @Test
  void clipValueAndDoubleStateKeepTheChain() {
    List<Parameter> params = model(new Random(2), 2);
    assertThat(Optimizers.create("adam(clip_value=1)").init(params).float32()).isFalse();
    assertThat(Optimizers.create("adam").withDoubleState().init(params).float32()).isFalse();
    assertThat(Optimizers.create("nadam").init(params).float32()).isFalse();
    assertThat(Optimizers.create("adam").init(new double[3]).float32()).isFalse();
    assertThat(Optimizers.create("adam").init(params).float32()).isTrue();
  }

  @Test
  void aNonFiniteUpdateIsReportedOnBothEngines() {
    for (String spec : List.of("adam(lr=0.01)", "sgd(lr=0.1)", "nadam(lr=0.01)")) {
      Optimizer opt = Optimizers.create(spec);
      List<Parameter> params = model(new Random(3), 3);
      OptimizerState s = opt.init(params);
      gradients(params, new Random(4));
      assertThat(opt.step(params, s, null, FOUR)).as(spec).isTrue();
      params.get(2).grad().data()[1] = Float.NaN;
      assertThat(opt.step(params, s, null, FOUR)).as(spec).isFalse();
      assertThat(opt.step(params, s, new boolean[] {true, true, false}, FOUR))
          .as("%s: the NaN sits in an inactive parameter", spec)
          .isTrue();
    }
    Optimizer sgd = Optimizers.create("sgd(lr=1e38)");
    List<Parameter> params = model(new Random(5), 2);
    OptimizerState s = sgd.init(params);
    params.get(0).grad().data()[FloatUpdate.BLOCK + 1] = 1e10f;
    assertThat(sgd.step(params, s, null, FOUR)).as("an overflow to infinity").isFalse();
    assertThat(sgd.step(params, s, null, FOUR, false)).as("unchecked: always true").isTrue();
    assertThat(sgd.step(params, s, null, FOUR, true)).as("checked again").isFalse();
  }

  @Test
  void subnormalStateIsSetToZeroEverySixteenUpdates() {
    // A momentum buffer whose gradient stays zero after the first step decays by 0.9 per update:
    // it reaches the subnormal range near update 800 and, without the sweep, would stay at 2^-149
    // forever (0.9 × 2^-149 rounds to 2^-149).
    Parameter p = Parameter.of("w", Tensor.zeros(3), true);
    Optimizer opt = Optimizers.create("momentum(lr=0.1,momentum=0.9)");
    OptimizerState s = opt.init(List.of(p));
    float[] g = p.grad().data();
    float buffer = 0;
    float normal = 0;
    boolean sawSubnormal = false;
    for (int t = 1; t <= 1200; t++) {
      g[0] = t == 1 ? 1e-3f : 0f;
      g[1] = t == 1 ? -1e-3f : 0f;
      g[2] = 0.5f; // a normal buffer, untouched by the sweep
      assertThat(opt.step(List.of(p), s, null, FOUR)).isTrue();
      // The textbook float32 rule plus the documented sweep.
      buffer = t == 1 ? g[0] : buffer * 0.9f + g[0];
      normal = t == 1 ? g[2] : normal * 0.9f + g[2];
      boolean subnormal = buffer != 0 && Math.abs(buffer) <= Float.MIN_NORMAL;
      sawSubnormal |= subnormal;
      if (t % 16 == 0 && subnormal) {
        buffer = 0;
      }
      double[] b = s.slot("w", "momentum_buffer");
      assertThat((float) b[0]).as("update %d", t).isEqualTo(buffer);
      assertThat((float) b[1]).as("update %d", t).isEqualTo(-buffer);
      assertThat((float) b[2]).as("update %d", t).isEqualTo(normal);
    }
    assertThat(sawSubnormal).as("the buffer passed through the subnormal range").isTrue();
    assertThat(buffer).isZero();
  }

  @Test
  void stepsAllocateNothing() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    List<Parameter> params = model(new Random(6), 4);
    gradients(params, new Random(7));
    for (String spec : List.of("adam(lr=1e-3,clip_norm=1)", "momentum(lr=1e-3)")) {
      for (Optimizer opt :
          List.of(Optimizers.create(spec), Optimizers.create(spec).withDoubleState())) {
        OptimizerState s = opt.init(params);
        boolean[] active = {true, false, true, true};
        for (Workers w : List.of(Workers.serial(), FOUR)) {
          for (int i = 0; i < 300; i++) {
            opt.step(params, s, active, w);
          }
          long before = threads.getCurrentThreadAllocatedBytes();
          for (int i = 0; i < 300; i++) {
            opt.step(params, s, active, w);
          }
          long allocated = threads.getCurrentThreadAllocatedBytes() - before;
          // One allocation per step would be at least 16 bytes × 300; allow a little noise.
          assertThat(allocated).as("%s, float32 %s, %s", opt, s.float32(), w).isLessThan(1024);
        }
      }
    }
  }

  @Test
  void float32StateResumesBitForBit() {
    Optimizer opt = Optimizers.create("adam(lr=0.01,amsgrad=true)");
    List<Parameter> a = model(new Random(8), 3);
    OptimizerState sa = opt.init(a);
    Random rnd = new Random(9);
    for (int t = 0; t < 3; t++) {
      gradients(a, rnd);
      opt.step(a, sa);
    }
    Map<String, Object> saved = sa.export();
    assertThat(saved).containsEntry("precision", "float32");
    List<Parameter> b = copy(a);
    OptimizerState sb = opt.init(b);
    sb.restore(saved);
    assertThat(sb.float32()).isTrue();
    for (int t = 0; t < 3; t++) {
      gradients(a, rnd);
      copyGrads(a, b);
      opt.step(a, sa);
      opt.step(b, sb, null, FOUR);
    }
    for (int p = 0; p < a.size(); p++) {
      assertThat(b.get(p).value().data()).isEqualTo(a.get(p).value().data());
    }
    assertThat(dump(sb.export())).isEqualTo(dump(sa.export()));
  }

  @Test
  void oldDoubleStateResumesExactlyOnTheChain() {
    Optimizer opt = Optimizers.create("momentum(lr=0.01)");
    Optimizer old = opt.withDoubleState();
    List<Parameter> a = model(new Random(10), 2);
    OptimizerState sa = old.init(a);
    Random rnd = new Random(11);
    gradients(a, rnd);
    old.step(a, sa);
    Map<String, Object> saved = sa.export();
    assertThat(saved).doesNotContainKey("precision");
    List<Parameter> b = copy(a);
    OptimizerState sb = opt.init(b);
    assertThat(sb.float32()).isTrue();
    sb.restore(saved);
    assertThat(sb.float32()).as("switched to the chain").isFalse();
    for (int t = 0; t < 3; t++) {
      gradients(a, rnd);
      copyGrads(a, b);
      old.step(a, sa);
      opt.step(b, sb);
    }
    for (int p = 0; p < a.size(); p++) {
      assertThat(b.get(p).value().data()).isEqualTo(a.get(p).value().data());
    }
    assertThat(dump(sb.export())).isEqualTo(dump(sa.export()));
  }

  @Test
  void float32StateIsRefusedByADoubleStateAndMustHoldFloats() {
    Optimizer opt = Optimizers.create("adam");
    List<Parameter> a = model(new Random(12), 2);
    OptimizerState fused = opt.init(a);
    gradients(a, new Random(13));
    opt.step(a, fused);
    Map<String, Object> saved = fused.export();
    OptimizerState doubles = opt.withDoubleState().init(a);
    assertThatThrownBy(() -> doubles.restore(saved))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("saved state holds float32 moments of the fused float32 path, but")
        .hasMessageContaining("keeps float64 moments");
    ((double[]) saved.get("p1/exp_avg"))[2] = 0.1;
    OptimizerState other = opt.init(a);
    assertThatThrownBy(() -> other.restore(saved))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("saved p1/exp_avg[2] = 0.1 is not a float32 value");
    saved.put("precision", "bfloat16");
    assertThatThrownBy(() -> other.restore(saved))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("saved precision must be float32 or absent (float64), got bfloat16");
    OptimizerState named = opt.init(List.of(Parameter.of("x", Tensor.zeros(3), true)));
    assertThatThrownBy(() -> opt.step(new double[3], new double[3], named))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "state keeps float32 moments of float32 parameters; a float64 vector needs a state"
                + " from init(double[])");
  }
}
