package dev.descent.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.nn.Parameter;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every optimizer × {progress on a bowl, exact invalid-config message, checkpoint round trip}. */
class OptimizerMatrixTest {

  static Stream<OptimizerCatalogue.Row> rows() {
    return OptimizerCatalogue.ROWS.stream();
  }

  @Test
  void catalogueCoversEveryRegisteredOptimizer() {
    assertThat(OptimizerCatalogue.ROWS.stream().map(OptimizerCatalogue.Row::name))
        .containsExactlyInAnyOrderElementsOf(Optimizers.names());
  }

  /** f(x) = Σ a_i x_i² / 2 with curvatures a_i in [0.5, 2]. */
  static double bowl(double[] a, double[] x, double[] g) {
    double f = 0;
    for (int i = 0; i < x.length; i++) {
      g[i] = a[i] * x[i];
      f += 0.5 * a[i] * x[i] * x[i];
    }
    return f;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void lossDecreasesOnABowl(OptimizerCatalogue.Row row) {
    Random rnd = new Random(7);
    int n = 600;
    double[] a = new double[n];
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = 0.5 + 1.5 * rnd.nextDouble();
      x[i] = rnd.nextGaussian();
    }
    double[] g = new double[n];
    Optimizer opt = Optimizers.create(row.bowlSpec());
    OptimizerState s = opt.init(x);
    double first = bowl(a, x, g);
    for (int t = 0; t < 300; t++) {
      bowl(a, x, g);
      opt.step(x, g, s);
    }
    assertThat(bowl(a, x, g)).as(row.bowlSpec()).isLessThan(0.1 * first);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void invalidConfigGivesTheExactMessage(OptimizerCatalogue.Row row) {
    assertThatThrownBy(() -> Optimizers.create(row.invalidSpec()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(row.message());
  }

  static List<Parameter> model(long seed) {
    Random rnd = new Random(seed);
    List<Parameter> params = new ArrayList<>();
    int[] sizes = {700, 3, 1100};
    for (int p = 0; p < sizes.length; p++) {
      float[] v = new float[sizes[p]];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) rnd.nextGaussian();
      }
      params.add(Parameter.of("layer" + p, Tensor.of(v, v.length), p != 1));
    }
    return params;
  }

  static void fillGrads(List<Parameter> params, Random rnd) {
    for (Parameter p : params) {
      float[] g = p.grad().data();
      float[] x = p.value().data();
      for (int i = 0; i < g.length; i++) {
        g[i] = (float) (x[i] + 0.3 * rnd.nextGaussian());
      }
    }
  }

  static List<Parameter> copy(List<Parameter> params) {
    return params.stream()
        .map(p -> Parameter.of(p.name(), p.value().copy(), p.decay()))
        .collect(Collectors.toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void checkpointRoundTripContinuesBitIdentically(OptimizerCatalogue.Row row) {
    Optimizer opt = Optimizers.create(row.bowlSpec()).withSchedule(t -> 0.01 / (1 + 0.1 * t));
    List<Parameter> a = model(3);
    OptimizerState sa = opt.init(a);
    Random rnd = new Random(11);
    for (int t = 0; t < 7; t++) {
      fillGrads(a, rnd);
      opt.step(a, sa);
    }
    Map<String, Object> saved = sa.export();
    List<Parameter> b = copy(a);
    OptimizerState sb =
        Optimizers.create(row.bowlSpec()).withSchedule(t -> 0.01 / (1 + 0.1 * t)).init(b);
    sb.restore(saved);
    assertThat(sb.step()).isEqualTo(7);
    Random ra = new Random(99);
    Random rb = new Random(99);
    for (int t = 0; t < 5; t++) {
      fillGrads(a, ra);
      fillGrads(b, rb);
      opt.step(a, sa);
      opt.step(b, sb);
    }
    for (int p = 0; p < a.size(); p++) {
      assertThat(b.get(p).value()).isEqualTo(a.get(p).value());
    }
    Map<String, Object> ea = sa.export();
    Map<String, Object> eb = sb.export();
    assertThat(eb.keySet()).containsExactlyElementsOf(ea.keySet());
    for (String k : ea.keySet()) {
      assertThat(eb.get(k)).as(k).isEqualTo(ea.get(k));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void restoringIntoAMismatchedModelIsAClearError(OptimizerCatalogue.Row row) {
    Optimizer opt = Optimizers.create(row.bowlSpec());
    List<Parameter> a = model(3);
    OptimizerState sa = opt.init(a);
    fillGrads(a, new Random(1));
    opt.step(a, sa);
    Map<String, Object> saved = sa.export();

    List<Parameter> fewer = a.subList(0, 2);
    OptimizerState s1 = opt.init(fewer);
    assertThatThrownBy(() -> s1.restore(saved))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "saved state is for parameters [layer0, layer1, layer2] of sizes [700, 3, 1100],"
                + " this model has [layer0, layer1] of sizes [700, 3]");
    List<Parameter> resized = new ArrayList<>(a);
    resized.set(2, Parameter.of("layer2", Tensor.zeros(1000), true));
    OptimizerState s2 = opt.init(resized);
    assertThatThrownBy(() -> s2.restore(saved))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sizes [700, 3, 1100], this model has");
    String other = row.name().equals("lion") ? "sgd(lr=0.1)" : "lion";
    OptimizerState s3 = Optimizers.create(other).init(a);
    assertThatThrownBy(() -> s3.restore(saved))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot restore state of optimizer " + opt.description());
    assertThatThrownBy(() -> Optimizers.create(other).step(a, sa))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("state was made by");
  }
}
