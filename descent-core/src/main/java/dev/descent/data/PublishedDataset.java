package dev.descent.data;

import java.util.List;

/**
 * An image data set published as four IDX files (MNIST's layout): where to get them, what they hash
 * to, how many examples and classes they hold, and how to read them.
 *
 * @param name the registry name, e.g. {@code fashion-mnist}
 * @param doc one line for help texts, with the source
 * @param classes the number of classes after {@code labelOffset} is applied
 * @param trainCount training examples the files must hold
 * @param testCount test examples the files must hold
 * @param files training images, training labels, test images, test labels, in that order
 * @param archive the archive the four files come in ({@code null} when they are published one by
 *     one); they are read from inside it, under {@code archiveFolder}
 * @param archiveFolder the folder of the four files inside {@code archive}, e.g. {@code gzip/}
 * @param transposed whether images are stored with rows and columns swapped (EMNIST) and must be
 *     transposed to stand upright
 * @param labelOffset subtracted from every stored label (EMNIST Letters stores 1–26)
 * @param checksumNote how the checksums were obtained, or why some are missing
 */
public record PublishedDataset(
    String name,
    String doc,
    int classes,
    int trainCount,
    int testCount,
    List<RemoteFile> files,
    RemoteFile archive,
    String archiveFolder,
    boolean transposed,
    int labelOffset,
    String checksumNote) {

  /** Checks the definition. */
  public PublishedDataset {
    if (files == null || files.size() != 4) {
      throw new IllegalArgumentException(
          "files must list train images, train labels, test images, test labels");
    }
    files = List.copyOf(files);
    if (classes < 1 || trainCount < 1 || testCount < 1) {
      throw new IllegalArgumentException(
          "classes, trainCount and testCount must be at least 1, got "
              + classes
              + ", "
              + trainCount
              + ", "
              + testCount);
    }
    if (archiveFolder == null) {
      archiveFolder = "";
    }
  }

  /** The training images file. */
  public RemoteFile trainImages() {
    return files.get(0);
  }

  /** The training labels file. */
  public RemoteFile trainLabels() {
    return files.get(1);
  }

  /** The test images file. */
  public RemoteFile testImages() {
    return files.get(2);
  }

  /** The test labels file. */
  public RemoteFile testLabels() {
    return files.get(3);
  }
}
