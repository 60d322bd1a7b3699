package dev.descent.data;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the real data sets the tests read. */
final class SharedData {
  private SharedData() {}

  /**
   * The shared MNIST test set, {@code shared/datasets/mnist}: CI clones the repository into {@code
   * main/} beside {@code shared/}, so it is found by walking up from the module directory. Missing
   * data fails the test (it is part of the test fixture), it never skips it.
   */
  static Path mnist() {
    Path start = Path.of("").toAbsolutePath();
    for (Path d = start; d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared").resolve("datasets").resolve("mnist");
      if (Files.isRegularFile(candidate.resolve("t10k-images-idx3-ubyte.gz"))) {
        return candidate;
      }
    }
    return fail(
        "the real MNIST test set was not found: looked for shared/datasets/mnist/"
            + "t10k-images-idx3-ubyte.gz in "
            + start
            + " and every folder above it; CI expects the repository checked out beside shared/");
  }

  /** Debian's Fashion-MNIST (package dataset-fashion-mnist, installed by .ci/run). */
  static Path debianRoot() {
    Path root = Path.of("/usr/share/datasets");
    if (!Files.isRegularFile(root.resolve("fashion-mnist").resolve("train-images-idx3-ubyte.gz"))) {
      return fail(
          "Fashion-MNIST not found in /usr/share/datasets/fashion-mnist; install the Debian"
              + " package dataset-fashion-mnist (.ci/run does)");
    }
    return root;
  }
}
