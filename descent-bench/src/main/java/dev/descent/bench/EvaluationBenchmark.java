package dev.descent.bench;

import dev.descent.concurrent.Workers;
import dev.descent.data.Dataset;
import dev.descent.init.Initializers;
import dev.descent.nn.Activation;
import dev.descent.nn.Sequential;
import dev.descent.tensor.Tensor;
import dev.descent.train.Evaluator;
import dev.descent.train.Metrics;
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
 * Inference over a 10 000-image test set at batch 1000 with the seeds' MNIST network
 * (784-100-100-100-100-10, ReLU): {@code inPlace} evaluates a float32 data set whose rows the model
 * reads where they are stored, {@code copied} the same rows through a view, whose batches are
 * copied row by row first (what every data set got before), and {@code forwardOnly} is the forward
 * passes alone over a ready batch (the floor). Run with {@code OPENBLAS_NUM_THREADS=1}, as {@code
 * bin/descent} does:
 *
 * <pre>
 * ./mvnw -B -o -q -pl descent-bench -am package -DskipTests
 * OPENBLAS_NUM_THREADS=1 java -jar descent-bench/target/benchmarks.jar EvaluationBenchmark -f 1 \
 *     -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EvaluationBenchmark {
  private static final int IMAGES = 10_000;
  private static final int FEATURES = 784;
  private static final int BATCH = 1000;

  /** Threads the forward passes split their row blocks over. */
  @Param({"1", "2"})
  public int threads;

  private Workers workers;
  private Sequential model;
  private Dataset inPlace;
  private Dataset view;
  private Evaluator evaluator;
  private Tensor batch;
  private dev.descent.nn.Context context;

  /** Random images in [0, 1), random labels, the model and the evaluator's buffers. */
  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom r = new SplittableRandom(5);
    float[] x = new float[IMAGES * FEATURES];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextDouble();
    }
    int[] y = new int[IMAGES];
    int[] all = new int[IMAGES];
    for (int i = 0; i < IMAGES; i++) {
      y[i] = r.nextInt(10);
      all[i] = i;
    }
    inPlace = Dataset.ofFloats("bench", x, FEATURES, y, 10);
    view = inPlace.subset(all);
    workers = Workers.create(threads);
    model =
        Sequential.mlp(
            FEATURES, new int[] {100, 100, 100, 100}, 10, Activation.RELU, Initializers.he(), 1);
    evaluator = new Evaluator(FEATURES, 10, BATCH, workers);
    batch = Tensor.wrap(java.util.Arrays.copyOf(x, BATCH * FEATURES), BATCH, FEATURES);
    context = dev.descent.nn.Context.evaluation(workers);
  }

  /** Stops the worker threads. */
  @TearDown(Level.Trial)
  public void tearDown() {
    workers.close();
  }

  /** The whole test set, rows read in place. */
  @Benchmark
  public Metrics inPlace() {
    return evaluator.evaluate(model, inPlace, null);
  }

  /** The whole test set, each batch's rows copied first. */
  @Benchmark
  public Metrics copied() {
    return evaluator.evaluate(model, view, null);
  }

  /** Ten forward passes over one ready batch of 1000 rows: the products and layers alone. */
  @Benchmark
  public Tensor forwardOnly() {
    Tensor y = null;
    for (int b = 0; b < IMAGES / BATCH; b++) {
      y = model.forward(batch, context);
    }
    return y;
  }
}
