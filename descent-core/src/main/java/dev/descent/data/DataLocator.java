package dev.descent.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds a published data set's files on disk, or downloads them, and loads them verified.
 *
 * <p>Each file is looked for, in this order, as its published name ({@code ….gz}) or unpacked
 * (without {@code .gz}; compression is detected from the content):
 *
 * <ol>
 *   <li>the {@code --data-dir} folder itself, then its subfolder {@code NAME};
 *   <li>{@code $DESCENT_DATA/NAME};
 *   <li>{@code ~/.descent/datasets/NAME};
 *   <li>the Debian location {@code /usr/share/datasets/NAME} (package {@code dataset-fashion-mnist}
 *       installs {@code train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz}, {@code
 *       t10k-images-idx3-ubyte.gz} and {@code t10k-labels-idx1-ubyte.gz} there);
 *   <li>otherwise it is downloaded into the first of {@code --data-dir/NAME}, {@code
 *       $DESCENT_DATA/NAME}, {@code ~/.descent/datasets/NAME}: streamed into a temporary file in
 *       that folder, size- and SHA-256-checked, flushed to disk and renamed into place, so an
 *       interrupted download never leaves a partial file under the real name.
 * </ol>
 *
 * <p>EMNIST's files come inside one archive ({@code gzip.zip}); it is looked for in the same places
 * for {@code NAME} and for {@code emnist}, downloaded into the {@code emnist} folder, and read in
 * place without unpacking.
 *
 * <p>Files found on disk are verified while they are read: accepted when their SHA-256 equals the
 * published file's or their decompressed bytes hash to the published content checksum, rejected
 * with a {@link ChecksumException} when a known checksum differs. Where no checksum is published
 * the file is accepted after the structural checks with a warning. The environment, home folder and
 * system folder are constructor arguments, so tests never touch the real ones.
 *
 * <pre>{@code
 * DataLocator locator = DataLocator.system(null, System.err::println);
 * Splits s = locator.load(Catalog.get("fashion-mnist"));
 * }</pre>
 */
public final class DataLocator {
  /** The environment variable naming a folder of data sets. */
  public static final String ENV = "DESCENT_DATA";

  private final Path dataDir;
  private final Map<String, String> env;
  private final Path home;
  private final Path systemRoot;
  private final boolean download;
  private final Consumer<String> log;

  /** A folder to look in and why it is on the list. */
  public record Place(Path dir, String origin) {}

  /**
   * @param dataDir the {@code --data-dir} folder, or {@code null}
   * @param env the environment (only {@value #ENV} is read)
   * @param home the user's home folder
   * @param systemRoot the system data folder, {@code /usr/share/datasets} on Debian
   * @param download whether missing files may be downloaded
   * @param log receives progress lines and warnings
   */
  public DataLocator(
      Path dataDir,
      Map<String, String> env,
      Path home,
      Path systemRoot,
      boolean download,
      Consumer<String> log) {
    this.dataDir = dataDir;
    this.env = Map.copyOf(env);
    this.home = home;
    this.systemRoot = systemRoot;
    this.download = download;
    this.log = log;
  }

  /**
   * A locator over the real environment, home folder and {@code /usr/share/datasets}, downloading
   * missing files.
   */
  public static DataLocator system(Path dataDir, Consumer<String> log) {
    return system(dataDir, true, log);
  }

  /**
   * A locator over the real environment, home folder and {@code /usr/share/datasets}.
   *
   * @param dataDir the {@code --data-dir} folder, or {@code null}
   * @param download whether missing files may be downloaded
   * @param log receives progress lines and warnings
   */
  public static DataLocator system(Path dataDir, boolean download, Consumer<String> log) {
    return new DataLocator(
        dataDir,
        System.getenv(),
        Path.of(System.getProperty("user.home")),
        Path.of("/usr/share/datasets"),
        download,
        log);
  }

  /** The folders searched for data set {@code name}, in order. */
  public List<Place> places(String name) {
    List<Place> out = new ArrayList<>();
    if (dataDir != null) {
      out.add(new Place(dataDir, "--data-dir"));
      out.add(new Place(dataDir.resolve(name), "--data-dir"));
    }
    String root = env.get(ENV);
    if (root != null && !root.isEmpty()) {
      out.add(new Place(Path.of(root).resolve(name), "$" + ENV));
    }
    out.add(new Place(home.resolve(".descent").resolve("datasets").resolve(name), "home"));
    out.add(new Place(systemRoot.resolve(name), "system"));
    return out;
  }

  /** Where downloads of data set {@code name} go. */
  public Path downloadDir(String name) {
    if (dataDir != null) {
      return dataDir.resolve(name);
    }
    String root = env.get(ENV);
    if (root != null && !root.isEmpty()) {
      return Path.of(root).resolve(name);
    }
    return home.resolve(".descent").resolve("datasets").resolve(name);
  }

  /**
   * Loads {@code d}'s training and test parts, finding or downloading its files.
   *
   * @throws DataNotFoundException if a file is nowhere and cannot be downloaded
   * @throws DataFormatException if a file is malformed, has the wrong counts or a wrong checksum
   */
  public Splits load(PublishedDataset d) throws IOException {
    if (d.archive() != null) {
      log.accept(
          "warning: "
              + d.name()
              + ": no published checksums for the files inside "
              + d.archive().name()
              + "; checked their structure and counts only");
    }
    Path[] local = new Path[4];
    boolean all = true;
    for (int i = 0; i < 4; i++) {
      local[i] = find(d.files().get(i), places(d.name()));
      all &= local[i] != null;
    }
    if (d.archive() != null && !all) {
      return loadFromArchive(d);
    }
    for (int i = 0; i < 4; i++) {
      if (local[i] == null) {
        local[i] = fetch(d.name(), d.files().get(i), places(d.name()));
      }
    }
    Dataset train =
        pair(
            d, "train", read(local[0], d.trainImages()), local[1], d.trainLabels(), d.trainCount());
    Dataset test =
        pair(d, "test", read(local[2], d.testImages()), local[3], d.testLabels(), d.testCount());
    return Splits.of(train, test);
  }

  private Dataset pair(
      PublishedDataset d,
      String part,
      Verified images,
      Path labelsPath,
      RemoteFile labels,
      int count)
      throws IOException {
    Verified y = read(labelsPath, labels);
    return toDataset(d, part, images, y, count);
  }

  private Dataset toDataset(
      PublishedDataset d, String part, Verified images, Verified labels, int count)
      throws DataFormatException {
    IdxImages x = images.images;
    if (x.count() != count) {
      throw new DataFormatException(
          images.name,
          "image count at byte 4 is " + x.count() + ", expected " + count + " for " + d.name());
    }
    if (d.transposed()) {
      x = x.transposed();
    }
    return IdxReader.toDataset(
        d.name() + "/" + part,
        x,
        images.name,
        labels.labels,
        labels.name,
        d.classes(),
        d.labelOffset());
  }

  private Splits loadFromArchive(PublishedDataset d) throws IOException {
    Set<Place> where = new LinkedHashSet<>(places(d.name()));
    where.addAll(places("emnist"));
    List<Place> search = new ArrayList<>(where);
    Path zip = find(d.archive(), search);
    if (zip == null) {
      zip = fetch("emnist", d.archive(), search);
    } else if (d.archive().size() >= 0 && Files.size(zip) != d.archive().size()) {
      throw new ChecksumException(
          zip.toString(),
          "size is "
              + Files.size(zip)
              + " bytes, expected "
              + d.archive().size()
              + " ("
              + d.archive().url()
              + ")");
    }
    Verified[] v = new Verified[4];
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (int i = 0; i < 4; i++) {
        RemoteFile f = d.files().get(i);
        String entryName = d.archiveFolder() + f.name();
        ZipEntry e = z.getEntry(entryName);
        if (e == null) {
          throw new DataFormatException(
              zip.toString(), "has no entry " + entryName + "; is it " + d.archive().url() + "?");
        }
        try (InputStream in = z.getInputStream(e)) {
          v[i] = read(zip + "!/" + entryName, in, f, i % 2 == 0);
        }
      }
    }
    return Splits.of(
        toDataset(d, "train", v[0], v[1], d.trainCount()),
        toDataset(d, "test", v[2], v[3], d.testCount()));
  }

  private static Path find(RemoteFile f, List<Place> places) {
    for (Place p : places) {
      for (String n : new String[] {f.name(), f.unpackedName()}) {
        Path candidate = p.dir().resolve(n);
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }

  private Path fetch(String name, RemoteFile f, List<Place> places) throws IOException {
    StringBuilder looked = new StringBuilder();
    for (Place p : places) {
      looked
          .append(looked.length() == 0 ? "" : ", ")
          .append(p.dir())
          .append(" (")
          .append(p.origin())
          .append(')');
    }
    String missing = name + ": " + f.name() + " not found; looked in " + looked;
    if (!download) {
      throw new DataNotFoundException(
          missing
              + "; downloading is off. Put the file in one of these folders or pass --data-dir.");
    }
    Path dir = downloadDir(name);
    try {
      return download(f, dir);
    } catch (ChecksumException e) {
      throw e;
    } catch (IOException e) {
      throw new DataNotFoundException(
          missing
              + "; downloading "
              + f.url()
              + " into "
              + dir
              + " failed ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "). If this machine is offline, copy the file into one of these folders or pass"
              + " --data-dir.");
    }
  }

  /** Downloads {@code f} into {@code dir} atomically and returns its path. */
  Path download(RemoteFile f, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path target = dir.resolve(f.name());
    log.accept(
        "downloading "
            + f.url()
            + (f.size() >= 0 ? " (" + (f.size() + 999_999) / 1_000_000 + " MB)" : "")
            + " to "
            + dir);
    Path tmp = Files.createTempFile(dir, "." + f.name() + ".", ".part");
    try {
      MessageDigest md = sha256();
      long n;
      try (InputStream in = new DigestInputStream(open(f.url()), md);
          OutputStream out = Files.newOutputStream(tmp)) {
        n = in.transferTo(out);
      }
      String url = f.url().toString();
      if (f.size() >= 0 && n != f.size()) {
        throw new ChecksumException(
            url, "downloaded " + n + " bytes, expected " + f.size() + "; nothing was saved");
      }
      String got = HexFormat.of().formatHex(md.digest());
      if (f.sha256() == null) {
        log.accept("warning: " + url + " has no published SHA-256; checked its size only");
      } else if (!f.sha256().equals(got)) {
        throw new ChecksumException(
            url,
            "SHA-256 of the download is "
                + got
                + ", expected "
                + f.sha256()
                + "; nothing was saved");
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Opens {@code url} for reading. HTTP redirects are followed (at most 5), including from http to
   * https, which {@link java.net.HttpURLConnection} alone refuses; any other status than 200 is an
   * error naming it.
   */
  private static InputStream open(URI url) throws IOException {
    URI current = url;
    for (int hop = 0; hop <= 5; hop++) {
      URLConnection c = current.toURL().openConnection();
      c.setConnectTimeout(30_000);
      c.setReadTimeout(60_000);
      if (!(c instanceof HttpURLConnection)) {
        return c.getInputStream();
      }
      HttpURLConnection http = (HttpURLConnection) c;
      http.setInstanceFollowRedirects(false);
      int code = http.getResponseCode();
      if (code == HttpURLConnection.HTTP_OK) {
        return http.getInputStream();
      }
      String location = http.getHeaderField("Location");
      http.disconnect();
      if (code / 100 != 3 || location == null) {
        throw new IOException("HTTP status " + code + " from " + current);
      }
      current = current.resolve(location);
    }
    throw new IOException("more than 5 redirects from " + url);
  }

  /** An IDX file's parsed contents; exactly one of the two is set. */
  private static final class Verified {
    final String name;
    final IdxImages images;
    final byte[] labels;

    Verified(String name, IdxImages images, byte[] labels) {
      this.name = name;
      this.images = images;
      this.labels = labels;
    }
  }

  private Verified read(Path path, RemoteFile f) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return read(path.toString(), in, f, f.name().contains("-images-"));
    }
  }

  /**
   * Parses an IDX stream while hashing both its bytes and its decompressed bytes, then verifies.
   */
  private Verified read(String name, InputStream in, RemoteFile f, boolean images)
      throws IOException {
    MessageDigest fileMd = sha256();
    MessageDigest contentMd = sha256();
    InputStream raw = new DigestInputStream(in, fileMd);
    InputStream content = new DigestInputStream(IdxReader.decompressed(raw), contentMd);
    Verified v =
        images
            ? new Verified(name, IdxReader.parseImages(name, content), null)
            : new Verified(name, null, IdxReader.parseLabels(name, content));
    raw.transferTo(OutputStream.nullOutputStream());
    String fileSha = HexFormat.of().formatHex(fileMd.digest());
    String contentSha = HexFormat.of().formatHex(contentMd.digest());
    if (fileSha.equals(f.sha256()) || contentSha.equals(f.contentSha256())) {
      return v;
    }
    if (f.contentSha256() != null) {
      throw new ChecksumException(
          name,
          "decompressed SHA-256 is "
              + contentSha
              + ", expected "
              + f.contentSha256()
              + " (published "
              + f.name()
              + " from "
              + f.url()
              + "); the file is damaged or a different data set");
    }
    boolean unpacked = contentSha.equals(fileSha);
    if (f.sha256() != null && !unpacked) {
      throw new ChecksumException(
          name,
          "SHA-256 is "
              + fileSha
              + ", expected "
              + f.sha256()
              + " (published "
              + f.name()
              + " from "
              + f.url()
              + "); the file is damaged or a different data set");
    }
    if (f.sha256() != null) {
      log.accept(
          "warning: "
              + name
              + ": unpacked copy, and no checksum of the unpacked bytes is published; checked its"
              + " structure and counts only");
    }
    return v;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
