package dev.descent.bench;

import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fused softmax cross-entropy of a training batch (128 x 10 logits, Gaussian with standard
 * deviation 3) with its gradient ({@code withGradient}) and without ({@code lossOnly}), on one
 * thread. Run with {@code -prof gc} to see zero allocation.
 *
 * <pre>
 * java -jar descent-bench/target/benchmarks.jar LossBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LossBenchmark {
  private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
  private Tensor logits;
  private Tensor gradLogits;
  private int[] labels;

  /** Fixed random logits and labels. */
  @Setup
  public void setUp() {
    SplittableRandom r = new SplittableRandom(6);
    logits = Tensor.zeros(128, 10);
    gradLogits = Tensor.zeros(128, 10);
    labels = new int[128];
    for (int i = 0; i < logits.size(); i++) {
      logits.data()[i] = (float) (3 * r.nextGaussian());
    }
    for (int i = 0; i < labels.length; i++) {
      labels[i] = r.nextInt(10);
    }
  }

  /** Mean loss and the gradient of the logits. */
  @Benchmark
  public double withGradient() {
    return loss.compute(logits, labels, gradLogits);
  }

  /** Mean loss alone, as evaluation computes it. */
  @Benchmark
  public double lossOnly() {
    return loss.compute(logits, labels, null);
  }
}
