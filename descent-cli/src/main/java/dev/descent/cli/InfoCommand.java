package dev.descent.cli;

import dev.descent.tensor.Blas;
import dev.descent.tensor.JavaBlas;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code descent info}: what this machine and build will use. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description =
        "Print the BLAS implementation, its thread count and kernel family, the JDK and the CPU"
            + " cores.")
final class InfoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Blas blas = Blas.defaultBlas();
    out.println("descent       " + BuildInfo.version());
    out.println("BLAS          " + blas.name());
    out.println("BLAS threads  " + blasThreads(blas));
    if (blas.isNative()) {
      out.println("BLAS kernels  " + blasKernels());
    } else {
      out.println("BLAS hint     " + fallbackHint(blas instanceof JavaBlas));
    }
    out.println(
        "JDK           "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + " ("
            + System.getProperty("java.home")
            + ")");
    out.println("CPU cores     " + Runtime.getRuntime().availableProcessors());
    out.println("Max heap      " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
    out.println(
        "OS            "
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    out.flush();
    return 0;
  }

  /**
   * How to get faster products than the pure-Java ones in use: the plain-Java {@link JavaBlas}
   * ({@code plainJava}) or another, such as the Vector API one.
   */
  static String fallbackHint(boolean plainJava) {
    return plainJava
        ? "install libopenblas0 (native products, 4-6x faster), or run java with"
            + " --add-modules=jdk.incubator.vector (the Vector API product, 3-4x)"
        : "install libopenblas0 for native products (about 1.4x faster)";
  }

  /**
   * OpenBLAS's kernel family: OPENBLAS_CORETYPE when set (bin/descent sets it from the CPU flags),
   * else OpenBLAS's own detection, which falls back to generic SSE3 kernels on CPUs it does not
   * know.
   */
  static String blasKernels() {
    String v = System.getenv("OPENBLAS_CORETYPE");
    if (v != null && !v.isBlank()) {
      return v.trim() + " (from OPENBLAS_CORETYPE)";
    }
    return "detected by OpenBLAS (OPENBLAS_CORETYPE unset; bin/descent sets it from the CPU flags)";
  }

  /** OpenBLAS reads OPENBLAS_NUM_THREADS (then OMP_NUM_THREADS) once, else uses every core. */
  static String blasThreads(Blas blas) {
    if (!blas.isNative()) {
      return "1 (pure Java, single-threaded)";
    }
    for (String var : new String[] {"OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"}) {
      String v = System.getenv(var);
      if (v != null && !v.isBlank()) {
        return v.trim() + " (from " + var + ")";
      }
    }
    return Runtime.getRuntime().availableProcessors() + " (OpenBLAS default: one per core)";
  }
}
