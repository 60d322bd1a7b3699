package dev.descent.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.nn.Parameter;
import dev.descent.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WeightAverageTest {

  @Test
  void polyakIsTheMeanOfTheIteratesFromTheStartStep() {
    WeightAverage avg = Averaging.polyak(3).init(new double[] {100});
    double[] iterates = {1, 2, 4, 8, 16, 32};
    for (double v : iterates) {
      avg.update(new double[] {v});
    }
    assertThat(avg.count()).isEqualTo(4);
    assertThat(avg.average("x")[0]).isCloseTo((4 + 8 + 16 + 32) / 4.0, within(1e-12));
  }

  @Test
  void emaFollowsItsClosedForm() {
    double decay = 0.9;
    WeightAverage avg = Averaging.ema(decay).init(new double[] {2});
    double[] xs = {1, -1, 3};
    double expected = 2;
    for (double x : xs) {
      avg.update(new double[] {x});
      expected = decay * expected + (1 - decay) * x;
    }
    assertThat(avg.average("x")[0]).isCloseTo(expected, within(1e-15));
    assertThat(expected)
        .isCloseTo(
            Math.pow(decay, 3) * 2 + (1 - decay) * (Math.pow(decay, 2) * 1 + decay * -1 + 3),
            within(1e-15));
  }

  @Test
  void polyakAveragingOfNoisySgdBeatsTheLastIterate() {
    Random rnd = new Random(5);
    int n = 200;
    double[] x = new double[n];
    java.util.Arrays.fill(x, 3);
    Optimizer opt = Optimizers.create("sgd(lr=0.1)");
    OptimizerState s = opt.init(x);
    WeightAverage avg = Averaging.polyak(200).init(x);
    double[] g = new double[n];
    for (int t = 0; t < 2000; t++) {
      for (int i = 0; i < n; i++) {
        g[i] = x[i] + rnd.nextGaussian();
      }
      opt.step(x, g, s);
      avg.update(x);
    }
    double[] mean = new double[n];
    avg.copyTo(mean);
    double lastLoss = 0;
    double avgLoss = 0;
    for (int i = 0; i < n; i++) {
      lastLoss += x[i] * x[i];
      avgLoss += mean[i] * mean[i];
    }
    assertThat(avgLoss).isLessThan(0.05 * lastLoss);
  }

  @Test
  void swapInAndOutLeavesTrainingBitIdentical() {
    Parameter w = Parameter.of("w", Tensor.of(new float[] {1f, 2f, 3f}, 3), true);
    List<Parameter> ps = List.of(w);
    WeightAverage avg = Averaging.ema(0.5).init(ps);
    w.value().data()[0] = 0.1f;
    w.value().data()[1] = 0.2f;
    w.value().data()[2] = 0.3f;
    avg.update(ps);
    float[] training = w.value().data().clone();
    avg.swapIn(ps);
    assertThat(w.value().data()).containsExactly(0.55f, 1.1f, 1.65f);
    assertThatThrownBy(() -> avg.update(ps)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> avg.swapIn(ps)).isInstanceOf(IllegalStateException.class);
    avg.swapOut(ps);
    assertThat(w.value().data()).containsExactly(training);
    assertThatThrownBy(() -> avg.swapOut(ps)).isInstanceOf(IllegalStateException.class);

    Parameter copy = Parameter.of("w", Tensor.zeros(3), true);
    avg.copyTo(List.of(copy));
    assertThat(copy.value().data()).containsExactly(0.55f, 1.1f, 1.65f);
    assertThatThrownBy(() -> avg.copyTo(List.of(Parameter.of("v", Tensor.zeros(3), true))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the average is for parameters [w], got [v]");
  }

  @Test
  void invalidConfigsAreRejected() {
    assertThatThrownBy(() -> Averaging.ema(1.0)).hasMessage("decay must be in [0, 1), got 1.0");
    assertThatThrownBy(() -> Averaging.polyak(0)).hasMessage("start must be in [1, inf), got 0");
  }

  @Test
  void exportAndRestoreContinueBitIdentically() {
    Random rnd = new Random(3);
    double[] x = new double[50];
    WeightAverage a = Averaging.polyak(4).init(x);
    for (int t = 0; t < 6; t++) {
      for (int i = 0; i < x.length; i++) {
        x[i] = rnd.nextGaussian();
      }
      a.update(x);
    }
    WeightAverage b = Averaging.polyak(4).init(new double[50]);
    b.restore(a.export());
    for (int t = 0; t < 5; t++) {
      for (int i = 0; i < x.length; i++) {
        x[i] = rnd.nextGaussian();
      }
      a.update(x);
      b.update(x);
    }
    assertThat(b.count()).isEqualTo(a.count()).isEqualTo(8);
    assertThat(b.average("x")).containsExactly(a.average("x"));
    assertThatThrownBy(() -> Averaging.ema(0.9).init(new double[50]).restore(a.export()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot restore averages of Averaging[kind=POLYAK");
    assertThatThrownBy(() -> Averaging.polyak(4).init(new double[49]).restore(a.export()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("saved x/average must be a double[49], got double[50]");
  }
}
