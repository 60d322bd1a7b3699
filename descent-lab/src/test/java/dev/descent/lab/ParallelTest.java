package dev.descent.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.data.Dataset;
import dev.descent.data.Sampling;
import dev.descent.data.Splits;
import dev.descent.data.Synthetic;
import dev.descent.nn.Activation;
import dev.descent.train.ModelSpec;
import dev.descent.train.TrainConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParallelTest {
  private static Training.Run train(String optimizer) {
    Dataset d = Synthetic.spiral(300, 3, 7);
    Splits s = Splits.of(d.head(240), d.subset(range(240, 300)));
    return Training.run(
        optimizer,
        new ModelSpec(2, new int[] {16, 16}, 3, Activation.RELU, "he", false, 0.1, 3),
        new TrainConfig(optimizer, null, 32, 3, 0, 11, 1e-4, Sampling.SHUFFLE, 0, 0, 0),
        s);
  }

  private static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }

  @Test
  void threadedRunsEqualSerialRunsBitForBit() {
    List<String> specs =
        List.of("sgd(lr=0.1)", "momentum(lr=0.05)", "adam(lr=0.01)", "adagrad(lr=0.1)");
    List<Training.Run> serial = Parallel.map(specs, 1, ParallelTest::train);
    List<Training.Run> threaded = Parallel.map(specs, 3, ParallelTest::train);
    assertThat(threaded).hasSize(specs.size());
    for (int i = 0; i < specs.size(); i++) {
      assertThat(threaded.get(i).label()).isEqualTo(specs.get(i));
      assertThat(threaded.get(i).losses()).containsExactly(serial.get(i).losses());
      assertThat(threaded.get(i).epochAccuracy(true))
          .containsExactly(serial.get(i).epochAccuracy(true));
    }
    // the runs differ from each other, so equality above is not trivial
    assertThat(serial.get(0).losses()).isNotEqualTo(serial.get(2).losses());
  }

  @Test
  void aJobsExceptionReachesTheCaller() {
    assertThatThrownBy(
            () ->
                Parallel.map(
                    List.of(1, 2, 3),
                    2,
                    i -> {
                      if (i == 2) {
                        throw new IllegalArgumentException("job " + i + " failed");
                      }
                      return i;
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("job 2 failed");
  }

  @Test
  void rejectsZeroThreads() {
    assertThatThrownBy(() -> Parallel.map(List.of(1), 0, i -> i))
        .hasMessage("threads must be in [1, 1024], got 0");
  }
}
