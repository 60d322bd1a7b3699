package dev.descent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.descent.concurrent.Workers;
import dev.descent.data.Sampling;
import dev.descent.data.Splits;
import dev.descent.nn.Activation;
import dev.descent.nn.Sequential;
import dev.descent.tensor.Blas;
import dev.descent.train.Evaluator;
import dev.descent.train.ModelSpec;
import dev.descent.train.TrainConfig;
import dev.descent.train.TrainListener;
import dev.descent.train.TrainResult;
import dev.descent.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code descent bench train}: steady-state training throughput of the {@link Trainer} on a real
 * data set, per epoch and excluding evaluation, after warm-up epochs; optionally the inference
 * throughput over the test set (the predicted class of every image, {@link Evaluator#predict}). The
 * side-by-side script {@code bench/vs-pytorch.sh} runs it against the same networks in PyTorch.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Time training (samples/s per epoch, evaluation excluded) after warm-up epochs, and"
          + " inference over the test set (forward passes and the predicted class of each image).",
      "Models: mlp = 784-100-100-100-100-10 ReLU; bn-dropout = 6 hidden layers of 100, batch norm"
          + " after each Linear, dropout 0.2 after each ReLU. He init, pixels in [0, 1]."
    })
final class BenchTrain implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      defaultValue = "mlp",
      description = "mlp or bn-dropout (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(
      names = "--optimizer",
      defaultValue = "adam(lr=0.001)",
      description = "Optimizer spec (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(
      names = "--dataset",
      defaultValue = "fashion-mnist",
      description = "Data set (default: ${DEFAULT-VALUE}).")
  String dataset;

  @Option(names = "--data-dir", description = "Folder with the data set's files.")
  Path dataDir;

  @Option(
      names = "--batch",
      defaultValue = "128",
      description = "Training batch (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--warmup",
      defaultValue = "1",
      description = "Untimed warm-up epochs (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--epochs",
      defaultValue = "3",
      description = "Timed epochs after the warm-up (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--inference-rounds",
      defaultValue = "5",
      description =
          "Timed passes over the test set at batch 1000 after training and 10 untimed ones, 0 ="
              + " none (default:"
              + " ${DEFAULT-VALUE}).")
  int inferenceRounds;

  @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print one JSON line instead of text.")
  boolean json;

  @Mixin ThreadsOption threads;

  @Override
  public Integer call() throws IOException {
    if (warmup < 0 || epochs <= 0) {
      throw new IllegalArgumentException(
          "--warmup must be >= 0 and --epochs positive, got " + warmup + " and " + epochs);
    }
    if (inferenceRounds < 0) {
      throw new IllegalArgumentException("--inference-rounds must be >= 0, got " + inferenceRounds);
    }
    int[] hidden;
    boolean batchNorm;
    double dropout;
    switch (model) {
      case "mlp":
        hidden = new int[] {100, 100, 100, 100};
        batchNorm = false;
        dropout = 0;
        break;
      case "bn-dropout":
        hidden = new int[] {100, 100, 100, 100, 100, 100};
        batchNorm = true;
        dropout = 0.2;
        break;
      default:
        throw new IllegalArgumentException(
            "--model must be mlp or bn-dropout, got '" + model + "'");
    }
    Workers workers = threads.workers();
    PrintWriter err = spec.commandLine().getErr();
    Splits splits = new TrainingData(dataset, 0, 0, seed, "auto").load(dataDir, true, err);
    int classes = Math.max(splits.train().classes(), splits.test().classes());
    ModelSpec ms =
        new ModelSpec(
            splits.train().features(),
            hidden,
            classes,
            Activation.RELU,
            "he",
            batchNorm,
            dropout,
            seed);
    Sequential network = ms.build();
    TrainConfig config =
        new TrainConfig(
            optimizer, null, batch, warmup + epochs, 0, seed, 0, Sampling.SHUFFLE, 0, 0, 0);
    Trainer trainer =
        new Trainer(network, Map.copyOf(ms.metadata()), config, splits).workers(workers);
    int n = splits.train().size();
    List<Double> cumulativeSeconds = new ArrayList<>();
    trainer.listener(
        new TrainListener() {
          private long lastEpoch;
          private double lastRate;

          @Override
          public void onStep(long step, long epoch, double loss, double lr, double rate) {
            if (epoch != lastEpoch) {
              // The rate is cumulative: training seconds so far = samples so far / rate.
              cumulativeSeconds.add(epoch * (double) n / lastRate);
              lastEpoch = epoch;
            }
            lastRate = rate;
          }
        });
    TrainResult result = trainer.run();
    cumulativeSeconds.add(result.trainSeconds());
    double[] rates = new double[epochs];
    for (int e = 0; e < epochs; e++) {
      int k = warmup + e;
      double before = k == 0 ? 0 : cumulativeSeconds.get(k - 1);
      rates[e] = n / (cumulativeSeconds.get(k) - before);
    }
    double[] inference = new double[inferenceRounds];
    if (inferenceRounds > 0) {
      Evaluator ev = new Evaluator(splits.test().features(), classes, 1000, workers);
      int[] predicted = new int[splits.test().size()];
      // Untimed passes first: the JIT compiles the prediction path only once it runs.
      for (int r = 0; r < 10; r++) {
        ev.predict(network, splits.test(), predicted);
      }
      for (int r = 0; r < inferenceRounds; r++) {
        long t0 = System.nanoTime();
        ev.predict(network, splits.test(), predicted);
        inference[r] = splits.test().size() / ((System.nanoTime() - t0) / 1e9);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    double accuracy = result.last().test().accuracy();
    if (json) {
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode o = mapper.createObjectNode();
      o.put("library", "descent");
      o.put("model", model);
      o.put("optimizer", optimizer);
      o.put("batch", batch);
      o.put("warmup_epochs", warmup);
      ArrayNode a = o.putArray("samples_per_second");
      Arrays.stream(rates).forEach(a::add);
      ArrayNode b = o.putArray("inference_samples_per_second");
      Arrays.stream(inference).forEach(b::add);
      o.put("test_accuracy", accuracy);
      o.put("epochs_trained", warmup + epochs);
      o.put("blas", Blas.defaultBlas().name());
      o.put("threads", workers.threads());
      o.put("blas_threads", InfoCommand.blasThreads(Blas.defaultBlas()));
      o.put("weights_sha256", result.weightsSha256());
      out.println(o);
    } else {
      out.printf(
          Locale.ROOT,
          "%s %s batch %d, %d threads: training %s samples/s per epoch (after %d warm-up), test"
              + " accuracy %.4f after %d epochs%n",
          model,
          optimizer,
          batch,
          workers.threads(),
          Arrays.toString(Arrays.stream(rates).map(Math::rint).toArray()),
          warmup,
          accuracy,
          warmup + epochs);
      if (inferenceRounds > 0) {
        out.printf(
            Locale.ROOT,
            "inference (batch 1000, %d test images): %s samples/s%n",
            splits.test().size(),
            Arrays.toString(Arrays.stream(inference).map(Math::rint).toArray()));
      }
    }
    out.flush();
    return 0;
  }
}
