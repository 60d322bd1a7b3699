package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.data.Sampling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {

  private static Trainer trained() {
    TrainConfig c =
        new TrainConfig(
            "sgd(lr=0.1)",
            "step(lr=0.1,step_size=10,gamma=0.5)",
            16,
            0,
            30,
            2,
            0,
            Sampling.SHUFFLE,
            0,
            0,
            0);
    Trainer t = TinyRun.trainer(TinyRun.spec(false, 0), c, TinyRun.spiral(true));
    t.run();
    return t;
  }

  @Test
  void jsonHoldsEveryStepEveryEvaluationAndTheRunsSettings(@TempDir Path dir) throws Exception {
    Trainer t = trained();
    History h = t.history();
    Path file = dir.resolve("h.json");
    h.writeJson(file);
    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) JsonText.parse(Files.readString(file));

    @SuppressWarnings("unchecked")
    Map<String, Object> info = (Map<String, Object>) json.get("info");
    assertThat(info).containsEntry("optimizer", "sgd(lr=0.1)").containsEntry("seed", "2");
    assertThat(info).containsEntry("hidden", "16,16").containsEntry("train_examples", "144");

    @SuppressWarnings("unchecked")
    Map<String, List<Object>> steps = (Map<String, List<Object>>) json.get("steps");
    assertThat(steps.get("loss")).hasSize(30);
    for (int i = 0; i < 30; i++) {
      assertThat(((Number) steps.get("loss").get(i)).doubleValue()).isEqualTo(h.loss(i));
      assertThat(((Number) steps.get("lr").get(i)).doubleValue())
          .isEqualTo(0.1 * Math.pow(0.5, i / 10));
    }
    List<?> evals = (List<?>) json.get("evaluations");
    // 144 examples / 16 = 9 steps per epoch: epoch ends at 9, 18, 27, and the final one at 30
    assertThat(evals).hasSize(4);
    @SuppressWarnings("unchecked")
    Map<String, Object> last = (Map<String, Object>) evals.get(3);
    assertThat(last).containsEntry("step", 30L).containsEntry("epoch", 3L);
    assertThat(last).containsEntry("epoch_end", false);
    History.Evaluation e = h.lastEvaluation();
    assertThat(((Number) last.get("test_accuracy")).doubleValue()).isEqualTo(e.test().accuracy());
    assertThat(((Number) last.get("validation_loss")).doubleValue())
        .isEqualTo(e.validation().loss());
  }

  @Test
  void csvHasOneRowPerStepWithMetricsOnEvaluationRows(@TempDir Path dir) throws Exception {
    History h = trained().history();
    Path file = dir.resolve("h.csv");
    h.writeCsv(file);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).isEqualTo(History.CSV_HEADER);
    assertThat(lines).hasSize(31);
    String[] row9 = lines.get(9).split(",", -1);
    assertThat(row9).hasSize(10);
    assertThat(row9[0]).isEqualTo("9");
    assertThat(row9[1]).isEqualTo("1");
    assertThat(Double.parseDouble(row9[2])).isEqualTo(h.loss(8));
    assertThat(Double.parseDouble(row9[9])).isEqualTo(h.evaluations().get(0).test().accuracy());
    String[] row10 = lines.get(10).split(",", -1);
    String[] row11 = lines.get(11).split(",", -1);
    assertThat(row10[1]).isEqualTo("1");
    assertThat(row10[4]).isEmpty();
    assertThat(Double.parseDouble(row10[3])).isEqualTo(0.1);
    assertThat(Double.parseDouble(row11[3])).isEqualTo(0.05);
  }
}
