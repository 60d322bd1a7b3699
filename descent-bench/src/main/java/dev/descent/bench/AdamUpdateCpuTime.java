package dev.descent.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.Locale;

/**
 * Runs {@link AdamUpdateBenchmark}'s methods in one thread and reports thread CPU time per update,
 * which stays meaningful on a machine shared with other jobs (where JMH's wall-clock scores swing
 * by ±100%). Not a replacement for JMH on a quiet machine.
 *
 * <pre>
 * java -cp descent-bench/target/benchmarks.jar dev.descent.bench.AdamUpdateCpuTime [reps]
 * </pre>
 */
public final class AdamUpdateCpuTime {
  private AdamUpdateCpuTime() {}

  /** Warms up, then prints the CPU microseconds per update of each method over three rounds. */
  public static void main(String[] args) throws Exception {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    AdamUpdateBenchmark b = new AdamUpdateBenchmark();
    b.shapes = "784x256,256,256x256,256,256x10,10";
    b.setUp();
    String[] names = {
      "library", "handwrittenFloat32", "handwrittenDoubleState", "handwrittenDoubleStateVectorized"
    };
    for (int round = 0; round < 4; round++) {
      for (String name : names) {
        Method m = AdamUpdateBenchmark.class.getMethod(name);
        long start = mx.getCurrentThreadCpuTime();
        for (int r = 0; r < reps; r++) {
          m.invoke(b);
        }
        long cpu = mx.getCurrentThreadCpuTime() - start;
        if (round > 0) {
          System.out.printf(
              Locale.ROOT,
              "round %d %-34s %9.1f us/op (thread CPU)%n",
              round,
              name,
              cpu / 1e3 / reps);
        }
      }
    }
  }
}
