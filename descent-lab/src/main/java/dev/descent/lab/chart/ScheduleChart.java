package dev.descent.lab.chart;

import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Line charts of schedules: value against step, one line per schedule, legend below. */
public final class ScheduleChart {
  private ScheduleChart() {}

  /** Matplotlib's "tab10" colours: ten lines that stay distinguishable, also in print. */
  private static Color[] palette() {
    return new Color[] {
      new Color(0x1f77b4),
      new Color(0xff7f0e),
      new Color(0x2ca02c),
      new Color(0xd62728),
      new Color(0x9467bd),
      new Color(0x8c564b),
      new Color(0xe377c2),
      new Color(0x7f7f7f),
      new Color(0xbcbd22),
      new Color(0x17becf)
    };
  }

  /**
   * A chart of {@code curves}, each the values at steps 0, 1, …, named by {@code names}.
   *
   * @param title the chart title
   * @param yLabel the y axis label, e.g. "learning rate"
   * @param names one legend entry per curve
   * @param curves the values, all of the same length
   * @param logY whether the y axis is logarithmic (all values must then be positive)
   * @throws IllegalArgumentException if the names and curves do not match, the curves are empty or
   *     of different lengths, or {@code logY} is set and a value is not positive
   */
  public static XYChart create(
      String title, String yLabel, List<String> names, List<double[]> curves, boolean logY) {
    if (names.size() != curves.size() || curves.isEmpty()) {
      throw new IllegalArgumentException(
          "need one name per curve and at least one curve, got "
              + names.size()
              + " names and "
              + curves.size()
              + " curves");
    }
    int n = curves.get(0).length;
    double[] steps = new double[n];
    for (int t = 0; t < n; t++) {
      steps[t] = t;
    }
    XYChart chart =
        new XYChartBuilder()
            .width(960)
            .height(600)
            .title(title)
            .xAxisTitle("step")
            .yAxisTitle(yLabel)
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    chart.getStyler().setYAxisDecimalPattern(logY ? "0.0E0" : "0.#####");
    chart.getStyler().setSeriesColors(palette());
    for (int i = 0; i < curves.size(); i++) {
      double[] values = curves.get(i);
      if (values.length != n) {
        throw new IllegalArgumentException(
            "curve " + names.get(i) + " has " + values.length + " values, expected " + n);
      }
      if (logY) {
        for (int t = 0; t < n; t++) {
          if (!(values[t] > 0)) {
            throw new IllegalArgumentException(
                "a logarithmic axis needs positive values, but "
                    + names.get(i)
                    + " is "
                    + values[t]
                    + " at step "
                    + t);
          }
        }
      }
      chart.addSeries(names.get(i), steps, values).setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }
}
