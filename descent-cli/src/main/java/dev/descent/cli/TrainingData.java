package dev.descent.cli;

import dev.descent.data.DataLocator;
import dev.descent.data.DataSource;
import dev.descent.data.Datasets;
import dev.descent.data.Normalization;
import dev.descent.data.Splits;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How {@code train} prepares its data and how {@code evaluate} prepares the same data again: the
 * data set spec, the training limit, the validation fraction and seed, and the normalization. It is
 * written into the saved model's metadata so that {@code evaluate} recomputes the same
 * normalization statistics from the same training examples.
 *
 * @param dataset the data set name or spec, e.g. {@code fashion-mnist} or {@code spiral(points=50)}
 * @param trainLimit keep only the first this many training examples (0 = all)
 * @param validation the fraction of training examples held out for validation (0 = none)
 * @param seed the seed of the validation draw
 * @param normalization {@code auto} (images to [0, 1], other features standardized), {@code unit},
 *     {@code standard} or {@code none}
 */
record TrainingData(
    String dataset, int trainLimit, double validation, long seed, String normalization) {

  TrainingData {
    if (trainLimit < 0) {
      throw new IllegalArgumentException("--train-limit must be positive, got " + trainLimit);
    }
    if (!(validation >= 0 && validation < 1)) {
      throw new IllegalArgumentException("--validation must be in [0, 1), got " + validation);
    }
    switch (normalization) {
      case "auto":
      case "unit":
      case "standard":
      case "none":
        break;
      default:
        throw new IllegalArgumentException(
            "--normalize must be auto, unit, standard or none, got '" + normalization + "'");
    }
  }

  /** Loads (or generates) the data set, cuts and normalizes the splits. */
  Splits load(Path dataDir, boolean offline, PrintWriter err) throws IOException {
    DataSource source = Datasets.registry().create(dataset);
    DataLocator locator =
        DataLocator.system(
            dataDir,
            !offline,
            line -> {
              err.println(line);
              err.flush();
            });
    Splits s = source.load(locator);
    if (trainLimit > 0) {
      if (trainLimit > s.train().size()) {
        throw new IllegalArgumentException(
            "--train-limit must be in [1, "
                + s.train().size()
                + "] for "
                + dataset
                + ", got "
                + trainLimit);
      }
      s = s.trainLimit(trainLimit);
    }
    if (validation > 0) {
      s = s.withValidation(validation, seed);
    }
    return s.normalized(mode(s));
  }

  private Normalization mode(Splits s) {
    switch (normalization) {
      case "unit":
        return Normalization.UNIT_RANGE;
      case "standard":
        return Normalization.STANDARDIZE;
      case "none":
        return Normalization.NONE;
      default:
        return s.train().storedAsBytes() ? Normalization.UNIT_RANGE : Normalization.STANDARDIZE;
    }
  }

  /** These settings as metadata strings (prefixed {@code data.}). */
  Map<String, String> metadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("data.dataset", dataset);
    m.put("data.train_limit", Integer.toString(trainLimit));
    m.put("data.validation", Double.toString(validation));
    m.put("data.seed", Long.toString(seed));
    m.put("data.normalization", normalization);
    return m;
  }

  /**
   * The settings recorded in {@code metadata}, for {@code dataset} (which may name another data set
   * of the same shape; the normalization statistics then come from the recorded one).
   */
  static TrainingData fromMetadata(Map<String, String> metadata) {
    String name = metadata.get("data.dataset");
    if (name == null) {
      return null;
    }
    try {
      return new TrainingData(
          name,
          Integer.parseInt(metadata.getOrDefault("data.train_limit", "0")),
          Double.parseDouble(metadata.getOrDefault("data.validation", "0")),
          Long.parseLong(metadata.getOrDefault("data.seed", "0")),
          metadata.getOrDefault("data.normalization", "auto").toLowerCase(Locale.ROOT));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("malformed data.* metadata: " + e.getMessage(), e);
    }
  }
}
