package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.tensor.Blas;
import dev.descent.vector.VectorBlas;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CliTest {

  /** What one run of the CLI printed, and its exit code. */
  record Run(int exitCode, String out, String err) {}

  static Run run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void infoPrintsBlasThreadsJdkAndCores() {
    Run r = run("info");
    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains("BLAS          " + Blas.defaultBlas().name())
        .containsPattern("(?m)^BLAS threads  [1-9][0-9]* \\(")
        .contains("JDK           " + System.getProperty("java.vm.name"))
        .contains(System.getProperty("java.runtime.version"))
        .containsPattern("(?m)^CPU cores     " + Runtime.getRuntime().availableProcessors() + "$");
  }

  @Test
  void benchMatmulJsonPrintsOneLineWithPositiveGflops() throws Exception {
    Run r =
        run("bench", "matmul", "--m", "8", "--k", "16", "--n", "4", "--seconds", "0.05", "--json");
    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out().lines()).hasSize(1);
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("gflops").asDouble()).isPositive();
    assertThat(json.get("implementation").asText()).isEqualTo(Blas.defaultBlas().name());
    assertThat(json.get("m").asInt()).isEqualTo(8);
    assertThat(json.get("k").asInt()).isEqualTo(16);
    assertThat(json.get("n").asInt()).isEqualTo(4);
    assertThat(json.get("rounds").asInt()).isGreaterThanOrEqualTo(3);
    assertThat(json.get("gflops_min").asDouble())
        .isLessThanOrEqualTo(json.get("gflops").asDouble());
    assertThat(json.get("gflops_max").asDouble())
        .isGreaterThanOrEqualTo(json.get("gflops").asDouble());
  }

  @Test
  void benchMatmulCanForceThePureJavaFallback() throws Exception {
    Run r =
        run(
            "bench",
            "matmul",
            "--m",
            "3",
            "--k",
            "5",
            "--n",
            "7",
            "--seconds",
            "0.05",
            "--blas",
            "java",
            "--json");
    assertThat(r.exitCode()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("implementation").asText()).startsWith("pure Java");
    assertThat(json.get("threads").asText()).startsWith("1 ");
  }

  @Test
  void benchMatmulTextNamesShapeAndImplementation() {
    Run r = run("bench", "matmul", "--m", "4", "--k", "4", "--n", "4", "--seconds", "0.05");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .containsPattern("sgemm 4 x 4 \\* 4 x 4: [0-9.]+ GFLOP/s \\(median of [0-9]+ rounds")
        .contains("implementation: " + Blas.defaultBlas().name());
  }

  @Test
  void invalidSizesGiveOneErrorLineAndExitCodeOne() {
    for (String[] args :
        new String[][] {
          {"bench", "matmul", "--m", "0"},
          {"bench", "matmul", "--k", "-3", "--json"},
          {"bench", "matmul", "--n", "0", "--seconds", "0.05"}
        }) {
      Run r = run(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(1);
      assertThat(r.out()).isEmpty();
      assertThat(r.err().lines()).hasSize(1);
      assertThat(r.err()).startsWith("error: --m, --k and --n must be positive, got ");
    }
    Run r = run("bench", "matmul", "--m", "0", "--k", "2", "--n", "3");
    assertThat(r.err())
        .isEqualTo(
            "error: --m, --k and --n must be positive, got m=0, k=2, n=3" + System.lineSeparator());
  }

  @Test
  void invalidSecondsAndBlasNamesAreOneLineErrors() {
    Run r = run("bench", "matmul", "--seconds", "0");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip()).isEqualTo("error: --seconds must be in (0, 600], got 0.0");
    r = run("bench", "matmul", "--seconds", "0.05", "--blas", "cuda");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip())
        .isEqualTo("error: --blas must be default, java or vector, got 'cuda'");
  }

  @Test
  void infoTellsHowToGetFasterProductsThanAPureJavaOne() {
    assertThat(InfoCommand.fallbackHint(true))
        .contains("libopenblas0")
        .contains("--add-modules=jdk.incubator.vector");
    assertThat(InfoCommand.fallbackHint(false)).contains("libopenblas0").doesNotContain("--add");
    // The hint replaces the kernel family line when the product in use is not native.
    String info = run("info").out();
    if (Blas.defaultBlas().isNative()) {
      assertThat(info).contains("BLAS kernels").doesNotContain("BLAS hint");
    } else {
      assertThat(info).contains("BLAS hint").doesNotContain("BLAS kernels");
    }
  }

  @Test
  void vectorBlasWithoutItsModuleSaysHowToAddIt() {
    // This JVM runs without --add-modules jdk.incubator.vector: the class still loads and says so.
    assertThat(VectorBlas.isSupported()).isFalse();
    assertThatThrownBy(VectorBlas::new)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("--add-modules jdk.incubator.vector");
    Run r = run("bench", "matmul", "--seconds", "0.05", "--blas", "vector");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip())
        .isEqualTo(
            "error: --blas vector needs the Vector API module: run with"
                + " DESCENT_JAVA_OPTS=--add-modules=jdk.incubator.vector");
  }

  @Test
  void benchMatmulHelpExplainsHowToSetThreads() {
    Run r = run("bench", "matmul", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("OPENBLAS_NUM_THREADS").contains("--json").contains("--blas");
  }
}
