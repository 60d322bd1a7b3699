package dev.descent.vector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.tensor.Blas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Which BLAS {@link Blas#defaultBlas()} picks when the native library does not load, in fresh JVMs
 * whose netlib is pointed at a library that does not exist.
 */
class DefaultChoiceTest {

  /** Prints the default BLAS's name and whether it multiplies correctly. */
  public static void main(String[] args) {
    Blas blas = Blas.defaultBlas();
    float[] c = new float[4];
    blas.sgemm(
        false,
        false,
        2,
        2,
        2,
        1f,
        new float[] {1, 2, 3, 4},
        0,
        2,
        new float[] {5, 6, 7, 8},
        0,
        2,
        0f,
        c,
        0,
        2);
    System.out.println(blas.name() + " | " + c[0] + " " + c[1] + " " + c[2] + " " + c[3]);
  }

  private static String run(boolean withModule) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (withModule) {
      cmd.add("--add-modules=jdk.incubator.vector");
    }
    cmd.add("-Ddev.ludovic.netlib.blas.nativeLib=libdescent-test-no-such-blas.so");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(DefaultChoiceTest.class.getName());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void withoutNativeBlasTheVectorModuleGivesTheVectorApiProduct() throws Exception {
    assertThat(run(true)).contains("pure Java, Vector API (").contains("| 19.0 22.0 43.0 50.0");
  }

  @Test
  void withoutNativeBlasOrTheModuleThePlainJavaProductRemains() throws Exception {
    String out = run(false);
    assertThat(out)
        .contains("pure Java (no native BLAS found)")
        .contains("| 19.0 22.0 43.0 50.0")
        .doesNotContain("Exception")
        .doesNotContain("Error");
  }
}
