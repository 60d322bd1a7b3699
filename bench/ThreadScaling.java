// Trainer throughput per thread-pool size on synthetic Fashion-MNIST-shaped data: how many
// threads help a training step on a machine with many cores. Needs only a JRE and the CLI jar:
//
//   ./mvnw -B -o -q -pl descent-cli -am package -DskipTests
//   OPENBLAS_NUM_THREADS=1 OPENBLAS_CORETYPE=$(bin/openblas-coretype) \
//     java -cp descent-cli/target/descent.jar bench/ThreadScaling.java [SAMPLES] [POOLS] [ROUNDS]
//
// SAMPLES training images per epoch (random bytes scaled to [0, 1], default 60000), POOLS the
// pool sizes to compare (default 2 and one per core, i.e. the default pool), ROUNDS how many times
// each pool is measured, alternating (default 3). Every measurement trains 3 epochs of the
// 784-100-100-100-100-10 ReLU MLP at batch 128 (Adam lr 1e-3, then SGD lr 0.01) and reports the
// samples/s of epochs 2-3, evaluation excluded. Not part of CI.
import dev.descent.concurrent.Workers;
import dev.descent.data.Dataset;
import dev.descent.data.Sampling;
import dev.descent.data.Splits;
import dev.descent.nn.Activation;
import dev.descent.train.ModelSpec;
import dev.descent.train.TrainConfig;
import dev.descent.train.TrainListener;
import dev.descent.train.TrainResult;
import dev.descent.train.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

public class ThreadScaling {
  public static void main(String[] args) {
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 60_000;
    int cores = Runtime.getRuntime().availableProcessors();
    int[] pools =
        args.length > 1
            ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
            : new int[] {2, cores};
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Splits splits = syntheticSplits(samples);
    System.out.printf(Locale.ROOT, "%d cores, %d samples per epoch, batch 128%n", cores, samples);
    Workers[] workers = new Workers[pools.length];
    for (int p = 0; p < pools.length; p++) {
      workers[p] = Workers.create(pools[p]);
    }
    rate(splits, "adam(lr=0.001)", workers[0]); // the JIT's warm-up
    for (String optimizer : new String[] {"adam(lr=0.001)", "sgd(lr=0.01)"}) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-15s", optimizer));
      for (int r = 0; r < rounds; r++) {
        for (int p = 0; p < pools.length; p++) {
          line.append(
              String.format(
                  Locale.ROOT, "  pool %d: %7.0f", pools[p], rate(splits, optimizer, workers[p])));
        }
      }
      System.out.println(line);
    }
    for (Workers w : workers) {
      w.close();
    }
  }

  private static Splits syntheticSplits(int samples) {
    SplittableRandom r = new SplittableRandom(1);
    byte[] x = new byte[samples * 784];
    for (int i = 0; i < x.length; i++) {
      x[i] = (byte) r.nextInt(256);
    }
    int[] y = new int[samples];
    for (int i = 0; i < samples; i++) {
      y[i] = r.nextInt(10);
    }
    float[] center = new float[784];
    float[] divisor = new float[784];
    Arrays.fill(divisor, 255f);
    int test = Math.min(samples, 2000);
    return new Splits(
        Dataset.ofBytes("train", x, 784, y, 10).rescaled(center, divisor),
        null,
        Dataset.ofBytes("test", Arrays.copyOf(x, test * 784), 784, Arrays.copyOf(y, test), 10)
            .rescaled(center, divisor));
  }

  /** Samples/s of epochs 2 and 3 of a 3-epoch run, evaluation excluded. */
  private static double rate(Splits splits, String optimizer, Workers workers) {
    ModelSpec spec =
        new ModelSpec(784, new int[] {100, 100, 100, 100}, 10, Activation.RELU, "he", false, 0, 1);
    TrainConfig config =
        new TrainConfig(optimizer, null, 128, 3, 0, 1, 0, Sampling.SHUFFLE, 0, 0, 0);
    Trainer trainer =
        new Trainer(spec.build(), Map.copyOf(spec.metadata()), config, splits).workers(workers);
    int n = splits.train().size();
    List<Double> seconds = new ArrayList<>(); // training seconds at the end of each epoch
    trainer.listener(
        new TrainListener() {
          private long lastEpoch;
          private double lastRate;

          @Override
          public void onStep(long step, long epoch, double loss, double lr, double rate) {
            if (epoch != lastEpoch) {
              seconds.add(epoch * (double) n / lastRate);
              lastEpoch = epoch;
            }
            lastRate = rate;
          }
        });
    TrainResult result = trainer.run();
    seconds.add(result.trainSeconds());
    return (seconds.size() - 1) * (double) n / (seconds.get(seconds.size() - 1) - seconds.get(0));
  }
}
