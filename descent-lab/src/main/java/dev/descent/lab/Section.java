package dev.descent.lab;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one experiment produced, for the HTML report.
 *
 * @param name the experiment's name (its folder)
 * @param title the heading
 * @param lesson what the experiment teaches and what to look for, written for a student
 * @param figures the figures in display order
 * @param settings the exact settings and seeds, in display order
 * @param seconds the experiment's wall time
 */
public record Section(
    String name,
    String title,
    String lesson,
    List<Figure> figures,
    Map<String, String> settings,
    double seconds) {

  /** Copies the lists. */
  public Section {
    figures = List.copyOf(figures);
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  /**
   * One figure.
   *
   * @param image the PNG's path relative to the report folder
   * @param files the other files of the figure (SVG, CSV, JSON), relative to the report folder
   * @param caption what to look for and what this run showed, with numbers computed from the data
   */
  public record Figure(String image, List<String> files, String caption) {
    /** Copies the list. */
    public Figure {
      files = List.copyOf(files);
    }

    /** A figure saved by {@link Artifacts} as {@code name.png/svg/csv/json}. */
    public static Figure of(Artifacts a, String name, String caption) {
      return new Figure(
          a.relative(name + ".png"),
          List.of(a.relative(name + ".svg"), a.relative(name + ".csv"), a.relative(name + ".json")),
          caption);
    }
  }
}
