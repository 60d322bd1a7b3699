package dev.descent.data;

import dev.descent.spec.Param;
import dev.descent.spec.Registry;
import java.util.List;

/**
 * The registry of data sets by name, for the CLI's {@code --dataset} and the experiments: every
 * {@link Catalog} entry ({@code mnist}, {@code fashion-mnist}, {@code kmnist}, {@code emnist-*})
 * and the synthetic sets {@code spiral}, {@code moons}, {@code blobs} and {@code xor} with their
 * parameters, e.g. {@code spiral(points=100,classes=3,seed=1)}.
 *
 * <p>A synthetic set is generated when its spec is turned into a source, so bad arguments fail at
 * once. Its test part is a fresh sample from the same generator with a seed derived from {@code
 * seed}; for {@code blobs} train and test are the even and odd points of one draw of {@code
 * 2·points}, so they share the cluster centres.
 */
public final class Datasets {
  private Datasets() {}

  /** A new registry holding every data set. */
  public static Registry<DataSource> registry() {
    Registry<DataSource> r = new Registry<>("data set");
    for (PublishedDataset d : Catalog.all()) {
      r.register(d.name(), d.doc(), List.of(), a -> locator -> locator.load(d));
    }
    Param seed = Param.integer("seed", 0, "any integer", "the generator's seed");
    r.register(
        "spiral",
        "CS231n's spiral: one arm of points per class, angle noise 0.2",
        List.of(
            Param.integer("points", 100, "[1, inf)", "points per class (CS231n: 100)"),
            Param.integer("classes", 3, "[1, inf)", "number of arms (CS231n: 3)"),
            seed),
        a -> {
          int n = a.integer("points");
          int k = a.integer("classes");
          long s = a.longInteger("seed");
          Splits splits =
              Splits.of(
                  Synthetic.spiral(n, k, s).named("spiral/train"),
                  Synthetic.spiral(n, k, testSeed(s)).named("spiral/test"));
          return locator -> splits;
        });
    r.register(
        "moons",
        "two interleaving half circles (scikit-learn's make_moons)",
        List.of(
            Param.integer("points", 200, "[2, inf)", "total points"),
            Param.number("noise", 0.1, "[0, inf)", "Gaussian noise standard deviation"),
            seed),
        a -> {
          int n = a.integer("points");
          double noise = a.number("noise");
          long s = a.longInteger("seed");
          Splits splits =
              Splits.of(
                  Synthetic.moons(n, noise, s).named("moons/train"),
                  Synthetic.moons(n, noise, testSeed(s)).named("moons/test"));
          return locator -> splits;
        });
    r.register(
        "blobs",
        "Gaussian clusters with centres in [-10, 10]^2 (scikit-learn's make_blobs)",
        List.of(
            Param.integer("points", 300, "[classes, inf)", "points in each of train and test"),
            Param.integer("classes", 3, "[1, inf)", "number of clusters"),
            Param.number("std", 1.0, "[0, inf)", "cluster standard deviation (scikit-learn: 1.0)"),
            seed),
        a -> {
          int n = a.integer("points");
          int k = a.integer("classes");
          double std = a.number("std");
          long s = a.longInteger("seed");
          // One draw of 2n points split even/odd: both parts share the centres, and each
          // cluster is halved evenly between them.
          if (n < k) {
            throw new IllegalArgumentException(
                "points must be at least classes = " + k + ", got " + n);
          }
          Dataset all = Synthetic.blobs(2 * n, k, std, s);
          int[] trainRows = new int[n];
          int[] testRows = new int[n];
          for (int i = 0; i < n; i++) {
            trainRows[i] = 2 * i;
            testRows[i] = 2 * i + 1;
          }
          Splits splits =
              Splits.of(
                  all.subset(trainRows).named("blobs/train"),
                  all.subset(testRows).named("blobs/test"));
          return locator -> splits;
        });
    r.register(
        "xor",
        "the XOR problem: opposite-sign quadrants are class 1",
        List.of(
            Param.integer("points", 200, "[1, inf)", "total points"),
            Param.number("noise", 0.1, "[0, inf)", "Gaussian noise standard deviation"),
            seed),
        a -> {
          int n = a.integer("points");
          double noise = a.number("noise");
          long s = a.longInteger("seed");
          Splits splits =
              Splits.of(
                  Synthetic.xor(n, noise, s).named("xor/train"),
                  Synthetic.xor(n, noise, testSeed(s)).named("xor/test"));
          return locator -> splits;
        });
    return r;
  }

  private static long testSeed(long seed) {
    return Rng.derive(seed, 0x7465_7374L, 0);
  }
}
