package dev.descent.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Locale;

/**
 * Runs {@link AdamUpdateBenchmark}'s single-threaded methods in one thread, alternating them round
 * by round, and reports thread CPU time per update, which stays meaningful on a machine shared with
 * other jobs (where JMH's wall-clock scores swing by ±100%), and each method's ratio to the plain
 * fused float32 loop measured in the same round: the median and min–max over the rounds. Not a
 * replacement for JMH on a quiet machine.
 *
 * <pre>
 * java -cp descent-bench/target/benchmarks.jar dev.descent.bench.AdamUpdateCpuTime [reps] [rounds]
 * </pre>
 */
public final class AdamUpdateCpuTime {
  private AdamUpdateCpuTime() {}

  /** Warms up for one round, then prints per-round CPU times and the ratios' medians. */
  public static void main(String[] args) throws Exception {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    AdamUpdateBenchmark b = new AdamUpdateBenchmark();
    b.shapes = "784x256,256,256x256,256,256x10,10";
    b.setUp();
    String[] names = {
      "handwrittenFloat32",
      "fused",
      "fusedChecked",
      "chain",
      "handwrittenDoubleState",
      "handwrittenDoubleStateVectorized"
    };
    double[][] ratio = new double[names.length][rounds];
    for (int round = 0; round <= rounds; round++) {
      double[] us = new double[names.length];
      for (int k = 0; k < names.length; k++) {
        Method m = AdamUpdateBenchmark.class.getMethod(names[k]);
        long start = mx.getCurrentThreadCpuTime();
        for (int r = 0; r < reps; r++) {
          m.invoke(b);
        }
        us[k] = (mx.getCurrentThreadCpuTime() - start) / 1e3 / reps;
      }
      if (round == 0) {
        continue; // warm-up
      }
      for (int k = 0; k < names.length; k++) {
        ratio[k][round - 1] = us[k] / us[0];
        System.out.printf(
            Locale.ROOT,
            "round %d %-34s %9.1f us/op (thread CPU) %6.2fx%n",
            round,
            names[k],
            us[k],
            ratio[k][round - 1]);
      }
    }
    System.out.println("ratio to handwrittenFloat32: median [min-max] over " + rounds + " rounds");
    for (int k = 0; k < names.length; k++) {
      double[] r = ratio[k].clone();
      Arrays.sort(r);
      System.out.printf(
          Locale.ROOT,
          "%-34s %6.2fx [%.2f-%.2f]%n",
          names[k],
          r[r.length / 2],
          r[0],
          r[r.length - 1]);
    }
    b.tearDown();
  }
}
