package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.concurrent.Workers;
import dev.descent.data.Dataset;
import dev.descent.data.Sampling;
import dev.descent.data.Splits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

  private static TrainConfig config(String optimizer, long epochs) {
    return new TrainConfig(optimizer, null, 16, epochs, 0, 5, 1e-4, Sampling.SHUFFLE, 0, 0, 0);
  }

  @Test
  void aStepUsesAtMostOneThreadPerRowBlockOfItsBatch() {
    assertThat(Trainer.stepThreads(1)).isEqualTo(1);
    assertThat(Trainer.stepThreads(64)).isEqualTo(1);
    assertThat(Trainer.stepThreads(65)).isEqualTo(2);
    assertThat(Trainer.stepThreads(128)).isEqualTo(2);
    assertThat(Trainer.stepThreads(512)).isEqualTo(8);
    // A pool larger than that (its view limited to 1 thread here, batch 16) trains the weights of
    // one thread, as every pool does (ThreadCountTest); Workers.limit is tested in WorkersTest.
    ModelSpec spec = TinyRun.spec(true, 0.2);
    TrainConfig c = config("adam(lr=0.01)", 2);
    try (Workers w = Workers.create(6)) {
      Trainer serial = TinyRun.trainer(spec, c, TinyRun.spiral(true)).workers(Workers.serial());
      Trainer pooled = TinyRun.trainer(spec, c, TinyRun.spiral(true)).workers(w);
      assertThat(pooled.run().weightsSha256()).isEqualTo(serial.run().weightsSha256());
    }
  }

  @Test
  void sameSeedGivesBitIdenticalWeights() {
    ModelSpec spec = TinyRun.spec(true, 0.2);
    TrainConfig c = config("adam(lr=0.01)", 4);
    Trainer a = TinyRun.trainer(spec, c, TinyRun.spiral(true));
    Trainer b = TinyRun.trainer(spec, c, TinyRun.spiral(true));
    TrainResult ra = a.run();
    TrainResult rb = b.run();
    List<int[]> bitsA = TinyRun.bits(a.model());
    List<int[]> bitsB = TinyRun.bits(b.model());
    assertThat(bitsA).hasSameSizeAs(bitsB);
    for (int i = 0; i < bitsA.size(); i++) {
      assertThat(bitsA.get(i)).isEqualTo(bitsB.get(i));
    }
    assertThat(ra.weightsSha256()).isEqualTo(rb.weightsSha256());
    for (int i = 0; i < a.history().steps(); i++) {
      assertThat(Double.doubleToRawLongBits(a.history().loss(i)))
          .isEqualTo(Double.doubleToRawLongBits(b.history().loss(i)));
    }
    Trainer other = TinyRun.trainer(spec, c.withSeed(6), TinyRun.spiral(true));
    assertThat(other.run().weightsSha256()).isNotEqualTo(ra.weightsSha256());
  }

  @Test
  void aTestSplitThatIsTheValidationSplitScoresAsAnEqualCopyWould() {
    Splits s = TinyRun.spiral(true);
    Dataset validation = s.validation();
    TrainConfig c = config("sgd(lr=0.1)", 3);
    Trainer shared =
        TinyRun.trainer(TinyRun.spec(false, 0), c, new Splits(s.train(), validation, validation));
    Trainer copied =
        TinyRun.trainer(
            TinyRun.spec(false, 0),
            c,
            new Splits(s.train(), validation, validation.head(validation.size())));
    shared.run();
    copied.run();
    List<History.Evaluation> a = shared.history().evaluations();
    List<History.Evaluation> b = copied.history().evaluations();
    assertThat(a).hasSize(3).hasSameSizeAs(b);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i).test()).isEqualTo(b.get(i).test()).isEqualTo(b.get(i).validation());
      assertThat(a.get(i).train()).isEqualTo(b.get(i).train());
    }
  }

  @Test
  void learnsTheSpiralAndRecordsEveryStepAndEpoch() {
    TrainConfig c = config("adam(lr=0.02)", 30);
    Trainer t = TinyRun.trainer(TinyRun.spec(false, 0), c, TinyRun.spiral(true));
    TrainResult r = t.run();
    int perEpoch = (int) Math.ceil(144 / 16.0); // 180 points minus the 20% validation part
    assertThat(r.steps()).isEqualTo(30L * perEpoch);
    assertThat(r.epochs()).isEqualTo(30);
    assertThat(t.history().steps()).isEqualTo(30 * perEpoch);
    assertThat(t.history().evaluations()).hasSize(30);
    assertThat(t.history().evaluations()).allMatch(History.Evaluation::epochEnd);
    assertThat(t.history().evaluations().get(0).validation().count()).isEqualTo(36);
    assertThat(r.last().train().accuracy()).isGreaterThan(0.9);
    assertThat(r.last().test().accuracy()).isGreaterThan(0.8);
    assertThat(t.history().loss(t.history().steps() - 1)).isLessThan(t.history().loss(0));
    assertThat(r.trainSamples()).isEqualTo(30L * 144);
  }

  @Test
  void iterationsEndMidEpochWithAFinalEvaluationAndPeriodicOnes() {
    TrainConfig c =
        new TrainConfig("sgd(lr=0.1)", null, 16, 0, 25, 1, 0, Sampling.SHUFFLE, 4, 0, 0);
    Trainer t = TinyRun.trainer(TinyRun.spec(false, 0), c, TinyRun.spiral(false));
    TrainResult r = t.run();
    assertThat(r.steps()).isEqualTo(25);
    assertThat(r.epochs()).isEqualTo(2); // 180 / 16 -> 12 batches per epoch
    List<Long> steps = new ArrayList<>();
    for (History.Evaluation e : t.history().evaluations()) {
      steps.add(e.step());
    }
    assertThat(steps).containsExactly(4L, 8L, 12L, 16L, 20L, 24L, 25L);
    assertThat(t.history().evaluations().get(2).epochEnd()).isTrue();
    assertThat(t.history().evaluations().get(0).validation()).isNull();
  }

  @Test
  void earlyStoppingEndsARunThatNeverImproves() {
    // lr = 0 leaves the weights and so the monitored loss unchanged: no epoch improves on the
    // first, and the run stops once `patience` epochs in a row have failed to.
    TrainConfig c = config("sgd(lr=0)", 50).withPatience(3);
    Trainer t = TinyRun.trainer(TinyRun.spec(false, 0), c, TinyRun.spiral(true));
    TrainResult r = t.run();
    assertThat(r.stoppedEarly()).isTrue();
    assertThat(r.epochs()).isEqualTo(4);
    TrainResult full =
        TinyRun.trainer(
                TinyRun.spec(false, 0),
                config("sgd(lr=0.1)", 3).withPatience(3),
                TinyRun.spiral(true))
            .run();
    assertThat(full.stoppedEarly()).isFalse();
  }

  @Test
  void plateauReducesTheRateWhenTheMetricStalls() {
    // threshold=0.9 (rel) counts only a 90% drop as an improvement, so every epoch after the first
    // stalls; with patience=0 each stalled epoch halves the rate. sgd's own lr=0 is overridden.
    TrainConfig c =
        config("sgd(lr=0)", 4).withSchedule("plateau(lr=0.5,patience=0,factor=0.5,threshold=0.9)");
    Trainer t = TinyRun.trainer(TinyRun.spec(false, 0), c, TinyRun.spiral(true));
    t.run();
    History h = t.history();
    int perEpoch = 9;
    assertThat(h.steps()).isEqualTo(4 * perEpoch);
    double[] expected = {0.5, 0.5, 0.25, 0.125};
    for (int i = 0; i < h.steps(); i++) {
      assertThat(h.lr(i)).as("lr of step %d", i).isEqualTo(expected[i / perEpoch]);
    }
  }

  @Test
  void lrLoggingReportsTheFirstRateAndEachChange() {
    TrainConfig c =
        new TrainConfig(
            "sgd(lr=0.1)",
            "step(lr=0.1,step_size=10,gamma=0.5)",
            16,
            0,
            25,
            1,
            0,
            Sampling.SHUFFLE,
            0,
            0,
            0);
    List<String> lines = new ArrayList<>();
    TinyRun.trainer(TinyRun.spec(false, 0), c, TinyRun.spiral(false))
        .listener(TrainListener.lrChanges(lines::add))
        .run();
    assertThat(lines).containsExactly("step 1: lr=0.1", "step 11: lr=0.05", "step 21: lr=0.025");
  }

  @Test
  void divergenceStopsWithStepEpochAndRateAndKeepsTheLastGoodCheckpoint(@TempDir Path dir)
      throws Exception {
    TrainConfig good = config("sgd(lr=0.05)", 1);
    Trainer first = TinyRun.trainer(TinyRun.spec(false, 0), good, TinyRun.spiral(false));
    first.checkpointDir(dir).run();
    Path ckpt = dir.resolve(Trainer.CHECKPOINT_FILE);
    byte[] before = Files.readAllBytes(ckpt);

    TrainConfig bad = config("sgd(lr=1000000.0)", 3);
    Trainer t = TinyRun.trainer(TinyRun.spec(false, 0), bad, TinyRun.spiral(false));
    Path other = Files.createDirectory(dir.resolve("bad"));
    Files.write(other.resolve(Trainer.CHECKPOINT_FILE), before);
    t.checkpointDir(other);
    assertThatThrownBy(t::run)
        .isInstanceOf(DivergenceException.class)
        .hasMessageMatching("diverged at step \\d+, epoch 1, lr=1000000\\.0 .*")
        .hasMessageContaining("optimizer sgd(lr=1000000.0)")
        .hasMessageContaining(other.resolve(Trainer.CHECKPOINT_FILE).toString());
    assertThat(Files.readAllBytes(other.resolve(Trainer.CHECKPOINT_FILE))).isEqualTo(before);
    assertThat(t.history().steps()).isPositive();
    assertThat(Double.isFinite(t.history().loss(t.history().steps() - 1))).isFalse();
  }

  @Test
  void rejectsBadConfigsWithTheParameterAndValue() {
    assertThatThrownBy(() -> TrainConfig.of("adam(lr=0.1)", 0, 1, 0))
        .hasMessage("batch size must be positive, got 0");
    assertThatThrownBy(() -> TrainConfig.of("adam(lr=0.1)", 8, 1, 5))
        .hasMessageContaining("exactly one of epochs and iterations");
    assertThatThrownBy(() -> TrainConfig.of("adamm", 8, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("adam");
    assertThatThrownBy(() -> TrainConfig.of("adam", 8, 1, 0).withWeightDecay(-1))
        .hasMessage("weight decay must be in [0, inf), got -1.0");
  }
}
