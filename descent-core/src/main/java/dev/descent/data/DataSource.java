package dev.descent.data;

import java.io.IOException;

/**
 * Something that yields a data set's splits: a published set read through a {@link DataLocator}, or
 * a synthetic one generated from its seed. Registry entries ({@link Datasets#registry()}) are data
 * sources, so naming one is cheap and loading happens only when asked.
 */
@FunctionalInterface
public interface DataSource {
  /**
   * Loads or generates the training and test parts.
   *
   * @param locator where published files are found or downloaded (unused by synthetic sets)
   */
  Splits load(DataLocator locator) throws IOException;
}
