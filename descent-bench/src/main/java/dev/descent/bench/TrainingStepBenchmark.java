package dev.descent.bench;

import dev.descent.concurrent.Workers;
import dev.descent.init.Initializers;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Activation;
import dev.descent.nn.Context;
import dev.descent.nn.Parameter;
import dev.descent.nn.Sequential;
import dev.descent.tensor.Ops;
import dev.descent.tensor.Tensor;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of the seeds' MNIST network (784-100-100-100-100-10, ReLU, He init) at batch
 * 128: forward, fused softmax cross-entropy, backward (no input gradient for the first layer) and a
 * plain SGD update {@code W -= 0.01 * grad} through {@link Ops#axpy}, with the layers' blocks
 * spread over {@code threads} threads (run it with {@code OPENBLAS_NUM_THREADS=1}, as {@code
 * bin/descent} does). Run with {@code -prof gc}: {@code gc.alloc.rate.norm} should be ~0 B/op once
 * warmed up.
 *
 * <pre>
 * ./mvnw -B -o -q -pl descent-bench -am package -DskipTests
 * OPENBLAS_NUM_THREADS=1 java -jar descent-bench/target/benchmarks.jar TrainingStep -f 1 -wi 3 -i 3 \
 *     -w 2s -r 2s -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TrainingStepBenchmark {
  private static final int BATCH = 128;

  /** Threads of the pool the layers split their blocks over. */
  @Param({"1", "2"})
  public int threads;

  private Workers workers;

  private Sequential model;
  private List<Parameter> parameters;
  private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
  private Tensor x;
  private int[] labels;
  private Tensor gradLogits;
  private Context context;

  /** Builds the network and a fixed random batch. */
  @Setup
  public void setup() {
    model =
        Sequential.mlp(
            784, new int[] {100, 100, 100, 100}, 10, Activation.RELU, Initializers.he(), 1);
    parameters = model.parameters();
    SplittableRandom random = new SplittableRandom(2);
    x = Tensor.zeros(BATCH, 784);
    float[] xd = x.data();
    for (int i = 0; i < xd.length; i++) {
      xd[i] = (float) random.nextDouble();
    }
    labels = new int[BATCH];
    for (int i = 0; i < BATCH; i++) {
      labels[i] = random.nextInt(10);
    }
    gradLogits = Tensor.zeros(BATCH, 10);
    workers = Workers.create(threads);
    context = Context.training(random, workers);
  }

  /** Stops the pool's threads. */
  @TearDown
  public void tearDown() {
    workers.close();
  }

  /** Forward, loss, backward and SGD update; returns the loss so the JIT cannot drop the step. */
  @Benchmark
  public double step() {
    double value = loss.compute(model.forward(x, context), labels, gradLogits);
    model.backward(gradLogits, false);
    for (int i = 0, n = parameters.size(); i < n; i++) {
      Parameter p = parameters.get(i);
      Ops.axpy(-0.01f, p.grad(), p.value());
    }
    return value;
  }
}
