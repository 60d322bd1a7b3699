package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real files. Expected numbers come from {@code scripts/data_reference.py}, which reads the
 * same files with NumPy 1.24.2 independently of the Java reader.
 */
class RealDataTest {
  @TempDir Path home;

  private static long pixelSum(Dataset d) {
    long sum = 0;
    float[] row = new float[d.features()];
    for (int i = 0; i < d.size(); i++) {
      d.row(i, row, 0);
      for (float v : row) {
        sum += (long) v;
      }
    }
    return sum;
  }

  @Test
  void mnistTestSetMatchesNumpy() throws IOException {
    Path dir = SharedData.mnist();
    Dataset d =
        IdxReader.read(
            "mnist",
            dir.resolve("t10k-images-idx3-ubyte.gz"),
            dir.resolve("t10k-labels-idx1-ubyte.gz"),
            10);
    assertThat(d.size()).isEqualTo(10_000);
    assertThat(d.features()).isEqualTo(784);
    assertThat(d.label(0)).isEqualTo(7);
    assertThat(java.util.Arrays.copyOf(d.labels(), 10))
        .containsExactly(7, 2, 1, 0, 4, 1, 4, 9, 5, 9);
    assertThat(d.classCounts())
        .containsExactly(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009);
    assertThat(pixelSum(d)).isEqualTo(264_923_200L);
    assertThat(pixelSum(d.head(1))).isEqualTo(18_454L);
  }

  @Test
  void fashionMnistFromDebianLoadsVerifiedThroughTheLocator() throws IOException {
    List<String> log = new ArrayList<>();
    DataLocator locator =
        new DataLocator(null, Map.of(), home, SharedData.debianRoot(), false, log::add);
    Splits s = locator.load(Catalog.get("fashion-mnist"));
    assertThat(log).isEmpty();
    assertThat(s.train().size()).isEqualTo(60_000);
    assertThat(s.test().size()).isEqualTo(10_000);
    assertThat(java.util.Arrays.copyOf(s.train().labels(), 10))
        .containsExactly(9, 0, 0, 3, 0, 2, 7, 2, 5, 5);
    assertThat(s.train().classCounts()).containsOnly(6000);
    assertThat(s.test().classCounts()).containsOnly(1000);
    assertThat(pixelSum(s.train())).isEqualTo(3_431_114_169L);
    assertThat(pixelSum(s.test())).isEqualTo(573_469_082L);
    float[] row = new float[784];
    s.train().row(0, row, 0);
    assertThat(java.util.Arrays.copyOfRange(row, 152, 157)).containsExactly(6, 0, 102, 204, 176);
    Splits unit = s.normalized(Normalization.UNIT_RANGE);
    unit.train().row(0, row, 0);
    assertThat(row[155]).isEqualTo(204f / 255f);
  }

  @Test
  void mnistTestFilesVerifyAgainstThePublishedChecksums() throws IOException {
    Path dir = SharedData.mnist();
    RemoteFile images = Catalog.get("mnist").testImages();
    assertThat(Sha256.of(dir.resolve(images.name()))).isEqualTo(images.sha256());
    RemoteFile labels = Catalog.get("mnist").testLabels();
    assertThat(Sha256.of(dir.resolve(labels.name()))).isEqualTo(labels.sha256());
  }
}
