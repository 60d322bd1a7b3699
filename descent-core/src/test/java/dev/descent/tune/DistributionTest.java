package dev.descent.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DistributionTest {

  @Test
  void parsesEveryForm() {
    assertThat(Distribution.parse("log_uniform(1e-6,1e-2)"))
        .isEqualTo(new Distribution.LogUniform(1e-6, 1e-2));
    assertThat(Distribution.parse(" uniform( -1 , 2 ) "))
        .isEqualTo(new Distribution.Uniform(-1, 2));
    assertThat(Distribution.parse("int(50,200)")).isEqualTo(new Distribution.IntRange(50, 200));
    assertThat(Distribution.parse("choice(he,normal(std=0.01),0.5)"))
        .isEqualTo(new Distribution.Choice(List.of("he", "normal(std=0.01)", 0.5)));
  }

  @Test
  void badRangesNameTheProblem() {
    assertThatThrownBy(() -> Distribution.parse("log_uniform(0,1)"))
        .hasMessage("log_uniform(a,b) needs 0 < a < b < inf, got a=0.0, b=1.0");
    assertThatThrownBy(() -> Distribution.parse("uniform(2,1)"))
        .hasMessage("uniform(a,b) needs finite a < b, got a=2.0, b=1.0");
    assertThatThrownBy(() -> Distribution.parse("int(1.5,3)"))
        .hasMessage("int(a,b) needs integers, got 'int(1.5,3)'");
    assertThatThrownBy(() -> Distribution.parse("normal(0,1)"))
        .hasMessage("search range must be log_uniform, uniform, int or choice, got 'normal'");
    assertThatThrownBy(() -> Distribution.parse("1e-3"))
        .hasMessageStartingWith("search range must be log_uniform(a,b)");
    assertThatThrownBy(() -> Distribution.parse("uniform(1)"))
        .hasMessage("'uniform(1)' needs exactly two arguments, got 1");
    assertThatThrownBy(() -> Distribution.parse("choice(a,a)"))
        .hasMessage("choice(…) lists a value twice: [a, a]");
  }

  @Test
  void logUniformIsUniformInTheExponent() {
    Distribution d = new Distribution.LogUniform(1e-6, 1e-2);
    SplittableRandom r = new SplittableRandom(1);
    int[] decades = new int[4];
    for (int i = 0; i < 40_000; i++) {
      double x = (Double) d.at(r.nextDouble());
      assertThat(x).isBetween(1e-6, 1e-2);
      decades[(int) Math.floor(Math.log10(x) + 6)]++;
    }
    for (int c : decades) {
      assertThat(c).isBetween(9_500, 10_500); // 10 000 expected, ±5 sigma
    }
    assertThat((Double) d.at(0)).isCloseTo(1e-6, within(1e-18));
    assertThat(d.position(1e-4)).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void intAndChoiceGiveEveryValueEqually() {
    Distribution d = new Distribution.IntRange(3, 5);
    assertThat(d.at(0)).isEqualTo(3L);
    assertThat(d.at(0.34)).isEqualTo(4L);
    assertThat(d.at(0.999)).isEqualTo(5L);
    Distribution c = Distribution.parse("choice(a,b)");
    assertThat(c.at(0.49)).isEqualTo("a");
    assertThat(c.at(0.5)).isEqualTo("b");
  }

  @Test
  void gridIncludesBothEnds() {
    assertThat(new Distribution.Uniform(0, 1).grid(3)).containsExactly(0.0, 0.5, 1.0);
    List<Object> g = new Distribution.LogUniform(1e-4, 1).grid(5);
    assertThat((Double) g.get(0)).isCloseTo(1e-4, within(1e-16));
    assertThat((Double) g.get(2)).isCloseTo(1e-2, within(1e-14));
    assertThat((Double) g.get(4)).isCloseTo(1, within(1e-12));
    assertThat(new Distribution.IntRange(1, 3).grid(10)).containsExactly(1L, 2L, 3L);
  }

  @Test
  void narrowShrinksAroundTheBestWithinTheOldRange() {
    Distribution d = new Distribution.LogUniform(1e-6, 1e-2);
    Distribution n = d.narrow(List.of(1e-4, 1e-3));
    // span one decade, padded a quarter decade each side
    assertThat(((Distribution.LogUniform) n).lo())
        .isCloseTo(1e-4 / Math.pow(10, 0.25), within(1e-12));
    assertThat(((Distribution.LogUniform) n).hi())
        .isCloseTo(1e-3 * Math.pow(10, 0.25), within(1e-12));
    Distribution edge = d.narrow(List.of(1e-2, 5e-3));
    assertThat(((Distribution.LogUniform) edge).hi()).isEqualTo(1e-2);
    assertThat(new Distribution.Uniform(0, 1).narrow(List.of(0.5, 0.5)))
        .isEqualTo(new Distribution.Uniform(0.45, 0.55));
    assertThat(new Distribution.IntRange(0, 100).narrow(List.of(40L, 60L)))
        .isEqualTo(new Distribution.IntRange(35, 65));
    assertThat(Distribution.parse("choice(a,b,c)").narrow(List.of("c", "a")))
        .isEqualTo(Distribution.parse("choice(a,c)"));
  }

  @Test
  void numbersPrintShort() {
    assertThat(Distribution.number(1e-6)).isEqualTo("1e-6");
    assertThat(Distribution.number(0.01)).isEqualTo("0.01");
    assertThat(Distribution.number(1.0)).isEqualTo("1");
    assertThat(Distribution.number(2.5e8)).isEqualTo("2.5e+8");
    assertThat(new Distribution.LogUniform(1e-8, 1e-4).toString())
        .isEqualTo("log_uniform(1e-8,1e-4)");
  }

  @Test
  void printsTheFormItParses() {
    for (String s :
        List.of("log_uniform(1e-06,0.01)", "uniform(-1,2)", "int(1,9)", "choice(he,xavier)")) {
      assertThat(Distribution.parse(Distribution.parse(s).toString()))
          .isEqualTo(Distribution.parse(s));
    }
  }
}
