package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.data.Sampling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

  private static TrainConfig config(String optimizer) {
    return new TrainConfig(optimizer, null, 16, 3, 0, 4, 0, Sampling.SHUFFLE, 0, 5, 0);
  }

  private static final class Crash extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /** Trains until step {@code at} and then throws, as a crash would, leaving the checkpoint. */
  private static void crashAt(Path dir, TrainConfig c, ModelSpec spec, long at) {
    Trainer t = TinyRun.trainer(spec, c, TinyRun.spiral(true)).checkpointDir(dir);
    t.listener(
        new TrainListener() {
          @Override
          public void onStep(long step, long epoch, double loss, double lr, double sps) {
            if (step == at) {
              throw new Crash();
            }
          }
        });
    assertThatThrownBy(t::run).isInstanceOf(Crash.class);
  }

  @Test
  void resumeInTheSameProcessContinuesBitForBitWithTheFullHistory(@TempDir Path dir)
      throws Exception {
    ModelSpec spec = TinyRun.spec(true, 0.2);
    TrainConfig c = config("momentum(lr=0.05)");
    Trainer reference = TinyRun.trainer(spec, c, TinyRun.spiral(true));
    TrainResult expected = reference.run();

    crashAt(dir, c, spec, 13); // last checkpoint: step 10, mid-epoch 2
    Trainer resumed = TinyRun.trainer(spec, c, TinyRun.spiral(true)).checkpointDir(dir);
    TrainResult actual = resumed.resume();

    assertThat(actual.weightsSha256()).isEqualTo(expected.weightsSha256());
    List<int[]> a = TinyRun.bits(resumed.model());
    List<int[]> e = TinyRun.bits(reference.model());
    for (int i = 0; i < e.size(); i++) {
      assertThat(a.get(i)).isEqualTo(e.get(i));
    }
    assertThat(resumed.history().toCsv()).isEqualTo(reference.history().toCsv());
    assertThat(actual.steps()).isEqualTo(expected.steps());
    assertThat(actual.trainSamples()).isEqualTo(expected.trainSamples());
  }

  @Test
  void aLongerRunResumesFromAFinishedOne(@TempDir Path dir) throws Exception {
    ModelSpec spec = TinyRun.spec(false, 0);
    TrainConfig three = config("adam(lr=0.01)");
    TinyRun.trainer(spec, three, TinyRun.spiral(true)).checkpointDir(dir).run();
    TrainConfig five =
        new TrainConfig("adam(lr=0.01)", null, 16, 5, 0, 4, 0, Sampling.SHUFFLE, 0, 5, 0);
    Trainer resumed = TinyRun.trainer(spec, five, TinyRun.spiral(true)).checkpointDir(dir);
    TrainResult r = resumed.resume();
    TrainResult straight = TinyRun.trainer(spec, five, TinyRun.spiral(true)).run();
    assertThat(r.epochs()).isEqualTo(5);
    assertThat(r.weightsSha256()).isEqualTo(straight.weightsSha256());
  }

  @Test
  void missingTruncatedAndBitFlippedCheckpointsAreClearErrors(@TempDir Path dir) throws Exception {
    ModelSpec spec = TinyRun.spec(false, 0);
    TrainConfig c = config("adam(lr=0.01)");
    Path file = dir.resolve(Trainer.CHECKPOINT_FILE);
    assertThatThrownBy(
            () -> TinyRun.trainer(spec, c, TinyRun.spiral(true)).checkpointDir(dir).resume())
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("no checkpoint");

    crashAt(dir, c, spec, 7);
    byte[] good = Files.readAllBytes(file);

    Files.write(file, java.util.Arrays.copyOf(good, good.length - 100));
    assertThatThrownBy(
            () -> TinyRun.trainer(spec, c, TinyRun.spiral(true)).checkpointDir(dir).resume())
        .isInstanceOf(ModelFileException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining("truncated");

    Files.write(file, java.util.Arrays.copyOf(good, 30));
    assertThatThrownBy(
            () -> TinyRun.trainer(spec, c, TinyRun.spiral(true)).checkpointDir(dir).resume())
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("truncated");

    byte[] flipped = good.clone();
    flipped[flipped.length / 2] ^= 0x10;
    Files.write(file, flipped);
    assertThatThrownBy(
            () -> TinyRun.trainer(spec, c, TinyRun.spiral(true)).checkpointDir(dir).resume())
        .isInstanceOf(ModelFileException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining("SHA-256");

    byte[] magic = good.clone();
    magic[0] = 'X';
    Files.write(file, magic);
    assertThatThrownBy(
            () -> TinyRun.trainer(spec, c, TinyRun.spiral(true)).checkpointDir(dir).resume())
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("not a descent checkpoint");

    Files.write(file, good);
    Trainer ok = TinyRun.trainer(spec, c, TinyRun.spiral(true)).checkpointDir(dir);
    assertThat(ok.resume().steps()).isEqualTo(27);
  }

  @Test
  void aCheckpointOfAnotherOptimizerOrArchitectureIsRefusedNotRestarted(@TempDir Path dir) {
    ModelSpec spec = TinyRun.spec(false, 0);
    crashAt(dir, config("adam(lr=0.01)"), spec, 6);

    Trainer sgd =
        TinyRun.trainer(spec, config("sgd(lr=0.01)"), TinyRun.spiral(true)).checkpointDir(dir);
    assertThatThrownBy(sgd::resume)
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("optimizer=adam(lr=0.01)")
        .hasMessageContaining("optimizer=sgd(lr=0.01)");
    assertThat(sgd.step()).isZero();

    ModelSpec wider =
        new ModelSpec(2, new int[] {32, 16}, 3, spec.activation(), "he", false, 0, 11);
    Trainer w =
        TinyRun.trainer(wider, config("adam(lr=0.01)"), TinyRun.spiral(true)).checkpointDir(dir);
    assertThatThrownBy(w::resume)
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("was written for the model")
        .hasMessageContaining("hidden=16,16");
  }

  @Test
  void anUnwritableCheckpointFolderFailsWithItsName(@TempDir Path dir) {
    Path missing = dir.resolve("nope");
    Trainer t =
        TinyRun.trainer(TinyRun.spec(false, 0), config("sgd(lr=0.1)"), TinyRun.spiral(true));
    t.checkpointDir(missing);
    assertThatThrownBy(t::run)
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
  }
}
