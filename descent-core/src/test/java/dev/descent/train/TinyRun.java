package dev.descent.train;

import dev.descent.data.Normalization;
import dev.descent.data.Splits;
import dev.descent.data.Synthetic;
import dev.descent.nn.Activation;
import dev.descent.nn.Sequential;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** A small, fast training setup shared by the trainer tests: CS231n's spiral and a small MLP. */
final class TinyRun {
  private TinyRun() {}

  /** 3-class spiral, 60 points per class for training and a fresh 30 per class for testing. */
  static Splits spiral(boolean validation) {
    Splits s = Splits.of(Synthetic.spiral(60, 3, 7), Synthetic.spiral(30, 3, 8));
    if (validation) {
      s = s.withValidation(0.2, 3);
    }
    return s.normalized(Normalization.STANDARDIZE);
  }

  /** 2-16-16-3 with batch norm and dropout, so buffers and dropout streams are exercised. */
  static ModelSpec spec(boolean batchNorm, double dropout) {
    return new ModelSpec(2, new int[] {16, 16}, 3, Activation.RELU, "he", batchNorm, dropout, 11);
  }

  static Trainer trainer(ModelSpec spec, TrainConfig config, Splits data) {
    return new Trainer(spec.build(), spec.metadata(), config, data);
  }

  /** Every weight and buffer as raw float bits, in model order. */
  static List<int[]> bits(Sequential model) {
    List<int[]> out = new ArrayList<>();
    for (Tensor t : Weights.of(model).values()) {
      float[] d = t.data();
      int[] b = new int[d.length];
      for (int i = 0; i < d.length; i++) {
        b[i] = Float.floatToRawIntBits(d[i]);
      }
      out.add(b);
    }
    return out;
  }
}
