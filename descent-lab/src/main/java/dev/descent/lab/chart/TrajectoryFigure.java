package dev.descent.lab.chart;

import com.madgag.gif.fmsware.AnimatedGifEncoder;
import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import dev.descent.function.CriticalPoint;
import dev.descent.function.Function2D;
import dev.descent.function.Window;
import dev.descent.lab.trajectory.Trajectory;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Optimizer paths drawn over the contour lines of a 2-D function (MISSION §8.1), as PNG, SVG or an
 * animated GIF of the paths growing step by step.
 *
 * <p>Layouts: {@link Layout#GRID} draws one panel per optimizer (the seeds' 2×2 comparison for four
 * optimizers), {@link Layout#OVERLAY} draws every path on one plot. Each path has its optimizer's
 * {@link Palette} colour, circles at the iterates (when there are at most 200) and a legend entry;
 * known minima are black diamonds and saddle points black squares. A path that diverged, converged
 * (full-batch methods stop at a stationary point) or stopped early says so in its legend entry.
 * Contours come from {@link Contours} (16 levels on a 240×240 grid).
 *
 * <pre>{@code
 * new TrajectoryFigure(f, f.window(), paths, TrajectoryFigure.Layout.GRID, "start (-7, 2)")
 *     .writePng(Path.of("figures/trajectories.png"));
 * }</pre>
 */
public final class TrajectoryFigure {

  /** How several paths share the figure. */
  public enum Layout {
    /** One panel per path, in a grid of up to three columns. */
    GRID,
    /** All paths on one plot. */
    OVERLAY
  }

  private static final int PANEL_WIDTH = 560;
  private static final int PANEL_HEIGHT = 420;
  private static final int OVERLAY_WIDTH = 900;
  private static final int OVERLAY_HEIGHT = 660;
  private static final int HEADING = 44;
  private static final int MAX_MARKED_POINTS = 200;
  private static final int MAX_FRAMES = 60;
  private static final int MARKER_SIZE = 6;
  private static final BasicStroke PATH_STROKE =
      new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  private static final Color CONTOUR_LOW = new Color(0x55648c);
  private static final Color CONTOUR_HIGH = new Color(0xc9d3e6);

  private final Function2D function;
  private final Window window;
  private final List<Trajectory> paths;
  private final List<Color> colors;
  private final Layout layout;
  private final String subtitle;
  private final Contours contours;

  /**
   * @param function the function whose contours are drawn
   * @param window the plotted region
   * @param paths the optimizer paths, at least one
   * @param layout grid of panels or one overlay plot
   * @param subtitle extra text for the heading (start point, steps), may be empty
   */
  public TrajectoryFigure(
      Function2D function, Window window, List<Trajectory> paths, Layout layout, String subtitle) {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("paths must not be empty");
    }
    this.function = function;
    this.window = window;
    this.paths = List.copyOf(paths);
    List<String> labels = new ArrayList<>();
    for (Trajectory t : paths) {
      labels.add(t.label());
    }
    this.colors = Palette.colorsFor(labels);
    this.layout = paths.size() == 1 ? Layout.OVERLAY : layout;
    this.subtitle = subtitle;
    this.contours = Contours.of(function, window, 240, 16);
  }

  /** The heading: the function's name and formula, and the subtitle. */
  public String heading() {
    String f =
        function.name().equals(function.formula())
            ? "f(x, y) = " + function.formula()
            : function.name() + ":  f(x, y) = " + function.formula();
    return subtitle.isEmpty() ? f : f + "   ·   " + subtitle;
  }

  /** Figure width in pixels. */
  public int width() {
    return layout == Layout.GRID ? columns() * PANEL_WIDTH : OVERLAY_WIDTH;
  }

  /** Figure height in pixels. */
  public int height() {
    return HEADING + (layout == Layout.GRID ? rows() * PANEL_HEIGHT : OVERLAY_HEIGHT);
  }

  private int columns() {
    return paths.size() <= 4 ? Math.min(2, paths.size()) : 3;
  }

  private int rows() {
    return (paths.size() + columns() - 1) / columns();
  }

  /** Writes the figure as PNG. */
  public void writePng(Path file) throws IOException {
    requireDirectory(file);
    BufferedImage image = image(Integer.MAX_VALUE);
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer available for " + file);
    }
  }

  /** Writes the figure as SVG. */
  public void writeSvg(Path file) throws IOException {
    requireDirectory(file);
    VectorGraphics2D g = new VectorGraphics2D();
    paint(g, Integer.MAX_VALUE);
    try (OutputStream out = Files.newOutputStream(file)) {
      Processors.get("svg")
          .getDocument(g.getCommands(), new PageSize(0, 0, width(), height()))
          .writeTo(out);
    }
  }

  /**
   * Writes an animated GIF: frame k shows the first k points of every path (at most 60 frames,
   * evenly spaced steps; the last frame shows the full paths and is held for two seconds).
   */
  public void writeGif(Path file) throws IOException {
    requireDirectory(file);
    int longest = 0;
    for (Trajectory t : paths) {
      longest = Math.max(longest, t.size());
    }
    int frames = Math.min(longest, MAX_FRAMES);
    BufferedImage background = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
    List<Panel> panels;
    Graphics2D bg = background.createGraphics();
    try {
      panels = paint(bg, 1);
    } finally {
      bg.dispose();
    }
    BufferedImage frame = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
    try (OutputStream out = Files.newOutputStream(file)) {
      AnimatedGifEncoder gif = new AnimatedGifEncoder();
      if (!gif.start(out)) {
        throw new IOException("cannot start GIF encoder for " + file);
      }
      gif.setRepeat(0);
      gif.setQuality(20);
      for (int k = 1; k <= frames; k++) {
        int points =
            frames == 1 ? longest : 1 + (int) Math.round((longest - 1.0) * (k - 1) / (frames - 1));
        gif.setDelay(k == frames ? 2000 : Math.max(40, 6000 / frames));
        Graphics2D g = frame.createGraphics();
        try {
          g.drawImage(background, 0, 0, null);
          drawPaths(g, panels, points);
        } finally {
          g.dispose();
        }
        if (!gif.addFrame(frame)) {
          throw new IOException("GIF encoder failed on frame " + k + " of " + file);
        }
      }
      if (!gif.finish()) {
        throw new IOException("GIF encoder failed to finish " + file);
      }
    }
  }

  private static void requireDirectory(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new IOException("cannot write " + file + ": its directory does not exist");
    }
  }

  /** The figure as an image, showing at most {@code points} points of each path. */
  public BufferedImage image(int points) {
    BufferedImage image = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      paint(g, points);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** One painted chart: where it is in the figure and which paths it shows in which colours. */
  private record Panel(XYChart chart, int x, int y, List<Trajectory> paths, List<Color> colors) {}

  private List<Panel> paint(Graphics2D g, int points) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width(), height());
    drawHeading(g);
    List<Panel> panels = new ArrayList<>();
    if (layout == Layout.OVERLAY) {
      XYChart chart = chart("", paths, colors, points, OVERLAY_WIDTH, OVERLAY_HEIGHT);
      paintAt(g, chart, 0, HEADING, OVERLAY_WIDTH, OVERLAY_HEIGHT);
      panels.add(new Panel(chart, 0, HEADING, paths, colors));
      return panels;
    }
    for (int i = 0; i < paths.size(); i++) {
      List<Trajectory> shown = List.of(paths.get(i));
      List<Color> shownColors = List.of(colors.get(i));
      XYChart chart =
          chart(paths.get(i).label(), shown, shownColors, points, PANEL_WIDTH, PANEL_HEIGHT);
      int x = (i % columns()) * PANEL_WIDTH;
      int y = HEADING + (i / columns()) * PANEL_HEIGHT;
      paintAt(g, chart, x, y, PANEL_WIDTH, PANEL_HEIGHT);
      panels.add(new Panel(chart, x, y, shown, shownColors));
    }
    return panels;
  }

  /**
   * Draws the first {@code points} points of each panel's paths over a figure painted with only the
   * start points, in the chart's own coordinates and with the same style as XChart's series; this
   * is what makes GIF frames cheap (the contours are painted once).
   */
  private void drawPaths(Graphics2D g, List<Panel> panels, int points) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    for (Panel panel : panels) {
      XYChart chart = panel.chart();
      Graphics2D p = (Graphics2D) g.create();
      try {
        p.translate(panel.x(), panel.y());
        double left = chart.getScreenXFromChart(window.xMin());
        double right = chart.getScreenXFromChart(window.xMax());
        double top = chart.getScreenYFromChart(window.yMax());
        double bottom = chart.getScreenYFromChart(window.yMin());
        p.clip(new Rectangle2D.Double(left, top, right - left, bottom - top));
        p.setStroke(PATH_STROKE);
        for (int i = 0; i < panel.paths().size(); i++) {
          Trajectory t = panel.paths().get(i);
          int n = Math.min(points, t.size());
          double[] xs = t.prefix(n).xs();
          double[] ys = t.prefix(n).ys();
          clampForDrawing(xs, window.xMin(), window.xMax());
          clampForDrawing(ys, window.yMin(), window.yMax());
          Path2D.Double line = new Path2D.Double();
          for (int j = 0; j < n; j++) {
            double sx = chart.getScreenXFromChart(xs[j]);
            double sy = chart.getScreenYFromChart(ys[j]);
            if (j == 0) {
              line.moveTo(sx, sy);
            } else {
              line.lineTo(sx, sy);
            }
          }
          p.setColor(panel.colors().get(i));
          p.draw(line);
          if (t.size() <= MAX_MARKED_POINTS) {
            double r = MARKER_SIZE / 2.0;
            for (int j = 0; j < n; j++) {
              double sx = chart.getScreenXFromChart(xs[j]);
              double sy = chart.getScreenYFromChart(ys[j]);
              p.fill(new Ellipse2D.Double(sx - r, sy - r, MARKER_SIZE, MARKER_SIZE));
            }
          }
        }
      } finally {
        p.dispose();
      }
    }
  }

  private static void paintAt(Graphics2D g, XYChart chart, int x, int y, int w, int h) {
    Graphics2D panel = (Graphics2D) g.create();
    try {
      panel.translate(x, y);
      panel.clipRect(0, 0, w, h);
      chart.paint(panel, w, h);
    } finally {
      panel.dispose();
    }
  }

  /** The heading, centred, in the largest font up to 16 pt that fits the width. */
  private void drawHeading(Graphics2D g) {
    String heading = heading();
    g.setColor(Palette.INK);
    for (int size = 16; ; size--) {
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
      FontMetrics fm = g.getFontMetrics();
      if (fm.stringWidth(heading) <= width() - 16 || size <= 9) {
        g.drawString(heading, Math.max(8, (width() - fm.stringWidth(heading)) / 2), 28);
        return;
      }
    }
  }

  private XYChart chart(
      String title,
      List<Trajectory> shown,
      List<Color> shownColors,
      int points,
      int width,
      int height) {
    XYChart chart =
        new XYChartBuilder()
            .width(width)
            .height(height)
            .title(title)
            .xAxisTitle("x")
            .yAxisTitle("y")
            .build();
    Styler.LegendPosition legend = Styler.LegendPosition.OutsideS;
    var s = chart.getStyler();
    s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderColor(Palette.INK);
    s.setPlotGridLinesVisible(false);
    s.setChartTitleBoxVisible(false);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    s.setLegendPosition(legend);
    s.setLegendLayout(Styler.LegendLayout.Horizontal);
    s.setLegendBorderColor(Color.WHITE);
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.ITALIC, 13));
    s.setMarkerSize(MARKER_SIZE);
    s.setPlotContentSize(1.0);
    s.setAntiAlias(true);
    s.setXAxisMin(window.xMin());
    s.setXAxisMax(window.xMax());
    s.setYAxisMin(window.yMin());
    s.setYAxisMax(window.yMax());
    s.setXAxisDecimalPattern("#.##");
    s.setYAxisDecimalPattern("#.##");
    addContours(chart);
    for (int i = 0; i < shown.size(); i++) {
      addPath(chart, shown.get(i), shownColors.get(i), points);
    }
    addCriticalPoints(chart);
    return chart;
  }

  private void addContours(XYChart chart) {
    double[] levels = contours.levels();
    BasicStroke stroke = new BasicStroke(0.9f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    for (int k = 0; k < levels.length; k++) {
      double[] xs = contours.xs(k);
      if (xs.length == 0) {
        continue;
      }
      XYSeries series =
          chart.addSeries(
              String.format(Locale.ROOT, "f = %.4g (level %d)", levels[k], k), xs, contours.ys(k));
      float u = levels.length == 1 ? 0 : (float) k / (levels.length - 1);
      series.setLineColor(mix(CONTOUR_LOW, CONTOUR_HIGH, u));
      series.setLineStyle(stroke);
      series.setMarker(SeriesMarkers.NONE);
      series.setShowInLegend(false);
    }
  }

  private void addPath(XYChart chart, Trajectory t, Color color, int points) {
    int n = Math.min(points, t.size());
    Trajectory shown = t.prefix(n);
    double[] xs = shown.xs();
    double[] ys = shown.ys();
    clampForDrawing(xs, window.xMin(), window.xMax());
    clampForDrawing(ys, window.yMin(), window.yMax());
    String name = t.label();
    if (t.stoppedEarly() && n == t.size()) {
      String note = t.note().orElse("");
      String how =
          note.startsWith("diverged")
              ? "diverged"
              : note.startsWith("converged") ? "converged" : "stopped";
      name += " — " + how + " after step " + t.steps();
    }
    XYSeries series = chart.addSeries(uniqueName(chart, name), xs, ys);
    series.setLineColor(color);
    series.setMarkerColor(color);
    series.setLineStyle(PATH_STROKE);
    series.setMarker(t.size() <= MAX_MARKED_POINTS ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
  }

  private void addCriticalPoints(XYChart chart) {
    List<Double> minX = new ArrayList<>();
    List<Double> minY = new ArrayList<>();
    List<Double> sadX = new ArrayList<>();
    List<Double> sadY = new ArrayList<>();
    for (CriticalPoint c : function.criticalPoints()) {
      if (!window.contains(c.point().x(), c.point().y())) {
        continue;
      }
      if (c.kind() == CriticalPoint.Kind.MINIMUM) {
        minX.add(c.point().x());
        minY.add(c.point().y());
      } else {
        sadX.add(c.point().x());
        sadY.add(c.point().y());
      }
    }
    if (!minX.isEmpty()) {
      XYSeries m = chart.addSeries(minX.size() == 1 ? "minimum" : "minima", minX, minY);
      m.setMarker(SeriesMarkers.DIAMOND);
      m.setMarkerColor(Color.BLACK);
      m.setLineColor(Color.BLACK);
      m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    }
    if (!sadX.isEmpty()) {
      XYSeries m = chart.addSeries(sadX.size() == 1 ? "saddle point" : "saddle points", sadX, sadY);
      m.setMarker(SeriesMarkers.SQUARE);
      m.setMarkerColor(Color.BLACK);
      m.setLineColor(Color.BLACK);
      m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    }
  }

  private static String uniqueName(XYChart chart, String name) {
    String unique = name;
    for (int i = 2; chart.getSeriesMap().containsKey(unique); i++) {
      unique = name + " #" + i;
    }
    return unique;
  }

  /**
   * Pulls coordinates far outside the window back to ten window-widths away, so that Java2D is
   * never handed 1e300; the clipped plot looks the same.
   */
  private static void clampForDrawing(double[] v, double min, double max) {
    double span = max - min;
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.max(min - 10 * span, Math.min(max + 10 * span, v[i]));
    }
  }

  private static Color mix(Color a, Color b, float u) {
    return new Color(
        Math.round(a.getRed() + (b.getRed() - a.getRed()) * u),
        Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * u),
        Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * u));
  }
}
