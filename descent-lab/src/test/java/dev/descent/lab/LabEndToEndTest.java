package dev.descent.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.data.Dataset;
import dev.descent.lab.report.HtmlReport;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every experiment at the test-only {@link Budget#TINY} scale on small synthetic 8×8 "images"
 * (10 classes), writes the report, and checks that every artifact exists and parses and that the
 * headline numbers in the captions are the ones computed from the written data.
 */
class LabEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Kept after the build (target/) so the report and its screenshot can be looked at. */
  static final Path out = Path.of("target", "lab-e2e", "report");

  static List<Section> sections;
  static String html;

  /** 10 classes of 64 "pixels": a bright class-specific stripe plus uniform noise. */
  static LabData syntheticImages() {
    SplittableRandom r = new SplittableRandom(5);
    int n = 1000;
    byte[] px = new byte[n * 64];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 10;
      for (int j = 0; j < 64; j++) {
        int v = r.nextInt(90) + (j / 6 == labels[i] ? 150 : 0);
        px[i * 64 + j] = (byte) v;
      }
    }
    Dataset all = Dataset.ofBytes("synthetic", px, 64, labels, 10);
    int[] pool = new int[700];
    int[] test = new int[300];
    for (int i = 0; i < 700; i++) {
      pool[i] = i;
    }
    for (int i = 0; i < 300; i++) {
      test[i] = 700 + i;
    }
    return new LabData(
        "synthetic", "synthetic 8x8 test images", all.subset(pool), all.subset(test));
  }

  @BeforeAll
  static void runLab() throws IOException {
    deleteRecursively(out);
    Files.createDirectories(out);
    LabContext ctx = new LabContext(Budget.TINY, 3, 2, syntheticImages(), out, line -> {});
    sections = Lab.run(Lab.all(), ctx);
    HtmlReport.write(
        out,
        new HtmlReport.Header("synthetic", "test", "unknown", "tiny", 3, 2, 1.0, "test"),
        sections);
    html = Files.readString(out.resolve("index.html"));
  }

  @Test
  void everyExperimentRanAndEveryFigureIsOnThePage() {
    assertThat(sections).extracting(Section::name).containsExactlyElementsOf(Lab.names());
    for (Section s : sections) {
      assertThat(html).contains("id=\"" + s.name() + "\"");
      assertThat(s.figures()).as(s.name()).isNotEmpty();
      for (Section.Figure f : s.figures()) {
        assertThat(html).contains("src=\"" + f.image() + "\"");
        assertThat(html).contains(escape(f.caption()));
      }
    }
    assertThat(html).contains("tiny").contains("synthetic").doesNotContain("http");
  }

  @Test
  void artifactsExistAndParse() throws Exception {
    for (Section s : sections) {
      for (Section.Figure f : s.figures()) {
        BufferedImage png = ImageIO.read(out.resolve(f.image()).toFile());
        assertThat(png).as(f.image()).isNotNull();
        assertThat(png.getWidth()).isGreaterThan(200);
        String base = f.image().substring(0, f.image().length() - 4);
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        assertThat(
                dbf.newDocumentBuilder()
                    .parse(out.resolve(base + ".svg").toFile())
                    .getDocumentElement()
                    .getTagName())
            .isEqualTo("svg");
        List<String> csv = Files.readAllLines(out.resolve(base + ".csv"));
        assertThat(csv.size()).as(base + ".csv rows").isGreaterThan(1);
        JsonNode json = JSON.readTree(out.resolve(base + ".json").toFile());
        assertThat(json.get("rows").size()).isEqualTo(csv.size() - 1);
        assertThat(json.get("columns").size()).isEqualTo(csv.get(0).split(",", -1).length);
        if (json.get("meta").has("caption")) {
          assertThat(json.get("meta").get("caption").asText()).isEqualTo(f.caption());
        }
      }
    }
  }

  @Test
  void reducedRunsSayItWhereverTheyShowNumbers() {
    for (Section s : sections) {
      for (Section.Figure f : s.figures()) {
        assertThat(f.caption()).as(f.image()).contains("(tiny)");
      }
    }
  }

  @Test
  void weightInitCaptionQuotesTheMeanOfTheWrittenLosses() throws IOException {
    JsonNode json = JSON.readTree(out.resolve("weight-init/loss.json").toFile());
    int tail = json.get("meta").get("final_loss_mean_of_last").asInt();
    JsonNode rows = json.get("rows");
    List<String> columns = new ArrayList<>();
    json.get("columns").forEach(c -> columns.add(c.asText()));
    String caption = json.get("meta").get("caption").asText();
    for (String arm : List.of("std=0.01", "Xavier", "He")) {
      int col = columns.indexOf(arm + " raw");
      double sum = 0;
      for (int i = rows.size() - tail; i < rows.size(); i++) {
        sum += rows.get(i).get(col).asDouble();
      }
      double mean = sum / tail;
      assertThat(json.get("meta").get("final_loss").get(arm).asDouble())
          .isCloseTo(mean, within(1e-12));
      assertThat(caption).contains(arm + " " + String.format(Locale.ROOT, "%.3g", mean));
    }
  }

  @Test
  void batchNormCaptionCountsTheWrittenFinalAccuracies() throws IOException {
    JsonNode json = JSON.readTree(out.resolve("batchnorm/grid.json").toFile());
    Map<String, double[]> last = new HashMap<>();
    int epochs = 0;
    for (JsonNode row : json.get("rows")) {
      epochs = Math.max(epochs, row.get(2).asInt());
    }
    for (JsonNode row : json.get("rows")) {
      if (row.get(2).asInt() == epochs) {
        double[] pair = last.computeIfAbsent(row.get(0).asText(), k -> new double[2]);
        // a diverged run has no accuracy at its last epoch; the caption counts it as chance
        pair[row.get(1).asBoolean() ? 0 : 1] = row.get(3).isNull() ? 0.1 : row.get(3).asDouble();
      }
    }
    int wins = 0;
    for (double[] pair : last.values()) {
      if (pair[0] > pair[1]) {
        wins++;
      }
    }
    assertThat(json.get("meta").get("batch_norm_wins").asInt()).isEqualTo(wins);
    assertThat(json.get("meta").get("caption").asText())
        .contains("at " + wins + " of " + json.get("meta").get("scales").size() + " weight scales");
  }

  @Test
  void searchCaptionQuotesTheBestWrittenValidationAccuracy() throws IOException {
    JsonNode json = JSON.readTree(out.resolve("search/scatter.json").toFile());
    double best = -1;
    for (JsonNode row : json.get("rows")) {
      best = Math.max(best, row.get(3).asDouble());
    }
    JsonNode grid = JSON.readTree(out.resolve("search/best.json").toFile());
    assertThat(grid.get("meta").get("best_val_accuracy").asDouble()).isEqualTo(best);
    assertThat(grid.get("meta").get("caption").asText())
        .contains(String.format(Locale.ROOT, "validation accuracy %.3f", best));
  }

  @Test
  void overfittingCaptionQuotesTheLastWrittenEpoch() throws IOException {
    JsonNode json = JSON.readTree(out.resolve("weight-decay/accuracy.json").toFile());
    JsonNode rows = json.get("rows");
    JsonNode lastNone = null;
    for (JsonNode row : rows) {
      if (row.get(0).asText().equals("none")) {
        lastNone = row;
      }
    }
    assertThat(lastNone).isNotNull();
    assertThat(json.get("meta").get("caption").asText())
        .contains(
            String.format(
                Locale.ROOT,
                "none train %.2f / test %.2f",
                lastNone.get(2).asDouble(),
                lastNone.get(3).asDouble()));
  }

  @Test
  void unknownExperimentNamesTheValidOnes() {
    assertThatThrownBy(() -> Lab.select(List.of("batchnrom")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown experiment 'batchnrom'; valid: trajectories, optimizers");
  }

  @Test
  void chromiumShowsEveryImageWithoutConsoleErrors() throws Exception {
    assumeTrue(
        Files.isExecutable(Chromium.BINARY),
        "needs Debian's chromium (apt-get install chromium chromium-driver, as .ci/run does)");
    Path browser = Path.of("target", "lab-e2e", "browser");
    deleteRecursively(browser);
    Path broken = browser.resolve("broken.html");
    Files.createDirectories(browser);
    Files.writeString(broken, "<!DOCTYPE html><html><body><img src=\"missing.png\"></body></html>");
    try (Chromium chromium = new Chromium(browser.resolve("profile"))) {
      Chromium.PageCheck control = chromium.open(broken, browser.resolve("broken.png"));
      // the control page proves the checks can fail
      assertThat(control.brokenImages()).containsExactly("missing.png");
      assertThat(control.errors()).isNotEmpty();
      Path shot = Path.of("target", "lab-e2e", "index-screenshot.png");
      Chromium.PageCheck page = chromium.open(out.resolve("index.html"), shot);
      int figures = sections.stream().mapToInt(sec -> sec.figures().size()).sum();
      assertThat(page.images()).isEqualTo(figures);
      assertThat(page.brokenImages()).isEmpty();
      assertThat(page.errors()).isEmpty();
      BufferedImage screenshot = ImageIO.read(shot.toFile());
      assertThat(screenshot.getWidth()).isGreaterThanOrEqualTo(1000);
      assertThat(screenshot.getHeight()).isGreaterThan(5000);
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
