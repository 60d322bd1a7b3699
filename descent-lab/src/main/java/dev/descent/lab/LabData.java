package dev.descent.lab;

import dev.descent.data.Catalog;
import dev.descent.data.DataLocator;
import dev.descent.data.DataNotFoundException;
import dev.descent.data.Dataset;
import dev.descent.data.IdxReader;
import dev.descent.data.Normalization;
import dev.descent.data.PublishedDataset;
import dev.descent.data.Splits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The image data the lab's training experiments use: a pool of training examples and a test set,
 * pixels scaled to [0, 1] (the seeds' {@code normalize=True}).
 *
 * <p>The seeds train on slices of MNIST's 60 000 training images (1000 for batch norm, 300 for
 * overfitting, 500 for the search) and test on its 10 000 test images. When only MNIST's test set
 * is on disk (its {@code t10k-*} files), the lab splits it instead: the first 8 000 images form the
 * training pool and the last 2 000 the test set, so no test image is ever trained on.
 *
 * @param name the data set's name, e.g. {@code mnist}
 * @param description where the data came from and how it was split, for the report
 * @param pool the training examples, in file order
 * @param test the test examples
 */
public record LabData(String name, String description, Dataset pool, Dataset test) {
  /** MNIST test images the test-set-only fallback trains on; the rest are its test set. */
  public static final int TEST_ONLY_POOL = 8000;

  /**
   * Training on the first {@code trainSize} pool examples, testing on the first {@code testSize}
   * test examples (both capped at what exists), scaled to [0, 1].
   */
  public Splits splits(int trainSize, int testSize) {
    Splits s =
        Splits.of(
            pool.head(Math.min(trainSize, pool.size())),
            test.head(Math.min(testSize, test.size())));
    return s.normalized(Normalization.UNIT_RANGE);
  }

  /**
   * Finds the data set: {@code name} when given, otherwise {@code mnist} and then {@code
   * fashion-mnist}.
   *
   * <p>Looks where {@link DataLocator} looks ({@code --data-dir}, {@code $DESCENT_DATA}, {@code
   * ~/.descent/datasets}, {@code /usr/share/datasets}) and in {@code extraDirs} (each folder itself
   * and its subfolder named after the data set). Downloads only when {@code download} is set.
   *
   * @throws DataNotFoundException saying how to get MNIST or Fashion-MNIST when nothing is found
   */
  public static LabData load(
      String name, Path dataDir, List<Path> extraDirs, boolean download, Consumer<String> log)
      throws IOException {
    List<String> candidates = name == null ? List.of("mnist", "fashion-mnist") : List.of(name);
    for (String candidate : candidates) {
      LabData d = find(candidate, dataDir, extraDirs, false, log);
      if (d != null) {
        return d;
      }
    }
    if (download) {
      LabData d = find(candidates.get(0), dataDir, extraDirs, true, log);
      if (d != null) {
        return d;
      }
    }
    throw new DataNotFoundException(
        (name == null ? "neither mnist nor fashion-mnist" : name)
            + " was found on disk"
            + (download ? " or could be downloaded" : "")
            + "; install Fashion-MNIST with `apt-get install dataset-fashion-mnist`, put MNIST's"
            + " IDX files (t10k-images-idx3-ubyte.gz, …) in --data-dir DIR or DIR/mnist, or run"
            + " with --download");
  }

  private static LabData find(
      String name, Path dataDir, List<Path> extraDirs, boolean download, Consumer<String> log)
      throws IOException {
    PublishedDataset published = Catalog.get(name);
    List<Path> dirs = new ArrayList<>();
    DataLocator probe = DataLocator.system(dataDir, false, log);
    for (DataLocator.Place p : probe.places(name)) {
      dirs.add(p.dir());
    }
    for (Path extra : extraDirs) {
      dirs.add(extra);
      dirs.add(extra.resolve(name));
    }
    for (Path dir : dirs) {
      if (has(dir, published.trainImages().name()) && has(dir, published.trainLabels().name())) {
        return full(name, DataLocator.system(dir, false, log).load(published), dir);
      }
    }
    if (download) {
      return full(name, DataLocator.system(dataDir, true, log).load(published), null);
    }
    for (Path dir : dirs) {
      Path images = locate(dir, published.testImages().name());
      Path labels = locate(dir, published.testLabels().name());
      if (images != null && labels != null) {
        Dataset all = IdxReader.read(name, images, labels, published.classes());
        int[] head = range(0, TEST_ONLY_POOL);
        int[] tail = range(TEST_ONLY_POOL, all.size());
        return new LabData(
            name,
            name
                + ": only the "
                + all.size()
                + "-image test set was found ("
                + dir
                + "); the lab trains on its first "
                + TEST_ONLY_POOL
                + " images and tests on the last "
                + tail.length,
            all.subset(head),
            all.subset(tail));
      }
    }
    return null;
  }

  private static LabData full(String name, Splits s, Path dir) {
    return new LabData(
        name,
        name
            + ": "
            + s.train().size()
            + " training and "
            + s.test().size()
            + " test images"
            + (dir == null ? "" : " (" + dir + ")"),
        s.train(),
        s.test());
  }

  private static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }

  private static boolean has(Path dir, String gzName) {
    return locate(dir, gzName) != null;
  }

  private static Path locate(Path dir, String gzName) {
    Path gz = dir.resolve(gzName);
    if (Files.isRegularFile(gz)) {
      return gz;
    }
    Path raw =
        dir.resolve(gzName.endsWith(".gz") ? gzName.substring(0, gzName.length() - 3) : gzName);
    return Files.isRegularFile(raw) ? raw : null;
  }
}
