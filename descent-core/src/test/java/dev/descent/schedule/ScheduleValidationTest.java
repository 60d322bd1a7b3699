package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad configurations give one exact message naming the key, the value and the valid range. */
class ScheduleValidationTest {

  /** A valid spec per registered name. */
  static final Map<String, String> VALID =
      Map.ofEntries(
          Map.entry("constant", "constant(lr=0.1)"),
          Map.entry("step", "step(lr=0.1,step_size=3)"),
          Map.entry("multistep", "multistep(lr=0.1,milestones=[3])"),
          Map.entry("exponential", "exponential(lr=0.1,gamma=0.9)"),
          Map.entry("inverse_time", "inverse_time(lr=0.1,k=1)"),
          Map.entry("inverse_sqrt", "inverse_sqrt(lr=0.1)"),
          Map.entry("linear", "linear(lr=0.1)"),
          Map.entry("polynomial", "polynomial(lr=0.1)"),
          Map.entry("cosine", "cosine(lr=0.1,t_max=10)"),
          Map.entry("cosine_restarts", "cosine_restarts(lr=0.1,t_0=10)"),
          Map.entry("onecycle", "onecycle(max_lr=0.1,total_steps=10)"),
          Map.entry("onecycle_momentum", "onecycle_momentum(max_lr=0.1,total_steps=10)"),
          Map.entry("cyclic", "cyclic(base_lr=0.01,max_lr=0.1)"),
          Map.entry("cyclic_momentum", "cyclic_momentum(base_lr=0.01,max_lr=0.1)"),
          Map.entry("warmup", "warmup(then=constant(lr=1))"));

  @Test
  void everyScheduleHasAValidExample() {
    assertThat(VALID.keySet()).containsExactlyInAnyOrderElementsOf(Schedules.registry().names());
    VALID.values().forEach(spec -> assertThat(Schedules.create(spec).valueAt(0)).isPositive());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          constant(lr=-0.1)                      | constant: lr must be in [0, inf), got -0.1
          constant(lr=inf)                       | constant: lr must be in [0, inf), got Infinity
          step(lr=0.1,step_size=0)               | step: step_size must be in [1, inf), got 0
          step(lr=0.1,step_size=10,gamma=1.5)    | step: gamma must be in (0, 1], got 1.5
          step(lr=0.1,step_size=10,gamma=0)      | step: gamma must be in (0, 1], got 0.0
          step(lr=0.1,step_size=2.5)             | step: step_size must be a whole number, got 2.5
          step(lr=0.1)                           | schedule step needs step_size (steps between decays), e.g. step(step_size=…)
          multistep(lr=0.1,milestones=[60,30])   | multistep: milestones must be strictly increasing steps in [0, inf), got [60, 30]
          multistep(lr=0.1,milestones=[30,30])   | multistep: milestones must be strictly increasing steps in [0, inf), got [30, 30]
          multistep(lr=0.1,milestones=[])        | multistep: milestones must not be empty
          multistep(lr=0.1,milestones=[2.5])     | multistep: milestones must be whole numbers, got 2.5
          exponential(lr=0.1,gamma=0.9,k=0.1)    | exponential: give gamma (lr·gamma^t) or k (lr·e^(-k·t)), not both; got gamma=0.9, k=0.1
          exponential(lr=0.1,k=-1)               | exponential: k must be in [0, inf), got -1.0
          inverse_time(lr=0.1,k=-0.5)            | inverse_time: k must be in [0, inf), got -0.5
          inverse_sqrt(lr=0.1,warmup=-1)         | inverse_sqrt: warmup must be in [0, inf), got -1
          linear(lr=0.1,t_max=0)                 | linear: t_max must be in [1, inf), got 0
          polynomial(lr=0.1,power=0)             | polynomial: power must be in (0, inf), got 0.0
          cosine(lr=0.1,t_max=0)                 | cosine: t_max must be in [1, inf), got 0
          cosine(lr=0.1,t_max=10,eta_min=0.2)    | cosine: eta_min must be in [0, lr] = [0, 0.1], got 0.2
          cosine(lr=0.1,tmax=10)                 | unknown key 'tmax' for schedule cosine; did you mean 't_max'?; valid keys: lr, t_max, eta_min
          cosine_restarts(lr=0.1,t_0=10,t_mult=0) | cosine_restarts: t_mult must be in [1, inf), got 0
          onecycle(max_lr=0,total_steps=100)     | onecycle: max_lr must be in (0, inf), got 0.0
          onecycle(max_lr=0.1,total_steps=1)     | onecycle: total_steps must be in [2, inf), got 1
          onecycle(max_lr=0.1,total_steps=100,pct_start=1.5) | onecycle: pct_start must be in [0, 1], got 1.5
          onecycle(max_lr=0.1,total_steps=100,pct_start=0.01) | onecycle: pct_start=0.01 with total_steps=100 leaves a phase without steps; pct_start * total_steps must be > 1 and pct_start * total_steps must be < total_steps
          onecycle(max_lr=0.1,total_steps=100,pct_start=1) | onecycle: pct_start=1.0 with total_steps=100 leaves a phase without steps; pct_start * total_steps must be > 1 and pct_start * total_steps must be < total_steps
          onecycle(max_lr=0.1,total_steps=100,pct_start=0.6,three_phase=true) | onecycle: pct_start=0.6 with total_steps=100 and three_phase leaves a phase without steps; pct_start * total_steps must be > 1 and 2 * pct_start * total_steps - 1 must be < total_steps
          onecycle(max_lr=0.1,total_steps=100,anneal_strategy=cosine) | onecycle: anneal_strategy must be one of cos, linear, got cosine
          onecycle(max_lr=0.1,total_steps=100,base_momentum=1) | onecycle: base_momentum must be in [0, 1), got 1.0
          cyclic(base_lr=0.1,max_lr=0.01)        | cyclic: max_lr must be in [base_lr, inf) = [0.1, inf), got 0.01
          cyclic(base_lr=0.01,max_lr=0.1,step_size_up=0) | cyclic: step_size_up must be in [1, inf), got 0
          cyclic(base_lr=0.01,max_lr=0.1,mode=exp_range,gamma=2) | cyclic: gamma must be in (0, 1], got 2.0
          cyclic(base_lr=0.01,max_lr=0.1,mode=triangle) | cyclic: mode must be one of triangular, triangular2, exp_range, got triangle
          warmup(steps=0,then=constant(lr=1))    | warmup: steps must be in [1, inf), got 0
          warmup(start_factor=0,then=constant(lr=1)) | warmup: start_factor must be in (0, 1], got 0.0
          warmup(then=cosine(lr=0.1))            | schedule cosine needs t_max (half period: steps from lr to eta_min), e.g. cosine(t_max=…)
          cosin(lr=0.1,t_max=10)                 | unknown schedule 'cosin'; did you mean 'cosine'?; valid schedules: constant, step, multistep, exponential, inverse_time, inverse_sqrt, linear, polynomial, cosine, cosine_restarts, onecycle, onecycle_momentum, cyclic, cyclic_momentum, warmup
          plateau(lr=0.1)                        | plateau is driven by a validation metric, not by the step, so it is not a schedule of steps; the trainer feeds it metrics (Schedules.createPlateau)
          """)
  void badConfigGivesAnExactMessage(String spec, String message) {
    assertThatThrownBy(() -> Schedules.create(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          plateau(lr=0.1,factor=1)                    | plateau: factor must be in (0, 1), got 1.0
          plateau(lr=0.1,patience=-1)                 | plateau: patience must be in [0, inf), got -1
          plateau(lr=0.1,threshold=1)                 | plateau: threshold must be in [0, 1) with threshold_mode=rel, got 1.0
          plateau(lr=0.1,threshold=-1,threshold_mode=abs) | plateau: threshold must be in [0, inf), got -1.0
          plateau(lr=0.1,mode=lowest)                 | plateau: mode must be one of min, max, got lowest
          plateau(lr=0.1,min_lr=-1)                   | plateau: min_lr must be in [0, inf), got -1.0
          plateau(lr=0.1,cooldown=-2)                 | plateau: cooldown must be in [0, inf), got -2
          """)
  void badPlateauConfigGivesAnExactMessage(String spec, String message) {
    assertThatThrownBy(() -> Schedules.createPlateau(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void plateauRejectsANanMetric() {
    Plateau p = Schedules.createPlateau("plateau(lr=0.1)");
    Plateau.State s = p.step(p.start(), 1.0);
    assertThatThrownBy(() -> p.step(s, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("plateau: metric must be a number, got NaN at epoch 2");
  }
}
