package dev.descent.lab.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.tune.TrialResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuneChartsTest {
  @TempDir Path dir;

  private static List<TrialResult> trials(int n) {
    List<TrialResult> out = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      double[] val = new double[8];
      double[] train = new double[8];
      for (int e = 0; e < val.length; e++) {
        val[e] = (1 + t % 5) * 0.1 * (e + 1) / val.length;
        train[e] = Math.min(1, val[e] * 1.2);
      }
      out.add(
          new TrialResult(
              t,
              0,
              8,
              t,
              Map.of("lr", 1e-3 * (t + 1)),
              val[7],
              1.0,
              train[7],
              1.0,
              null,
              0.1,
              val,
              train));
    }
    return out;
  }

  private byte[] grid(List<TrialResult> ranked, int threads, String name) throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      Path png = dir.resolve(name);
      TuneCharts.bestGrid(ranked, 20, png, pool);
      return Files.readAllBytes(png);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theBestGridIsTheSameImageForAnyNumberOfThreads() throws IOException {
    List<TrialResult> ranked = trials(12);
    byte[] one = grid(ranked, 1, "one.png");
    byte[] three = grid(ranked, 3, "three.png");
    assertThat(three).isEqualTo(one);
    BufferedImage img = ImageIO.read(dir.resolve("one.png").toFile());
    // 12 tiles of 320 x 240 in rows of 5: 3 rows
    assertThat(img.getWidth()).isEqualTo(5 * 320);
    assertThat(img.getHeight()).isEqualTo(3 * 240);
    // other trials give another image, so the equality above is not trivial
    assertThat(grid(ranked.subList(1, 12), 3, "shifted.png")).isNotEqualTo(one);
  }
}
