package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code descent trajectory} with full-batch methods and {@code --analyze}. */
class TrajectoryFullBatchCliTest {

  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int status = cli.execute(args);
    return new Run(status, out.toString(), err.toString());
  }

  @Test
  void lbfgsOnRosenbrockEndsWithin1e6OfTheMinimum() {
    Run r =
        run(
            "trajectory",
            "--function",
            "rosenbrock",
            "--optimizer",
            "lbfgs",
            "--start",
            "-1.5,2",
            "--steps",
            "200");
    assertThat(r.status()).isZero();
    String[] lines = r.out().strip().split("\n");
    assertThat(lines[0]).isEqualTo("step,x,y,f,evals");
    assertThat(lines[1]).isEqualTo("0,-1.5,2.0,12.5,1");
    String[] last = lines[lines.length - 1].split(",");
    assertThat(Math.abs(Double.parseDouble(last[1]) - 1)).isLessThanOrEqualTo(1e-6);
    assertThat(Math.abs(Double.parseDouble(last[2]) - 1)).isLessThanOrEqualTo(1e-6);
    // PyTorch 1.13 needs 53 evaluations for 42 iterations here (fullbatch_reference.py).
    assertThat(last[0]).isEqualTo("42");
    assertThat(last[4]).isEqualTo("53");
    assertThat(r.err()).contains("note: converged at iteration 42 with lbfgs: max|∇f| = ");
  }

  @Test
  void mixesFirstOrderAndFullBatchMethods() {
    Run r =
        run(
            "trajectory",
            "--function",
            "anisotropic",
            "--optimizer",
            "sgd(lr=0.95)",
            "--optimizer",
            "lbfgs(history=10)",
            "--steps",
            "5");
    assertThat(r.status()).isZero();
    assertThat(r.out())
        .contains("\nsgd(lr=0.95),5,")
        .contains("\nlbfgs(history=10),0,-7.0,2.0,6.45,1\n");
  }

  @Test
  void analyzePrintsGradientHessianEigenvaluesAndTheClassification() {
    Run saddle = run("trajectory", "--function", "saddle", "--analyze", "0,0");
    assertThat(saddle.status()).isZero();
    assertThat(saddle.out())
        .contains("gradient    [0, 0]")
        .contains("hessian     [2, 0]")
        .contains("            [0, -2]")
        .contains("eigenvalues [-2, 2]")
        .contains("critical point: saddle");
    assertThat(run("trajectory", "--function", "monkey_saddle", "--analyze", "0,0").out())
        .contains("critical point: degenerate");
    assertThat(run("trajectory", "--function", "rosenbrock", "--analyze", "1,1").out())
        .contains("hessian     [802, -400]")
        .contains("critical point: minimum");
    assertThat(run("trajectory", "--function", "rosenbrock", "--analyze", "-1.5,2").out())
        .contains("gradient    [-155, -50]")
        .contains("not a critical point");
  }

  @Test
  void errorsAreOneLineWithTheValidNames() {
    Run r = run("trajectory", "--function", "rosenbrock", "--optimizer", "lbgfs");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("unknown optimizer 'lbgfs'").contains("full-batch methods: lbfgs");
    Run s =
        run(
            "trajectory",
            "--function",
            "rosenbrock",
            "--optimizer",
            "lbfgs",
            "--schedule",
            "cosine(lr=0.1,t_max=10)");
    assertThat(s.err()).contains("--schedule does not apply to the full-batch method lbfgs");
    Run a = run("trajectory", "--function", "rosenbrock", "--analyze", "1");
    assertThat(a.err()).contains("--analyze: a point must be X,Y");
    Run none = run("trajectory", "--function", "rosenbrock");
    assertThat(none.err()).contains("--optimizer SPEC is required (or --analyze X,Y)");
  }
}
