package dev.descent.bench;

import dev.descent.concurrent.Workers;
import dev.descent.nn.BatchNorm;
import dev.descent.nn.Context;
import dev.descent.nn.Dropout;
import dev.descent.nn.Layer;
import dev.descent.nn.ReLU;
import dev.descent.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Forward plus backward (with input gradient) of one element-wise or normalization layer on a
 * hidden activation of the MLP experiments (batch 128 x 100 features, Gaussian values, so ReLU's
 * signs are unpredictable to a branch predictor). Run with {@code -prof gc} to see zero allocation.
 *
 * <pre>
 * java -jar descent-bench/target/benchmarks.jar LayerKernel -f 1 -wi 3 -i 3 -w 1s -r 1s -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LayerKernelBenchmark {
  /** The layer: relu, batchnorm (training mode) or dropout (p = 0.2, training mode). */
  @Param({"relu", "batchnorm", "dropout"})
  public String layer;

  private Layer kernel;
  private Tensor x;
  private Tensor dy;
  private Context context;

  /** Builds the layer and fixed random input and output gradient. */
  @Setup
  public void setup() {
    switch (layer) {
      case "relu":
        kernel = new ReLU();
        break;
      case "batchnorm":
        kernel = new BatchNorm(100);
        break;
      case "dropout":
        kernel = new Dropout(0.2);
        break;
      default:
        throw new IllegalArgumentException(
            "layer must be relu, batchnorm or dropout, got '" + layer + "'");
    }
    SplittableRandom random = new SplittableRandom(3);
    x = Tensor.zeros(128, 100);
    dy = Tensor.zeros(128, 100);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = (float) random.nextGaussian();
      dy.data()[i] = (float) random.nextGaussian();
    }
    // One thread: this times the kernels themselves; TrainingStepBenchmark times the split step.
    context = Context.training(random, Workers.serial());
  }

  /** Forward and backward; returns the input gradient so the JIT cannot drop the work. */
  @Benchmark
  public Tensor forwardBackward() {
    kernel.forward(x, context);
    return kernel.backward(dy, true);
  }
}
