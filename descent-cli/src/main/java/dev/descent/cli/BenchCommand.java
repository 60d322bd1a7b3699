package dev.descent.cli;

import dev.descent.tensor.Blas;
import dev.descent.tensor.JavaBlas;
import dev.descent.vector.VectorBlas;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code descent bench}: quick user-facing speed measurements. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure speed on this machine (see descent-bench for the JMH suite).",
    subcommands = {BenchCommand.Matmul.class, BenchTrain.class})
final class BenchCommand {

  /** {@code descent bench matmul}. */
  @Command(
      name = "matmul",
      mixinStandardHelpOptions = true,
      description = {
        "Time C = A*B (A m x k, B k x n, float32, row-major) and print GFLOP/s (2*m*n*k flops per"
            + " product).",
        "Reports the median over timed rounds after a warm-up, and the implementation used."
      },
      footer = {
        "",
        "Threads: OpenBLAS reads OPENBLAS_NUM_THREADS once, when the library loads; bin/descent"
            + " sets it to 1 unless it is set (descent splits the work of training over its own"
            + " threads), so to time OpenBLAS's own threading set it before starting descent, e.g.",
        "  OPENBLAS_NUM_THREADS=2 bin/descent bench matmul --m 128 --k 784 --n 100",
        "The pure-Java fallback (--blas java) is single-threaded."
      })
  static final class Matmul implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--m",
        defaultValue = "128",
        description = "Rows of A and C (default: ${DEFAULT-VALUE}).")
    int m;

    @Option(
        names = "--k",
        defaultValue = "784",
        description = "Columns of A, rows of B (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(
        names = "--n",
        defaultValue = "100",
        description = "Columns of B and C (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(
        names = "--blas",
        defaultValue = "default",
        description =
            "default (native when available), java (the plain-Java fallback) or vector (the"
                + " Vector API fallback; needs the JVM flag --add-modules jdk.incubator.vector,"
                + " which bin/descent adds when no native BLAS is installed).")
    String blasChoice;

    @Option(
        names = "--seconds",
        defaultValue = "2",
        description = "Timed seconds, after as long a warm-up (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--json", description = "Print one JSON line instead of text.")
    boolean json;

    @Override
    public Integer call() {
      if (m <= 0 || k <= 0 || n <= 0) {
        throw new IllegalArgumentException(
            "--m, --k and --n must be positive, got m=" + m + ", k=" + k + ", n=" + n);
      }
      if (!(seconds > 0) || seconds > 600) {
        throw new IllegalArgumentException("--seconds must be in (0, 600], got " + seconds);
      }
      Blas blas;
      switch (blasChoice) {
        case "default":
          blas = Blas.defaultBlas();
          break;
        case "java":
          blas = new JavaBlas();
          break;
        case "vector":
          if (!VectorBlas.isSupported()) {
            throw new IllegalArgumentException(
                "--blas vector needs the Vector API module: run with"
                    + " DESCENT_JAVA_OPTS=--add-modules=jdk.incubator.vector");
          }
          blas = new VectorBlas();
          break;
        default:
          throw new IllegalArgumentException(
              "--blas must be default, java or vector, got '" + blasChoice + "'");
      }
      double[] rounds = measure(blas, m, k, n, seconds);
      double median = median(rounds);
      double min = Arrays.stream(rounds).min().orElse(median);
      double max = Arrays.stream(rounds).max().orElse(median);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.printf(
            Locale.ROOT,
            "{\"m\":%d,\"k\":%d,\"n\":%d,\"gflops\":%.3f,\"gflops_min\":%.3f,\"gflops_max\":%.3f,"
                + "\"rounds\":%d,\"implementation\":\"%s\",\"threads\":\"%s\"}%n",
            m,
            k,
            n,
            median,
            min,
            max,
            rounds.length,
            blas.name().replace("\\", "\\\\").replace("\"", "\\\""),
            InfoCommand.blasThreads(blas));
      } else {
        out.printf(
            Locale.ROOT,
            "sgemm %d x %d * %d x %d: %.2f GFLOP/s (median of %d rounds, min %.2f, max %.2f)%n",
            m,
            k,
            k,
            n,
            median,
            rounds.length,
            min,
            max);
        out.println("implementation: " + blas.name());
        out.println("threads:        " + InfoCommand.blasThreads(blas));
      }
      out.flush();
      return 0;
    }
  }

  /** GFLOP/s of each timed round of ~0.1 s, after a warm-up as long as the timed part. */
  static double[] measure(Blas blas, int m, int k, int n, double seconds) {
    SplittableRandom rng = new SplittableRandom(42);
    float[] a = new float[Math.multiplyExact(m, k)];
    float[] b = new float[Math.multiplyExact(k, n)];
    float[] c = new float[Math.multiplyExact(m, n)];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) rng.nextGaussian();
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) rng.nextGaussian();
    }
    double flops = 2.0 * m * n * k;
    long roundNanos = 100_000_000L;
    int reps = 1;
    long warmEnd = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < warmEnd) {
      long t0 = System.nanoTime();
      for (int r = 0; r < reps; r++) {
        blas.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
      }
      long dt = System.nanoTime() - t0;
      if (dt < roundNanos / 2) {
        reps *= 2;
      }
    }
    int count = Math.max(3, (int) Math.round(seconds * 1e9 / roundNanos));
    double[] gflops = new double[count];
    for (int i = 0; i < count; i++) {
      long t0 = System.nanoTime();
      for (int r = 0; r < reps; r++) {
        blas.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
      }
      long dt = System.nanoTime() - t0;
      gflops[i] = flops * reps / dt;
    }
    return gflops;
  }

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    int h = s.length / 2;
    return s.length % 2 == 1 ? s[h] : 0.5 * (s[h - 1] + s[h]);
  }
}
