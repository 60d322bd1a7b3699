package dev.descent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.descent.data.Dataset;
import dev.descent.data.Splits;
import dev.descent.nn.Sequential;
import dev.descent.train.Evaluator;
import dev.descent.train.Metrics;
import dev.descent.train.ModelFileException;
import dev.descent.train.ModelSpec;
import dev.descent.train.SafeTensors;
import dev.descent.train.Weights;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code descent evaluate}: accuracy and confusion matrix of a saved model on a data set. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Load a model saved by `descent train --save` (safetensors) and print its accuracy and"
          + " confusion matrix (rows: true class, columns: predicted class) on a data set's"
          + " test split. Features are normalized as in training, from the training examples"
          + " recorded in the model's metadata."
    })
final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "Weights file.")
  Path model;

  @Option(
      names = "--dataset",
      required = true,
      paramLabel = "NAME",
      description = "Data set name or spec.")
  String dataset;

  @Mixin DataOptions data;

  @Mixin ThreadsOption threads;

  @Option(
      names = "--split",
      defaultValue = "test",
      description = "test, train or validation (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--json", description = "Print one JSON line instead of text.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!split.equals("test") && !split.equals("train") && !split.equals("validation")) {
      throw new IllegalArgumentException(
          "--split must be test, train or validation, got '" + split + "'");
    }
    SafeTensors.Contents contents = SafeTensors.read(model);
    ModelSpec arch;
    try {
      arch = ModelSpec.fromMetadata(contents.metadata());
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(model, "cannot rebuild the model: " + e.getMessage(), e);
    }
    TrainingData recorded = TrainingData.fromMetadata(contents.metadata());
    TrainingData prep =
        recorded != null && recorded.dataset().equals(dataset)
            ? recorded
            : new TrainingData(
                dataset, 0, 0, 0, recorded == null ? "auto" : recorded.normalization());
    Splits splits = prep.load(data.dataDir, data.offline, err);
    Dataset data;
    switch (split) {
      case "train":
        data = splits.train();
        break;
      case "validation":
        if (!splits.hasValidation()) {
          throw new IllegalArgumentException(
              "--split validation: the model was trained without a validation split");
        }
        data = splits.validation();
        break;
      default:
        data = splits.test();
    }
    if (data.features() != arch.inputs() || data.classes() > arch.outputs()) {
      throw new IllegalArgumentException(
          dataset
              + " has "
              + data.features()
              + " features and "
              + data.classes()
              + " classes but "
              + model
              + " takes "
              + arch.inputs()
              + " features and outputs "
              + arch.outputs()
              + " classes");
    }
    Sequential net = arch.build();
    Weights.load(net, contents.tensors(), model);
    int k = arch.outputs();
    long[][] confusion = new long[k][k];
    Metrics m =
        new Evaluator(arch.inputs(), k, Evaluator.DEFAULT_BATCH, threads.workers())
            .evaluate(net, data, confusion);
    long correct = Math.round(m.accuracy() * m.count());
    if (json) {
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode o = mapper.createObjectNode();
      o.put("model", model.toString());
      o.put("dataset", dataset);
      o.put("split", split);
      o.put("examples", m.count());
      o.put("accuracy", m.accuracy());
      o.put("loss", m.loss());
      ArrayNode rows = o.putArray("confusion");
      for (long[] row : confusion) {
        ArrayNode r = rows.addArray();
        for (long c : row) {
          r.add(c);
        }
      }
      out.println(o);
    } else {
      out.printf(
          Locale.ROOT,
          "accuracy %.4f (%d/%d) on %s %s, loss %.4f%n",
          m.accuracy(),
          correct,
          m.count(),
          dataset,
          split,
          m.loss());
      printConfusion(out, confusion, data.classNames());
    }
    out.flush();
    return 0;
  }

  private static void printConfusion(PrintWriter out, long[][] c, List<String> names) {
    int k = c.length;
    int width = 5;
    for (long[] row : c) {
      for (long v : row) {
        width = Math.max(width, Long.toString(v).length() + 1);
      }
    }
    out.println("confusion matrix (rows: true class, columns: predicted class)");
    StringBuilder head = new StringBuilder(String.format("%" + width + "s", ""));
    for (int j = 0; j < k; j++) {
      head.append(String.format("%" + width + "d", j));
    }
    out.println(head);
    for (int i = 0; i < k; i++) {
      StringBuilder row = new StringBuilder(String.format("%" + width + "d", i));
      for (int j = 0; j < k; j++) {
        row.append(String.format("%" + width + "d", c[i][j]));
      }
      if (names != null && i < names.size()) {
        row.append("  ").append(names.get(i));
      }
      out.println(row);
    }
  }
}
