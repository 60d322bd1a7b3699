package dev.descent.lab.tune;

import dev.descent.lab.chart.ChartFiles;
import dev.descent.lab.chart.Palette;
import dev.descent.tune.Distribution;
import dev.descent.tune.SearchSpace;
import dev.descent.tune.TrialResult;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The figures of a search: the best trials' accuracy curves in a grid (the seeds' experiment 8.7
 * figure: validation solid, training dashed), validation accuracy over each numeric hyperparameter
 * (log axis for {@code log_uniform} ranges), and the range of each numeric hyperparameter across
 * coarse-to-fine rounds.
 */
public final class TuneCharts {
  private static final Color VALIDATION = new Color(0x1f77b4);
  private static final Color TRAIN = new Color(0xff7f0e);

  private TuneCharts() {}

  /**
   * Writes a PNG grid (5 columns) of the first {@code count} of {@code ranked} trials' curves. The
   * tiles are rendered as tasks of {@code pool} (each tile on its own, so the image is the same for
   * any number of threads); the calling thread waits for them and must not be one of the pool's.
   *
   * @throws IOException naming the file when it cannot be written
   */
  public static void bestGrid(List<TrialResult> ranked, int count, Path out, ExecutorService pool)
      throws IOException {
    int n = Math.min(count, ranked.size());
    int cols = Math.min(5, Math.max(1, n));
    int rows = (n + cols - 1) / cols;
    int w = 320;
    int h = 240;
    List<Future<BufferedImage>> tiles = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int rank = i + 1;
      TrialResult r = ranked.get(i);
      tiles.add(pool.submit(() -> tile(rank, r, w, h)));
    }
    BufferedImage img =
        new BufferedImage(cols * w, Math.max(1, rows) * h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    for (int i = 0; i < n; i++) {
      g.drawImage(await(tiles.get(i)), (i % cols) * w, (i / cols) * h, null);
    }
    g.dispose();
    try {
      ImageIO.write(img, "png", out.toFile());
    } catch (IOException e) {
      throw new IOException("cannot write " + out + ": " + e.getMessage(), e);
    }
  }

  private static BufferedImage tile(int rank, TrialResult r, int w, int h) {
    XYChart c = new XYChartBuilder().width(w).height(h).title(title(rank, r)).build();
    c.getStyler().setLegendVisible(false);
    c.getStyler().setChartTitleFont(c.getStyler().getChartTitleFont().deriveFont(10f));
    c.getStyler().setYAxisMin(0.0);
    c.getStyler().setYAxisMax(1.0);
    c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    add(c, "validation", r.validationCurve(), VALIDATION, false);
    add(c, "train", r.trainCurve(), TRAIN, true);
    return BitmapEncoder.getBufferedImage(c);
  }

  private static BufferedImage await(Future<BufferedImage> tile) {
    try {
      return tile.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rendering a chart", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw c instanceof RuntimeException
          ? (RuntimeException) c
          : new IllegalStateException("rendering a chart failed: " + c, c);
    }
  }

  private static String title(int rank, TrialResult r) {
    StringBuilder sb = new StringBuilder("#").append(rank).append(' ');
    for (Map.Entry<String, Object> e : r.params().entrySet()) {
      Object v = e.getValue();
      sb.append(e.getKey()).append('=');
      sb.append(v instanceof Double ? String.format(Locale.ROOT, "%.3g", (Double) v) : v);
      sb.append(' ');
    }
    return sb.append(String.format(Locale.ROOT, "val %.3f", r.validationAccuracy())).toString();
  }

  private static void add(XYChart c, String name, double[] ys, Color color, boolean dashed) {
    if (ys.length == 0) {
      return;
    }
    double[] xs = new double[ys.length];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = i + 1;
    }
    XYSeries s = c.addSeries(name, xs, ys);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    if (dashed) {
      s.setLineStyle(SeriesLines.DASH_DASH);
    }
  }

  /**
   * Validation accuracy of every trial over the value of {@code key} ({@code key} must be numeric
   * in {@code space}), written as PNG; diverged trials are left out.
   */
  public static void accuracyOver(String key, SearchSpace space, List<TrialResult> trials, Path out)
      throws IOException {
    Distribution range = space.range(key);
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (TrialResult r : trials) {
      if (!Double.isNaN(r.validationAccuracy())) {
        xs.add(((Number) r.params().get(key)).doubleValue());
        ys.add(r.validationAccuracy());
      }
    }
    XYChart c =
        new XYChartBuilder()
            .width(800)
            .height(500)
            .title("validation accuracy over " + key)
            .xAxisTitle(key + " " + range)
            .yAxisTitle("validation accuracy")
            .build();
    c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    c.getStyler().setLegendVisible(false);
    c.getStyler().setXAxisLogarithmic(range instanceof Distribution.LogUniform);
    c.getStyler()
        .setXAxisDecimalPattern(range instanceof Distribution.LogUniform ? "0.0E0" : "0.####");
    if (!xs.isEmpty()) {
      c.addSeries("trials", xs, ys).setMarkerColor(VALIDATION);
    }
    ChartFiles.save(c, out, ChartFiles.Format.PNG);
  }

  /**
   * The lower and upper end of {@code key}'s range in each round (log axis for {@code
   * log_uniform}), written as PNG.
   */
  public static void ranges(String key, List<SearchSpace> rounds, Path out) throws IOException {
    double[] x = new double[rounds.size()];
    double[] lo = new double[rounds.size()];
    double[] hi = new double[rounds.size()];
    boolean log = rounds.get(0).range(key) instanceof Distribution.LogUniform;
    for (int i = 0; i < rounds.size(); i++) {
      Distribution d = rounds.get(i).range(key);
      x[i] = i + 1;
      double[] ends = ends(d);
      lo[i] = ends[0];
      hi[i] = ends[1];
    }
    XYChart c =
        new XYChartBuilder()
            .width(800)
            .height(500)
            .title("range of " + key + " in each round")
            .xAxisTitle("round")
            .yAxisTitle(key)
            .build();
    c.getStyler().setYAxisLogarithmic(log);
    c.getStyler().setYAxisDecimalPattern(log ? "0.0E0" : "0.####");
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    c.getStyler().setXAxisDecimalPattern("0");
    c.addSeries("upper end", x, hi).setLineColor(Palette.colorOf("adam"));
    c.addSeries("lower end", x, lo).setLineColor(Palette.colorOf("sgd"));
    ChartFiles.save(c, out, ChartFiles.Format.PNG);
  }

  private static double[] ends(Distribution d) {
    if (d instanceof Distribution.LogUniform) {
      Distribution.LogUniform r = (Distribution.LogUniform) d;
      return new double[] {r.lo(), r.hi()};
    }
    if (d instanceof Distribution.Uniform) {
      Distribution.Uniform r = (Distribution.Uniform) d;
      return new double[] {r.lo(), r.hi()};
    }
    if (d instanceof Distribution.IntRange) {
      Distribution.IntRange r = (Distribution.IntRange) d;
      return new double[] {r.lo(), r.hi()};
    }
    throw new IllegalArgumentException("choice ranges have no ends: " + d);
  }
}
