package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.tensor.Tensor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL (twice, at seeded random steps) and resumed from its checkpoints ends
 * with weights bit-identical to an uninterrupted run.
 */
class KillAndResumeTest {

  @Test
  void killedTwiceAndResumedEndsBitIdentical(@TempDir Path dir) throws Exception {
    Trainer reference =
        TinyRun.trainer(ResumeChild.SPEC, ResumeChild.config(), TinyRun.spiral(true));
    reference.run();
    Map<String, Tensor> expected = Weights.of(reference.model());

    Random random = new Random(20261129L);
    int firstKill = 10 + random.nextInt(80);
    int secondKill = 10 + random.nextInt(80);
    Path out = dir.resolve("final.safetensors");

    // Kills come after a seeded number of `step` lines; the child keeps running for a moment
    // after the line is read, so the exact step it dies at is arbitrary, as with a real crash.
    assertThat(runUntil("fresh", dir, out, firstKill)).isEqualTo(-1);
    assertThat(Files.exists(dir.resolve(Trainer.CHECKPOINT_FILE))).isTrue();
    assertThat(Files.exists(out)).isFalse();
    if (runUntil("resume", dir, out, secondKill) == -1) {
      assertThat(Files.exists(out)).isFalse();
      assertThat(runUntil("resume", dir, out, Integer.MAX_VALUE)).isEqualTo(0);
    }

    Map<String, Tensor> actual = SafeTensors.read(out).tensors();
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    for (String name : expected.keySet()) {
      float[] e = expected.get(name).data();
      float[] a = actual.get(name).data();
      assertThat(a.length).isEqualTo(e.length);
      for (int i = 0; i < e.length; i++) {
        assertThat(Float.floatToRawIntBits(a[i]))
            .as("%s[%d]", name, i)
            .isEqualTo(Float.floatToRawIntBits(e[i]));
      }
    }
  }

  /**
   * Runs the child until it has printed {@code killAfter} step lines, then kills it with SIGKILL.
   *
   * @return -1 when it was killed, else its exit code
   */
  private static int runUntil(String mode, Path dir, Path out, int killAfter) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("-Xmx256m");
    cmd.add(ResumeChild.class.getName());
    cmd.add(mode);
    cmd.add(dir.toString());
    cmd.add(out.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    StringBuilder log = new StringBuilder();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      int steps = 0;
      while ((line = r.readLine()) != null) {
        log.append(line).append('\n');
        if (line.startsWith("step ") && ++steps == killAfter) {
          p.destroyForcibly();
          assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
          return -1;
        }
      }
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child finished: %s", log).isTrue();
    assertThat(p.exitValue()).as("child output:%n%s", log).isZero();
    return p.exitValue();
  }
}
