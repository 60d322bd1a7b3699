package dev.descent.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Empirical moments and limits on 10^5 draws, tolerances from the standard errors. */
class InitializersTest {
  private static final int FAN_IN = 200;
  private static final int FAN_OUT = 500;
  private static final int N = FAN_IN * FAN_OUT;

  /** name, expected mean, expected std, uniform limits (NaN for a normal distribution). */
  static Stream<Arguments> distributions() {
    double xavierStd = Math.sqrt(2.0 / (FAN_IN + FAN_OUT));
    double xavierLimit = Math.sqrt(6.0 / (FAN_IN + FAN_OUT));
    double heLimit = Math.sqrt(6.0 / FAN_IN);
    double lecunLimit = Math.sqrt(3.0 / FAN_IN);
    return Stream.of(
        Arguments.of("normal(std=0.01)", 0.0, 0.01, Double.NaN, Double.NaN),
        Arguments.of("normal", 0.0, 1.0, Double.NaN, Double.NaN),
        Arguments.of("normal(std=2,mean=-3)", -3.0, 2.0, Double.NaN, Double.NaN),
        Arguments.of("uniform(a=-1,b=3)", 1.0, 4 / Math.sqrt(12), -1.0, 3.0),
        Arguments.of("uniform", 0.5, 1 / Math.sqrt(12), 0.0, 1.0),
        Arguments.of("xavier", 0.0, xavierStd, Double.NaN, Double.NaN),
        Arguments.of("xavier_uniform", 0.0, xavierLimit / Math.sqrt(3), -xavierLimit, xavierLimit),
        Arguments.of("xavier_caffe", 0.0, Math.sqrt(1.0 / FAN_IN), Double.NaN, Double.NaN),
        Arguments.of("he", 0.0, Math.sqrt(2.0 / FAN_IN), Double.NaN, Double.NaN),
        Arguments.of("he_uniform", 0.0, heLimit / Math.sqrt(3), -heLimit, heLimit),
        Arguments.of("lecun", 0.0, Math.sqrt(1.0 / FAN_IN), Double.NaN, Double.NaN),
        Arguments.of("lecun_uniform", 0.0, lecunLimit / Math.sqrt(3), -lecunLimit, lecunLimit));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("distributions")
  void empiricalMeanStdAndLimits(String spec, double mean, double std, double lo, double hi) {
    Tensor w = Tensor.zeros(FAN_IN, FAN_OUT);
    Initializers.create(spec).initialize(w, FAN_IN, FAN_OUT, new SplittableRandom(5));
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (float v : w.data()) {
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double m = sum / N;
    double sq = 0;
    for (float v : w.data()) {
      sq += (v - m) * (v - m);
    }
    double s = Math.sqrt(sq / (N - 1));
    // 5 standard errors: SE(mean) = std/sqrt(N); SE(std) = std/sqrt(2N) for a normal, and
    // std * sqrt(0.8/(4N)) (kurtosis 1.8) for a uniform, which the normal bound covers.
    assertThat(Math.abs(m - mean)).isLessThan(5 * std / Math.sqrt(N));
    assertThat(Math.abs(s - std)).isLessThan(5 * std / Math.sqrt(2.0 * N));
    if (!Double.isNaN(lo)) {
      double width = hi - lo;
      assertThat(min).isGreaterThanOrEqualTo(lo).isLessThan(lo + 1e-3 * width);
      assertThat(max).isLessThanOrEqualTo(hi).isGreaterThan(hi - 1e-3 * width);
    } else {
      // A normal sample of 10^5 reaches beyond 3.5 std on both sides with near certainty.
      assertThat(min).isLessThan(mean - 3.5 * std);
      assertThat(max).isGreaterThan(mean + 3.5 * std);
    }
  }

  @Test
  void theWrongFormulaWouldFail() {
    // xavier and xavier_caffe differ by sqrt((n_in + n_out) / (2 n_in)) = 1.32 here: far outside
    // the 5-standard-error band the test above allows.
    double paper = Math.sqrt(2.0 / (FAN_IN + FAN_OUT));
    double caffe = Math.sqrt(1.0 / FAN_IN);
    assertThat(Math.abs(paper - caffe)).isGreaterThan(20 * paper / Math.sqrt(2.0 * N));
  }

  @Test
  void zerosAndConstant() {
    Tensor w = Tensor.zeros(3, 4).fill(9f);
    Initializers.create("zeros").initialize(w, 3, 4, new SplittableRandom(1));
    assertThat(w.data()).containsOnly(0f);
    Initializers.create("constant(value=0.25)").initialize(w, 3, 4, new SplittableRandom(1));
    assertThat(w.data()).containsOnly(0.25f);
  }

  @Test
  void sameSeedSameBitsOtherSeedOtherBits() {
    for (String name : Initializers.registry().names()) {
      if (name.equals("zeros") || name.equals("constant")) {
        continue;
      }
      Initializer init = Initializers.create(name);
      Tensor a = Tensor.zeros(30, 20);
      Tensor b = Tensor.zeros(30, 20);
      Tensor c = Tensor.zeros(30, 20);
      init.initialize(a, 30, 20, new SplittableRandom(77));
      init.initialize(b, 30, 20, new SplittableRandom(77));
      init.initialize(c, 30, 20, new SplittableRandom(78));
      assertThat(a).as(name).isEqualTo(b);
      assertThat(a).as(name).isNotEqualTo(c);
    }
  }

  @Test
  void registryListsEveryInitializer() {
    assertThat(Initializers.registry().names())
        .containsExactly(
            "zeros",
            "constant",
            "normal",
            "uniform",
            "xavier",
            "xavier_uniform",
            "xavier_caffe",
            "he",
            "he_uniform",
            "lecun",
            "lecun_uniform");
    assertThat(Initializers.create("normal(std=0.01)")).hasToString("normal(std=0.01,mean=0.0)");
  }

  @Test
  void unknownNameSuggestsTheClosest() {
    assertThatThrownBy(() -> Initializers.create("xavir"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown initializer 'xavir'")
        .hasMessageContaining("did you mean 'xavier'?");
    assertThatThrownBy(() -> Initializers.create("normal(sd=1)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown key 'sd'")
        .hasMessageContaining("did you mean 'std'?");
    assertThatThrownBy(() -> Initializers.create("constant"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs value");
  }

  @Test
  void invalidHyperparametersNameValueAndRange() {
    assertThatThrownBy(() -> Initializers.create("normal(std=-1)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("std must be in [0, inf), got -1.0");
    assertThatThrownBy(() -> Initializers.normal(Double.NaN, 0))
        .hasMessage("std must be in [0, inf), got NaN");
    assertThatThrownBy(() -> Initializers.create("uniform(a=1,b=1)"))
        .hasMessage("a must be less than b, got a=1.0, b=1.0");
    assertThatThrownBy(() -> Initializers.constant(Double.POSITIVE_INFINITY))
        .hasMessage("value must be finite, got Infinity");
    Tensor w = Tensor.zeros(2, 2);
    assertThatThrownBy(() -> Initializers.he().initialize(w, 0, 2, new SplittableRandom(1)))
        .hasMessage("fanIn and fanOut must be positive, got fanIn=0, fanOut=2");
    assertThatThrownBy(() -> Initializers.he().initialize(w, 2, 2, null))
        .hasMessage("random must not be null");
    assertThatThrownBy(() -> Initializers.he().initialize(null, 2, 2, new SplittableRandom(1)))
        .hasMessage("weight must not be null");
  }
}
