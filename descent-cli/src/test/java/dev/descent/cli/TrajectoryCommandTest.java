package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.function.Functions;
import dev.descent.function.Point;
import dev.descent.lab.trajectory.Trajectory;
import dev.descent.lab.trajectory.TrajectoryRunner;
import dev.descent.optim.Optimizers;
import dev.descent.schedule.Schedules;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrajectoryCommandTest {
  @TempDir Path dir;

  /** Exit code, standard output and standard error of one run. */
  record Result(int code, String out, String err) {
    List<String> lines() {
      return List.of(out.split("\n"));
    }
  }

  static Result run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void csvHasTheHeaderAndOneRowPerStepIncludingTheStart() {
    Result r =
        run(
            "trajectory",
            "--function",
            "anisotropic",
            "--start",
            "-7,2",
            "--steps",
            "30",
            "--optimizer",
            "sgd(lr=0.95)");
    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = r.lines();
    assertThat(lines).hasSize(32);
    assertThat(lines.get(0)).isEqualTo("step,x,y,f,evals");
    assertThat(lines.get(1)).isEqualTo("0,-7.0,2.0,6.45,0");
    Trajectory expected =
        TrajectoryRunner.run(
            Functions.create("anisotropic"),
            Optimizers.create("sgd(lr=0.95)"),
            new Point(-7, 2),
            30);
    for (int i = 0; i <= 30; i++) {
      String[] cells = lines.get(i + 1).split(",");
      assertThat(Integer.parseInt(cells[0])).isEqualTo(i);
      assertThat(Double.parseDouble(cells[1])).isEqualTo(expected.x(i));
      assertThat(Double.parseDouble(cells[2])).isEqualTo(expected.y(i));
      assertThat(Double.parseDouble(cells[3])).isEqualTo(expected.f(i));
      assertThat(Long.parseLong(cells[4])).isEqualTo(i);
    }
  }

  @Test
  void severalOptimizersAddAnOptimizerColumn() {
    Result r =
        run(
            "trajectory",
            "--function",
            "x^2/20 + y^2",
            "--start",
            "-7,2",
            "--steps",
            "3",
            "--optimizer",
            "sgd(lr=0.95)",
            "--optimizer",
            "adam(lr=0.3, beta1=0.8)");
    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = r.lines();
    assertThat(lines).hasSize(9);
    assertThat(lines.get(0)).isEqualTo("optimizer,step,x,y,f,evals");
    assertThat(lines.get(1)).isEqualTo("sgd(lr=0.95),0,-7.0,2.0,6.45,0");
    assertThat(lines.get(5)).startsWith("\"adam(lr=0.3,beta1=0.8)\",0,-7.0,2.0,");
    assertThat(lines.get(8)).startsWith("\"adam(lr=0.3,beta1=0.8)\",3,");
  }

  @Test
  void namedFunctionsDefaultToTheirClassicStartAndScheduleDrivesLr() {
    Result r =
        run(
            "trajectory",
            "--function",
            "rosenbrock",
            "--steps",
            "5",
            "--optimizer",
            "sgd(lr=0.001)",
            "--schedule",
            "step(lr=0.002,step_size=2,gamma=0.5)");
    assertThat(r.code()).as(r.err()).isZero();
    Trajectory expected =
        TrajectoryRunner.run(
            Functions.create("rosenbrock"),
            Optimizers.create("sgd(lr=0.001)")
                .withSchedule(Schedules.create("step(lr=0.002,step_size=2,gamma=0.5)")),
            new Point(-1.5, 2),
            5);
    assertThat(r.lines().get(1)).startsWith("0,-1.5,2.0,");
    String[] last = r.lines().get(6).split(",");
    assertThat(Double.parseDouble(last[1])).isEqualTo(expected.x(5));
    assertThat(Double.parseDouble(last[2])).isEqualTo(expected.y(5));
  }

  @Test
  void csvGoesToAFileWithOut() throws Exception {
    Path csv = dir.resolve("path.csv");
    Result r =
        run(
            "trajectory",
            "--function",
            "booth",
            "--steps",
            "2",
            "--optimizer",
            "sgd(lr=0.01)",
            "--out",
            csv.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readAllLines(csv)).hasSize(4).first().isEqualTo("step,x,y,f,evals");
  }

  @Test
  void imagesAreWrittenWithTheRightMagicBytes() throws Exception {
    String[] base = {
      "trajectory",
      "--function",
      "anisotropic",
      "--start",
      "-7,2",
      "--steps",
      "4",
      "--optimizer",
      "sgd(lr=0.95)",
      "--optimizer",
      "adam(lr=0.3)",
      "--out"
    };
    Path png = dir.resolve("t.png");
    assertThat(run(concat(base, png.toString())).code()).isZero();
    assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
    Path svg = dir.resolve("t.svg");
    assertThat(run(concat(base, svg.toString())).code()).isZero();
    assertThat(Files.readString(svg)).startsWith("<?xml").contains("<svg");
    Path gif = dir.resolve("t.gif");
    Result r = run(concat(base, gif.toString(), "--layout", "overlay"));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("wrote " + gif + "\n");
    assertThat(new String(Files.readAllBytes(gif), 0, 6, StandardCharsets.US_ASCII))
        .isEqualTo("GIF89a");
    Path forced = dir.resolve("picture.img");
    assertThat(run(concat(base, forced.toString(), "--format", "png")).code()).isZero();
    assertThat(Files.readAllBytes(forced)).startsWith(0x89, 'P', 'N', 'G');
  }

  @Test
  void divergenceIsANoteNotAFailure() {
    Result r =
        run(
            "trajectory",
            "--function",
            "-exp(x) + y^2",
            "--start",
            "1,0",
            "--steps",
            "10",
            "--optimizer",
            "sgd(lr=1)");
    assertThat(r.code()).isZero();
    assertThat(r.lines()).hasSize(4);
    assertThat(r.err()).startsWith("note: diverged at step 3: f(");
  }

  @Test
  void mistakesExitWithOneAndOneClearLine() {
    assertError(
        "error: unknown function 'rosenbrok'; did you mean 'rosenbrock'?; valid functions:"
            + " anisotropic, saddle, monkey_saddle, rosenbrock, beale, himmelblau, booth,"
            + " rastrigin, ackley, long_valley",
        "--function",
        "rosenbrok",
        "--optimizer",
        "sgd(lr=0.1)");
    assertError(
        "error: unexpected ')' at column 7\n  x^2 + )\n        ^",
        "--function",
        "x^2 + )",
        "--start",
        "1,1",
        "--optimizer",
        "sgd(lr=0.1)");
    assertError(
        "error: --start X,Y is required for a formula (named functions have a default start)",
        "--function",
        "x^2",
        "--optimizer",
        "sgd(lr=0.1)");
    assertError(
        "error: --start: a point must be X,Y (e.g. -7,2), got '1;2'",
        "--function",
        "booth",
        "--start",
        "1;2",
        "--optimizer",
        "sgd(lr=0.1)");
    assertError(
        "error: --format must be csv, png, svg or gif, got 'jpg'",
        "--function",
        "booth",
        "--optimizer",
        "sgd(lr=0.1)",
        "--format",
        "jpg");
    assertError(
        "error: --out FILE is required for --format png",
        "--function",
        "booth",
        "--optimizer",
        "sgd(lr=0.1)",
        "--format",
        "png");
    assertError(
        "error: --layout must be grid or overlay, got 'stack'",
        "--function",
        "booth",
        "--optimizer",
        "sgd(lr=0.1)",
        "--layout",
        "stack");
    assertError(
        "error: --steps must be in [0, 2147483647], got -2",
        "--function",
        "booth",
        "--optimizer",
        "sgd(lr=0.1)",
        "--steps",
        "-2");
    assertError(
        "error: cannot write nowhere/t.png: its directory does not exist",
        "--function",
        "booth",
        "--optimizer",
        "sgd(lr=0.1)",
        "--steps",
        "1",
        "--out",
        "nowhere/t.png");
    assertError(
        "error: --window: window x range must be finite with xMin < xMax, got [1.0, 0.0]",
        "--function",
        "booth",
        "--optimizer",
        "sgd(lr=0.1)",
        "--steps",
        "1",
        "--window",
        "1,0,0,1",
        "--out",
        "x.png");
    Result r = run("trajectory", "--function", "booth", "--optimizer", "adamm(lr=0.1)");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("error: unknown optimizer 'adamm'; did you mean 'adam");
  }

  @Test
  void defaultWindowGrowsForTheStartAndNearbyPathsButNotForDivergence() {
    var f = Functions.create("saddle");
    Trajectory far =
        new Trajectory(
            "sgd",
            new double[] {0, 2.4, 1e9},
            new double[] {0, 0, 0},
            new double[3],
            new long[3],
            2,
            null);
    assertThat(TrajectoryCommand.defaultWindow(f, new Point(0, 0), List.of()))
        .isEqualTo(f.window());
    var w = TrajectoryCommand.defaultWindow(f, new Point(-2.5, 0), List.of(far));
    // [-2.5, 2.4] x [-2, 2] padded by 5%: the point at 1e9 is ignored
    assertThat(w.xMin()).isCloseTo(-2.745, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(w.xMax()).isCloseTo(2.645, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(w.yMax()).isCloseTo(2.2, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(TrajectoryCommand.parseWindow("-1, 1, 0, 3"))
        .isEqualTo(new dev.descent.function.Window(-1, 1, 0, 3));
  }

  private static void assertError(String message, String... args) {
    Result r = run(concat(new String[] {"trajectory"}, args));
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo(message + "\n");
    assertThat(r.out()).isEmpty();
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
