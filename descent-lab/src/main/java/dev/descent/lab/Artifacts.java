package dev.descent.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.descent.lab.chart.ChartFiles;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes one experiment's files into {@code OUT/EXPERIMENT/}: each figure as {@code NAME.png} and
 * {@code NAME.svg}, and its numbers as {@code NAME.csv} and {@code NAME.json}, so every chart can
 * be re-plotted elsewhere.
 */
public final class Artifacts {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path root;
  private final String experiment;

  /**
   * @param root the report folder ({@code --out})
   * @param experiment the experiment's name, its subfolder
   */
  public Artifacts(Path root, String experiment) throws IOException {
    this.root = root;
    this.experiment = experiment;
    Files.createDirectories(dir());
  }

  /** The experiment's folder. */
  public Path dir() {
    return root.resolve(experiment);
  }

  /** {@code name} relative to the report folder, as the HTML page links it. */
  public String relative(String name) {
    return experiment + "/" + name;
  }

  /** Writes an XChart chart as {@code name.png} and {@code name.svg}. */
  public void chart(String name, Chart<?, ?> chart) throws IOException {
    ChartFiles.save(chart, dir().resolve(name + ".png"), ChartFiles.Format.PNG);
    ChartFiles.save(chart, dir().resolve(name + ".svg"), ChartFiles.Format.SVG);
  }

  /**
   * Writes a table as {@code name.csv} (header row, then one row per record) and {@code name.json}
   * (an object: {@code columns}, {@code rows}, and {@code meta}, e.g. the settings and the headline
   * numbers the caption quotes).
   */
  public void table(String name, Table table, Map<String, Object> meta) throws IOException {
    try (Writer w = Files.newBufferedWriter(dir().resolve(name + ".csv"), StandardCharsets.UTF_8)) {
      w.write(String.join(",", table.columns()));
      w.write('\n');
      for (List<Object> row : table.rows()) {
        List<String> cells = new ArrayList<>();
        for (Object o : row) {
          cells.add(csvCell(o));
        }
        w.write(String.join(",", cells));
        w.write('\n');
      }
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("columns", table.columns());
    doc.put("rows", sanitized(table.rows()));
    doc.put("meta", meta);
    JSON.writeValue(dir().resolve(name + ".json").toFile(), doc);
  }

  private static List<List<Object>> sanitized(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>();
    for (List<Object> row : rows) {
      List<Object> r = new ArrayList<>();
      for (Object o : row) {
        // JSON has no NaN: a missing value is null
        r.add(o instanceof Double && !Double.isFinite((Double) o) ? null : o);
      }
      out.add(r);
    }
    return out;
  }

  private static String csvCell(Object o) {
    if (o == null) {
      return "";
    }
    if (o instanceof Double) {
      double d = (Double) o;
      return Double.isFinite(d) ? Double.toString(d) : "";
    }
    String s = o.toString();
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  /** Column names and rows of values (numbers, strings; null or NaN for missing). */
  public record Table(List<String> columns, List<List<Object>> rows) {
    /** Copies the lists. */
    public Table {
      columns = List.copyOf(columns);
      rows = new ArrayList<>(rows);
    }

    /** An empty table with these columns. */
    public static Table of(String... columns) {
      return new Table(List.of(columns), new ArrayList<>());
    }

    /** Appends a row; it must have one value per column. */
    public Table add(Object... values) {
      if (values.length != columns.size()) {
        throw new IllegalArgumentException(
            "a row needs " + columns.size() + " values, got " + values.length);
      }
      rows.add(java.util.Arrays.asList(values));
      return this;
    }
  }
}
