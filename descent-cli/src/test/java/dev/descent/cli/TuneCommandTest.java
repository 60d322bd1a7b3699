package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.tune.Journal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TuneCommandTest {
  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  private static String[] small(Path dir, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "tune",
                "--dataset",
                "spiral(points=40)",
                "--hidden",
                "16",
                "--batch",
                "16",
                "--optimizer",
                "sgd",
                "--space",
                "lr=log_uniform(1e-3,1)",
                "--space",
                "weight_decay=log_uniform(1e-6,1e-2)",
                "--epochs",
                "3",
                "--seed",
                "4",
                "--out",
                dir.toString()));
    a.addAll(Arrays.asList(more));
    return a.toArray(new String[0]);
  }

  private JsonNode lastJsonLine() throws Exception {
    String[] lines = out.toString().trim().split("\\R");
    return new ObjectMapper().readTree(lines[lines.length - 1]);
  }

  private void assertOneLineError(int code, String message) {
    assertThat(code).as(err.toString()).isEqualTo(1);
    assertThat(err.toString().trim()).isEqualTo("error: " + message);
  }

  @Test
  void jsonHoldsTheBestItsTestAccuracyTrialsAndSeconds(@TempDir Path dir) throws Exception {
    Path o = dir.resolve("out");
    assertThat(
            run(
                small(
                    o,
                    "--trials",
                    "6",
                    "--sampler",
                    "coarse-to-fine",
                    "--parallel",
                    "2",
                    "--json")))
        .as(err.toString())
        .isZero();
    JsonNode j = lastJsonLine();
    assertThat(j.get("best").get("params").fieldNames())
        .toIterable()
        .containsExactly("lr", "weight_decay");
    assertThat(j.get("best").get("validation_accuracy").asDouble()).isBetween(0.0, 1.0);
    assertThat(j.get("best").get("trial").isInt()).isTrue();
    assertThat(j.get("test_accuracy").asDouble()).isBetween(0.0, 1.0);
    assertThat(j.get("trials").asInt()).isEqualTo(6);
    assertThat(j.get("trained").asInt()).isEqualTo(6);
    assertThat(j.get("trial_seconds").asDouble())
        .isPositive()
        .isLessThan(j.get("seconds").asDouble());
    assertThat(Files.readAllLines(o.resolve(Journal.FILE))).hasSize(7);
    assertThat(Files.readString(o.resolve("summary.txt")))
        .contains("round 3 ranges: lr=log_uniform(")
        .contains("rank trial epochs");
    for (String f :
        List.of(
            "best-20.png",
            "accuracy-lr.png",
            "accuracy-weight_decay.png",
            "ranges-lr.png",
            "ranges-weight_decay.png")) {
      assertThat(o.resolve(f)).isNotEmptyFile();
    }

    // resuming a finished search reruns nothing and reports the same best
    JsonNode first = j;
    assertThat(run(small(o, "--trials", "6", "--sampler", "coarse-to-fine", "--resume", "--json")))
        .as(err.toString())
        .isZero();
    assertThat(lastJsonLine().get("best")).isEqualTo(first.get("best"));
    assertThat(lastJsonLine().get("test_accuracy")).isEqualTo(first.get("test_accuracy"));
    assertThat(lastJsonLine().get("trained").asInt()).isZero();
    assertThat(Files.readAllLines(o.resolve(Journal.FILE))).hasSize(7);
  }

  @Test
  void halvingTrainsTheBestThirdAgainForTheFullEpochs(@TempDir Path dir) throws Exception {
    Path o = dir.resolve("out");
    assertThat(run(small(o, "--trials", "9", "--halving", "--sampler", "sobol", "--json")))
        .as(err.toString())
        .isZero();
    JsonNode j = lastJsonLine();
    assertThat(j.get("trials").asInt()).isEqualTo(9);
    assertThat(j.get("runs").asInt()).isEqualTo(12); // 9 for 1 epoch, the best 3 for 3
    assertThat(j.get("best").get("epochs").asInt()).isEqualTo(3);
  }

  @Test
  void badOptionsGiveOneClearLine(@TempDir Path dir) {
    Path o = dir.resolve("out");
    assertOneLineError(
        run(small(o, "--validation", "0")),
        "--validation must be in (0, 1) (tuning never scores on test), got 0.0");
    assertOneLineError(
        run(small(o, "--sampler", "bayes")),
        "--sampler must be random, grid, sobol or coarse-to-fine, got 'bayes'");
    assertOneLineError(
        run(small(o, "--rounds", "2")), "--rounds 2 needs --sampler coarse-to-fine, got random");
    assertOneLineError(
        run(small(o, "--space", "lr=uniform(1)")),
        "'uniform(1)' needs exactly two arguments, got 1");
    assertOneLineError(run(small(o, "--space", "lr=uniform(0,1)")), "--space names lr twice");
    assertOneLineError(
        run(small(o, "--space", "lr")),
        "--space must be KEY=DIST, e.g. lr=log_uniform(1e-6,1e-2), got 'lr'");
    assertOneLineError(run(small(o, "--parallel", "0")), "--parallel must be positive, got 0");
    assertThat(run(small(o, "--space", "betas=uniform(0,1)"))).isEqualTo(1);
    assertThat(err.toString()).startsWith("error: --space key betas is not a parameter of sgd(");
    assertThat(o).doesNotExist();
  }

  @Test
  void aSecondSearchIntoTheSameFolderNeedsResume(@TempDir Path dir) {
    Path o = dir.resolve("out");
    assertThat(run(small(o, "--trials", "2"))).as(err.toString()).isZero();
    assertThat(out.toString()).startsWith("best: trial ");
    assertOneLineError(
        run(small(o, "--trials", "2")),
        o.resolve(Journal.FILE)
            + " exists already; pass --resume to continue it, or choose another --out");
    assertOneLineError(
        run(small(o, "--trials", "3", "--resume")),
        o.resolve(Journal.FILE)
            + " was written for trials=2, but this search has trials=3; resume with the same"
            + " settings or choose another --out");
  }
}
