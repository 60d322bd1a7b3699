package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Values at the steps where schedules change behaviour, and the seeds' closed forms. */
class ScheduleBoundaryTest {
  private static final double EPS = 1e-15;

  private static double at(String spec, long step) {
    return Schedules.create(spec).valueAt(step);
  }

  @Test
  void stepDecaysExactlyAtMultiplesOfStepSize() {
    String s = "step(lr=0.1,step_size=30)";
    assertThat(at(s, 0)).isEqualTo(0.1);
    assertThat(at(s, 29)).isEqualTo(0.1);
    assertThat(at(s, 30)).isCloseTo(0.01, within(EPS));
    assertThat(at(s, 59)).isCloseTo(0.01, within(EPS));
    assertThat(at(s, 60)).isCloseTo(0.001, within(EPS));
  }

  @Test
  void multistepDecaysAtEachMilestoneLikeResNet() {
    String s = "multistep(lr=0.1,milestones=[30,60,90])";
    assertThat(at(s, 29)).isEqualTo(0.1);
    assertThat(at(s, 30)).isCloseTo(0.01, within(EPS));
    assertThat(at(s, 59)).isCloseTo(0.01, within(EPS));
    assertThat(at(s, 60)).isCloseTo(0.001, within(EPS));
    assertThat(at(s, 89)).isCloseTo(0.001, within(EPS));
    assertThat(at(s, 90)).isCloseTo(1e-4, within(EPS));
    assertThat(at(s, 1_000_000)).isCloseTo(1e-4, within(EPS));
  }

  @Test
  void exponentialGammaAndKAreTheSameCurve() {
    double k = 0.02;
    Schedule byK = Schedules.create("exponential(lr=0.3,k=0.02)");
    Schedule byGamma = new Exponential(0.3, Math.exp(-k), 0);
    for (long t = 0; t < 500; t += 7) {
      assertThat(byK.valueAt(t)).isCloseTo(0.3 * Math.exp(-k * t), within(1e-16));
      assertThat(byGamma.valueAt(t)).isCloseTo(byK.valueAt(t), within(1e-14));
    }
  }

  @Test
  void seedClosedForms() {
    for (long t = 0; t <= 200; t++) {
      assertThat(at("inverse_time(lr=0.5,k=0.1)", t)).isCloseTo(0.5 / (1 + 0.1 * t), within(EPS));
      // seed 002: alpha_t = 1/2 alpha_0 (1 + cos(t pi / T)) for t <= T
      if (t <= 100) {
        assertThat(at("cosine(lr=0.5,t_max=100)", t))
            .isCloseTo(0.5 * 0.5 * (1 + Math.cos(t * Math.PI / 100)), within(EPS));
        assertThat(at("linear(lr=0.5,t_max=100)", t)).isCloseTo(0.5 * (1 - t / 100.0), within(EPS));
      }
      // seed 002: alpha_t = alpha_0 / sqrt(t), updates counted from 1
      assertThat(at("inverse_sqrt(lr=0.5)", t)).isCloseTo(0.5 / Math.sqrt(t + 1), within(EPS));
    }
  }

  @Test
  void linearAndPolynomialReachZeroAtTMaxAndStayThere() {
    assertThat(at("linear(lr=0.1,t_max=50)", 49)).isCloseTo(0.1 / 50, within(EPS));
    assertThat(at("linear(lr=0.1,t_max=50)", 50)).isZero();
    assertThat(at("linear(lr=0.1,t_max=50)", 500)).isZero();
    assertThat(at("polynomial(lr=0.1,t_max=50,power=2)", 49)).isCloseTo(0.1 / 2500, within(EPS));
    assertThat(at("polynomial(lr=0.1,t_max=50,power=2)", 50)).isZero();
    assertThat(at("polynomial(lr=0.1,t_max=50,power=2)", 51)).isZero();
  }

  @Test
  void cosineHitsEtaMinAtTMaxAndRisesAfterLikePyTorch() {
    String s = "cosine(lr=0.1,t_max=100,eta_min=0.001)";
    assertThat(at(s, 0)).isEqualTo(0.1);
    assertThat(at(s, 50)).isCloseTo((0.1 + 0.001) / 2, within(EPS));
    assertThat(at(s, 100)).isEqualTo(0.001);
    assertThat(at(s, 101)).isGreaterThan(0.001).isEqualTo(at(s, 99));
    assertThat(at(s, 200)).isCloseTo(0.1, within(EPS));
  }

  @Test
  void cosineRestartsRestartAtTheEndOfEachCycle() {
    // cycles of 10, 20, 40, 80 steps: restarts at 10, 30, 70, 150
    String s = "cosine_restarts(lr=0.1,t_0=10,t_mult=2,eta_min=0.001)";
    for (long restart : new long[] {0, 10, 30, 70, 150}) {
      assertThat(at(s, restart)).as("restart at %d", restart).isEqualTo(0.1);
    }
    assertThat(at(s, 9))
        .isCloseTo(0.001 + 0.099 * (1 + Math.cos(Math.PI * 9 / 10)) / 2, within(EPS));
    assertThat(at(s, 29))
        .isCloseTo(0.001 + 0.099 * (1 + Math.cos(Math.PI * 19 / 20)) / 2, within(EPS));
    assertThat(at(s, 20)).isCloseTo((0.1 + 0.001) / 2, within(EPS));
    assertThat(at("cosine_restarts(lr=0.1,t_0=25)", 25 * 1000)).isEqualTo(0.1);
    // t_mult large enough that the cycle length would overflow a long
    assertThat(at("cosine_restarts(lr=0.1,t_0=1000000,t_mult=1000000)", Long.MAX_VALUE))
        .isBetween(0.0, 0.1);
  }

  @Test
  void oneCyclePeaksAtPctStartAndEndsAtTheMinimum() {
    OneCycle s = (OneCycle) Schedules.create("onecycle(max_lr=0.1,total_steps=100)");
    // phase 1 ends at pct_start * total_steps - 1 = 29
    assertThat(s.valueAt(0)).isCloseTo(0.1 / 25, within(EPS));
    assertThat(s.valueAt(29)).isEqualTo(0.1);
    assertThat(s.valueAt(99)).isCloseTo(0.1 / 25 / 1e4, within(EPS));
    assertThat(s.momentumAt(0)).isCloseTo(0.95, within(EPS));
    assertThat(s.momentumAt(29)).isCloseTo(0.85, within(EPS));
    assertThat(s.momentumAt(99)).isCloseTo(0.95, within(EPS));
    assertThat(s.valueAt(100)).isPositive();
    assertThatThrownBy(() -> s.valueAt(101))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("onecycle: step 101 is past total_steps=100");

    OneCycle three =
        (OneCycle) Schedules.create("onecycle(max_lr=0.1,total_steps=100,three_phase=true)");
    // phases end at 29, 58 and 99
    assertThat(three.valueAt(29)).isEqualTo(0.1);
    assertThat(three.valueAt(58)).isCloseTo(0.1 / 25, within(EPS));
    assertThat(three.valueAt(99)).isCloseTo(0.1 / 25 / 1e4, within(EPS));
    assertThat(three.momentumAt(58)).isCloseTo(0.95, within(EPS));
    assertThat(three.momentumAt(80)).isCloseTo(0.95, within(EPS));
  }

  @Test
  void cyclicPeaksAfterStepSizeUpAndBottomsAfterACycle() {
    String s = "cyclic(base_lr=0.01,max_lr=0.1,step_size_up=10,step_size_down=30)";
    assertThat(at(s, 0)).isEqualTo(0.01);
    assertThat(at(s, 5)).isCloseTo(0.055, within(EPS));
    assertThat(at(s, 10)).isCloseTo(0.1, within(EPS));
    assertThat(at(s, 25)).isCloseTo(0.055, within(EPS));
    assertThat(at(s, 40)).isEqualTo(0.01);
    assertThat(at(s, 50)).isCloseTo(0.1, within(EPS));
    String halving = "cyclic(base_lr=0.01,max_lr=0.1,step_size_up=10,mode=triangular2)";
    assertThat(at(halving, 10)).isCloseTo(0.1, within(EPS));
    assertThat(at(halving, 30)).isCloseTo(0.01 + 0.09 / 2, within(EPS));
    assertThat(at(halving, 50)).isCloseTo(0.01 + 0.09 / 4, within(EPS));
    Cyclic c = (Cyclic) Schedules.create(s);
    assertThat(c.momentumAt(0)).isEqualTo(0.9);
    assertThat(c.momentumAt(10)).isCloseTo(0.8, within(EPS));
    assertThat(c.momentum().valueAt(10)).isEqualTo(c.momentumAt(10));
  }

  @Test
  void warmupRisesLinearlyThenHandsOverAtStepZeroOfTheNextSchedule() {
    String s = "warmup(steps=10,start_factor=0.1,then=cosine(lr=0.1,t_max=90))";
    Schedule cosine = Schedules.create("cosine(lr=0.1,t_max=90)");
    assertThat(at(s, 0)).isCloseTo(0.01, within(EPS));
    assertThat(at(s, 5)).isCloseTo(0.01 + 0.09 * 0.5, within(EPS));
    assertThat(at(s, 9)).isCloseTo(0.01 + 0.09 * 0.9, within(EPS));
    assertThat(at(s, 10)).isEqualTo(0.1);
    for (long t = 10; t < 200; t++) {
      assertThat(at(s, t)).isEqualTo(cosine.valueAt(t - 10));
    }
    // warm-ups nest: the inner one runs after the outer one
    String nested = "warmup(steps=2,start_factor=0.5,then=warmup(steps=4,then=constant(lr=1)))";
    assertThat(at(nested, 0)).isCloseTo(0.5 / 3, within(EPS));
    assertThat(at(nested, 2)).isCloseTo(1.0 / 3, within(EPS));
    assertThat(at(nested, 6)).isEqualTo(1.0);
  }

  @Test
  void inverseSqrtWarmupPeaksAtTheLastWarmupStep() {
    String s = "inverse_sqrt(lr=0.1,warmup=20)";
    assertThat(at(s, 0)).isCloseTo(0.1 / 20, within(EPS));
    assertThat(at(s, 19)).isEqualTo(0.1);
    assertThat(at(s, 20)).isCloseTo(0.1 * Math.sqrt(20.0 / 21), within(EPS));
    assertThat(at("inverse_sqrt(lr=0.1,warmup=1)", 7)).isEqualTo(at("inverse_sqrt(lr=0.1)", 7));
  }

  @Test
  void negativeStepsAreRejected() {
    for (String name : Schedules.registry().names()) {
      String spec = ScheduleValidationTest.VALID.get(name);
      assertThatThrownBy(() -> Schedules.create(spec).valueAt(-1))
          .as(spec)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("step must be in [0, inf), got -1");
    }
  }
}
