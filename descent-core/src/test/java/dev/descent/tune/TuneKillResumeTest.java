package dev.descent.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search killed with SIGKILL ({@link Process#destroyForcibly()}) after a seeded number of trials,
 * then resumed, ends with every trial in the journal exactly once and the same results as an
 * uninterrupted search.
 */
class TuneKillResumeTest {

  @Test
  void killedSearchResumesWithoutLosingOrRepeatingATrial(@TempDir Path dir) throws Exception {
    Path reference = dir.resolve("reference");
    Tuner.Outcome expected = TunerTest.run(TuneChild.config(), reference, false);

    Path out = dir.resolve("killed");
    Files.createDirectories(out);
    int killAfter = 3 + new Random(20261129L).nextInt(10);
    List<String> printed = runUntil(out, "fresh", killAfter);
    assertThat(printed).doesNotContain("done");
    int journaled = Files.readAllLines(out.resolve(Journal.FILE)).size() - 1;
    assertThat(journaled).isBetween(killAfter, 39);

    Tuner.Outcome resumed = TunerTest.run(TuneChild.config(), out, true);
    TunerTest.assertSame(expected.results(), resumed.results());
    List<String> lines = Files.readAllLines(out.resolve(Journal.FILE));
    assertThat(lines).hasSize(41);
    Set<Integer> trials = new HashSet<>();
    for (String l : lines.subList(1, lines.size())) {
      assertThat(trials.add(TrialResult.fromJson(l).trial())).as(l).isTrue();
    }
    assertThat(trials).hasSize(40);
  }

  /** Runs the child and kills it once it has printed {@code killAfter} trial lines. */
  private static List<String> runUntil(Path out, String mode, int killAfter) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("-Xmx256m");
    cmd.add(TuneChild.class.getName());
    cmd.add(out.toString());
    cmd.add(mode);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      int trials = 0;
      while ((line = r.readLine()) != null) {
        lines.add(line);
        if (line.startsWith("trial ") && ++trials == killAfter) {
          p.destroyForcibly();
          assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
          return lines;
        }
      }
    }
    p.waitFor(60, TimeUnit.SECONDS);
    return lines;
  }
}
