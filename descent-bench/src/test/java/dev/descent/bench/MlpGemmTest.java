package dev.descent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.tensor.Blas;
import dev.descent.tensor.JavaBlas;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class MlpGemmTest {

  @Test
  void shapesAreTheMlpLayersForwardAndBackwardProducts() {
    // Layer 784 -> 100 at batch 128: Y = X W, dW = X^T dY, dX = dY W^T.
    assertThat(MlpGemm.FC1_FORWARD.m).isEqualTo(128);
    assertThat(MlpGemm.FC1_FORWARD.k).isEqualTo(784);
    assertThat(MlpGemm.FC1_FORWARD.n).isEqualTo(100);
    assertThat(MlpGemm.FC1_DW.transA).isTrue();
    assertThat(MlpGemm.FC1_DW.lda()).as("X is stored 128 x 784").isEqualTo(784);
    assertThat(MlpGemm.FC1_DX.transB).isTrue();
    assertThat(MlpGemm.FC1_DX.ldb()).as("W is stored 784 x 100").isEqualTo(100);
    assertThat(MlpGemm.FC2_FORWARD.flops()).isEqualTo(2.0 * 128 * 100 * 100);
  }

  @Test
  void byLabelListsTheValidLabels() {
    assertThat(MlpGemm.byLabel("fc2.dW")).isEqualTo(MlpGemm.FC2_DW);
    assertThatThrownBy(() -> MlpGemm.byLabel("fc3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "shape must be one of fc1.forward, fc1.dW, fc1.dX, fc2.forward, fc2.dW, fc2.dX,"
                + " got 'fc3'");
  }

  @Test
  void theCReferenceTimesTheSameShapes() throws IOException {
    String c = Files.readString(Path.of("..", "bench", "sgemm_ref.c"));
    Matcher entry =
        Pattern.compile("\\{\"([^\"]+)\", (\\d+), (\\d+), (\\d+), ([01]), ([01])\\}").matcher(c);
    List<String> inC = new ArrayList<>();
    while (entry.find()) {
      inC.add(
          String.join(
              " ",
              entry.group(1),
              entry.group(2),
              entry.group(3),
              entry.group(4),
              entry.group(5),
              entry.group(6)));
    }
    List<String> inJava = new ArrayList<>();
    for (MlpGemm g : MlpGemm.values()) {
      inJava.add(
          String.join(
              " ",
              g.label,
              "" + g.m,
              "" + g.n,
              "" + g.k,
              g.transA ? "1" : "0",
              g.transB ? "1" : "0"));
    }
    assertThat(inC).containsExactlyElementsOf(inJava);
  }

  @Test
  void theRawNetlibCallComputesTheSameProductAsDescent() {
    Assumptions.assumeTrue(Blas.defaultBlas().isNative(), "needs a native BLAS");
    NativeBLAS raw = NativeBLAS.getInstance();
    for (MlpGemm g : MlpGemm.values()) {
      GemmOperands viaJava = new GemmOperands(g, 5);
      GemmOperands viaRaw = new GemmOperands(g, 5);
      MatmulTiming.viaBlas(new JavaBlas(), viaJava, 1);
      MatmulTiming.viaNetlib(raw, viaRaw, 1);
      for (int i = 0; i < viaJava.c.length; i++) {
        assertThat(viaRaw.c[i])
            .as("%s element %d", g.label, i)
            .isCloseTo(viaJava.c[i], Offset.offset(1e-3f * (float) Math.sqrt(g.k)));
      }
    }
  }
}
