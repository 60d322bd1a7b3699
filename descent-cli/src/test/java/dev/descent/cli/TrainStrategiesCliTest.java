package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.train.History;
import dev.descent.train.SafeTensors;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code descent train} with full-batch methods, averaging and the meta-strategies. */
class TrainStrategiesCliTest {
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

  private JsonNode json() throws Exception {
    String[] lines = out.toString().trim().split("\\R");
    return new ObjectMapper().readTree(lines[lines.length - 1]);
  }

  private void assertOneLineError(int code, String... fragments) {
    assertThat(code).as(err.toString()).isEqualTo(1);
    String e = err.toString().trim();
    assertThat(e).startsWith("error: ").doesNotContain("\tat ").doesNotContain("\n");
    for (String f : fragments) {
      assertThat(e).contains(f);
    }
  }

  @Test
  void lbfgsTrainsLogisticRegressionOnTheFullBatch(@TempDir Path dir) throws Exception {
    Path history = dir.resolve("h");
    int code =
        run(
            "train",
            "--dataset",
            "spiral(points=60)",
            "--train-limit",
            "150",
            "--hidden",
            "none",
            "--optimizer",
            "lbfgs(history=5)",
            "--iterations",
            "30",
            "--weight-decay",
            "0.01",
            "--history-out",
            history.toString(),
            "--json");
    assertThat(code).as(err.toString()).isZero();
    JsonNode j = json();
    assertThat(j.get("full_batch").asBoolean()).isTrue();
    assertThat(j.get("steps").asInt()).isBetween(1, 30);
    assertThat(j.get("function_evaluations").asLong()).isEqualTo(j.get("epochs").asLong());
    assertThat(j.get("stop_reason").asText()).isNotEmpty();
    assertThat(j.get("train_accuracy").asDouble()).isGreaterThan(0.4);
    String csv = Files.readString(dir.resolve("h.csv"));
    assertThat(csv).startsWith(History.CSV_HEADER + "\n");
    assertThat(csv.lines().count()).isEqualTo(2 + j.get("steps").asInt());
    assertThat(Files.readString(dir.resolve("h.json"))).contains("\"full_batch\":\"true\"");
  }

  @Test
  void aFullBatchOfTooManyExamplesNamesTheLimitAndTrainLimit() {
    assertOneLineError(
        run(
            "train",
            "--dataset",
            "spiral(points=3400)",
            "--hidden",
            "8",
            "--optimizer",
            "lbfgs",
            "--iterations",
            "5"),
        "[1, 10000], got 10200",
        "--train-limit");
  }

  @Test
  void optionsThatMeanNothingToAFullBatchMethodAreRefused() {
    assertOneLineError(
        run(
            "train",
            "--dataset",
            "spiral(points=60)",
            "--optimizer",
            "bfgs",
            "--iterations",
            "5",
            "--batch",
            "16"),
        "--batch does not apply to the full-batch method bfgs");
    assertOneLineError(
        run(
            "train",
            "--dataset",
            "spiral(points=60)",
            "--optimizer",
            "cg",
            "--iterations",
            "5",
            "--dropout",
            "0.5"),
        "--dropout");
  }

  @Test
  void averagedWeightsAppearInJsonAndHistory(@TempDir Path dir) throws Exception {
    Path history = dir.resolve("h");
    String[] base = {
      "train",
      "--dataset",
      "spiral(points=60)",
      "--hidden",
      "16",
      "--optimizer",
      "momentum(lr=0.05)",
      "--batch",
      "16",
      "--epochs",
      "3",
      "--json"
    };
    assertThat(run(base)).isZero();
    String plainSha = json().get("weights_sha256").asText();
    String[] averaged = java.util.Arrays.copyOf(base, base.length + 4);
    averaged[base.length] = "--average";
    averaged[base.length + 1] = "polyak(start=5)";
    averaged[base.length + 2] = "--history-out";
    averaged[base.length + 3] = history.toString();
    assertThat(run(averaged)).as(err.toString()).isZero();
    JsonNode j = json();
    assertThat(j.get("weights_sha256").asText()).isEqualTo(plainSha);
    assertThat(j.get("average").asText()).isEqualTo("polyak(start=5)");
    assertThat(j.get("avg_test_accuracy").isNumber()).isTrue();
    assertThat(Files.readString(dir.resolve("h.csv")).lines().findFirst().orElseThrow())
        .endsWith(History.CSV_AVERAGE_COLUMNS);
  }

  @Test
  void greedyLayerWisePretrainingWithFrozenLayers(@TempDir Path dir) throws Exception {
    Path shallow = dir.resolve("shallow.safetensors");
    assertThat(
            run(
                "train",
                "--dataset",
                "spiral(points=60)",
                "--hidden",
                "16",
                "--optimizer",
                "adam(lr=0.01)",
                "--batch",
                "16",
                "--epochs",
                "3",
                "--save",
                shallow.toString()))
        .as(err.toString())
        .isZero();
    Path deep = dir.resolve("deep.safetensors");
    assertThat(
            run(
                "train",
                "--dataset",
                "spiral(points=60)",
                "--hidden",
                "16,16",
                "--optimizer",
                "adam(lr=0.01)",
                "--batch",
                "16",
                "--epochs",
                "2",
                "--init-from",
                shallow.toString(),
                "--init-layers",
                "1",
                "--freeze",
                "--save",
                deep.toString()))
        .as(err.toString())
        .isZero();
    Map<String, dev.descent.tensor.Tensor> a = SafeTensors.read(shallow).tensors();
    Map<String, dev.descent.tensor.Tensor> b = SafeTensors.read(deep).tensors();
    assertThat(b.get("layers.0.weight").data()).containsExactly(a.get("layers.0.weight").data());
    assertThat(b.get("layers.0.bias").data()).containsExactly(a.get("layers.0.bias").data());

    assertOneLineError(
        run(
            "train",
            "--dataset",
            "spiral(points=60)",
            "--hidden",
            "16,16",
            "--optimizer",
            "sgd(lr=0.1)",
            "--epochs",
            "1",
            "--init-from",
            shallow.toString()),
        "layers.2.weight has shape [16, 3] but the model needs [16, 16]");
  }

  @Test
  void curriculumAndBlockCoordinateRunsFinish() throws Exception {
    assertThat(
            run(
                "train",
                "--dataset",
                "spiral(points=60)",
                "--hidden",
                "16",
                "--optimizer",
                "adam(lr=0.01)",
                "--batch",
                "16",
                "--epochs",
                "3",
                "--curriculum",
                "linear(start=0.3,epochs=2)",
                "--coordinate",
                "layers",
                "--order",
                "random",
                "--block-steps",
                "4",
                "--json"))
        .as(err.toString())
        .isZero();
    assertThat(json().get("steps").asInt()).isEqualTo(36);
    assertOneLineError(
        run(
            "train",
            "--dataset",
            "spiral(points=60)",
            "--optimizer",
            "sgd(lr=0.1)",
            "--epochs",
            "1",
            "--coordinate",
            "rows"),
        "--coordinate must be layers or params, got 'rows'");
    assertOneLineError(
        run(
            "train",
            "--dataset",
            "spiral(points=60)",
            "--optimizer",
            "sgd(lr=0.1)",
            "--epochs",
            "1",
            "--freeze"),
        "--init-layers and --freeze need --init-from");
  }

  @Test
  void difficultyScoresComeFromAFileWithOneLinePerExample(@TempDir Path dir) throws Exception {
    Path scores = dir.resolve("scores.txt");
    StringBuilder sb = new StringBuilder("# one score per training example\n");
    for (int i = 0; i < 180; i++) {
      sb.append(i % 7).append('\n');
    }
    Files.writeString(scores, sb);
    String[] args = {
      "train",
      "--dataset",
      "spiral(points=60)",
      "--hidden",
      "16",
      "--optimizer",
      "sgd(lr=0.1)",
      "--batch",
      "16",
      "--epochs",
      "2",
      "--curriculum",
      "root(start=0.5,epochs=2)",
      "--difficulty-scores",
      scores.toString(),
      "--json"
    };
    assertThat(run(args)).as(err.toString()).isZero();
    assertThat(json().get("steps").asInt()).isEqualTo(24);
    Files.writeString(scores, "1\n2\n");
    assertOneLineError(run(args), "holds 2 scores, the training split has 180 examples");
    Files.writeString(scores, "1\nx\n");
    assertOneLineError(run(args), "line 2 is not a finite number: 'x'");
  }
}
