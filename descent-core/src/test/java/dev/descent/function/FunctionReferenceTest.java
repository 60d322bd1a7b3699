package dev.descent.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Values, gradients and Hessians against PyTorch autograd (float64), from {@code
 * src/test/python/function_reference.py}; the torch version is on the CSV's first line. The named
 * functions are written independently there, so this also checks descent's formula strings.
 */
class FunctionReferenceTest {

  record Row(String function, double x, double y, double[] expected) {}

  static List<Row> rows() throws IOException {
    List<Row> rows = new ArrayList<>();
    try (InputStream in =
            FunctionReferenceTest.class.getResourceAsStream("/function/reference.csv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#") || line.startsWith("function,")) {
          continue;
        }
        int close = line.indexOf('"', 1);
        String name = line.substring(1, close);
        String[] cells = line.substring(close + 2).split(",");
        double[] v = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
          v[i] = Double.parseDouble(cells[i]);
        }
        rows.add(new Row(name, v[0], v[1], java.util.Arrays.copyOfRange(v, 2, 8)));
      }
    }
    return rows;
  }

  @Test
  void matchesTorchAutograd() throws IOException {
    List<Row> rows = rows();
    assertThat(rows).hasSize(96);
    Set<String> named = new HashSet<>();
    double[] g = new double[2];
    double[] h = new double[3];
    for (Row row : rows) {
      Function2D f = Functions.create(row.function());
      if (Functions.isNamed(row.function())) {
        named.add(row.function().replaceAll("\\(.*", ""));
      }
      double v = f.valueAndGradient(row.x(), row.y(), g);
      f.hessian(row.x(), row.y(), h);
      double[] got = {v, g[0], g[1], h[0], h[1], h[2]};
      String[] what = {"f", "fx", "fy", "fxx", "fxy", "fyy"};
      for (int i = 0; i < 6; i++) {
        double e = row.expected()[i];
        assertThat(got[i])
            .as("%s %s at (%s, %s)", row.function(), what[i], row.x(), row.y())
            .isCloseTo(e, within(1e-12 * Math.max(1, Math.abs(e))));
      }
    }
    assertThat(named).containsExactlyInAnyOrderElementsOf(Functions.names());
  }
}
