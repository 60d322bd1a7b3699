package dev.descent.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads a classification data set from a CSV file: numeric feature columns and one label column.
 *
 * <p>Fields are separated by a delimiter (default {@code ,}) and may be quoted with {@code "} (RFC
 * 4180, {@code ""} for a quote inside). Blank lines are skipped. A header line is detected when any
 * of its fields is not a number, or can be declared present or absent. The label column is chosen
 * by header name or 0-based index and defaults to the last column. Labels that are all non-negative
 * integers are used as class indices ({@code classes = max + 1}); otherwise the distinct label
 * strings, sorted, become classes {@code 0, 1, …} and the data set's {@link Dataset#classNames()}.
 * Missing values, {@code NaN} and infinities are rejected.
 *
 * <p>Errors are {@link DataFormatException}s naming the file, line and column, e.g. {@code
 * iris.csv: line 7, column 3 (petal_length): expected a number, got "n/a"}.
 *
 * <pre>{@code
 * Dataset d = CsvReader.read(Path.of("iris.csv"), CsvReader.Options.labelColumn("species"));
 * }</pre>
 */
public final class CsvReader {

  /** Whether the first line is a header. */
  public enum Header {
    /** A header if any field of the first line is not a number. */
    AUTO,
    /** The first line is a header. */
    PRESENT,
    /** Every line is data. */
    ABSENT
  }

  /**
   * How to read a file.
   *
   * @param label the label column: a header name, a 0-based index, or {@code null} for the last
   *     column
   * @param header whether the first line is a header (default {@link Header#AUTO})
   * @param delimiter the field separator (default {@code ,})
   */
  public record Options(String label, Header header, char delimiter) {
    /** Checks the options. */
    public Options {
      if (header == null) {
        throw new IllegalArgumentException("header must not be null");
      }
      if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
        throw new IllegalArgumentException(
            "delimiter must not be a quote or line break, got '" + delimiter + "'");
      }
    }

    /** Last column as label, header detected, comma-separated. */
    public static Options defaults() {
      return new Options(null, Header.AUTO, ',');
    }

    /** The given label column (name or 0-based index), header detected, comma-separated. */
    public static Options labelColumn(String label) {
      return new Options(label, Header.AUTO, ',');
    }
  }

  /** A decimal number; unlike {@link Float#parseFloat} no NaN, Infinity, hex or type suffix. */
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private static final Pattern CLASS_INDEX = Pattern.compile("\\d{1,9}");

  private CsvReader() {}

  /** Reads {@code file} with {@code options}; the data set is named after the file. */
  public static Dataset read(Path file, Options options) throws IOException {
    String name = file.getFileName().toString();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(name, in, options);
    }
  }

  /**
   * Reads CSV text from {@code in} (not closed).
   *
   * @param name the file name used in messages and as the data set's name
   */
  public static Dataset read(String name, BufferedReader in, Options options) throws IOException {
    List<String> header = null;
    int labelCol = -1;
    int width = -1;
    int widthLine = 0;
    float[] features = new float[1024];
    int used = 0;
    List<String> labels = new ArrayList<>();
    String line;
    int lineNo = 0;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      List<String> fields = split(name, line, lineNo, options.delimiter());
      if (width < 0) {
        width = fields.size();
        widthLine = lineNo;
        if (width < 2) {
          throw new DataFormatException(
              name,
              "line "
                  + lineNo
                  + ": expected at least 2 columns (features and a label), got "
                  + width
                  + (options.delimiter() == ','
                      ? ""
                      : " with delimiter '" + options.delimiter() + "'"));
        }
        boolean byName = options.label() != null && !options.label().matches("\\d+");
        int guess = byName ? -1 : labelColumn(name, options.label(), null, width);
        boolean isHeader;
        if (options.header() == Header.AUTO) {
          // A label given by name needs a header; otherwise a non-empty, non-numeric feature field
          // means one.
          isHeader = byName;
          for (int c = 0; c < width && !isHeader; c++) {
            isHeader = c != guess && !fields.get(c).isBlank() && !isNumber(fields.get(c));
          }
        } else {
          isHeader = options.header() == Header.PRESENT;
        }
        labelCol = labelColumn(name, options.label(), isHeader ? fields : null, width);
        if (isHeader) {
          header = fields;
          continue;
        }
      } else if (fields.size() != width) {
        throw new DataFormatException(
            name,
            "line "
                + lineNo
                + ": expected "
                + width
                + " columns as on line "
                + widthLine
                + ", got "
                + fields.size());
      }
      if (used + width > features.length) {
        features = Arrays.copyOf(features, Math.max(used + width, features.length * 2));
      }
      for (int c = 0; c < width; c++) {
        String f = fields.get(c).trim();
        if (c == labelCol) {
          if (f.isEmpty()) {
            throw cellError(name, lineNo, c, header, "expected a label, got an empty field");
          }
          labels.add(f);
          continue;
        }
        if (!isNumber(f)) {
          throw cellError(
              name,
              lineNo,
              c,
              header,
              f.isEmpty()
                  ? "expected a number, got an empty field"
                  : "expected a number, got \"" + f + "\"");
        }
        float v = Float.parseFloat(f);
        if (!Float.isFinite(v)) {
          throw cellError(name, lineNo, c, header, "\"" + f + "\" is outside the float32 range");
        }
        features[used++] = v;
      }
    }
    if (labels.isEmpty()) {
      throw new DataFormatException(name, "no data rows");
    }
    int cols = width - 1;
    float[] x = Arrays.copyOf(features, used);
    int[] y = new int[labels.size()];
    if (labels.stream().allMatch(CsvReader::isClassIndex)) {
      int max = 0;
      for (int i = 0; i < y.length; i++) {
        y[i] = Integer.parseInt(labels.get(i));
        max = Math.max(max, y[i]);
      }
      return Dataset.ofFloats(name, x, cols, y, max + 1);
    }
    Map<String, Integer> ids = new TreeMap<>();
    for (String l : labels) {
      ids.put(l, 0);
    }
    List<String> names = new ArrayList<>(ids.keySet());
    for (int k = 0; k < names.size(); k++) {
      ids.put(names.get(k), k);
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = ids.get(labels.get(i));
    }
    return Dataset.ofFloats(name, x, cols, y, names.size()).withClassNames(names);
  }

  private static int labelColumn(String name, String label, List<String> header, int width)
      throws DataFormatException {
    if (label == null) {
      return width - 1;
    }
    if (header != null) {
      int at = header.indexOf(label);
      if (at >= 0) {
        return at;
      }
    }
    if (label.matches("\\d+")) {
      int at = Integer.parseInt(label);
      if (at < width) {
        return at;
      }
      throw new DataFormatException(
          name, "label column must be in [0, " + width + "), got " + label);
    }
    throw new DataFormatException(
        name,
        "no column named \""
            + label
            + "\""
            + (header == null ? " (the file has no header line)" : "; columns: " + header));
  }

  private static DataFormatException cellError(
      String name, int line, int col, List<String> header, String message) {
    String column = (col + 1) + (header == null ? "" : " (" + header.get(col) + ")");
    return new DataFormatException(name, "line " + line + ", column " + column + ": " + message);
  }

  private static boolean isNumber(String s) {
    return NUMBER.matcher(s.trim()).matches();
  }

  private static boolean isClassIndex(String s) {
    return CLASS_INDEX.matcher(s).matches();
  }

  /** Splits one line into fields, honouring double quotes. */
  private static List<String> split(String name, String line, int lineNo, char delimiter)
      throws DataFormatException {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == delimiter) {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(ch);
      }
    }
    if (quoted) {
      throw new DataFormatException(
          name, "line " + lineNo + ", column " + (out.size() + 1) + ": unclosed quote");
    }
    out.add(field.toString());
    return out;
  }
}
