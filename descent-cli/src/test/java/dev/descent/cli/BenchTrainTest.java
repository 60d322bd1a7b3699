package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class BenchTrainTest {
  private static final String[] ARGS = {
    "bench",
    "train",
    "--dataset",
    "spiral(points=60)",
    "--batch",
    "16",
    "--warmup",
    "1",
    "--epochs",
    "2",
    "--inference-rounds",
    "2",
    "--json"
  };

  @Test
  void jsonHasOneRatePerTimedEpochAndIsDeterministic() throws Exception {
    CliTest.Run r = CliTest.run(ARGS);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().lines()).hasSize(1);
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("samples_per_second")).hasSize(2);
    for (JsonNode rate : json.get("samples_per_second")) {
      assertThat(rate.asDouble()).isPositive().isFinite();
    }
    assertThat(json.get("inference_samples_per_second")).hasSize(2);
    assertThat(json.get("epochs_trained").asInt()).isEqualTo(3);
    assertThat(json.get("test_accuracy").asDouble()).isBetween(0.0, 1.0);
    JsonNode again = new ObjectMapper().readTree(CliTest.run(ARGS).out());
    assertThat(again.get("weights_sha256").asText()).isEqualTo(json.get("weights_sha256").asText());
  }

  @Test
  void unknownModelIsAOneLineError() {
    CliTest.Run r = CliTest.run("bench", "train", "--model", "resnet");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip()).isEqualTo("error: --model must be mlp or bn-dropout, got 'resnet'");
  }
}
