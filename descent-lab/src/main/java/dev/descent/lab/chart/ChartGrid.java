package dev.descent.lab.chart;

import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Small multiples: several XChart charts painted into one figure, row by row, under a heading (the
 * seeds' 4×4 batch-norm grid, the activation histograms per layer), as PNG or SVG.
 */
public final class ChartGrid {
  private static final int HEADING = 40;

  private final String heading;
  private final List<? extends Chart<?, ?>> charts;
  private final int columns;
  private final int panelWidth;
  private final int panelHeight;

  /**
   * @param heading the figure's title
   * @param charts the panels, in reading order, at least one
   * @param columns panels per row, at least 1
   * @param panelWidth each panel's width in pixels
   * @param panelHeight each panel's height in pixels
   */
  public ChartGrid(
      String heading,
      List<? extends Chart<?, ?>> charts,
      int columns,
      int panelWidth,
      int panelHeight) {
    if (charts.isEmpty()) {
      throw new IllegalArgumentException("charts must not be empty");
    }
    if (columns < 1) {
      throw new IllegalArgumentException("columns must be at least 1, got " + columns);
    }
    this.heading = heading;
    this.charts = List.copyOf(charts);
    this.columns = Math.min(columns, charts.size());
    this.panelWidth = panelWidth;
    this.panelHeight = panelHeight;
  }

  /** Figure width in pixels. */
  public int width() {
    return columns * panelWidth;
  }

  /** Figure height in pixels. */
  public int height() {
    int rows = (charts.size() + columns - 1) / columns;
    return HEADING + rows * panelHeight;
  }

  /** Writes {@code base.png} and {@code base.svg}. */
  public void write(Path dir, String base) throws IOException {
    BufferedImage image = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      paint(g);
    } finally {
      g.dispose();
    }
    Path png = dir.resolve(base + ".png");
    if (!ImageIO.write(image, "png", png.toFile())) {
      throw new IOException("no PNG writer available for " + png);
    }
    VectorGraphics2D v = new VectorGraphics2D();
    paint(v);
    try (OutputStream out = Files.newOutputStream(dir.resolve(base + ".svg"))) {
      Processors.get("svg")
          .getDocument(v.getCommands(), new PageSize(0, 0, width(), height()))
          .writeTo(out);
    }
  }

  private void paint(Graphics2D g) {
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width(), height());
    g.setColor(Palette.INK);
    for (int size = 16; ; size--) {
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
      FontMetrics fm = g.getFontMetrics();
      if (fm.stringWidth(heading) <= width() - 16 || size <= 9) {
        g.drawString(heading, Math.max(8, (width() - fm.stringWidth(heading)) / 2), 26);
        break;
      }
    }
    for (int i = 0; i < charts.size(); i++) {
      Graphics2D panel = (Graphics2D) g.create();
      try {
        panel.translate((i % columns) * panelWidth, HEADING + (i / columns) * panelHeight);
        panel.clipRect(0, 0, panelWidth, panelHeight);
        charts.get(i).paint(panel, panelWidth, panelHeight);
      } finally {
        panel.dispose();
      }
    }
  }
}
