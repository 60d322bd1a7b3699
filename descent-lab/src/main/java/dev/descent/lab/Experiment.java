package dev.descent.lab;

import java.io.IOException;

/** One of the seeds' experiments: it runs, writes its files, and describes what it showed. */
public interface Experiment {
  /** The name used on the command line and as the output folder, e.g. {@code batchnorm}. */
  String name();

  /** A one-line summary for {@code descent lab --list}. */
  String summary();

  /** Whether it needs the image data set (MNIST-like); the others run on functions. */
  boolean needsData();

  /**
   * Runs the experiment and writes its figures and numbers.
   *
   * @param context the budget, seed, threads, data and output folder
   * @return the report section
   */
  Section run(LabContext context) throws IOException;
}
