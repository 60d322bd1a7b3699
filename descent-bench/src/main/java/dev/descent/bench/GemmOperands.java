package dev.descent.bench;

import java.util.SplittableRandom;

/** Random operands for one {@link MlpGemm} shape, filled from a fixed seed. */
final class GemmOperands {
  final MlpGemm shape;
  final float[] a;
  final float[] b;
  final float[] c;

  GemmOperands(MlpGemm shape, long seed) {
    this.shape = shape;
    SplittableRandom rng = new SplittableRandom(seed);
    a = random(rng, shape.m * shape.k);
    b = random(rng, shape.k * shape.n);
    c = random(rng, shape.m * shape.n);
  }

  private static float[] random(SplittableRandom rng, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) rng.nextDouble(-1, 1);
    }
    return x;
  }
}
