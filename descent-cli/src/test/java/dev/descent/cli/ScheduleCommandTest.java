package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScheduleCommandTest {
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
  void oneSpecPrintsStepAndLrRowsFromZero() {
    Result r = run("schedule", "step(lr=1,step_size=2,gamma=0.5)", "--steps", "5");
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEqualTo("step,lr\n0,1.0\n1,1.0\n2,0.5\n3,0.5\n4,0.25\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void severalSpecsGetOneQuotedColumnEachNamedByTheCanonicalSpec() {
    Result r = run("schedule", "cosine(lr=0.1, t_max=2)", "constant(lr=0.25)", "--steps", "3");
    assertThat(r.status()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "step,\"cosine(lr=0.1,t_max=2)\",\"constant(lr=0.25)\"\n"
                + "0,0.1,0.25\n"
                + "1,0.05,0.25\n"
                + "2,0.0,0.25\n");
  }

  @Test
  void csvGoesToTheOutFile() throws IOException {
    Path csv = dir.resolve("lr.csv");
    Result r = run("schedule", "linear(lr=1,t_max=4)", "--steps", "6", "--out", csv.toString());
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(Files.readString(csv))
        .isEqualTo("step,lr\n0,1.0\n1,0.75\n2,0.5\n3,0.25\n4,0.0\n5,0.0\n");
  }

  @Test
  void pngIsWrittenWhenTheOutFileEndsInPng() throws IOException {
    Path png = dir.resolve("schedules.png");
    Result r =
        run(
            "schedule",
            "cosine(lr=0.1,t_max=100)",
            "onecycle(max_lr=0.1,total_steps=100)",
            "--steps",
            "100",
            "--out",
            png.toString());
    assertThat(r.status()).as(r.err()).isZero();
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes.length).isGreaterThan(1000);
    assertThat(new byte[] {bytes[0], bytes[1], bytes[2], bytes[3]})
        .isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
  }

  @Test
  void svgIsWrittenWithFormatSvg() throws IOException {
    Path svg = dir.resolve("chart.out");
    Result r =
        run(
            "schedule",
            "onecycle_momentum(max_lr=0.1,total_steps=50)",
            "--steps",
            "50",
            "--format",
            "svg",
            "--out",
            svg.toString());
    assertThat(r.status()).as(r.err()).isZero();
    String text = Files.readString(svg, StandardCharsets.UTF_8);
    assertThat(text).contains("<svg").contains("</svg>");
  }

  @Test
  void listShowsEveryScheduleWithItsKeys() {
    Result r = run("schedule", "--list");
    assertThat(r.status()).isZero();
    assertThat(r.out())
        .contains("cosine: ")
        .contains("    t_max (required)  in [1, inf)")
        .contains("    eta_min=0  in [0, lr]")
        .contains("plateau: ")
        .contains("warmup: ");
  }

  @Test
  void errorsAreOneLineOnStderrWithStatusOne() {
    assertError(
        run("schedule", "cosin(lr=0.1,t_max=10)", "--steps", "5"),
        "error: unknown schedule 'cosin'; did you mean 'cosine'?; valid schedules: constant,");
    assertError(
        run("schedule", "cosine(lr=0.1,t_max=10,eta=0)", "--steps", "5"),
        "error: unknown key 'eta' for schedule cosine");
    assertError(
        run("schedule", "step(lr=0.1,step_size=10,gamma=1.5)", "--steps", "5"),
        "error: step: gamma must be in (0, 1], got 1.5");
    assertError(
        run("schedule", "cosine(lr=0.1,t_max=10)", "--steps", "0"),
        "error: --steps must be in [1, 10000000], got 0");
    assertError(run("schedule", "cosine(lr=0.1,t_max=10)"), "error: --steps N is required");
    assertError(run("schedule", "--steps", "3"), "error: give at least one schedule SPEC");
    assertError(
        run("schedule", "cosine(lr=0.1,t_max=10)", "--steps", "5", "--format", "gif"),
        "error: --format must be csv, png or svg, got 'gif'");
    assertError(
        run("schedule", "cosine(lr=0.1,t_max=10)", "--steps", "5", "--format", "png"),
        "error: --format png needs --out FILE");
    assertError(
        run("schedule", "onecycle(max_lr=0.1,total_steps=10)", "--steps", "20"),
        "error: onecycle: step 11 is past total_steps=10");
    Path missing = dir.resolve("no/such/dir/out.png");
    assertError(
        run("schedule", "cosine(lr=0.1,t_max=10)", "--steps", "5", "--out", missing.toString()),
        "error: cannot write " + missing + ": its directory does not exist");
  }

  private static void assertError(Result r, String start) {
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith(start).endsWith("\n");
    assertThat(r.err().strip()).doesNotContain("\n");
  }
}
