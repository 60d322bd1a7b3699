package dev.descent.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.nn.Parameter;
import dev.descent.schedule.Schedule;
import dev.descent.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizerApiTest {

  @Test
  void sgdOnDoublesIsTheTextbookRule() {
    Optimizer opt = Optimizers.create("sgd(lr=0.95)");
    double[] x = {-7, 2};
    double[] g = new double[2];
    OptimizerState s = opt.init(x);
    for (int i = 0; i < 3; i++) {
      double ex0 = x[0] - 0.95 * (x[0] / 10);
      double ex1 = x[1] - 0.95 * (2 * x[1]);
      g[0] = x[0] / 10;
      g[1] = 2 * x[1];
      opt.step(x, g, s);
      assertThat(x).containsExactly(ex0, ex1);
    }
    assertThat(s.step()).isEqualTo(3);
  }

  @Test
  void floatParametersAndScheduleDriveTheRate() {
    Tensor w = Tensor.of(new float[] {1f, -2f}, 2);
    Parameter p = Parameter.of("w", w, true);
    Optimizer opt = Optimizers.create("sgd(lr=1)").withSchedule(t -> t == 0 ? 0.5 : 0.25);
    OptimizerState s = opt.init(List.of(p));
    p.grad().data()[0] = 1f;
    p.grad().data()[1] = 1f;
    opt.step(List.of(p), s);
    assertThat(w.data()).containsExactly(0.5f, -2.5f);
    opt.step(List.of(p), s);
    assertThat(w.data()).containsExactly(0.25f, -2.75f);
  }

  @Test
  void adamFirstStepMovesEachCoordinateByLr() {
    Optimizer opt = Optimizers.create("adam(lr=0.3)");
    double[] x = {-7, 2};
    OptimizerState s = opt.init(x);
    opt.step(x, new double[] {-0.7, 4}, s);
    assertThat(x[0]).isCloseTo(-6.7, org.assertj.core.data.Offset.offset(1e-7));
    assertThat(x[1]).isCloseTo(1.7, org.assertj.core.data.Offset.offset(1e-7));
  }

  @Test
  void stateIsCheckedAgainstTheModel() {
    Optimizer opt = Optimizers.create("adam");
    OptimizerState s = opt.init(new double[3]);
    assertThatThrownBy(() -> opt.step(new double[2], new double[2], s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length 2");
    assertThatThrownBy(() -> Optimizers.create("sgd(lr=1)").step(new double[3], new double[3], s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("state was made by adam");
  }

  @Test
  void negativeScheduleValueIsRejected() {
    Optimizer opt = Optimizers.create("sgd(lr=1)").withSchedule(Schedule.constant(-1));
    double[] x = {1};
    OptimizerState s = opt.init(x);
    assertThatThrownBy(() -> opt.step(x, new double[] {1}, s))
        .hasMessage("lr must be in [0, inf), got -1.0 from the schedule at step 0");
  }

  @Test
  void pyTorchStyleFlagsEqualTheNamedVariants() {
    String[][] pairs = {
      {"sgd(lr=0.1,momentum=0.9,nesterov=true)", "nesterov(lr=0.1)"},
      {"sgd(lr=0.1,momentum=0.9)", "momentum(lr=0.1)"},
      {"adam(lr=0.1,amsgrad=true)", "amsgrad(lr=0.1)"}
    };
    for (String[] pair : pairs) {
      Optimizer a = Optimizers.create(pair[0]);
      Optimizer b = Optimizers.create(pair[1]);
      double[] x = {-7, 2};
      double[] y = x.clone();
      OptimizerState sa = a.init(x);
      OptimizerState sb = b.init(y);
      for (int t = 0; t < 20; t++) {
        a.step(x, new double[] {x[0] / 10, 2 * x[1]}, sa);
        b.step(y, new double[] {y[0] / 10, 2 * y[1]}, sb);
      }
      assertThat(x).as(pair[0]).containsExactly(y);
      assertThat(a.description()).isEqualTo(b.description());
    }
  }

  @Test
  void unknownNamesAndKeysListTheValidOnes() {
    assertThatThrownBy(() -> Optimizers.create("adan(lr=0.1)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown optimizer 'adan'; did you mean 'adam'?")
        .hasMessageContaining("valid optimizers: sgd, momentum, nesterov, adam, amsgrad");
    assertThatThrownBy(() -> Optimizers.create("adam(betas=0.9)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown key 'betas' for optimizer adam");
    assertThatThrownBy(() -> Optimizers.create("sgd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("optimizer sgd needs lr");
  }

  @Test
  void constantMomentumScheduleChangesNothing() {
    for (String spec : new String[] {"momentum(lr=0.05)", "adam(lr=0.1)", "radam(lr=0.1)"}) {
      Optimizer plain = Optimizers.create(spec);
      Optimizer scheduled = plain.withMomentumSchedule(Schedule.constant(0.9));
      double[] x = {-7, 2};
      double[] y = x.clone();
      OptimizerState sx = plain.init(x);
      OptimizerState sy = scheduled.init(y);
      for (int t = 0; t < 30; t++) {
        plain.step(x, new double[] {x[0] / 10, 2 * x[1]}, sx);
        scheduled.step(y, new double[] {y[0] / 10, 2 * y[1]}, sy);
      }
      assertThat(y).as(spec).containsExactly(x);
    }
  }

  @Test
  void cyclingMomentumFollowsTheScheduleEachStep() {
    Schedule mu = t -> 0.85 + 0.05 * (t % 3);
    Optimizer opt = Optimizers.create("momentum(lr=0.1)").withMomentumSchedule(mu);
    double[] x = {-7, 2};
    double[] ref = x.clone();
    double[] buf = new double[2];
    OptimizerState s = opt.init(x);
    for (int t = 0; t < 25; t++) {
      double[] g = {ref[0] / 10, 2 * ref[1]};
      for (int k = 0; k < 2; k++) {
        buf[k] = t == 0 ? g[k] : mu.valueAt(t) * buf[k] + g[k];
        ref[k] -= 0.1 * buf[k];
      }
      opt.step(x, new double[] {x[0] / 10, 2 * x[1]}, s);
      assertThat(x).containsExactly(ref);
    }
  }

  @Test
  void momentumScheduleNeedsMomentumAndAValidValue() {
    assertThatThrownBy(() -> Optimizers.create("sgd(lr=0.1)").withMomentumSchedule(t -> 0.9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a momentum schedule needs an optimizer with momentum");
    Optimizer opt = Optimizers.create("adam").withMomentumSchedule(t -> t < 2 ? 0.9 : 1.0);
    double[] x = {1};
    OptimizerState s = opt.init(x);
    opt.step(x, new double[] {1}, s);
    opt.step(x, new double[] {1}, s);
    assertThatThrownBy(() -> opt.step(x, new double[] {1}, s))
        .hasMessage("momentum must be in [0, 1), got 1.0 from the schedule at step 2");
  }
}
