package dev.descent.train;

import dev.descent.data.Sampling;
import java.nio.file.Path;
import java.util.Map;

/**
 * The child JVM of {@link KillAndResumeTest}: trains {@link #config()} on the tiny spiral with
 * checkpoints in {@code args[1]}, printing {@code step N} after every step (slowed by a short sleep
 * so the parent can kill it mid-run), and finally saves the weights to {@code args[2]}.
 *
 * <p>Usage: {@code ResumeChild fresh|resume CHECKPOINT_DIR OUT.safetensors}
 */
public final class ResumeChild {
  private ResumeChild() {}

  static final ModelSpec SPEC = TinyRun.spec(true, 0.25);

  static TrainConfig config() {
    return new TrainConfig(
        "adam(lr=0.01)",
        "cosine(lr=0.01,t_max=240)",
        16,
        0,
        240,
        99,
        1e-4,
        Sampling.SHUFFLE,
        0,
        3,
        0);
  }

  public static void main(String[] args) throws Exception {
    Trainer t = TinyRun.trainer(SPEC, config(), TinyRun.spiral(true));
    t.checkpointDir(Path.of(args[1]));
    t.listener(
        new TrainListener() {
          @Override
          public void onStep(long step, long epoch, double loss, double lr, double sps) {
            System.out.println("step " + step);
            System.out.flush();
            try {
              Thread.sleep(2);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        });
    if (args[0].equals("resume")) {
      t.resume();
    } else {
      t.run();
    }
    SafeTensors.write(Path.of(args[2]), Weights.of(t.model()), Map.of());
    System.out.println("done");
  }
}
