package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.data.Sampling;
import dev.descent.optim.Averaging;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AveragingTrainingTest {
  private static TrainConfig config() {
    return new TrainConfig("momentum(lr=0.05)", null, 16, 3, 0, 4, 0, Sampling.SHUFFLE, 0, 5, 0);
  }

  @Test
  void averagingLeavesTheTrainingTrajectoryBitIdentical() {
    ModelSpec spec = TinyRun.spec(true, 0.2);
    Trainer plain = TinyRun.trainer(spec, config(), TinyRun.spiral(true));
    TrainResult p = plain.run();
    Trainer averaged =
        TinyRun.trainer(spec, config(), TinyRun.spiral(true)).averaging(Averaging.ema(0.9));
    TrainResult a = averaged.run();

    assertThat(a.weightsSha256()).isEqualTo(p.weightsSha256());
    for (int i = 0; i < plain.history().steps(); i++) {
      assertThat(averaged.history().loss(i)).isEqualTo(plain.history().loss(i));
    }
    assertThat(averaged.history().evaluations()).isEqualTo(plain.history().evaluations());
    List<History.Evaluation> avg = averaged.history().averagedEvaluations();
    assertThat(avg).hasSameSizeAs(plain.history().evaluations()).doesNotContainNull();
    assertThat(avg.get(avg.size() - 1).test().loss())
        .isNotEqualTo(plain.history().lastEvaluation().test().loss());
    assertThat(plain.history().averagedEvaluations()).containsOnlyNulls();
  }

  @Test
  void emaWithDecayZeroEvaluatesTheTrainingWeights() {
    ModelSpec spec = TinyRun.spec(false, 0);
    Trainer t = TinyRun.trainer(spec, config(), TinyRun.spiral(false)).averaging(Averaging.ema(0));
    t.run();
    List<History.Evaluation> raw = t.history().evaluations();
    List<History.Evaluation> avg = t.history().averagedEvaluations();
    for (int i = 0; i < raw.size(); i++) {
      assertThat(avg.get(i)).isEqualTo(raw.get(i));
    }
  }

  @Test
  void polyakEvaluationsStartWithItsFirstAveragedIterate() {
    ModelSpec spec = TinyRun.spec(false, 0);
    // 180 examples / 16 = 12 steps per epoch; the average starts at step 13
    Trainer t =
        TinyRun.trainer(spec, config(), TinyRun.spiral(false)).averaging(Averaging.polyak(13));
    t.run();
    List<History.Evaluation> avg = t.history().averagedEvaluations();
    assertThat(avg.get(0)).isNull();
    assertThat(avg.get(1)).isNotNull();
    assertThat(t.average().count()).isEqualTo(t.step() - 12);
    String csv = t.history().toCsv();
    assertThat(csv.lines().findFirst().orElseThrow()).endsWith(History.CSV_AVERAGE_COLUMNS);
    assertThat(t.history().toJson()).contains("\"avg_test_accuracy\":");
    assertThat(t.history().info()).containsEntry("average", "polyak(start=13)");
  }

  @Test
  void resumeRestoresTheAverageBitForBit(@TempDir Path dir) throws Exception {
    ModelSpec spec = TinyRun.spec(false, 0);
    Averaging ema = Averaging.parse("ema(decay=0.95)");
    Trainer reference = TinyRun.trainer(spec, config(), TinyRun.spiral(true)).averaging(ema);
    reference.run();

    TrainConfig shorter =
        new TrainConfig("momentum(lr=0.05)", null, 16, 2, 0, 4, 0, Sampling.SHUFFLE, 0, 5, 0);
    TinyRun.trainer(spec, shorter, TinyRun.spiral(true)).averaging(ema).checkpointDir(dir).run();
    Trainer resumed =
        TinyRun.trainer(spec, config(), TinyRun.spiral(true)).averaging(ema).checkpointDir(dir);
    resumed.resume();
    assertThat(resumed.history().toCsv()).isEqualTo(reference.history().toCsv());
    assertThat(resumed.average().average("layers.0.weight"))
        .isEqualTo(reference.average().average("layers.0.weight"));

    Trainer without = TinyRun.trainer(spec, config(), TinyRun.spiral(true)).checkpointDir(dir);
    assertThatThrownBy(without::resume).hasMessageContaining("averaged its weights");
    Trainer other =
        TinyRun.trainer(spec, config(), TinyRun.spiral(true))
            .averaging(Averaging.polyak(1))
            .checkpointDir(dir);
    assertThatThrownBy(other::resume).hasMessageContaining("ema(decay=0.95)");
  }

  @Test
  void specsParseWithDefaultsAndRangeErrors() {
    assertThat(Averaging.parse("ema")).isEqualTo(Averaging.ema(0.999));
    assertThat(Averaging.parse("polyak(start=100)")).isEqualTo(Averaging.polyak(100));
    assertThat(Averaging.parse(Averaging.ema(0.5).spec())).isEqualTo(Averaging.ema(0.5));
    assertThatThrownBy(() -> Averaging.parse("ema(decay=1)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("decay");
    assertThatThrownBy(() -> Averaging.parse("swa"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("polyak");
  }
}
