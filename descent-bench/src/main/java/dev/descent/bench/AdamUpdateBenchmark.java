package dev.descent.bench;

import dev.descent.concurrent.Workers;
import dev.descent.nn.Parameter;
import dev.descent.optim.Optimizer;
import dev.descent.optim.OptimizerState;
import dev.descent.optim.Optimizers;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Adam update of an MLP's parameters (784-256-256-10: 269,322 float32 values): the library's
 * fused float32 path ({@code fused}, float32 state), with the non-finite check ({@code
 * fusedChecked}), the same on two threads ({@code fusedTwoThreads}, {@link Workers}), the transform
 * chain over double blocks with double state ({@code chain}, {@link Optimizer#withDoubleState()}),
 * and hand-written loops: a plain fused float32 loop (the floor) and two with double state.
 *
 * <pre>
 * ./mvnw -B -o -q -pl descent-bench -am package -DskipTests
 * java -jar descent-bench/target/benchmarks.jar AdamUpdateBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AdamUpdateBenchmark {
  /** Layer shapes as {@code rows x cols} of each parameter tensor. */
  @Param({"784x256,256,256x256,256,256x10,10"})
  public String shapes;

  private static final float LR = 1e-3f;
  private static final float B1 = 0.9f;
  private static final float B2 = 0.999f;
  private static final float EPS = 1e-8f;

  private List<Parameter> params;
  private Optimizer adam;
  private OptimizerState state;
  private OptimizerState twoThreadState;
  private OptimizerState checkedState;
  private Optimizer chain;
  private OptimizerState chainState;
  private Workers two;
  private float[][] m32;
  private float[][] v32;
  private double[][] m64;
  private double[][] v64;
  private double[] scratch;
  private long t;

  /** Builds the model, its gradients and every implementation's state. */
  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom rnd = new SplittableRandom(1);
    params = new ArrayList<>();
    int k = 0;
    for (String s : shapes.split(",")) {
      String[] rc = s.split("x");
      int n = Integer.parseInt(rc[0]) * (rc.length > 1 ? Integer.parseInt(rc[1]) : 1);
      Parameter p = Parameter.of("p" + k++, Tensor.zeros(n), true);
      for (int i = 0; i < n; i++) {
        p.value().data()[i] = (float) (rnd.nextDouble() - 0.5);
        p.grad().data()[i] = (float) (rnd.nextDouble() - 0.5) * 1e-2f;
      }
      params.add(p);
    }
    adam = Optimizers.create("adam(lr=0.001)");
    state = adam.init(params);
    twoThreadState = adam.init(params);
    checkedState = adam.init(params);
    chain = adam.withDoubleState();
    chainState = chain.init(params);
    two = Workers.create(2);
    m32 = new float[params.size()][];
    v32 = new float[params.size()][];
    m64 = new double[params.size()][];
    v64 = new double[params.size()][];
    int largest = 0;
    for (Parameter p : params) {
      largest = Math.max(largest, p.size());
    }
    scratch = new double[largest];
    for (int i = 0; i < params.size(); i++) {
      m32[i] = new float[params.get(i).size()];
      v32[i] = new float[params.get(i).size()];
      m64[i] = new double[params.get(i).size()];
      v64[i] = new double[params.get(i).size()];
    }
  }

  /** Stops the two-thread pool. */
  @TearDown(Level.Trial)
  public void tearDown() {
    two.close();
  }

  /** The library's fused float32 Adam with float32 state, on the calling thread. */
  @Benchmark
  public void fused() {
    adam.step(params, state);
  }

  /** The same with the check for NaN and ±inf that the four-argument step adds. */
  @Benchmark
  public boolean fusedChecked() {
    return adam.step(params, checkedState, null, Workers.serial());
  }

  /** The checked update split into 16k-element blocks over two threads (same bits). */
  @Benchmark
  public boolean fusedTwoThreads() {
    return adam.step(params, twoThreadState, null, two);
  }

  /** The library's transform chain over double blocks with double state. */
  @Benchmark
  public void chain() {
    chain.step(params, chainState);
  }

  /** A hand-written fused float32 Adam loop with float32 state (PyTorch's CPU layout). */
  @Benchmark
  public void handwrittenFloat32() {
    t++;
    float bc1 = (float) (1 - Math.pow(B1, t));
    float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(B2, t));
    float stepSize = LR / bc1;
    for (int k = 0; k < params.size(); k++) {
      float[] x = params.get(k).value().data();
      float[] g = params.get(k).grad().data();
      float[] m = m32[k];
      float[] v = v32[k];
      for (int i = 0; i < x.length; i++) {
        float gi = g[i];
        float mi = m[i] * B1 + (1 - B1) * gi;
        float vi = v[i] * B2 + (1 - B2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        x[i] -= stepSize * mi / ((float) Math.sqrt(vi) / bc2Sqrt + EPS);
      }
    }
  }

  /** The same fused loop with double state: separates the cost of double state from chaining. */
  @Benchmark
  public void handwrittenDoubleState() {
    t++;
    double bc1 = 1 - Math.pow(B1, t);
    double bc2Sqrt = Math.sqrt(1 - Math.pow(B2, t));
    double stepSize = 1e-3 / bc1;
    for (int k = 0; k < params.size(); k++) {
      float[] x = params.get(k).value().data();
      float[] g = params.get(k).grad().data();
      double[] m = m64[k];
      double[] v = v64[k];
      for (int i = 0; i < x.length; i++) {
        double gi = g[i];
        double mi = m[i] * 0.9 + (1 - 0.9) * gi;
        double vi = v[i] * 0.999 + (1 - 0.999) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        x[i] = (float) (x[i] - stepSize * mi / (Math.sqrt(vi) / bc2Sqrt + 1e-8));
      }
    }
  }

  /**
   * The best hand-written loop with the library's numerics: widen the gradient into a double
   * buffer, one vectorizable fused Adam loop over double arrays, then narrow into the weights.
   */
  @Benchmark
  public void handwrittenDoubleStateVectorized() {
    t++;
    double bc1 = 1 - Math.pow(0.9, t);
    double bc2Sqrt = Math.sqrt(1 - Math.pow(0.999, t));
    double stepSize = 1e-3 / bc1;
    double[] d = scratch;
    for (int k = 0; k < params.size(); k++) {
      float[] x = params.get(k).value().data();
      float[] g = params.get(k).grad().data();
      double[] m = m64[k];
      double[] v = v64[k];
      int n = x.length;
      for (int i = 0; i < n; i++) {
        d[i] = g[i];
      }
      for (int i = 0; i < n; i++) {
        double gi = d[i];
        double mi = m[i] * 0.9 + (1 - 0.9) * gi;
        double vi = v[i] * 0.999 + (1 - 0.999) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        d[i] = stepSize * (mi / (Math.sqrt(vi) / bc2Sqrt + 1e-8));
      }
      for (int i = 0; i < n; i++) {
        x[i] = (float) (x[i] - d[i]);
      }
    }
  }
}
