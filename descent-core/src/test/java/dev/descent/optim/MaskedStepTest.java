package dev.descent.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.nn.Parameter;
import dev.descent.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Optimizer#step(List, OptimizerState, boolean[])}: updates only the active parameters. */
class MaskedStepTest {
  private static List<Parameter> params() {
    Parameter a = Parameter.of("a", Tensor.of(new float[] {1f, -2f, 0.5f}, 3), true);
    Parameter b = Parameter.of("b", Tensor.of(new float[] {3f, 4f}, 2), true);
    a.grad().data()[0] = 0.3f;
    a.grad().data()[1] = -1f;
    a.grad().data()[2] = 2f;
    b.grad().data()[0] = 5f;
    b.grad().data()[1] = -0.5f;
    return List.of(a, b);
  }

  @Test
  void inactiveParametersKeepValuesAndStateAndActiveOnesMatchAFullStep() {
    Optimizer opt = Optimizers.create("adam(lr=0.1)");
    List<Parameter> full = params();
    OptimizerState fullState = opt.init(full);
    opt.step(full, fullState);
    opt.step(full, fullState);

    List<Parameter> masked = params();
    OptimizerState maskedState = opt.init(masked);
    opt.step(masked, maskedState, new boolean[] {true, false});
    opt.step(masked, maskedState, new boolean[] {true, false});

    assertThat(masked.get(0).value().data()).containsExactly(full.get(0).value().data());
    assertThat(maskedState.slot("a", "exp_avg")).containsExactly(fullState.slot("a", "exp_avg"));
    assertThat(masked.get(1).value().data()).containsExactly(3f, 4f);
    assertThat(maskedState.slot("b", "exp_avg")).containsOnly(0.0);
    assertThat(maskedState.slot("b", "exp_avg_sq")).containsOnly(0.0);
    assertThat(maskedState.step()).isEqualTo(2);
  }

  @Test
  void clippingSeesTheActiveGradientsOnly() {
    Optimizer opt = Optimizers.create("sgd(lr=1,clip_norm=1)");
    List<Parameter> p = params();
    OptimizerState s = opt.init(p);
    opt.step(p, s, new boolean[] {false, true});
    double norm = Math.hypot(5, 0.5);
    assertThat(p.get(1).value().data()[0]).isEqualTo((float) (3 - 5 / norm));
    assertThat(p.get(0).value().data()).containsExactly(1f, -2f, 0.5f);
  }

  @Test
  void aMaskOfTheWrongLengthIsRefused() {
    Optimizer opt = Optimizers.create("sgd(lr=1)");
    List<Parameter> p = params();
    OptimizerState s = opt.init(p);
    assertThatThrownBy(() -> opt.step(p, s, new boolean[] {true}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("active must have one flag per parameter (2), got 1");
  }
}
