package dev.descent.lab.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

class ScheduleChartTest {
  @TempDir Path dir;

  @Test
  void oneSeriesPerCurveWithStepsAsX() {
    XYChart chart =
        ScheduleChart.create(
            "t",
            "learning rate",
            List.of("a", "b"),
            List.of(new double[] {3, 2, 1}, new double[] {1, 1, 1}),
            false);
    assertThat(chart.getSeriesMap()).containsOnlyKeys("a", "b");
    assertThat(chart.getSeriesMap().get("a").getXData()).containsExactly(0.0, 1.0, 2.0);
    assertThat(chart.getSeriesMap().get("a").getYData()).containsExactly(3.0, 2.0, 1.0);
    assertThat(chart.getTitle()).isEqualTo("t");
    assertThat(chart.getYAxisTitle()).isEqualTo("learning rate");
    assertThat(chart.getXAxisTitle()).isEqualTo("step");
  }

  @Test
  void badInputIsRejected() {
    assertThatThrownBy(() -> ScheduleChart.create("t", "y", List.of("a"), List.of(), false))
        .hasMessage("need one name per curve and at least one curve, got 1 names and 0 curves");
    assertThatThrownBy(
            () ->
                ScheduleChart.create(
                    "t", "y", List.of("a", "b"), List.of(new double[2], new double[3]), false))
        .hasMessage("curve b has 3 values, expected 2");
    assertThatThrownBy(
            () -> ScheduleChart.create("t", "y", List.of("a"), List.of(new double[] {1, 0}), true))
        .hasMessage("a logarithmic axis needs positive values, but a is 0.0 at step 1");
  }

  @Test
  void savesPngAndSvgToExactlyThePathGiven() throws IOException {
    XYChart chart =
        ScheduleChart.create("t", "y", List.of("a"), List.of(new double[] {1, 0.5, 0.25}), true);
    Path png = dir.resolve("a.image");
    ChartFiles.save(chart, png, ChartFiles.Format.PNG);
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    Path svg = dir.resolve("b.svg");
    ChartFiles.save(chart, svg, ChartFiles.Format.parse("SVG"));
    assertThat(Files.readString(svg)).contains("<svg");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("a.image", "b.svg");
    }
    assertThatThrownBy(() -> ChartFiles.Format.parse("gif"))
        .hasMessage("image format must be png or svg, got 'gif'");
    assertThatThrownBy(() -> ChartFiles.save(chart, dir.resolve("x/y.png"), ChartFiles.Format.PNG))
        .isInstanceOf(IOException.class)
        .hasMessage("cannot write " + dir.resolve("x/y.png") + ": its directory does not exist");
  }
}
