package dev.descent.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where {@code train}, {@code tune} and {@code evaluate} find data files (a picocli mixin). */
final class DataOptions {
  @Option(names = "--data-dir", paramLabel = "DIR", description = "Look for data files here first.")
  Path dataDir;

  @Option(names = "--offline", description = "Never download data; fail if it is not on disk.")
  boolean offline;
}
