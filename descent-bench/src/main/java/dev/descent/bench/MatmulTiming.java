package dev.descent.bench;

import dev.descent.tensor.Blas;
import dev.descent.tensor.JavaBlas;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The Java half of {@code bench/matmul-vs-openblas.sh}: times the {@link MlpGemm} products exactly
 * as {@code bench/sgemm_ref.c} does (warm-up while doubling the repetitions until a round lasts
 * {@code round} seconds, then the median GFLOP/s of {@code rounds} rounds), so the two are
 * comparable.
 *
 * <p>Rounds of descent's {@link Blas#defaultBlas()} and of the raw {@link NativeBLAS} call it wraps
 * alternate, so both see the same machine load. Prints one line per shape: {@code name m n k transA
 * transB descent raw [java]}.
 *
 * <p>With {@code --cpu} the clock is the calling thread's CPU time instead of wall time, which
 * ignores the time the thread waits for a core on a busy machine but counts only this thread (so it
 * is meaningful only with {@code OPENBLAS_NUM_THREADS=1}); {@code --java} adds {@link JavaBlas}.
 *
 * <pre>
 * java -cp descent-bench/target/benchmarks.jar dev.descent.bench.MatmulTiming \
 *     [warmup_seconds=0.3] [round_seconds=0.05] [rounds=21] [--java] [--cpu]
 * </pre>
 */
public final class MatmulTiming {
  private MatmulTiming() {}

  /** One product, repeated {@code reps} times. */
  private interface Gemm {
    void run(GemmOperands x, long reps);
  }

  /** Runs the timing; arguments as in the class comment. */
  public static void main(String[] args) {
    List<String> positional = new ArrayList<>();
    boolean withJava = false;
    boolean cpuClock = false;
    for (String arg : args) {
      if (arg.equals("--java")) {
        withJava = true;
      } else if (arg.equals("--cpu")) {
        cpuClock = true;
      } else {
        positional.add(arg);
      }
    }
    double warmup = positional.size() > 0 ? Double.parseDouble(positional.get(0)) : 0.3;
    double round = positional.size() > 1 ? Double.parseDouble(positional.get(1)) : 0.05;
    int rounds = positional.size() > 2 ? Integer.parseInt(positional.get(2)) : 21;
    if (!(warmup >= 0) || !(round > 0) || rounds < 1) {
      throw new IllegalArgumentException(
          "need warmup_seconds >= 0, round_seconds > 0, rounds >= 1, got "
              + warmup
              + ", "
              + round
              + ", "
              + rounds);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    LongSupplier clock = cpuClock ? threads::getCurrentThreadCpuTime : System::nanoTime;
    Blas blas = Blas.defaultBlas();
    if (!blas.isNative()) {
      throw new IllegalStateException("no native BLAS loaded; descent uses " + blas.name());
    }
    NativeBLAS raw = NativeBLAS.getInstance();
    JavaBlas javaBlas = new JavaBlas();
    List<Gemm> impls = new ArrayList<>();
    impls.add((x, reps) -> viaBlas(blas, x, reps));
    impls.add((x, reps) -> viaNetlib(raw, x, reps));
    if (withJava) {
      impls.add((x, reps) -> viaBlas(javaBlas, x, reps));
    }
    System.err.println("descent BLAS: " + blas.name());
    for (MlpGemm shape : MlpGemm.values()) {
      GemmOperands x = new GemmOperands(shape, 42);
      double[][] gflops = new double[impls.size()][rounds];
      long[] reps = new long[impls.size()];
      for (int i = 0; i < impls.size(); i++) {
        reps[i] = warmUp(impls.get(i), x, warmup, round, clock);
      }
      for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < impls.size(); i++) {
          long t0 = clock.getAsLong();
          impls.get(i).run(x, reps[i]);
          gflops[i][r] = shape.flops() * reps[i] / (clock.getAsLong() - t0);
        }
      }
      StringBuilder line =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "%s %d %d %d %d %d",
                  shape.label,
                  shape.m,
                  shape.n,
                  shape.k,
                  shape.transA ? 1 : 0,
                  shape.transB ? 1 : 0));
      for (double[] g : gflops) {
        line.append(String.format(Locale.ROOT, " %.3f", median(g)));
      }
      System.out.println(line);
      System.out.flush();
    }
  }

  /** Repeats until {@code seconds} have passed, doubling reps until a round takes {@code round}. */
  private static long warmUp(
      Gemm gemm, GemmOperands x, double seconds, double round, LongSupplier clock) {
    long reps = 1;
    long end = clock.getAsLong() + (long) (seconds * 1e9);
    do {
      long t0 = clock.getAsLong();
      gemm.run(x, reps);
      if (clock.getAsLong() - t0 < round * 1e9 / 2) {
        reps *= 2;
      }
    } while (clock.getAsLong() < end);
    return reps;
  }

  static void viaBlas(Blas blas, GemmOperands x, long reps) {
    MlpGemm s = x.shape;
    for (long r = 0; r < reps; r++) {
      blas.sgemm(
          s.transA, s.transB, s.m, s.n, s.k, 1f, x.a, 0, s.lda(), x.b, 0, s.ldb(), 0f, x.c, 0, s.n);
    }
  }

  /**
   * The call {@code NetlibBlas} makes, without descent's checks: the row-major/column-major swap.
   */
  static void viaNetlib(NativeBLAS raw, GemmOperands x, long reps) {
    MlpGemm s = x.shape;
    String tb = s.transB ? "T" : "N";
    String ta = s.transA ? "T" : "N";
    for (long r = 0; r < reps; r++) {
      raw.sgemm(tb, ta, s.n, s.m, s.k, 1f, x.b, 0, s.ldb(), x.a, 0, s.lda(), 0f, x.c, 0, s.n);
    }
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    int h = s.length / 2;
    return s.length % 2 == 1 ? s[h] : 0.5 * (s[h - 1] + s[h]);
  }
}
