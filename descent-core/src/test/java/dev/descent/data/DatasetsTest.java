package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.spec.Registry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
  @TempDir Path home;

  @Test
  void registryListsPublishedAndSyntheticSets() {
    assertThat(Datasets.registry().names())
        .containsExactly(
            "mnist",
            "fashion-mnist",
            "kmnist",
            "emnist-byclass",
            "emnist-bymerge",
            "emnist-balanced",
            "emnist-letters",
            "emnist-digits",
            "emnist-mnist",
            "spiral",
            "moons",
            "blobs",
            "xor");
  }

  @Test
  void unknownNamesSuggestTheClosest() {
    assertThatThrownBy(() -> Datasets.registry().create("fashion-mnsit"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown data set 'fashion-mnsit'; did you mean 'fashion-mnist'?");
  }

  @Test
  void syntheticSpecsBuildSeededTrainAndTestParts() throws IOException {
    Registry<DataSource> r = Datasets.registry();
    DataLocator none = new DataLocator(null, Map.of(), home, home, false, l -> {});
    Splits s = r.create("spiral(points=50,classes=4,seed=3)").load(none);
    assertThat(s.train().size()).isEqualTo(200);
    assertThat(s.train().classes()).isEqualTo(4);
    assertThat(s.test().size()).isEqualTo(200);
    assertThat(s.test().toFloats()).isNotEqualTo(s.train().toFloats());
    assertThat(r.create("spiral(points=50,classes=4,seed=3)").load(none).train().toFloats())
        .isEqualTo(s.train().toFloats());
    Splits b = r.create("blobs(points=30,classes=3,seed=1)").load(none);
    assertThat(b.train().size()).isEqualTo(30);
    assertThat(b.test().size()).isEqualTo(30);
    assertThat(b.train().classCounts()).containsExactly(10, 10, 10);
    assertThat(r.create("moons").load(none).train().size()).isEqualTo(200);
    assertThat(r.create("xor(points=8)").load(none).train().size()).isEqualTo(8);
  }

  @Test
  void badSyntheticArgumentsFailWhenTheSpecIsCreated() {
    assertThatThrownBy(() -> Datasets.registry().create("spiral(points=0)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points must be at least 1, got 0");
    assertThatThrownBy(() -> Datasets.registry().create("blobs(points=2,classes=3)"))
        .hasMessage("points must be at least classes = 3, got 2");
  }

  @Test
  void publishedEntriesLoadThroughTheLocator() throws IOException {
    List<String> log = new ArrayList<>();
    DataLocator mnistOnly =
        new DataLocator(SharedData.mnist(), Map.of(), home, home, false, log::add);
    // The shared folder holds only MNIST's test files; the training files are reported missing.
    assertThatThrownBy(() -> Datasets.registry().create("mnist").load(mnistOnly))
        .isInstanceOf(DataNotFoundException.class)
        .hasMessageStartingWith("mnist: train-images-idx3-ubyte.gz not found; looked in ");
  }

  @Test
  void catalogChecksumsAreWellFormedAndDistinct() {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (PublishedDataset d : Catalog.all()) {
      assertThat(d.files()).hasSize(4);
      for (RemoteFile f : d.files()) {
        if (d.archive() == null) {
          assertThat(f.sha256()).as(f.name()).hasSize(64);
          assertThat(seen.add(f.sha256())).as("duplicate checksum " + f.sha256()).isTrue();
          assertThat(f.size()).isPositive();
        }
      }
    }
    assertThat(Catalog.get("emnist-letters").labelOffset()).isEqualTo(1);
    assertThat(Catalog.get("emnist-letters").transposed()).isTrue();
  }
}
