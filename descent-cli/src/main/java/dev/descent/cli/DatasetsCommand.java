package dev.descent.cli;

import dev.descent.data.DataLocator;
import dev.descent.data.DataSource;
import dev.descent.data.Dataset;
import dev.descent.data.Datasets;
import dev.descent.spec.Registry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code descent datasets [NAME]}: lists the data sets, or finds (downloading if needed), verifies
 * and summarises one.
 */
@Command(
    name = "datasets",
    mixinStandardHelpOptions = true,
    description = {
      "Without NAME: list the data sets. With NAME (a name or spec such as spiral(points=50)):"
          + " find its files (--data-dir, $DESCENT_DATA/NAME, ~/.descent/datasets/NAME,"
          + " /usr/share/datasets/NAME), download them if missing, verify their checksums and"
          + " print the sizes and class counts."
    })
final class DatasetsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "A data set.")
  String name;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Look here first.")
  Path dataDir;

  @Option(names = "--offline", description = "Never download; fail if the files are not on disk.")
  boolean offline;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Registry<DataSource> registry = Datasets.registry();
    if (name == null) {
      for (Registry.Entry<DataSource> e : registry.entries()) {
        out.printf("%-16s %s%n", e.usage().length() > 16 ? e.name() : e.usage(), e.doc());
        if (e.usage().length() > 16) {
          out.printf("%-16s %s%n", "", e.usage());
        }
      }
      out.flush();
      return 0;
    }
    DataSource source = registry.create(name);
    DataLocator locator =
        DataLocator.system(
            dataDir,
            !offline,
            line -> {
              err.println(line);
              err.flush();
            });
    var splits = source.load(locator);
    describe(out, "train", splits.train());
    describe(out, "test", splits.test());
    out.flush();
    return 0;
  }

  private static void describe(PrintWriter out, String part, Dataset d) {
    out.printf(
        "%-5s %d examples, %d features, %d classes, per class %s%n",
        part, d.size(), d.features(), d.classes(), Arrays.toString(d.classCounts()));
  }
}
