package dev.descent.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplerTest {

  @Test
  void everySamplerStaysInRangeAndRepeatsForTheSameSeed() {
    SearchSpace space =
        SearchSpace.parse(
            List.of("lr=log_uniform(1e-6,1e-2)", "hidden=int(10,20)", "init=choice(he,xavier)"));
    for (Sampler s : Sampler.values()) {
      List<Map<String, Object>> a = s.sample(space, 50, 7);
      assertThat(a).isEqualTo(s.sample(space, 50, 7));
      for (Map<String, Object> p : a) {
        assertThat((Double) p.get("lr")).isBetween(1e-6, 1e-2);
        assertThat((Long) p.get("hidden")).isBetween(10L, 20L);
        assertThat(p.get("init")).isIn("he", "xavier");
      }
      if (s != Sampler.GRID) {
        assertThat(a).hasSize(50).isNotEqualTo(s.sample(space, 50, 8));
      }
    }
  }

  @Test
  void sobolFirstPointsAreTheTextbookOnes() {
    Sobol s = new Sobol(3, new int[3]);
    double[] u = new double[3];
    double[][] expected = {
      {0, 0, 0}, {0.5, 0.5, 0.5}, {0.75, 0.25, 0.25}, {0.25, 0.75, 0.75}, {0.375, 0.375, 0.625}
    };
    for (double[] e : expected) {
      s.next(u);
      assertThat(u).containsExactly(e);
    }
  }

  /**
   * The first 2^m points of a (digitally shifted) Sobol sequence form a (t,m,s)-net: every pair of
   * the first three coordinates puts exactly one point into each 2^-a × 2^-b box with a + b = m (t
   * = 0 for those projections). Random points fail this.
   */
  @Test
  void sobolIsStratifiedAndItsFirstTwoDimensionsFormANet() {
    int m = 8;
    int n = 1 << m;
    for (int[] shift : new int[][] {new int[5], {0x12345678, -7, 99, 1, 2}}) {
      Sobol s = new Sobol(5, shift);
      double[][] pts = new double[n][5];
      for (double[] p : pts) {
        s.next(p);
      }
      for (int a = 0; a <= m; a++) {
        assertThat(isNet(pts, 0, 1, a, m - a)).as("a=%d", a).isTrue();
      }
      for (int d = 0; d < 5; d++) {
        assertThat(isNet(pts, d, d, m, 0)).as("dim %d stratified", d).isTrue();
      }
    }
    double[][] random = new double[n][2];
    SplittableRandom r = new SplittableRandom(1);
    for (double[] p : random) {
      p[0] = r.nextDouble();
      p[1] = r.nextDouble();
    }
    assertThat(isNet(random, 0, 1, 4, 4)).isFalse();
  }

  private static boolean isNet(double[][] pts, int d1, int d2, int a, int b) {
    Set<Long> boxes = new HashSet<>();
    for (double[] p : pts) {
      long i = (long) (p[d1] * (1L << a));
      long j = (long) (p[d2] * (1L << b));
      if (!boxes.add(i * (1L << b) + j)) {
        return false;
      }
    }
    return boxes.size() == pts.length;
  }

  @Test
  void sobolRefusesTooManyKeys() {
    assertThatThrownBy(() -> new Sobol(11, new int[11]))
        .hasMessage("sobol supports 1 to 10 search keys, got 11");
  }

  @Test
  void gridCoversTheProductWithinTheBudget() {
    SearchSpace space =
        SearchSpace.parse(
            List.of("lr=log_uniform(1e-4,1)", "momentum=uniform(0,0.9)", "init=choice(he,xavier)"));
    List<Map<String, Object>> g = Sampler.GRID.sample(space, 20, 0);
    // 2 choices × L² ≤ 20 → L = 3
    assertThat(g).hasSize(18);
    assertThat(new HashSet<>(g)).hasSize(18);
    Set<Object> lrs = new HashSet<>();
    Set<Object> momenta = new HashSet<>();
    for (Map<String, Object> p : g) {
      lrs.add(p.get("lr"));
      momenta.add(p.get("momentum"));
    }
    assertThat(lrs).hasSize(3);
    assertThat(momenta).containsExactlyInAnyOrder(0.0, 0.45, 0.9);
    assertThatThrownBy(
            () -> Sampler.GRID.sample(SearchSpace.parse(List.of("init=choice(a,b,c)")), 2, 0))
        .hasMessage("the grid over the choice keys alone has 3 points, more than --trials 2");
  }

  @Test
  void parsesNames() {
    assertThat(Sampler.parse("coarse-to-fine")).isEqualTo(Sampler.COARSE_TO_FINE);
    assertThat(Sampler.COARSE_TO_FINE.cliName()).isEqualTo("coarse-to-fine");
    assertThatThrownBy(() -> Sampler.parse("bayes"))
        .hasMessage("--sampler must be random, grid, sobol or coarse-to-fine, got 'bayes'");
  }

  @Test
  void halvingRungs() {
    assertThat(Halving.rungs(100, 50, true))
        .containsExactly(
            new Halving.Rung(100, 2),
            new Halving.Rung(33, 6),
            new Halving.Rung(11, 17),
            new Halving.Rung(3, 50));
    assertThat(Halving.rungs(9, 9, true))
        .containsExactly(new Halving.Rung(9, 1), new Halving.Rung(3, 3), new Halving.Rung(1, 9));
    assertThat(Halving.rungs(9, 2, true)).containsExactly(new Halving.Rung(9, 2));
    assertThat(Halving.rungs(9, 2, false)).containsExactly(new Halving.Rung(9, 2));
  }
}
