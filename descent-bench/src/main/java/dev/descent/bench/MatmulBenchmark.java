package dev.descent.bench;

import dev.descent.tensor.Blas;
import dev.descent.tensor.JavaBlas;
import dev.descent.vector.VectorBlas;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Matrix products at the MLP's shapes ({@link MlpGemm}: each layer's forward product, {@code dW =
 * X^T dY} and {@code dX = dY W^T}) through descent's {@link Blas#defaultBlas()} (including its
 * bounds checks), through the raw {@link NativeBLAS} call it wraps, through {@link JavaBlas} and
 * through {@link VectorBlas}.
 *
 * <p>The secondary result {@code gflop} is GFLOP/s (an {@link AuxCounters} counter of 2mnk/1e9 per
 * product, reported per second). OpenBLAS reads {@code OPENBLAS_NUM_THREADS} at load; forks inherit
 * it from the shell.
 *
 * <pre>
 * ./mvnw -B -o -q -DskipTests package
 * OPENBLAS_NUM_THREADS=1 java -jar descent-bench/target/benchmarks.jar MatmulBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MatmulBenchmark {
  /** The product to time, by {@link MlpGemm} label. */
  @Param({"fc1.forward", "fc1.dW", "fc1.dX", "fc2.forward", "fc2.dW", "fc2.dX"})
  public String shape;

  private GemmOperands x;
  private Blas descent;
  private NativeBLAS raw;
  private final JavaBlas javaBlas = new JavaBlas();
  private final VectorBlas vectorBlas = new VectorBlas();

  /** Per-iteration GFLOP counter; JMH divides it by the iteration time. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Flops {
    /** Billions of floating-point operations done. */
    public double gflop;

    /** Clears the counter before each iteration. */
    @Setup(Level.Iteration)
    public void reset() {
      gflop = 0;
    }
  }

  /** Allocates the operands and loads the native BLAS. */
  @Setup
  public void setUp() {
    x = new GemmOperands(MlpGemm.byLabel(shape), 42);
    descent = Blas.defaultBlas();
    raw = NativeBLAS.getInstance();
  }

  /** Descent's default BLAS, with its argument checks. */
  @Benchmark
  public float[] descentBlas(Flops flops) {
    MatmulTiming.viaBlas(descent, x, 1);
    flops.gflop += x.shape.flops() * 1e-9;
    return x.c;
  }

  /** The same product as a direct {@code dev.ludovic.netlib} call. */
  @Benchmark
  public float[] netlibNative(Flops flops) {
    MatmulTiming.viaNetlib(raw, x, 1);
    flops.gflop += x.shape.flops() * 1e-9;
    return x.c;
  }

  /** The Vector API fallback (descent-vector; the fork adds its module). */
  @Benchmark
  public float[] vectorBlas(Flops flops) {
    MatmulTiming.viaBlas(vectorBlas, x, 1);
    flops.gflop += x.shape.flops() * 1e-9;
    return x.c;
  }

  /** The plain-Java fallback. */
  @Benchmark
  public float[] javaBlas(Flops flops) {
    MatmulTiming.viaBlas(javaBlas, x, 1);
    flops.gflop += x.shape.flops() * 1e-9;
    return x.c;
  }
}
