package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.descent.nn.Sequential;
import dev.descent.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {

  /** The bytes the safetensors spec prescribes, assembled independently of the writer. */
  @Test
  void layoutMatchesTheSpecByteForByte() {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("a", Tensor.of(new float[] {1f, -2f}, 2));
    tensors.put("b", Tensor.of(new float[] {0.5f}, 1, 1));
    byte[] actual = SafeTensors.encode(tensors, Map.of("k", "v"));

    String header =
        "{\"__metadata__\":{\"k\":\"v\"},"
            + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[8,12]}}";
    int padded = (header.length() + 7) / 8 * 8;
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    long n = padded;
    for (int i = 0; i < 8; i++) {
      expected.write((int) (n >>> (8 * i)) & 0xff); // u64 little-endian
    }
    expected.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
    for (int i = header.length(); i < padded; i++) {
      expected.write(' ');
    }
    // 1.0f = 0x3f800000, -2.0f = 0xc0000000, 0.5f = 0x3f000000, least significant byte first
    expected.writeBytes(new byte[] {0, 0, (byte) 0x80, 0x3f});
    expected.writeBytes(new byte[] {0, 0, 0, (byte) 0xc0});
    expected.writeBytes(new byte[] {0, 0, 0, 0x3f});
    assertThat(actual).isEqualTo(expected.toByteArray());
    assertThat((8 + padded) % 8).isZero();
  }

  @Test
  void aModelRoundTripsWithItsArchitectureInTheMetadata(@TempDir Path dir) throws Exception {
    ModelSpec spec = TinyRun.spec(true, 0);
    Sequential model = spec.build();
    Path file = dir.resolve("m.safetensors");
    SafeTensors.write(file, Weights.of(model), spec.metadata());

    SafeTensors.Contents c = SafeTensors.read(file);
    assertThat(c.metadata()).isEqualTo(spec.metadata());
    assertThat(c.tensors().keySet())
        .containsExactly(
            "layers.0.weight",
            "layers.0.bias",
            "layers.1.weight",
            "layers.1.bias",
            "layers.3.weight",
            "layers.3.bias",
            "layers.4.weight",
            "layers.4.bias",
            "layers.6.weight",
            "layers.6.bias",
            "layers.1.running_mean",
            "layers.1.running_var",
            "layers.4.running_mean",
            "layers.4.running_var");
    ModelSpec rebuilt = ModelSpec.fromMetadata(c.metadata());
    assertThat(rebuilt).isEqualTo(spec);
    Sequential other =
        new ModelSpec(2, new int[] {16, 16}, 3, spec.activation(), "he", true, 0, 12345).build();
    assertThat(Weights.sha256(other)).isNotEqualTo(Weights.sha256(model));
    Weights.load(other, c.tensors(), file);
    assertThat(Weights.sha256(other)).isEqualTo(Weights.sha256(model));
  }

  @Test
  void numpyReadsWhatDescentWrites(@TempDir Path dir) throws Exception {
    Path python = Path.of("/usr/bin/python3");
    assumeTrue(Files.isExecutable(python), "/usr/bin/python3 is not installed");
    Process probe = new ProcessBuilder(python.toString(), "-c", "import numpy").start();
    assumeTrue(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0, "numpy missing");

    ModelSpec spec = TinyRun.spec(false, 0);
    Sequential model = spec.build();
    Path file = dir.resolve("m.safetensors");
    SafeTensors.write(file, Weights.of(model), spec.metadata());
    Process p =
        new ProcessBuilder(
                python.toString(), "src/test/python/read_safetensors.py", file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();

    @SuppressWarnings("unchecked")
    Map<String, Object> parsed = (Map<String, Object>) JsonText.parse(out);
    assertThat(parsed.get("metadata")).isEqualTo(spec.metadata());
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> tensors =
        (Map<String, Map<String, Object>>) parsed.get("tensors");
    for (Map.Entry<String, Tensor> e : Weights.of(model).entrySet()) {
      Map<String, Object> t = tensors.get(e.getKey());
      assertThat(t).as(e.getKey()).isNotNull();
      List<?> shape = (List<?>) t.get("shape");
      assertThat(shape).hasSize(e.getValue().rank());
      for (int d = 0; d < shape.size(); d++) {
        assertThat(((Number) shape.get(d)).intValue()).isEqualTo(e.getValue().dim(d));
      }
      List<?> values = (List<?>) t.get("values");
      float[] data = e.getValue().data();
      assertThat(values).hasSize(data.length);
      for (int i = 0; i < data.length; i++) {
        assertThat(((Number) values.get(i)).floatValue()).isEqualTo(data[i]);
      }
    }
  }

  @Test
  void corruptFilesAreErrorsNamingTheFileAndOffset(@TempDir Path dir) throws Exception {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("w", Tensor.of(new float[] {1, 2, 3, 4}, 2, 2));
    byte[] good = SafeTensors.encode(tensors, Map.of());
    Path file = dir.resolve("x.safetensors");

    Files.write(file, java.util.Arrays.copyOf(good, good.length - 4));
    assertThatThrownBy(() -> SafeTensors.read(file))
        .isInstanceOf(ModelFileException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining("data_offsets [0, 16]");

    Files.write(file, java.util.Arrays.copyOf(good, 5));
    assertThatThrownBy(() -> SafeTensors.read(file)).hasMessageContaining("truncated");

    byte[] huge = good.clone();
    ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40);
    Files.write(file, huge);
    assertThatThrownBy(() -> SafeTensors.read(file))
        .hasMessageContaining("header length at byte 0");

    String f16 = new String(good, StandardCharsets.ISO_8859_1).replace("F32", "F16");
    Files.write(file, f16.getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> SafeTensors.read(file))
        .hasMessageContaining("dtype F16; only F32 is supported");

    byte[] trailing = java.util.Arrays.copyOf(good, good.length + 4);
    Files.write(file, trailing);
    assertThatThrownBy(() -> SafeTensors.read(file)).hasMessageContaining("trailing bytes");

    byte[] json = good.clone();
    json[8] = '[';
    Files.write(file, json);
    assertThatThrownBy(() -> SafeTensors.read(file)).hasMessageContaining("not valid JSON");
  }

  @Test
  void loadingWeightsOfAnotherShapeNamesTheTensor(@TempDir Path dir) throws Exception {
    Sequential small = TinyRun.spec(false, 0).build();
    Path file = dir.resolve("s.safetensors");
    SafeTensors.write(file, Weights.of(small), Map.of());
    Sequential wide =
        new ModelSpec(2, new int[] {32, 16}, 3, dev.descent.nn.Activation.RELU, "he", false, 0, 1)
            .build();
    String before = Weights.sha256(wide);
    assertThatThrownBy(() -> Weights.load(wide, SafeTensors.read(file).tensors(), file))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("layers.0.weight has shape [2, 16] but the model needs [2, 32]");
    assertThat(Weights.sha256(wide)).isEqualTo(before);
  }
}
