package dev.descent.tune;

import dev.descent.data.Normalization;
import dev.descent.data.Splits;
import dev.descent.data.Synthetic;
import dev.descent.nn.Activation;
import java.util.List;

/** A tiny, fast search setup shared by the tuner tests: CS231n's spiral and a 2-16-3 MLP. */
final class TinyTune {
  private TinyTune() {}

  /** 3-class spiral, 40 points per class (20% held out for validation), a fresh 20 for testing. */
  static Splits spiral(long testSeed) {
    return Splits.of(Synthetic.spiral(40, 3, 7), Synthetic.spiral(20, 3, testSeed))
        .withValidation(0.2, 3)
        .normalized(Normalization.STANDARDIZE);
  }

  static TrialTemplate template() {
    return new TrialTemplate(
        new int[] {16}, Activation.RELU, "he", false, 0, "sgd(lr=0.1)", null, 16, 0);
  }

  static SearchSpace space() {
    return SearchSpace.parse(
        List.of("lr=log_uniform(1e-3,1)", "weight_decay=log_uniform(1e-6,1e-2)"));
  }

  static TuneConfig config(Sampler sampler, int trials, int rounds, boolean halving, int parallel) {
    return new TuneConfig(space(), sampler, trials, rounds, 2, 3, halving, parallel, 42);
  }
}
