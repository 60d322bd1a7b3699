package dev.descent.optim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.nn.Parameter;
import dev.descent.spec.Spec;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A float32 update large enough to be split between two threads gives the same bits as the
 * single-threaded update of each parameter on its own (each below the split threshold), for every
 * registered optimizer, with and without held (inactive) parameters.
 */
class ThreadedStepTest {
  private static final int SIZE = 12_000;

  static Stream<String> names() {
    return Optimizers.names().stream();
  }

  @ParameterizedTest
  @MethodSource("names")
  void splitUpdateEqualsSingleThreadedUpdateBitForBit(String name) {
    assertThat(3 * SIZE).isGreaterThanOrEqualTo(Optimizer.PARALLEL_MIN_ELEMENTS);
    assertThat(SIZE).isLessThan(Optimizer.PARALLEL_MIN_ELEMENTS);
    Spec spec = OptimizerPropertiesTest.spec(name);
    if (spec.toString().contains("clip_norm")) {
      // Clipping by the global norm couples the parameters; per-parameter states would differ.
      spec = spec.with("clip_norm", Double.POSITIVE_INFINITY);
    }
    Optimizer opt = Optimizers.create(spec);
    List<Parameter> together = parameters(4, 7);
    List<Parameter> alone = parameters(4, 7);
    boolean[] active = {true, false, true, true};
    OptimizerState shared = opt.init(together);
    List<OptimizerState> separate = new ArrayList<>();
    for (Parameter p : alone) {
      separate.add(opt.init(List.of(p)));
    }
    SplittableRandom random = new SplittableRandom(11);
    for (int step = 0; step < 4; step++) {
      for (int i = 0; i < together.size(); i++) {
        float[] g = together.get(i).grad().data();
        for (int j = 0; j < g.length; j++) {
          g[j] = (float) random.nextGaussian();
        }
        System.arraycopy(g, 0, alone.get(i).grad().data(), 0, g.length);
      }
      boolean[] mask = step % 2 == 0 ? null : active;
      opt.step(together, shared, mask);
      for (int i = 0; i < alone.size(); i++) {
        if (mask == null || mask[i]) {
          opt.step(List.of(alone.get(i)), separate.get(i));
        } else {
          // Held parameters keep values and moments, but the step count advances.
          opt.step(List.of(alone.get(i)), separate.get(i), new boolean[] {false});
        }
      }
    }
    for (int i = 0; i < together.size(); i++) {
      assertThat(together.get(i).value().data())
          .as("%s parameter %d", name, i)
          .containsExactly(alone.get(i).value().data());
    }
  }

  private static List<Parameter> parameters(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Parameter> ps = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Tensor w = Tensor.zeros(SIZE);
      for (int j = 0; j < SIZE; j++) {
        w.data()[j] = (float) random.nextGaussian();
      }
      ps.add(Parameter.of("p" + i, w, i % 2 == 0));
    }
    return ps;
  }
}
