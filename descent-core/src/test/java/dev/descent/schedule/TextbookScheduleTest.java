package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

/**
 * The closed forms against plain step-by-step versions written the way a textbook (or PyTorch's
 * chainable schedulers) describes them: state updated once per step with if-statements and
 * multiplications. Agreement is to 1e-12 of the initial rate (a few hundred roundings).
 */
class TextbookScheduleTest {
  private static final int STEPS = 300;

  private static void assertSame(Schedule s, double[] textbook, double scale) {
    for (int t = 0; t < textbook.length; t++) {
      assertThat(s.valueAt(t)).as("step %d", t).isCloseTo(textbook[t], within(1e-12 * scale));
    }
  }

  @Property(tries = 50)
  void stepDecay(
      @ForAll @Scale(6) @DoubleRange(min = 1e-4, max = 10) double lr,
      @ForAll @IntRange(min = 1, max = 60) int stepSize,
      @ForAll @Scale(6) @DoubleRange(min = 0.05, max = 1) double gamma) {
    double[] v = new double[STEPS];
    double rate = lr;
    for (int t = 0; t < STEPS; t++) {
      if (t > 0 && t % stepSize == 0) {
        rate *= gamma;
      }
      v[t] = rate;
    }
    assertSame(new StepDecay(lr, stepSize, gamma), v, lr);
  }

  @Property(tries = 50)
  void multiStep(
      @ForAll @Scale(6) @DoubleRange(min = 1e-4, max = 10) double lr,
      @ForAll @IntRange(min = 0, max = 100) int first,
      @ForAll @IntRange(min = 1, max = 100) int gap,
      @ForAll @Scale(6) @DoubleRange(min = 0.05, max = 1) double gamma) {
    long[] milestones = {first, first + gap, first + 2L * gap};
    double[] v = new double[STEPS];
    double rate = lr;
    for (int t = 0; t < STEPS; t++) {
      final long step = t;
      if (Arrays.stream(milestones).anyMatch(m -> m == step)) {
        rate *= gamma;
      }
      v[t] = rate;
    }
    assertSame(new MultiStep(lr, milestones, gamma), v, lr);
  }

  @Property(tries = 50)
  void exponentialGamma(
      @ForAll @Scale(6) @DoubleRange(min = 1e-4, max = 10) double lr,
      @ForAll @Scale(6) @DoubleRange(min = 0.9, max = 1) double gamma) {
    double[] v = new double[STEPS];
    double rate = lr;
    for (int t = 0; t < STEPS; t++) {
      v[t] = rate;
      rate *= gamma;
    }
    assertSame(new Exponential(lr, gamma, 0), v, lr);
  }

  @Property(tries = 50)
  void cosineRestarts(
      @ForAll @Scale(6) @DoubleRange(min = 1e-4, max = 10) double lr,
      @ForAll @IntRange(min = 1, max = 50) int t0,
      @ForAll @IntRange(min = 1, max = 4) int tMult,
      @ForAll @Scale(6) @DoubleRange(min = 0, max = 1) double etaFraction) {
    double etaMin = lr * etaFraction;
    double[] v = new double[STEPS];
    long cur = 0;
    long length = t0;
    for (int t = 0; t < STEPS; t++) {
      v[t] = etaMin + (lr - etaMin) * (1 + Math.cos(Math.PI * cur / length)) / 2;
      cur++;
      if (cur >= length) {
        cur -= length;
        length *= tMult;
      }
    }
    assertSame(new CosineRestarts(lr, t0, tMult, etaMin), v, lr);
  }

  @Property(tries = 50)
  void cyclicTriangleWave(
      @ForAll @Scale(6) @DoubleRange(min = 0, max = 1) double baseLr,
      @ForAll @Scale(6) @DoubleRange(min = 0, max = 1) double height,
      @ForAll @IntRange(min = 1, max = 40) int up,
      @ForAll @IntRange(min = 1, max = 40) int down,
      @ForAll boolean halving) {
    double maxLr = baseLr + height;
    double[] v = new double[STEPS];
    int position = 0;
    double amplitude = 1;
    for (int t = 0; t < STEPS; t++) {
      double fraction =
          position <= up ? (double) position / up : 1 - (double) (position - up) / down;
      v[t] = baseLr + height * fraction * amplitude;
      position++;
      if (position == up + down) {
        position = 0;
        if (halving) {
          amplitude /= 2;
        }
      }
    }
    Cyclic.Mode mode = halving ? Cyclic.Mode.TRIANGULAR2 : Cyclic.Mode.TRIANGULAR;
    assertSame(new Cyclic(baseLr, maxLr, up, down, mode, 1, 0.8, 0.9), v, Math.max(maxLr, 1e-3));
  }

  @Property(tries = 50)
  void warmupThenCosine(
      @ForAll @Scale(6) @DoubleRange(min = 1e-4, max = 10) double lr,
      @ForAll @IntRange(min = 1, max = 50) int steps,
      @ForAll @Scale(6) @DoubleRange(min = 0.01, max = 1) double startFactor,
      @ForAll @IntRange(min = 1, max = 200) int tMax) {
    double[] v = new double[STEPS];
    double rate = lr * startFactor;
    double increment = lr * (1 - startFactor) / steps;
    for (int t = 0; t < STEPS; t++) {
      if (t < steps) {
        v[t] = rate;
        rate += increment;
      } else {
        int u = t - steps;
        v[t] = lr * (1 + Math.cos(Math.PI * u / tMax)) / 2;
      }
    }
    assertSame(new Warmup(steps, startFactor, new Cosine(lr, tMax, 0)), v, lr);
  }

  @Property(tries = 50)
  void decayingSchedulesNeverIncreaseAndStayInRange(
      @ForAll @Scale(6) @DoubleRange(min = 1e-4, max = 10) double lr,
      @ForAll @IntRange(min = 1, max = 200) int tMax,
      @ForAll @Scale(6) @DoubleRange(min = 0.1, max = 3) double power,
      @ForAll @Scale(6) @DoubleRange(min = 0, max = 1) double k) {
    Schedule[] decaying = {
      new Linear(lr, tMax),
      new Polynomial(lr, tMax, power),
      new InverseTime(lr, k),
      new Exponential(lr, 1, k),
      new InverseSqrt(lr, 0)
    };
    for (Schedule s : decaying) {
      double previous = Double.POSITIVE_INFINITY;
      for (long t = 0; t < STEPS; t++) {
        double value = s.valueAt(t);
        assertThat(value).as("%s at %d", s, t).isBetween(0.0, lr).isLessThanOrEqualTo(previous);
        previous = value;
      }
    }
    Cosine cosine = new Cosine(lr, tMax, 0);
    for (long t = 1; t <= tMax; t++) {
      assertThat(cosine.valueAt(t)).isLessThanOrEqualTo(cosine.valueAt(t - 1));
    }
  }
}
