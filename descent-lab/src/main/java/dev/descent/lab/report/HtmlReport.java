package dev.descent.lab.report;

import dev.descent.lab.Section;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code index.html}: one page, no scripts, no network, with every figure (relative links to
 * the PNGs beside it), its caption, the files behind it, each experiment's settings and seeds, and
 * a header naming the data set, the descent version and git commit, and the run time.
 */
public final class HtmlReport {
  private HtmlReport() {}

  /**
   * The facts about the whole run shown at the top.
   *
   * @param dataset the data set description, or null when no experiment used one
   * @param version the descent version
   * @param commit the git commit, or "unknown"
   * @param quick whether the run was scaled down ({@code --quick}), with its tag, e.g. "quick"
   * @param seed the base seed
   * @param threads the number of models trained at once
   * @param seconds the total wall time
   * @param command the command line that produced the report
   */
  public record Header(
      String dataset,
      String version,
      String commit,
      String quick,
      long seed,
      int threads,
      double seconds,
      String command) {}

  /** Writes {@code dir/index.html} and returns its path. */
  public static Path write(Path dir, Header header, List<Section> sections) throws IOException {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.append("<title>descent lab report")
        .append(header.quick().isEmpty() ? "" : " (" + esc(header.quick()) + ")")
        .append("</title>\n");
    h.append("<style>\n")
        .append("body{font-family:sans-serif;max-width:1280px;margin:2em auto;padding:0 1em;")
        .append("color:#222;line-height:1.45}\n")
        .append("figure{margin:1.5em 0}figure img{max-width:100%;border:1px solid #ddd}\n")
        .append("figcaption{margin-top:.4em}\n")
        .append("table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ccc;")
        .append("padding:.2em .5em;text-align:left;vertical-align:top}\n")
        .append(".quick{background:#fff3cd;border:1px solid #e0c060;padding:.5em 1em}\n")
        .append(".files{font-size:.85em;color:#555}nav li{margin:.1em 0}\n")
        .append("</style>\n</head>\n<body>\n");
    h.append("<h1>descent lab report")
        .append(header.quick().isEmpty() ? "" : " (" + esc(header.quick()) + ")")
        .append("</h1>\n");
    if (!header.quick().isEmpty()) {
      h.append("<p class=\"quick\"><b>")
          .append(esc(header.quick()))
          .append(" run:</b> every experiment was scaled down (fewer iterations, epochs, trials");
      h.append(" or scales) to finish fast; its numbers are not the seeds' settings. Run without");
      h.append(" <code>--quick</code> for those.</p>\n");
    }
    h.append("<table>\n");
    row(h, "data set", header.dataset() == null ? "none needed" : header.dataset());
    row(h, "descent version", header.version());
    row(h, "git commit", header.commit());
    row(h, "base seed", Long.toString(header.seed()));
    row(h, "models trained at once", Integer.toString(header.threads()));
    row(h, "run time", String.format(Locale.ROOT, "%.1f s", header.seconds()));
    row(h, "command", header.command());
    h.append("</table>\n<nav><h2>Experiments</h2><ol>\n");
    for (Section s : sections) {
      h.append("<li><a href=\"#")
          .append(esc(s.name()))
          .append("\">")
          .append(esc(s.title()))
          .append("</a></li>\n");
    }
    h.append("</ol></nav>\n");
    for (Section s : sections) {
      h.append("<section id=\"").append(esc(s.name())).append("\">\n<h2>");
      h.append(esc(s.title())).append("</h2>\n<p>").append(esc(s.lesson())).append("</p>\n");
      for (Section.Figure f : s.figures()) {
        h.append("<figure>\n<img src=\"")
            .append(esc(f.image()))
            .append("\" alt=\"")
            .append(esc(s.title()))
            .append("\">\n<figcaption>")
            .append(esc(f.caption()))
            .append("<br><span class=\"files\">files: <a href=\"")
            .append(esc(f.image()))
            .append("\">")
            .append(esc(f.image()))
            .append("</a>");
        for (String file : f.files()) {
          h.append(" · <a href=\"")
              .append(esc(file))
              .append("\">")
              .append(esc(file))
              .append("</a>");
        }
        h.append("</span></figcaption>\n</figure>\n");
      }
      h.append("<details><summary>settings and seeds (")
          .append(String.format(Locale.ROOT, "%.1f s", s.seconds()))
          .append(")</summary>\n<table>\n");
      for (Map.Entry<String, String> e : s.settings().entrySet()) {
        row(h, e.getKey(), e.getValue());
      }
      h.append("</table></details>\n</section>\n");
    }
    h.append("</body>\n</html>\n");
    Path index = dir.resolve("index.html");
    Files.writeString(index, h.toString(), StandardCharsets.UTF_8);
    return index;
  }

  private static void row(StringBuilder h, String key, String value) {
    h.append("<tr><th>")
        .append(esc(key))
        .append("</th><td>")
        .append(esc(value))
        .append("</td></tr>\n");
  }

  /** HTML-escapes text. */
  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
