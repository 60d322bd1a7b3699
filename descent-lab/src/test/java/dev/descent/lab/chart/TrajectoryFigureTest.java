package dev.descent.lab.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.function.Function2D;
import dev.descent.function.Functions;
import dev.descent.function.Point;
import dev.descent.lab.trajectory.Trajectory;
import dev.descent.lab.trajectory.TrajectoryRunner;
import dev.descent.optim.Optimizers;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrajectoryFigureTest {
  @TempDir Path dir;

  private static List<Trajectory> paths(Function2D f, int steps, String... specs) {
    List<Trajectory> out = new ArrayList<>();
    for (String s : specs) {
      Point start = f.defaultStart().orElseThrow();
      out.add(TrajectoryRunner.run(f, Optimizers.create(s), start, steps, s));
    }
    return out;
  }

  @Test
  void pngShowsEveryPathInItsColour() throws Exception {
    Function2D f = Functions.create("anisotropic");
    TrajectoryFigure fig =
        new TrajectoryFigure(
            f,
            f.window(),
            paths(f, 10, "sgd(lr=0.95)", "adam(lr=0.3)"),
            TrajectoryFigure.Layout.GRID,
            "test");
    Path png = dir.resolve("f.png");
    fig.writePng(png);
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(fig.width());
    assertThat(image.getHeight()).isEqualTo(fig.height());
    assertThat(pixelsNear(image, Palette.colorOf("sgd"))).isGreaterThan(100);
    assertThat(pixelsNear(image, Palette.colorOf("adam"))).isGreaterThan(100);
    assertThat(pixelsNear(image, Palette.colorOf("adagrad"))).isZero();
  }

  @Test
  void svgAndGifAreWritten() throws Exception {
    Function2D f = Functions.create("saddle");
    TrajectoryFigure fig =
        new TrajectoryFigure(
            f, f.window(), paths(f, 2, "sgd(lr=0.3)"), TrajectoryFigure.Layout.OVERLAY, "");
    Path svg = dir.resolve("f.svg");
    fig.writeSvg(svg);
    String text = Files.readString(svg, StandardCharsets.UTF_8);
    assertThat(text).startsWith("<?xml").contains("<svg");
    Path gif = dir.resolve("f.gif");
    fig.writeGif(gif);
    assertThat(new String(Files.readAllBytes(gif), 0, 6, StandardCharsets.US_ASCII))
        .isEqualTo("GIF89a");
    javax.imageio.ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
    try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      reader.setInput(in);
      assertThat(reader.getNumImages(true)).as("one frame per point").isEqualTo(3);
      assertThat(reader.getWidth(0)).isEqualTo(fig.width());
      // the path grows: more of its colour in the last frame than in the first (GIF colours are
      // quantized, hence the loose match)
      Color sgd = Palette.colorOf("sgd");
      int first = pixelsNear(reader.read(0), sgd, 60);
      int last = pixelsNear(reader.read(2), sgd, 60);
      assertThat(last).isGreaterThan(first + 50);
    } finally {
      reader.dispose();
    }
  }

  @Test
  void headingNamesTheFunctionAndFormula() {
    Function2D f = Functions.create("rosenbrock");
    TrajectoryFigure fig =
        new TrajectoryFigure(
            f, f.window(), paths(f, 1, "adam(lr=0.1)"), TrajectoryFigure.Layout.GRID, "start");
    assertThat(fig.heading())
        .isEqualTo("rosenbrock(a=1,b=100):  f(x, y) = (1 - x)^2 + 100*(y - x^2)^2   ·   start");
  }

  private static int pixelsNear(BufferedImage image, Color c) {
    return pixelsNear(image, c, 12);
  }

  private static int pixelsNear(BufferedImage image, Color c, int tolerance) {
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        Color p = new Color(image.getRGB(x, y));
        if (Math.abs(p.getRed() - c.getRed())
                + Math.abs(p.getGreen() - c.getGreen())
                + Math.abs(p.getBlue() - c.getBlue())
            < tolerance) {
          count++;
        }
      }
    }
    return count;
  }
}
