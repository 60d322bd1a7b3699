package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.train.Trainer;
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

class TrainCommandTest {
  private static final String[] SMALL = {
    "train",
    "--dataset",
    "spiral(points=60)",
    "--hidden",
    "16,16",
    "--optimizer",
    "adam(lr=0.01)",
    "--seed",
    "3"
  };

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

  private static String[] small(String... more) {
    List<String> a = new ArrayList<>(Arrays.asList(SMALL));
    a.addAll(Arrays.asList(more));
    if (!a.contains("--batch")) {
      a.addAll(List.of("--batch", "16"));
    }
    return a.toArray(new String[0]);
  }

  private JsonNode lastJsonLine() throws Exception {
    String[] lines = out.toString().trim().split("\\R");
    return new ObjectMapper().readTree(lines[lines.length - 1]);
  }

  /** The run failed with exactly one line on stderr, starting "error: ", and no stack trace. */
  private void assertOneLineError(int code, String... fragments) {
    assertThat(code).as(err.toString()).isEqualTo(1);
    String e = err.toString().trim();
    assertThat(e).startsWith("error: ").doesNotContain("\tat ").doesNotContain("\n");
    for (String f : fragments) {
      assertThat(e).contains(f);
    }
  }

  @Test
  void trainsWithJsonSavesAndEvaluatesTheSameAccuracy(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("m.safetensors");
    Path history = dir.resolve("h");
    assertThat(
            run(
                small(
                    "--epochs",
                    "4",
                    "--validation",
                    "0.2",
                    "--json",
                    "--save",
                    model.toString(),
                    "--history-out",
                    history.toString())))
        .as(err.toString())
        .isZero();
    JsonNode j = lastJsonLine();
    for (String key :
        List.of(
            "epochs",
            "steps",
            "train_loss",
            "train_accuracy",
            "test_accuracy",
            "seconds",
            "samples_per_second",
            "weights_sha256",
            "validation_accuracy")) {
      assertThat(j.has(key)).as(key).isTrue();
    }
    assertThat(j.get("epochs").asLong()).isEqualTo(4);
    assertThat(j.get("steps").asLong()).isEqualTo(4 * 9); // 180 - 36 validation = 144 = 9 x 16
    assertThat(j.get("weights_sha256").asText()).hasSize(64);
    assertThat(j.get("test_accuracy").asDouble()).isBetween(0.0, 1.0);
    assertThat(j.get("samples_per_second").asDouble()).isPositive();
    assertThat(Files.readString(dir.resolve("h.json"))).contains("\"evaluations\"");
    assertThat(Files.readAllLines(dir.resolve("h.csv"))).hasSize(1 + 36);

    double trained = j.get("test_accuracy").asDouble();
    assertThat(
            run(
                "evaluate",
                "--model",
                model.toString(),
                "--dataset",
                "spiral(points=60)",
                "--json"))
        .as(err.toString())
        .isZero();
    JsonNode e = lastJsonLine();
    assertThat(e.get("accuracy").asDouble()).isEqualTo(trained);
    assertThat(e.get("examples").asInt()).isEqualTo(180);
    long total = 0;
    for (JsonNode row : e.get("confusion")) {
      for (JsonNode c : row) {
        total += c.asLong();
      }
    }
    assertThat(total).isEqualTo(180);

    assertThat(run("evaluate", "--model", model.toString(), "--dataset", "spiral(points=60)"))
        .isZero();
    assertThat(out.toString())
        .startsWith(String.format("accuracy %.4f (", trained).replace(',', '.'))
        .contains("confusion matrix");
  }

  @Test
  void sameSeedSameWeightsAndResumeExtendsARun(@TempDir Path dir) throws Exception {
    assertThat(run(small("--epochs", "4", "--json"))).isZero();
    String straight = lastJsonLine().get("weights_sha256").asText();
    assertThat(run(small("--epochs", "4", "--json"))).isZero();
    assertThat(lastJsonLine().get("weights_sha256").asText()).isEqualTo(straight);

    Path ckpt = dir.resolve("ckpt");
    assertThat(run(small("--epochs", "2", "--checkpoint-dir", ckpt.toString()))).isZero();
    assertThat(
            run(small("--epochs", "4", "--checkpoint-dir", ckpt.toString(), "--resume", "--json")))
        .as(err.toString())
        .isZero();
    assertThat(lastJsonLine().get("weights_sha256").asText()).isEqualTo(straight);
    assertThat(lastJsonLine().get("steps").asLong()).isEqualTo(4 * 12);
  }

  @Test
  void threadsNeverChangeTheWeights() throws Exception {
    List<String> sha = new ArrayList<>();
    for (String threads : List.of("1", "2", "3")) {
      assertThat(
              run(
                  "train",
                  "--dataset",
                  "spiral(points=60)",
                  "--hidden",
                  "70,40",
                  "--batchnorm",
                  "--dropout",
                  "0.2",
                  "--optimizer",
                  "adam(lr=0.01)",
                  "--batch",
                  "100",
                  "--epochs",
                  "3",
                  "--threads",
                  threads,
                  "--json"))
          .as(err.toString())
          .isZero();
      JsonNode j = lastJsonLine();
      assertThat(j.get("threads").asInt()).isEqualTo(Integer.parseInt(threads));
      sha.add(j.get("weights_sha256").asText());
    }
    assertThat(sha).containsOnly(sha.get(0));
    assertThat(run(small("--epochs", "1", "--threads", "0"))).isEqualTo(1);
    assertThat(err.toString()).contains("--threads must be in [1, 1024], got 0");
  }

  @Test
  void unknownNamesSuggestTheClosest() {
    assertOneLineError(
        run("train", "--dataset", "spirall", "--optimizer", "sgd(lr=0.1)", "--epochs", "1"),
        "unknown data set 'spirall'",
        "'spiral'");
    assertOneLineError(
        run("train", "--dataset", "spiral", "--optimizer", "adamm(lr=0.1)", "--epochs", "1"),
        "adamm",
        "'adam'");
    assertOneLineError(run(small("--epochs", "1", "--init", "hee")), "hee", "'he'");
    assertOneLineError(
        run(small("--epochs", "1", "--activation", "relu6")), "activation must be one of");
  }

  @Test
  void sizesMustBePositive() {
    assertOneLineError(run(small("--epochs", "0")), "--epochs must be positive, got 0");
    assertOneLineError(run(small("--iterations", "-3")), "--iterations must be positive, got -3");
    assertOneLineError(run(small("--iterations", "0")), "--iterations must be positive, got 0");
    assertOneLineError(
        run(small("--epochs", "1", "--batch", "0")), "--batch must be positive, got 0");
    assertOneLineError(
        run(small("--epochs", "1", "--batch", "1000")), "--batch must be in [1, 180]");
    assertOneLineError(
        run(small("--epochs", "1", "--hidden", "16,0")), "--hidden widths must be positive");
    assertOneLineError(
        run(small("--epochs", "1", "--train-limit", "0")), "--train-limit must be positive, got 0");
    assertOneLineError(
        run(small("--epochs", "1", "--dropout", "1")), "--dropout must be in [0, 1), got 1.0");
  }

  @Test
  void resumeNeedsACheckpointAndAnExistingOneIsNeverOverwritten(@TempDir Path dir)
      throws Exception {
    Path ckpt = dir.resolve("ckpt");
    assertOneLineError(run(small("--epochs", "1", "--resume")), "--resume needs --checkpoint-dir");
    assertOneLineError(
        run(small("--epochs", "1", "--resume", "--checkpoint-dir", ckpt.toString())),
        "no checkpoint to resume from",
        ckpt.toString());

    assertThat(run(small("--epochs", "1", "--checkpoint-dir", ckpt.toString()))).isZero();
    Path file = ckpt.resolve(Trainer.CHECKPOINT_FILE);
    byte[] before = Files.readAllBytes(file);
    assertOneLineError(
        run(small("--epochs", "1", "--checkpoint-dir", ckpt.toString())),
        "already holds a checkpoint; pass --resume");
    assertOneLineError(
        run(
            "train",
            "--dataset",
            "spiral(points=60)",
            "--hidden",
            "8",
            "--optimizer",
            "adam(lr=0.01)",
            "--batch",
            "16",
            "--seed",
            "3",
            "--epochs",
            "2",
            "--resume",
            "--checkpoint-dir",
            ckpt.toString()),
        "was written for the model");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);

    byte[] flipped = before.clone();
    flipped[flipped.length - 10] ^= 1;
    Files.write(file, flipped);
    assertOneLineError(
        run(small("--epochs", "2", "--resume", "--checkpoint-dir", ckpt.toString())),
        file.toString(),
        "SHA-256");
  }

  @Test
  void unwritableOutputsFailBeforeTraining(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("no/such/dir/m.safetensors");
    assertOneLineError(
        run(small("--epochs", "1", "--save", missing.toString())), "--save", "does not exist");
    Path readOnly = Files.createDirectory(dir.resolve("ro"));
    assertThat(readOnly.toFile().setWritable(false)).isTrue();
    try {
      if (!Files.isWritable(readOnly)) { // root can write anywhere
        assertOneLineError(
            run(small("--epochs", "1", "--history-out", readOnly.resolve("h").toString())),
            "is not writable");
      }
    } finally {
      readOnly.toFile().setWritable(true);
    }
  }

  @Test
  void divergenceIsOneLineAndKeepsAnExistingModelFile(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("m.safetensors");
    Files.writeString(model, "previous model");
    assertOneLineError(
        run(
            "train",
            "--dataset",
            "spiral(points=60)",
            "--hidden",
            "16,16",
            "--optimizer",
            "sgd(lr=1000000.0)",
            "--batch",
            "16",
            "--epochs",
            "5",
            "--save",
            model.toString()),
        "diverged at step",
        "lr=1000000.0");
    assertThat(Files.readString(model)).isEqualTo("previous model");
  }

  @Test
  void missingAndCorruptDataFilesAreOneLineErrors(@TempDir Path dir) throws Exception {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    assertOneLineError(
        run(
            "train",
            "--dataset",
            "mnist",
            "--data-dir",
            empty.toString(),
            "--offline",
            "--optimizer",
            "sgd(lr=0.1)",
            "--epochs",
            "1"),
        "mnist");
    Path corrupt = Files.createDirectories(dir.resolve("data/mnist"));
    for (String f :
        List.of(
            "train-images-idx3-ubyte",
            "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte",
            "t10k-labels-idx1-ubyte")) {
      Files.write(corrupt.resolve(f), new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 7});
    }
    assertOneLineError(
        run(
            "train",
            "--dataset",
            "mnist",
            "--data-dir",
            dir.resolve("data").toString(),
            "--offline",
            "--optimizer",
            "sgd(lr=0.1)",
            "--epochs",
            "1"),
        "idx");
  }

  @Test
  void evaluateRejectsCorruptAndForeignModelFiles(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("m.safetensors");
    assertOneLineError(
        run("evaluate", "--model", model.toString(), "--dataset", "spiral"), model.toString());
    assertThat(run(small("--epochs", "1", "--save", model.toString()))).isZero();
    byte[] good = Files.readAllBytes(model);
    Files.write(model, Arrays.copyOf(good, good.length - 8));
    assertOneLineError(
        run("evaluate", "--model", model.toString(), "--dataset", "spiral(points=60)"),
        model.toString(),
        "data_offsets");
    Path foreign = dir.resolve("f.safetensors");
    dev.descent.train.SafeTensors.write(
        foreign,
        java.util.Map.of("w", dev.descent.tensor.Tensor.zeros(2, 2)),
        java.util.Map.of("format", "pt"));
    assertOneLineError(
        run("evaluate", "--model", foreign.toString(), "--dataset", "spiral"),
        foreign.toString(),
        "cannot rebuild the model");
    Files.write(model, good);
    assertOneLineError(
        run("evaluate", "--model", model.toString(), "--dataset", "blobs(classes=4)"),
        "has 2 features and 4 classes but",
        "outputs 3 classes");
  }
}
