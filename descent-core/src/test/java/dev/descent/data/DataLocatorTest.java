package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocatorTest {
  @TempDir Path tmp;
  private final List<String> log = new ArrayList<>();
  private HttpServer server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** A tiny "published" data set: 4 training and 2 test images of 2x2, 3 classes. */
  private static final byte[] TRAIN_X = IdxFiles.gzip(IdxFiles.images(4, 2, 2, 0));

  private static final byte[] TRAIN_Y = IdxFiles.gzip(IdxFiles.labels(0, 1, 2, 1));
  private static final byte[] TEST_X = IdxFiles.gzip(IdxFiles.images(2, 2, 2, 100));
  private static final byte[] TEST_Y = IdxFiles.gzip(IdxFiles.labels(2, 0));
  private static final byte[][] BYTES = {TRAIN_X, TRAIN_Y, TEST_X, TEST_Y};
  private static final String[] NAMES = {
    "train-images-idx3-ubyte.gz",
    "train-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz",
    "t10k-labels-idx1-ubyte.gz"
  };

  private static PublishedDataset toy(String base) {
    List<RemoteFile> files = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      files.add(
          new RemoteFile(
              NAMES[i], URI.create(base + NAMES[i]), BYTES[i].length, Sha256.of(BYTES[i]), null));
    }
    return new PublishedDataset("toy", "a toy", 3, 4, 2, files, null, "", false, 0, "test");
  }

  private DataLocator locator(Path dataDir, Map<String, String> env, boolean download) {
    return new DataLocator(
        dataDir, env, tmp.resolve("home"), tmp.resolve("usr-share"), download, log::add);
  }

  private static void writeAll(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (int i = 0; i < 4; i++) {
      Files.write(dir.resolve(NAMES[i]), BYTES[i]);
    }
  }

  @Test
  void placesFollowTheDocumentedOrder() {
    Path d = tmp.resolve("d");
    List<DataLocator.Place> places =
        locator(d, Map.of("DESCENT_DATA", tmp.resolve("env").toString()), false).places("mnist");
    assertThat(places)
        .extracting(DataLocator.Place::dir)
        .containsExactly(
            d,
            d.resolve("mnist"),
            tmp.resolve("env").resolve("mnist"),
            tmp.resolve("home/.descent/datasets/mnist"),
            tmp.resolve("usr-share/mnist"));
    assertThat(locator(null, Map.of(), false).places("mnist"))
        .extracting(DataLocator.Place::origin)
        .containsExactly("home", "system");
  }

  @Test
  void earlierPlacesWinOverLaterOnes() throws IOException {
    // A corrupt copy in a later place is never read when an earlier place has the files.
    writeAll(tmp.resolve("env/toy"));
    Files.createDirectories(tmp.resolve("home/.descent/datasets/toy"));
    for (String n : NAMES) {
      Files.write(tmp.resolve("home/.descent/datasets/toy").resolve(n), new byte[] {1, 2, 3});
    }
    Splits s =
        locator(null, Map.of("DESCENT_DATA", tmp.resolve("env").toString()), false)
            .load(toy("http://unused/"));
    assertThat(s.train().labels()).containsExactly(0, 1, 2, 1);
    assertThat(s.test().labels()).containsExactly(2, 0);
    assertThat(s.test().get(0, 0)).isEqualTo(100f);
    assertThat(log).isEmpty();

    // Without $DESCENT_DATA the corrupt home copy comes before the good system one, and is an
    // error.
    writeAll(tmp.resolve("usr-share/toy"));
    assertThatThrownBy(() -> locator(null, Map.of(), false).load(toy("http://unused/")))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(
            tmp.resolve("home/.descent/datasets/toy").resolve(NAMES[0])
                + ": expected a 16-byte images header at byte 0, the file ends at byte 3");
  }

  @Test
  void systemFolderIsUsedWhenNothingElseHasTheFiles() throws IOException {
    writeAll(tmp.resolve("usr-share/toy"));
    Splits s = locator(null, Map.of(), false).load(toy("http://unused/"));
    assertThat(s.train().size()).isEqualTo(4);
    assertThat(s.train().name()).isEqualTo("toy/train");
  }

  @Test
  void notFoundOfflineNamesEveryPlace() {
    Map<String, String> env = Map.of("DESCENT_DATA", tmp.resolve("env").toString());
    assertThatThrownBy(() -> locator(tmp.resolve("d"), env, false).load(toy("http://unused/")))
        .isInstanceOf(DataNotFoundException.class)
        .hasMessage(
            "toy: train-images-idx3-ubyte.gz not found; looked in "
                + tmp.resolve("d")
                + " (--data-dir), "
                + tmp.resolve("d/toy")
                + " (--data-dir), "
                + tmp.resolve("env/toy")
                + " ($DESCENT_DATA), "
                + tmp.resolve("home/.descent/datasets/toy")
                + " (home), "
                + tmp.resolve("usr-share/toy")
                + " (system); downloading is off. Put the file in one of these folders or pass"
                + " --data-dir.");
  }

  @Test
  void failedDownloadSaysWhyAndWhere() throws IOException {
    // A port nothing listens on: the connection is refused at once, no network involved.
    int port;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    PublishedDataset d = toy("http://127.0.0.1:" + port + "/");
    assertThatThrownBy(() -> locator(null, Map.of(), true).load(d))
        .isInstanceOf(DataNotFoundException.class)
        .hasMessageStartingWith("toy: train-images-idx3-ubyte.gz not found; looked in ")
        .hasMessageContaining(
            "; downloading http://127.0.0.1:"
                + port
                + "/train-images-idx3-ubyte.gz into "
                + tmp.resolve("home/.descent/datasets/toy")
                + " failed (ConnectException: ")
        .hasMessageEndingWith(
            "If this machine is offline, copy the file into one of these folders or pass"
                + " --data-dir.");
    try (Stream<Path> left = Files.list(tmp.resolve("home/.descent/datasets/toy"))) {
      assertThat(left).isEmpty();
    }
  }

  private String serve(Map<String, byte[]> files, AtomicInteger requests) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          requests.incrementAndGet();
          String path = ex.getRequestURI().getPath().substring(1);
          byte[] body = files.get(path);
          if (path.startsWith("moved/")) {
            ex.getResponseHeaders().add("Location", "/" + path.substring(6));
            ex.sendResponseHeaders(301, -1);
          } else if (body == null) {
            ex.sendResponseHeaders(404, -1);
          } else {
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
              out.write(body);
            }
          }
          ex.close();
        });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  @Test
  void downloadsVerifiedFilesAtomicallyAndReusesThem() throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    for (int i = 0; i < 4; i++) {
      files.put(NAMES[i], BYTES[i]);
    }
    AtomicInteger requests = new AtomicInteger();
    PublishedDataset d = toy(serve(files, requests));
    Path dataDir = tmp.resolve("data");
    Splits s = locator(dataDir, Map.of(), true).load(d);
    assertThat(s.train().labels()).containsExactly(0, 1, 2, 1);
    assertThat(requests.get()).isEqualTo(4);
    try (Stream<Path> saved = Files.list(dataDir.resolve("toy"))) {
      assertThat(saved.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(NAMES);
    }
    assertThat(Files.readAllBytes(dataDir.resolve("toy").resolve(NAMES[0]))).isEqualTo(TRAIN_X);
    assertThat(log).hasSize(4).allMatch(l -> l.startsWith("downloading http://127.0.0.1:"));

    locator(dataDir, Map.of(), true).load(d);
    assertThat(requests.get()).as("second load reads the saved files").isEqualTo(4);
  }

  @Test
  void aDownloadWithWrongBytesIsRejectedAndNothingIsSaved() throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    byte[] evil = TRAIN_X.clone();
    evil[evil.length - 1] ^= 1;
    files.put(NAMES[0], evil);
    String base = serve(files, new AtomicInteger());
    PublishedDataset d = toy(base);
    Path dir = tmp.resolve("home/.descent/datasets/toy");
    assertThatThrownBy(() -> locator(null, Map.of(), true).load(d))
        .isInstanceOf(ChecksumException.class)
        .hasMessage(
            base
                + NAMES[0]
                + ": SHA-256 of the download is "
                + Sha256.of(evil)
                + ", expected "
                + Sha256.of(TRAIN_X)
                + "; nothing was saved");
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
    files.put(NAMES[0], java.util.Arrays.copyOf(TRAIN_X, 10));
    assertThatThrownBy(() -> locator(null, Map.of(), true).load(d))
        .isInstanceOf(ChecksumException.class)
        .hasMessage(
            base
                + NAMES[0]
                + ": downloaded 10 bytes, expected "
                + TRAIN_X.length
                + "; nothing was saved");
  }

  @Test
  void followsRedirectsAndReportsHttpErrors() throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    for (int i = 0; i < 4; i++) {
      files.put(NAMES[i], BYTES[i]);
    }
    AtomicInteger requests = new AtomicInteger();
    String base = serve(files, requests);
    Splits s = locator(tmp.resolve("first"), Map.of(), true).load(toy(base + "moved/"));
    assertThat(s.train().labels()).containsExactly(0, 1, 2, 1);
    assertThat(requests.get()).isEqualTo(8);
    files.remove(NAMES[2]);
    PublishedDataset gone = toy(base);
    assertThatThrownBy(() -> locator(tmp.resolve("other"), Map.of(), true).load(gone))
        .isInstanceOf(DataNotFoundException.class)
        .hasMessageContaining("failed (IOException: HTTP status 404 from " + base + NAMES[2] + ")");
  }

  @Test
  void downloadsFromFileUrlsToo() throws IOException {
    Path mirror = tmp.resolve("mirror");
    writeAll(mirror);
    Splits s = locator(null, Map.of(), true).load(toy(mirror.toUri().toString()));
    assertThat(s.test().labels()).containsExactly(2, 0);
    assertThat(Files.isRegularFile(tmp.resolve("home/.descent/datasets/toy").resolve(NAMES[3])))
        .isTrue();
  }

  @Test
  void localFilesAreVerifiedAgainstTheChecksums() throws IOException {
    Path dir = tmp.resolve("d");
    writeAll(dir);
    // Same IDX content, different gzip bytes (as Debian's recompressed files): without a
    // content checksum this is rejected ...
    byte[] recompressed = reGzip(IdxFiles.labels(0, 1, 2, 1));
    Files.write(dir.resolve(NAMES[1]), recompressed);
    assertThat(Sha256.of(recompressed)).isNotEqualTo(Sha256.of(TRAIN_Y));
    assertThatThrownBy(() -> locator(dir, Map.of(), false).load(toy("http://x/")))
        .isInstanceOf(ChecksumException.class)
        .hasMessage(
            dir.resolve(NAMES[1])
                + ": SHA-256 is "
                + Sha256.of(recompressed)
                + ", expected "
                + Sha256.of(TRAIN_Y)
                + " (published train-labels-idx1-ubyte.gz from http://x/train-labels-idx1-ubyte.gz);"
                + " the file is damaged or a different data set");
    // ... and accepted once the content checksum is published.
    PublishedDataset withContent = withContentSha(toy("http://x/"), 1, IdxFiles.labels(0, 1, 2, 1));
    assertThat(locator(dir, Map.of(), false).load(withContent).train().labels())
        .containsExactly(0, 1, 2, 1);
    // Content checksum known and different: rejected, naming the decompressed digest.
    PublishedDataset wrong = withContentSha(toy("http://x/"), 1, IdxFiles.labels(0, 1, 2, 2));
    assertThatThrownBy(() -> locator(dir, Map.of(), false).load(wrong))
        .isInstanceOf(ChecksumException.class)
        .hasMessageContaining(
            ": decompressed SHA-256 is " + Sha256.of(IdxFiles.labels(0, 1, 2, 1)));
  }

  @Test
  void unpackedFilesAreFoundAndAcceptedWithAWarningWhenOnlyTheGzipChecksumIsKnown()
      throws IOException {
    Path dir = tmp.resolve("d");
    writeAll(dir);
    Files.delete(dir.resolve(NAMES[3]));
    Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxFiles.labels(2, 0));
    Splits s = locator(dir, Map.of(), false).load(toy("http://x/"));
    assertThat(s.test().labels()).containsExactly(2, 0);
    assertThat(log)
        .containsExactly(
            "warning: "
                + dir.resolve("t10k-labels-idx1-ubyte")
                + ": unpacked copy, and no checksum of the unpacked bytes is published; checked its"
                + " structure and counts only");
  }

  @Test
  void wrongCountsAreRejected() throws IOException {
    Path dir = tmp.resolve("d");
    writeAll(dir);
    PublishedDataset d = toy("http://x/");
    PublishedDataset expectsFive =
        new PublishedDataset("toy", "", 3, 5, 2, d.files(), null, "", false, 0, "");
    assertThatThrownBy(() -> locator(dir, Map.of(), false).load(expectsFive))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(dir.resolve(NAMES[0]) + ": image count at byte 4 is 4, expected 5 for toy");
  }

  @Test
  void archiveMembersAreReadInPlaceTransposedWithLabelOffset() throws IOException {
    // EMNIST-like: one zip, members under gzip/, images transposed, labels 1-based.
    byte[] trainX = IdxFiles.images(IdxReader.IMAGES_MAGIC, 1, 2, 3, new byte[] {1, 2, 3, 4, 5, 6});
    byte[][] members = {
      IdxFiles.gzip(trainX),
      IdxFiles.gzip(IdxFiles.labels(3)),
      IdxFiles.gzip(IdxFiles.images(1, 2, 3, 0)),
      IdxFiles.gzip(IdxFiles.labels(1))
    };
    String[] names = {
      "emnist-toy-train-images-idx3-ubyte.gz",
      "emnist-toy-train-labels-idx1-ubyte.gz",
      "emnist-toy-test-images-idx3-ubyte.gz",
      "emnist-toy-test-labels-idx1-ubyte.gz"
    };
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(zip)) {
      for (int i = 0; i < 4; i++) {
        z.putNextEntry(new ZipEntry("gzip/" + names[i]));
        z.write(members[i]);
        z.closeEntry();
      }
    }
    byte[] zipBytes = zip.toByteArray();
    Path mirror = tmp.resolve("mirror");
    Files.createDirectories(mirror);
    Files.write(mirror.resolve("gzip.zip"), zipBytes);
    RemoteFile archive =
        new RemoteFile(
            "gzip.zip",
            mirror.resolve("gzip.zip").toUri(),
            zipBytes.length,
            Sha256.of(zipBytes),
            null);
    List<RemoteFile> files = new ArrayList<>();
    for (String n : names) {
      files.add(new RemoteFile(n, archive.url(), -1, null, null));
    }
    PublishedDataset d =
        new PublishedDataset("emnist-toy", "", 3, 1, 1, files, archive, "gzip/", true, 1, "");
    Splits s = locator(null, Map.of(), true).load(d);
    assertThat(Files.isRegularFile(tmp.resolve("home/.descent/datasets/emnist/gzip.zip"))).isTrue();
    assertThat(s.train().labels()).containsExactly(2);
    assertThat(s.test().labels()).containsExactly(0);
    float[] row = new float[6];
    s.train().row(0, row, 0);
    assertThat(row).containsExactly(1, 4, 2, 5, 3, 6);
    assertThat(log)
        .contains(
            "warning: emnist-toy: no published checksums for the files inside gzip.zip; checked"
                + " their structure and counts only");
  }

  private static byte[] reGzip(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz =
        new java.util.zip.GZIPOutputStream(out) {
          {
            def.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
          }
        }) {
      gz.write(raw);
    }
    return out.toByteArray();
  }

  private static PublishedDataset withContentSha(PublishedDataset d, int i, byte[] content) {
    List<RemoteFile> files = new ArrayList<>(d.files());
    RemoteFile f = files.get(i);
    files.set(i, new RemoteFile(f.name(), f.url(), f.size(), f.sha256(), Sha256.of(content)));
    return new PublishedDataset(
        d.name(),
        d.doc(),
        d.classes(),
        d.trainCount(),
        d.testCount(),
        files,
        null,
        "",
        false,
        0,
        "");
  }
}
