package dev.descent.data;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The published image data sets descent knows by name, with canonical URLs and checksums.
 *
 * <p>Where each checksum comes from:
 *
 * <ul>
 *   <li>SHA-256 and sizes of the published files: TensorFlow Datasets' {@code
 *       tensorflow_datasets/url_checksums/{mnist,fashion_mnist,kmnist,emnist}.txt}. The MNIST test
 *       files were also hashed here ({@code shared/datasets/mnist}) and match.
 *   <li>SHA-256 of the decompressed IDX bytes ({@code contentSha256}): MNIST's test files and
 *       Fashion-MNIST's four were computed here from the real files; for Fashion-MNIST these are
 *       Debian's {@code dataset-fashion-mnist} (0.0~git20200523.55506a9-1), whose {@code .gz} files
 *       are the publisher's with the file name dropped from the gzip header (23–24 bytes shorter,
 *       so their file SHA-256 differs) and whose decompressed bytes match the publisher's MD5s
 *       listed by torchvision. MNIST's training files' content SHA-256s are the values widely
 *       published next to the TFDS file checksums (e.g. in many projects' data pins).
 *   <li>KMNIST: file SHA-256s only; an unpacked copy cannot be verified and is accepted with a
 *       warning.
 *   <li>EMNIST: the SHA-256 of the one archive {@code gzip.zip} (all six splits); no trustworthy
 *       per-member checksums are published, so members are checked by structure and example counts
 *       only, with a warning. Counts are from Cohen et al., "EMNIST: an extension of MNIST to
 *       handwritten letters" (2017). Images are stored transposed and are turned upright on
 *       loading; EMNIST Letters' labels 1–26 become 0–25.
 * </ul>
 */
public final class Catalog {
  private static final String MNIST = "https://storage.googleapis.com/cvdf-datasets/mnist/";
  private static final String FASHION =
      "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";
  private static final String KMNIST = "http://codh.rois.ac.jp/kmnist/dataset/kmnist/";
  private static final RemoteFile EMNIST_ZIP =
      new RemoteFile(
          "gzip.zip",
          URI.create("https://biometrics.nist.gov/cs_links/EMNIST/gzip.zip"),
          561_753_746L,
          "fb9bb67e33772a9cc0b895e4ecf36d2cf35be8b709693c3564cea2a019fcda8e",
          null);

  private Catalog() {}

  /** Every known data set, in display order. */
  public static List<PublishedDataset> all() {
    List<PublishedDataset> out = new ArrayList<>();
    out.add(
        idx(
            "mnist",
            "MNIST handwritten digits (LeCun et al. 1998), 28x28, 10 classes; CVDF mirror",
            10,
            60_000,
            10_000,
            MNIST,
            new long[] {9_912_422, 28_881, 1_648_877, 4_542},
            new String[] {
              "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
              "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
              "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
              "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"
            },
            new String[] {
              "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
              "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
              "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
              "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"
            },
            "file SHA-256: TFDS url_checksums/mnist.txt; content SHA-256 of the test files computed"
                + " from the real files"));
    out.add(
        idx(
            "fashion-mnist",
            "Fashion-MNIST clothing images (Xiao et al. 2017), 28x28, 10 classes; Debian package"
                + " dataset-fashion-mnist",
            10,
            60_000,
            10_000,
            FASHION,
            new long[] {26_421_880, 29_515, 4_422_102, 5_148},
            new String[] {
              "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
              "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
              "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
              "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"
            },
            new String[] {
              "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
              "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
              "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
              "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"
            },
            "file SHA-256: TFDS url_checksums/fashion_mnist.txt; content SHA-256 computed from"
                + " Debian's copy, whose decompressed bytes match the publisher's MD5s"));
    out.add(
        idx(
            "kmnist",
            "Kuzushiji-MNIST cursive Japanese characters (Clanuwat et al. 2018), 28x28, 10 classes",
            10,
            60_000,
            10_000,
            KMNIST,
            new long[] {18_165_135, 29_497, 3_041_136, 5_120},
            new String[] {
              "51467d22d8cc72929e2a028a0428f2086b092bb31cfb79c69cc0a90ce135fde4",
              "e38f9ebcd0f3ebcdec7fc8eabdcdaef93bb0df8ea12bee65224341c8183d8e17",
              "edd7a857845ad6bb1d0ba43fe7e794d164fe2dce499a1694695a792adfac43c5",
              "20bb9a0ef54c7db3efc55a92eef5582c109615df22683c380526788f98e42a1c"
            },
            new String[4],
            "file SHA-256: TFDS url_checksums/kmnist.txt; no content SHA-256 known, so an unpacked"
                + " copy is accepted with a warning"));
    out.add(emnist("byclass", "digits and upper- and lower-case letters", 62, 697_932, 116_323, 0));
    out.add(emnist("bymerge", "digits and letters, similar cases merged", 47, 697_932, 116_323, 0));
    out.add(emnist("balanced", "bymerge with equal examples per class", 47, 112_800, 18_800, 0));
    out.add(emnist("letters", "letters a-z, cases merged", 26, 124_800, 20_800, 1));
    out.add(emnist("digits", "digits, balanced", 10, 240_000, 40_000, 0));
    out.add(emnist("mnist", "digits in MNIST's proportions", 10, 60_000, 10_000, 0));
    return List.copyOf(out);
  }

  /**
   * The data set called {@code name}.
   *
   * @throws IllegalArgumentException naming the valid names and the closest one
   */
  public static PublishedDataset get(String name) {
    List<String> names = new ArrayList<>();
    for (PublishedDataset d : all()) {
      if (d.name().equals(name)) {
        return d;
      }
      names.add(d.name());
    }
    throw new IllegalArgumentException(
        "unknown data set '" + name + "'; valid data sets: " + String.join(", ", names));
  }

  private static PublishedDataset idx(
      String name,
      String doc,
      int classes,
      int train,
      int test,
      String base,
      long[] sizes,
      String[] sha,
      String[] content,
      String note) {
    String[] names = {
      "train-images-idx3-ubyte.gz",
      "train-labels-idx1-ubyte.gz",
      "t10k-images-idx3-ubyte.gz",
      "t10k-labels-idx1-ubyte.gz"
    };
    List<RemoteFile> files = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      files.add(
          new RemoteFile(names[i], URI.create(base + names[i]), sizes[i], sha[i], content[i]));
    }
    return new PublishedDataset(name, doc, classes, train, test, files, null, "", false, 0, note);
  }

  private static PublishedDataset emnist(
      String split, String what, int classes, int train, int test, int labelOffset) {
    List<RemoteFile> files = new ArrayList<>();
    for (String part :
        new String[] {
          "train-images-idx3", "train-labels-idx1", "test-images-idx3", "test-labels-idx1"
        }) {
      String file = "emnist-" + split + "-" + part + "-ubyte.gz";
      files.add(new RemoteFile(file, EMNIST_ZIP.url(), -1, null, null));
    }
    return new PublishedDataset(
        "emnist-" + split,
        "EMNIST "
            + split
            + " (Cohen et al. 2017): "
            + what
            + ", 28x28, "
            + classes
            + " classes; from NIST's gzip.zip",
        classes,
        train,
        test,
        files,
        EMNIST_ZIP,
        "gzip/",
        true,
        labelOffset,
        "archive SHA-256: TFDS url_checksums/emnist.txt; no trustworthy per-file checksums, so the"
            + " files are checked by structure and counts only");
  }
}
