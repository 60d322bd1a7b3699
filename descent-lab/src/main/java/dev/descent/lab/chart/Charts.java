package dev.descent.lab.chart;

import java.awt.Color;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The lab's line charts: white background, legend inside, lines without markers. */
public final class Charts {
  private Charts() {}

  /** An empty line chart with a title and axis labels (units in the labels). */
  public static XYChart lines(String title, String xLabel, String yLabel, int width, int height) {
    XYChart chart =
        new XYChartBuilder()
            .width(width)
            .height(height)
            .title(title)
            .xAxisTitle(xLabel)
            .yAxisTitle(yLabel)
            .build();
    XYStyler s = chart.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setLegendPosition(Styler.LegendPosition.InsideNE);
    s.setPlotGridLinesColor(new Color(0xdddddd));
    // whole-number x values (steps, epochs, evaluations) with room between the tick labels
    s.setXAxisDecimalPattern("0");
    s.setXAxisMaxLabelCount(12);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    return chart;
  }

  /**
   * Adds a line in {@code color}; {@code faint} draws it translucent and leaves it out of the
   * legend (the raw curve behind a smoothed one).
   */
  public static XYSeries line(
      XYChart chart, String name, double[] x, double[] y, Color color, boolean faint) {
    XYSeries s = chart.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(
        faint ? new Color(color.getRed(), color.getGreen(), color.getBlue(), 55) : color);
    if (faint) {
      s.setShowInLegend(false);
    }
    return s;
  }

  /** 0, 1, …, n − 1 (or 1, …, n with {@code fromOne}) as doubles: an x axis of steps or epochs. */
  public static double[] index(int n, boolean fromOne) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = fromOne ? i + 1 : i;
    }
    return x;
  }
}
