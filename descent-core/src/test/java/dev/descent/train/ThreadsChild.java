package dev.descent.train;

import dev.descent.data.Dataset;
import dev.descent.data.Splits;
import dev.descent.nn.Activation;
import dev.descent.tensor.Blas;
import java.util.SplittableRandom;

/**
 * The child JVM of {@link ThreadCountTest}: trains a 784-256-10 network on random data large enough
 * for OpenBLAS to split its products across threads, and prints the BLAS in use and the weights'
 * SHA-256.
 */
public final class ThreadsChild {
  private ThreadsChild() {}

  public static void main(String[] args) {
    int n = 512;
    int f = 784;
    SplittableRandom r = new SplittableRandom(5);
    float[] x = new float[n * f];
    int[] y = new int[n];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextDouble();
    }
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(10);
    }
    Dataset d = Dataset.ofFloats("random", x, f, y, 10);
    ModelSpec spec = new ModelSpec(f, new int[] {256}, 10, Activation.RELU, "he", true, 0.1, 3);
    Trainer t =
        new Trainer(
            spec.build(),
            spec.metadata(),
            TrainConfig.of("adam(lr=0.001)", 128, 0, 12),
            Splits.of(d, d.head(128)));
    System.out.println(Blas.defaultBlas().name());
    System.out.println(t.run().weightsSha256());
  }
}
