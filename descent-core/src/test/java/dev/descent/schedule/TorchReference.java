package dev.descent.schedule;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the reference files that {@code src/test/python/schedule_reference.py} writes with PyTorch:
 * tab-separated rows grouped by their first column (a spec string).
 */
final class TorchReference {
  private TorchReference() {}

  /** Rows of {@code resource} grouped by spec, each row the numeric columns after the spec. */
  static Map<String, List<double[]>> read(String resource) {
    Map<String, List<double[]>> bySpec = new LinkedHashMap<>();
    try (InputStream in = TorchReference.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing; run schedule_reference.py");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] cols = line.split("\t");
        double[] row = new double[cols.length - 1];
        for (int i = 1; i < cols.length; i++) {
          row[i - 1] = Double.parseDouble(cols[i]);
        }
        bySpec.computeIfAbsent(cols[0], k -> new ArrayList<>()).add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bySpec;
  }
}
