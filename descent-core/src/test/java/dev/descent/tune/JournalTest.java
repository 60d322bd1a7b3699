package dev.descent.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  private static final Map<String, String> SETTINGS = Map.of("seed", "1");

  static TrialResult result(int trial, double acc) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("lr", 0.001 * (trial + 1));
    p.put("hidden", 5L);
    p.put("init", "normal(std=0.01)");
    return new TrialResult(
        trial,
        0,
        3,
        99,
        p,
        acc,
        0.5,
        0.75,
        0.25,
        null,
        1.5,
        new double[] {0.5, acc},
        new double[] {0.6, 0.75});
  }

  @Test
  void appendedTrialsReadBackExactly(@TempDir Path dir) throws IOException {
    Path f = dir.resolve(Journal.FILE);
    try (Journal j = Journal.open(f, SETTINGS, false)) {
      j.append(result(0, 0.5));
      j.append(result(1, Double.NaN));
    }
    try (Journal j = Journal.open(f, SETTINGS, true)) {
      assertThat(j.tornBytes()).isZero();
      assertThat(j.finished()).hasSize(2);
      assertThat(j.finished().get(0).sameOutcome(result(0, 0.5))).isTrue();
      assertThat(j.finished().get(1).sameOutcome(result(1, Double.NaN))).isTrue();
      j.append(result(2, 0.9));
    }
    assertThat(Files.readAllLines(f)).hasSize(4);
  }

  @Test
  void eachAppendIsInTheFileWhenItReturns(@TempDir Path dir) throws IOException {
    Path f = dir.resolve(Journal.FILE);
    try (Journal j = Journal.open(f, SETTINGS, false)) {
      assertThat(Files.readAllLines(f)).hasSize(1);
      j.append(result(0, 0.5));
      // no buffering: another reader sees the whole line before the journal is closed
      List<String> lines = Files.readAllLines(f);
      assertThat(lines).hasSize(2);
      assertThat(TrialResult.fromJson(lines.get(1)).sameOutcome(result(0, 0.5))).isTrue();
    }
  }

  @Test
  void aTornLastLineIsCutOffAndItsTrialForgotten(@TempDir Path dir) throws IOException {
    Path f = dir.resolve(Journal.FILE);
    try (Journal j = Journal.open(f, SETTINGS, false)) {
      j.append(result(0, 0.5));
    }
    long intact = Files.size(f);
    String half = result(1, 0.7).toJson().substring(0, 40);
    Files.writeString(f, half, StandardOpenOption.APPEND);
    try (Journal j = Journal.open(f, SETTINGS, true)) {
      assertThat(j.tornBytes()).isEqualTo(40);
      assertThat(j.finished()).hasSize(1);
      j.append(result(1, 0.7));
    }
    assertThat(Files.size(f)).isEqualTo(intact + result(1, 0.7).toJson().length() + 1);
    try (Journal j = Journal.open(f, SETTINGS, true)) {
      assertThat(j.finished()).hasSize(2);
    }
  }

  @Test
  void aGarbledLastLineWithItsNewlineIsAlsoTorn(@TempDir Path dir) throws IOException {
    Path f = dir.resolve(Journal.FILE);
    try (Journal j = Journal.open(f, SETTINGS, false)) {
      j.append(result(0, 0.5));
    }
    Files.write(
        f,
        "{\"trial\":1,\u0000\u0000\n".getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.APPEND);
    try (Journal j = Journal.open(f, SETTINGS, true)) {
      assertThat(j.tornBytes()).isEqualTo(14);
      assertThat(j.finished()).hasSize(1);
    }
  }

  @Test
  void corruptionBeforeTheLastLineNamesTheByte(@TempDir Path dir) throws IOException {
    Path f = dir.resolve(Journal.FILE);
    try (Journal j = Journal.open(f, SETTINGS, false)) {
      j.append(result(0, 0.5));
      j.append(result(1, 0.5));
    }
    List<String> lines = Files.readAllLines(f);
    int offset = lines.get(0).length() + 1;
    Files.writeString(f, lines.get(0) + "\nxx\n" + lines.get(2) + "\n");
    assertThatThrownBy(() -> Journal.open(f, SETTINGS, true))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(f + ": corrupt line 2 at byte " + offset + ": ");
  }

  @Test
  void resumingNeedsTheSameSettingsAndFreshRunsRefuseAnOldJournal(@TempDir Path dir)
      throws IOException {
    Path f = dir.resolve(Journal.FILE);
    try (Journal j = Journal.open(f, SETTINGS, false)) {
      j.append(result(0, 0.5));
    }
    assertThatThrownBy(() -> Journal.open(f, Map.of("seed", "2"), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            f
                + " was written for seed=1, but this search has seed=2; resume with the same"
                + " settings or choose another --out");
    assertThatThrownBy(() -> Journal.open(f, SETTINGS, false))
        .hasMessage(f + " exists already; pass --resume to continue it, or choose another --out");
    Files.writeString(f, "hello\n");
    assertThatThrownBy(() -> Journal.open(f, SETTINGS, true))
        .isInstanceOf(IOException.class)
        .hasMessage(f + ": not a descent tune journal (no header at byte 0)");
  }
}
