package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DatasetsCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void listsEveryDataSet() {
    assertThat(run("datasets")).isZero();
    assertThat(out.toString())
        .contains(
            "fashion-mnist", "emnist-letters", "kmnist", "spiral(points=100,classes=3,seed=0)");
  }

  @Test
  void summarisesASyntheticSet() {
    assertThat(run("datasets", "spiral(points=20,classes=2)")).isZero();
    assertThat(out.toString())
        .isEqualTo(
            String.format(
                "train 40 examples, 2 features, 2 classes, per class [20, 20]%n"
                    + "test  40 examples, 2 features, 2 classes, per class [20, 20]%n"));
  }

  @Test
  void loadsFashionMnistFromAGivenFolderOffline() {
    assertThat(run("datasets", "fashion-mnist", "--offline", "--data-dir", "/usr/share/datasets"))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).startsWith("train 60000 examples, 784 features, 10 classes");
  }

  @Test
  void unknownNamesGetOneLineWithASuggestion() {
    assertThat(run("datasets", "spirall")).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("error: unknown data set 'spirall'; did you mean 'spiral'?")
        .doesNotContain("Exception");
  }
}
