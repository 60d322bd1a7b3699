package dev.descent.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The six matrix products of one training step of the first two layers of the 784-100-…-10 MLP at
 * batch 128, as row-major {@code C (m x n) = op(A) (m x k) * op(B) (k x n)}.
 *
 * <p>For a layer {@code Y = X W} with X batch x in and W in x out: the forward product, the weight
 * gradient {@code dW = X^T dY} (A transposed) and the input gradient {@code dX = dY W^T} (B
 * transposed). Keep in sync with {@code bench/sgemm_ref.c}, which times the same list in C.
 */
enum MlpGemm {
  FC1_FORWARD("fc1.forward", 128, 100, 784, false, false),
  FC1_DW("fc1.dW", 784, 100, 128, true, false),
  FC1_DX("fc1.dX", 128, 784, 100, false, true),
  FC2_FORWARD("fc2.forward", 128, 100, 100, false, false),
  FC2_DW("fc2.dW", 100, 100, 128, true, false),
  FC2_DX("fc2.dX", 128, 100, 100, false, true);

  final String label;
  final int m;
  final int n;
  final int k;
  final boolean transA;
  final boolean transB;

  MlpGemm(String label, int m, int n, int k, boolean transA, boolean transB) {
    this.label = label;
    this.m = m;
    this.n = n;
    this.k = k;
    this.transA = transA;
    this.transB = transB;
  }

  /** Leading dimension of A as stored (k x m when transposed). */
  int lda() {
    return transA ? m : k;
  }

  /** Leading dimension of B as stored (n x k when transposed). */
  int ldb() {
    return transB ? k : n;
  }

  /** Floating-point operations of one product: a multiply and an add per term. */
  double flops() {
    return 2.0 * m * n * k;
  }

  /** The shape with this label, e.g. {@code "fc1.dW"}. */
  static MlpGemm byLabel(String label) {
    for (MlpGemm g : values()) {
      if (g.label.equals(label)) {
        return g;
      }
    }
    throw new IllegalArgumentException(
        "shape must be one of "
            + Arrays.stream(values()).map(g -> g.label).collect(Collectors.joining(", "))
            + ", got '"
            + label
            + "'");
  }
}
