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
}
