package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.spec.Spec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every schedule against PyTorch 1.13's schedulers at every step of a few hundred (reference values
 * from {@code src/test/python/schedule_reference.py}).
 *
 * <p>Tolerance: PyTorch's chainable schedulers (StepLR, ExponentialLR, LinearLR, PolynomialLR,
 * CosineAnnealingLR) multiply the previous rate by a factor each step, so each step adds one or two
 * roundings of at most 2^-53 relative; after at most 300 steps that is below 1e-13 of the rate.
 * CosineAnnealingLR's ratio form also loses digits near the bottom of the curve, where the absolute
 * error stays a few ulps of the peak rate. So values must agree to 1e-12 of the largest rate of the
 * run, far below anything a schedule could get wrong (a step off by one changes the value by 1e-4
 * of the peak or more in every case here). The closed forms (LambdaLR, OneCycleLR, CyclicLR,
 * CosineAnnealingWarmRestarts) compute the same expressions and differ at most by an ulp of {@code
 * Math.cos}/{@code pow} versus C's.
 */
class TorchReferenceTest {
  private static final double TOLERANCE = 1e-13;
  private static final Map<String, List<double[]>> REFERENCE =
      TorchReference.read("torch_schedules.tsv");

  @TestFactory
  Stream<DynamicTest> everyStepEqualsPyTorch() {
    return REFERENCE.entrySet().stream()
        .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> check(e.getKey(), e.getValue())));
  }

  private static void check(String spec, List<double[]> rows) {
    Schedule s = Schedules.create(spec);
    double peak = 0;
    for (double[] row : rows) {
      peak = Math.max(peak, Math.abs(row[1]));
    }
    for (double[] row : rows) {
      long step = (long) row[0];
      assertThat(s.valueAt(step))
          .as("%s at step %d", spec, step)
          .isCloseTo(row[1], org.assertj.core.data.Offset.offset(TOLERANCE * peak));
    }
  }

  @Test
  void everyRegisteredScheduleHasReferenceValues() {
    Set<String> covered = new TreeSet<>();
    for (String spec : REFERENCE.keySet()) {
      covered.add(Spec.parse(spec).name());
    }
    assertThat(covered).containsExactlyInAnyOrderElementsOf(Schedules.registry().names());
  }

  @Test
  void plateauEqualsPyTorchExactly() {
    Map<String, List<double[]>> reference = TorchReference.read("torch_plateau.tsv");
    assertThat(reference).hasSize(6);
    for (Map.Entry<String, List<double[]>> e : reference.entrySet()) {
      Plateau p = Schedules.createPlateau(e.getKey());
      Plateau.State s = p.start();
      for (double[] row : e.getValue()) {
        s = p.step(s, row[1]);
        assertThat(s.epoch()).isEqualTo((long) row[0]);
        // the same multiplications and comparisons in the same order: bit-identical
        assertThat(s.lr()).as("%s at epoch %d", e.getKey(), s.epoch()).isEqualTo(row[2]);
      }
    }
  }
}
