package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LabCommandTest {
  @TempDir Path dir;

  private record Result(int status, String out, String err) {}

  private static Result run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int status = cli.execute(args);
    return new Result(status, out.toString(), err.toString());
  }

  @Test
  void listNamesEveryExperimentInReportOrder() {
    Result r = run("lab", "--list");
    assertThat(r.status()).isZero();
    assertThat(r.out().lines().map(l -> l.split(" +")[0]))
        .containsExactly(
            "trajectories",
            "optimizers",
            "activations",
            "weight-init",
            "batchnorm",
            "weight-decay",
            "dropout",
            "search",
            "schedules",
            "second-order");
  }

  @Test
  void helpListsTheExperiments() {
    Result r = run("lab", "--help");
    assertThat(r.out()).contains("batchnorm").contains("--quick").contains("--out");
  }

  @Test
  void unknownExperimentIsOneLineNamingTheValidOnes() {
    Result r = run("lab", "batchnrom", "--out", dir.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).startsWith("error: unknown experiment 'batchnrom'; valid: trajectories,");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void outIsRequired() {
    Result r = run("lab", "trajectories");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("--out DIR is required");
  }

  @Test
  void dataFreeExperimentsWriteAReportWithoutAnyDataSet() {
    Result r = run("lab", "trajectories", "--tiny", "--threads", "1", "--out", dir.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(dir.resolve("index.html")).exists();
    assertThat(dir.resolve("trajectories/bowl.png")).exists();
    assertThat(dir.resolve("trajectories/taxonomy.json")).exists();
    String html = readIndex();
    assertThat(html).contains("none needed").contains("descent lab trajectories --tiny");
    assertThat(r.out()).startsWith("wrote ").contains("1 experiments");
  }

  private String readIndex() {
    try {
      return Files.readString(dir.resolve("index.html"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
