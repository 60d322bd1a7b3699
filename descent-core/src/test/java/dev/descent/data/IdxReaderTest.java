package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir Path dir;

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  @Test
  void readsRawAndGzipFilesAlike() throws IOException {
    byte[] raw = IdxFiles.images(3, 2, 4, 7);
    IdxImages a = IdxReader.readImages(write("a-images", raw));
    IdxImages b = IdxReader.readImages(write("b-images.gz", IdxFiles.gzip(raw)));
    assertThat(a.count()).isEqualTo(3);
    assertThat(a.rows()).isEqualTo(2);
    assertThat(a.cols()).isEqualTo(4);
    assertThat(a.pixels()).hasSize(24).isEqualTo(Arrays.copyOfRange(raw, 16, 40));
    assertThat(b.pixels()).isEqualTo(a.pixels());
    assertThat(IdxReader.readLabels(write("l.gz", IdxFiles.gzip(IdxFiles.labels(4, 0, 9)))))
        .containsExactly(4, 0, 9);
  }

  @Test
  void detectsCompressionFromTheContentNotTheName() throws IOException {
    byte[] raw = IdxFiles.labels(1, 2, 3);
    assertThat(IdxReader.readLabels(write("looks-compressed.gz", raw))).containsExactly(1, 2, 3);
    assertThat(IdxReader.readLabels(write("looks-raw", IdxFiles.gzip(raw))))
        .containsExactly(1, 2, 3);
  }

  @Test
  void wrongMagicNamesFileOffsetAndBothValues() throws IOException {
    Path p = write("t10k-images-idx3-ubyte.gz", IdxFiles.gzip(IdxFiles.labels(1, 2)));
    assertThatThrownBy(() -> IdxReader.readImages(p))
        .isInstanceOf(DataFormatException.class)
        .hasMessage("t10k-images-idx3-ubyte.gz: expected magic 2051 (images) at byte 0, got 2049");
    Path q = write("labels", IdxFiles.images(1, 1, 1, 0));
    assertThatThrownBy(() -> IdxReader.readLabels(q))
        .hasMessage("labels: expected magic 2049 (labels) at byte 0, got 2051");
  }

  @Test
  void truncatedHeaderAndBodyAreReportedWithTheirOffsets() throws IOException {
    byte[] full = IdxFiles.images(2, 3, 3, 0);
    Path header = write("h", Arrays.copyOf(full, 10));
    assertThatThrownBy(() -> IdxReader.readImages(header))
        .hasMessage("h: expected a 16-byte images header at byte 0, the file ends at byte 10");
    Path body = write("b.gz", IdxFiles.gzip(Arrays.copyOf(full, 30)));
    assertThatThrownBy(() -> IdxReader.readImages(body))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(
            "b.gz: expected 18 bytes of data for 2 images of 3x3 at byte 16, the file ends at byte"
                + " 30");
    Path labels = write("l", Arrays.copyOf(IdxFiles.labels(1, 2, 3), 10));
    assertThatThrownBy(() -> IdxReader.readLabels(labels))
        .hasMessage("l: expected 3 bytes of data for 3 labels at byte 8, the file ends at byte 10");
  }

  @Test
  void trailingBytesAreAnError() throws IOException {
    byte[] full = IdxFiles.labels(1, 2, 3);
    Path p = write("l.gz", IdxFiles.gzip(Arrays.copyOf(full, full.length + 1)));
    assertThatThrownBy(() -> IdxReader.readLabels(p))
        .hasMessage(
            "l.gz: expected the end of the file at byte 11 after 3 labels, found more bytes");
  }

  @Test
  void badHeaderValuesAreRejected() throws IOException {
    Path negative = write("n", IdxFiles.labels(IdxReader.LABELS_MAGIC, -1, new byte[0]));
    assertThatThrownBy(() -> IdxReader.readLabels(negative))
        .hasMessage("n: expected a non-negative label count at byte 4, got -1");
    Path zeroRows = write("z", IdxFiles.images(IdxReader.IMAGES_MAGIC, 1, 0, 28, new byte[0]));
    assertThatThrownBy(() -> IdxReader.readImages(zeroRows))
        .hasMessage("z: expected a positive row count at byte 8, got 0");
    Path huge =
        write(
            "big", IdxFiles.images(IdxReader.IMAGES_MAGIC, 1 << 20, 1 << 10, 1 << 10, new byte[0]));
    assertThatThrownBy(() -> IdxReader.readImages(huge))
        .hasMessageStartingWith("big: image count × rows × cols = 1048576 × 1024 × 1024 exceeds");
  }

  @Test
  void aHeaderClaimingGigabytesFailsCleanlyWithoutAllocatingThem() throws IOException {
    Path p =
        write(
            "liar", IdxFiles.images(IdxReader.IMAGES_MAGIC, 500_000_000, 2, 2, new byte[] {1, 2}));
    assertThatThrownBy(() -> IdxReader.readImages(p))
        .hasMessage(
            "liar: expected 2000000000 bytes of data for 500000000 images of 2x2 at byte 16, the"
                + " file ends at byte 18");
  }

  @Test
  void corruptAndTruncatedGzipAreReported() throws IOException {
    byte[] gz = IdxFiles.gzip(IdxFiles.images(50, 4, 4, 3));
    byte[] corrupt = gz.clone();
    for (int i = 12; i < corrupt.length - 8; i++) {
      corrupt[i] ^= 0x5a;
    }
    Path bad = write("bad.gz", corrupt);
    assertThatThrownBy(() -> IdxReader.readImages(bad))
        .isInstanceOf(DataFormatException.class)
        .hasMessageStartingWith("bad.gz: corrupt gzip data after decompressed byte ");
    Path cut = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
    assertThatThrownBy(() -> IdxReader.readImages(cut))
        .isInstanceOf(DataFormatException.class)
        .hasMessageMatching(
            "cut\\.gz: gzip stream ends early after decompressed byte \\d+ \\(truncated file\\?\\)");
    byte[] badCrc = gz.clone();
    badCrc[badCrc.length - 8] ^= 1;
    Path crc = write("crc.gz", badCrc);
    assertThatThrownBy(() -> IdxReader.readImages(crc))
        .hasMessage("crc.gz: corrupt gzip data after decompressed byte 816: Corrupt GZIP trailer");
  }

  @Test
  void pairsImagesWithLabelsAndChecksCountsAndRange() throws IOException {
    Path x = write("x", IdxFiles.images(3, 2, 2, 0));
    Dataset d = IdxReader.read("toy", x, write("y", IdxFiles.labels(2, 0, 1)), 3);
    assertThat(d.size()).isEqualTo(3);
    assertThat(d.features()).isEqualTo(4);
    assertThat(d.labels()).containsExactly(2, 0, 1);
    assertThat(d.get(1, 3)).isEqualTo(7f);
    assertThat(d.storedAsBytes()).isTrue();
    Path two = write("y2", IdxFiles.labels(2, 0));
    assertThatThrownBy(() -> IdxReader.read("toy", x, two, 3))
        .isInstanceOf(DataFormatException.class)
        .hasMessage("y2: label count at byte 4 is 2, but x holds 3 images");
    Path range = write("y3", IdxFiles.labels(2, 0, 3));
    assertThatThrownBy(() -> IdxReader.read("toy", x, range, 3))
        .hasMessage("y3: label 3 at byte 10 must be in [0, 2]");
  }

  @Test
  void transposeSwapsRowsAndColumnsOfEachImage() {
    byte[] p = {1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60};
    IdxImages t = new IdxImages(2, 2, 3, p).transposed();
    assertThat(t.rows()).isEqualTo(3);
    assertThat(t.cols()).isEqualTo(2);
    assertThat(t.pixels()).containsExactly(1, 4, 2, 5, 3, 6, 10, 40, 20, 50, 30, 60);
  }
}
