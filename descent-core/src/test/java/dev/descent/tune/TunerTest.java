package dev.descent.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.nn.Activation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TunerTest {

  static Tuner.Outcome run(TuneConfig config, Path dir, boolean resume) throws IOException {
    Files.createDirectories(dir);
    try (Journal j = Journal.open(dir.resolve(Journal.FILE), config.settings(), resume)) {
      return new Tuner(config, TinyTune.template(), TinyTune.spiral(8))
          .run(j, new Tuner.Listener() {});
    }
  }

  static void assertSame(List<TrialResult> a, List<TrialResult> b) {
    assertThat(a).hasSameSizeAs(b);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i).sameOutcome(b.get(i)))
          .as("result %d: %s vs %s", i, a.get(i), b.get(i))
          .isTrue();
    }
  }

  @Test
  void resultsAreIdenticalForOneAndTwoParallelTrials(@TempDir Path dir) throws IOException {
    Tuner.Outcome one =
        run(TinyTune.config(Sampler.RANDOM, 6, 1, false, 1), dir.resolve("1"), false);
    Tuner.Outcome two =
        run(TinyTune.config(Sampler.RANDOM, 6, 1, false, 2), dir.resolve("2"), false);
    assertSame(one.results(), two.results());
    assertSame(one.finals(), two.finals());
    // the trials really differ, so equality is not trivial
    Set<Double> scores = new HashSet<>();
    for (TrialResult r : one.results()) {
      scores.add(r.validationAccuracy());
      assertThat(r.validationCurve()).hasSize(3);
    }
    assertThat(scores.size()).isGreaterThan(1);
  }

  @Test
  void halvingAndCoarseToFineAreIdenticalAcrossParallelism(@TempDir Path dir) throws IOException {
    TuneConfig c1 =
        new TuneConfig(TinyTune.space(), Sampler.COARSE_TO_FINE, 18, 2, 3, 3, true, 1, 5);
    TuneConfig c2 =
        new TuneConfig(TinyTune.space(), Sampler.COARSE_TO_FINE, 18, 2, 3, 3, true, 2, 5);
    Tuner.Outcome a = run(c1, dir.resolve("1"), false);
    Tuner.Outcome b = run(c2, dir.resolve("2"), false);
    assertSame(a.results(), b.results());
    assertThat(a.spaces()).isEqualTo(b.spaces());
  }

  @Test
  void halvingPromotesTheBestThirdOfEachRung(@TempDir Path dir) throws IOException {
    // 9 configurations, 3 epochs: 9 train 1 epoch, the best 3 train 3 epochs
    Tuner.Outcome o = run(TinyTune.config(Sampler.RANDOM, 9, 1, true, 2), dir, false);
    List<TrialResult> first = new ArrayList<>();
    Set<Integer> promoted = new HashSet<>();
    for (TrialResult r : o.results()) {
      if (r.epochs() == 1) {
        first.add(r);
      } else {
        assertThat(r.epochs()).isEqualTo(3);
        promoted.add(r.trial());
      }
    }
    assertThat(first).hasSize(9);
    first.sort(Tuner.RANKING);
    Set<Integer> top3 = new HashSet<>();
    for (TrialResult r : first.subList(0, 3)) {
      top3.add(r.trial());
    }
    assertThat(promoted).isEqualTo(top3);
    assertThat(o.finals()).hasSize(9);
    assertThat(o.best().epochs()).isEqualTo(3);
    assertThat(Files.readAllLines(dir.resolve(Journal.FILE))).hasSize(1 + 12);
  }

  @Test
  void coarseToFineNarrowsAroundTheBestOfTheRound(@TempDir Path dir) throws IOException {
    TuneConfig c =
        new TuneConfig(TinyTune.space(), Sampler.COARSE_TO_FINE, 12, 2, 2, 2, false, 2, 9);
    Tuner.Outcome o = run(c, dir, false);
    assertThat(o.spaces()).hasSize(2);
    List<TrialResult> round0 = new ArrayList<>();
    for (TrialResult r : o.results()) {
      if (r.round() == 0) {
        round0.add(r);
      } else {
        assertThat(r.trial()).isGreaterThanOrEqualTo(6);
      }
    }
    assertThat(round0).hasSize(6);
    round0.sort(Tuner.RANKING);
    SearchSpace before = o.spaces().get(0);
    SearchSpace after = o.spaces().get(1);
    for (String key : before.keys()) {
      Distribution.LogUniform b = (Distribution.LogUniform) before.range(key);
      Distribution.LogUniform a = (Distribution.LogUniform) after.range(key);
      assertThat(a.lo()).isGreaterThanOrEqualTo(b.lo());
      assertThat(a.hi()).isLessThanOrEqualTo(b.hi());
      assertThat(Math.log(a.hi() / a.lo())).isLessThan(Math.log(b.hi() / b.lo()));
      for (TrialResult top : round0.subList(0, 2)) {
        assertThat((Double) top.params().get(key)).isBetween(a.lo(), a.hi());
      }
    }
    for (TrialResult r : o.results()) {
      if (r.round() == 1) {
        for (String key : after.keys()) {
          Distribution.LogUniform a = (Distribution.LogUniform) after.range(key);
          assertThat((Double) r.params().get(key)).isBetween(a.lo(), a.hi());
        }
      }
    }
  }

  @Test
  void warnsWhenTheBestSitsAtAnEdge() {
    SearchSpace s = TinyTune.space();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("lr", 0.9);
    p.put("weight_decay", 1e-4);
    assertThat(Tuner.edgeWarnings(s, p))
        .containsExactly(
            "the best lr=0.9 sits at the upper edge of log_uniform(0.001,1); widen the range and"
                + " search again");
    p.put("lr", 0.03);
    p.put("weight_decay", 1.1e-6);
    assertThat(Tuner.edgeWarnings(s, p)).hasSize(1).first().asString().contains("lower edge");
    p.put("weight_decay", 1e-4);
    assertThat(Tuner.edgeWarnings(s, p)).isEmpty();
  }

  @Test
  void trialsNeverSeeTheTestSplit(@TempDir Path dir) throws IOException {
    TuneConfig c = TinyTune.config(Sampler.SOBOL, 4, 1, false, 2);
    List<TrialResult> a;
    List<TrialResult> b;
    try (Journal j = Journal.open(dir.resolve("a.jsonl"), c.settings(), false)) {
      a =
          new Tuner(c, TinyTune.template(), TinyTune.spiral(8))
              .run(j, new Tuner.Listener() {})
              .results();
    }
    Tuner other = new Tuner(c, TinyTune.template(), TinyTune.spiral(1234));
    try (Journal j = Journal.open(dir.resolve("b.jsonl"), c.settings(), false)) {
      b = other.run(j, new Tuner.Listener() {}).results();
    }
    assertSame(a, b);
    double t1 = new Tuner(c, TinyTune.template(), TinyTune.spiral(8)).testAccuracy(a.get(0));
    double t2 = other.testAccuracy(a.get(0));
    assertThat(t1).isNotEqualTo(t2); // the test split matters only here
  }

  @Test
  void theBestTrialsModelIsKeptAndScoresAsItsRetrainingWould(@TempDir Path dir) throws IOException {
    TuneConfig c = TinyTune.config(Sampler.RANDOM, 6, 1, false, 2);
    Tuner tuner = new Tuner(c, TinyTune.template(), TinyTune.spiral(8));
    Tuner.Outcome o;
    try (Journal j = Journal.open(dir.resolve(Journal.FILE), c.settings(), false)) {
      o = tuner.run(j, new Tuner.Listener() {});
    }
    assertThat(tuner.keptModel(o.best())).isNotNull();
    for (TrialResult r : o.finals().subList(1, o.finals().size())) {
      assertThat(tuner.keptModel(r)).as("trial %d", r.trial()).isNull();
    }
    // a tuner that ran nothing trains the configuration again with its seed
    Tuner fresh = new Tuner(c, TinyTune.template(), TinyTune.spiral(8));
    assertThat(fresh.keptModel(o.best())).isNull();
    assertThat(tuner.testAccuracy(o.best())).isEqualTo(fresh.testAccuracy(o.best()));
    // and so does the tuner for a trial that is not its best
    TrialResult second = o.finals().get(1);
    assertThat(tuner.testAccuracy(second)).isEqualTo(fresh.testAccuracy(second));
  }

  @Test
  void theBestOfAHalvingSearchIsKeptAtItsLastRung(@TempDir Path dir) throws IOException {
    TuneConfig c = TinyTune.config(Sampler.RANDOM, 9, 1, true, 2);
    Tuner tuner = new Tuner(c, TinyTune.template(), TinyTune.spiral(8));
    Tuner.Outcome o;
    try (Journal j = Journal.open(dir.resolve(Journal.FILE), c.settings(), false)) {
      o = tuner.run(j, new Tuner.Listener() {});
    }
    assertThat(o.best().epochs()).isEqualTo(3);
    assertThat(tuner.keptModel(o.best())).isNotNull();
    assertThat(tuner.testAccuracy(o.best()))
        .isEqualTo(new Tuner(c, TinyTune.template(), TinyTune.spiral(8)).testAccuracy(o.best()));
  }

  @Test
  void trialsStartLargestNetworkFirst(@TempDir Path dir) throws IOException {
    TuneConfig c =
        new TuneConfig(
            SearchSpace.parse(List.of("lr=log_uniform(1e-3,1)", "hidden=int(2,40)")),
            Sampler.RANDOM,
            8,
            1,
            2,
            1,
            false,
            1,
            3);
    Tuner tuner = new Tuner(c, TinyTune.template(), TinyTune.spiral(8));
    // the spiral's 2 features, one hidden layer of h units, 3 classes: 2h + 3h weights
    assertThat(tuner.weights(Map.of("hidden", 16L))).isEqualTo(80);
    assertThat(tuner.weights(Map.of("hidden", 5L))).isEqualTo(25);
    List<TrialResult> started = new ArrayList<>();
    Tuner.Outcome o;
    try (Journal j = Journal.open(dir.resolve(Journal.FILE), c.settings(), false)) {
      o =
          tuner.run(
              j,
              new Tuner.Listener() {
                @Override
                public void onTrial(TrialResult r, int done, int total, TrialResult best) {
                  started.add(r); // one thread: trials finish in the order they start
                }
              });
    }
    assertThat(started).hasSize(8);
    for (int i = 1; i < started.size(); i++) {
      long before = (Long) started.get(i - 1).params().get("hidden");
      long now = (Long) started.get(i).params().get("hidden");
      assertThat(now).isLessThanOrEqualTo(before);
      if (now == before) {
        assertThat(started.get(i).trial()).isGreaterThan(started.get(i - 1).trial());
      }
    }
    // not the sampling order, so the order was not given
    assertThat(started)
        .extracting(TrialResult::trial)
        .isNotEqualTo(List.of(0, 1, 2, 3, 4, 5, 6, 7));
    assertThat(o.results()).extracting(TrialResult::trial).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
  }

  @Test
  void resumeRunsOnlyTheMissingTrials(@TempDir Path dir) throws IOException {
    TuneConfig c = TinyTune.config(Sampler.RANDOM, 6, 1, false, 2);
    Tuner.Outcome full = run(c, dir.resolve("full"), false);
    Path part = dir.resolve("part");
    Files.createDirectories(part);
    List<String> lines = Files.readAllLines(dir.resolve("full").resolve(Journal.FILE));
    // keep the header and three trials, then a torn fourth
    Files.writeString(
        part.resolve(Journal.FILE),
        String.join("\n", lines.subList(0, 4)) + "\n" + lines.get(4).substring(0, 30));
    List<Integer> ran = new ArrayList<>();
    Set<Integer> fromJournal = new HashSet<>();
    for (String l : lines.subList(1, 4)) {
      fromJournal.add(TrialResult.fromJson(l).trial());
    }
    Tuner.Outcome resumed;
    try (Journal j = Journal.open(part.resolve(Journal.FILE), c.settings(), true)) {
      assertThat(j.tornBytes()).isEqualTo(30);
      resumed =
          new Tuner(c, TinyTune.template(), TinyTune.spiral(8))
              .run(
                  j,
                  new Tuner.Listener() {
                    @Override
                    public void onTrial(TrialResult r, int done, int total, TrialResult best) {
                      if (!fromJournal.contains(r.trial())) {
                        ran.add(r.trial());
                      }
                      assertThat(total).isEqualTo(6);
                    }
                  });
    }
    assertThat(ran).hasSize(3).doesNotContainAnyElementsOf(fromJournal);
    assertThat(full.trained()).isEqualTo(6);
    assertThat(resumed.trained()).isEqualTo(3);
    assertSame(full.results(), resumed.results());
    List<String> after = Files.readAllLines(part.resolve(Journal.FILE));
    assertThat(after).hasSize(7);
    Set<Integer> ids = new HashSet<>();
    for (String l : after.subList(1, 7)) {
      assertThat(ids.add(TrialResult.fromJson(l).trial())).isTrue();
    }
  }

  @Test
  void badSearchSpacesFailBeforeAnyTrial() {
    TuneConfig c =
        new TuneConfig(
            SearchSpace.parse(List.of("beta1=uniform(0,1)")),
            Sampler.RANDOM,
            2,
            1,
            1,
            1,
            false,
            1,
            0);
    assertThatThrownBy(() -> new Tuner(c, TinyTune.template(), TinyTune.spiral(8)))
        .hasMessageStartingWith("--space key beta1 is not a parameter of sgd(");
    TuneConfig s =
        new TuneConfig(
            SearchSpace.parse(List.of("schedule.gamma=uniform(0,1)")),
            Sampler.RANDOM,
            2,
            1,
            1,
            1,
            false,
            1,
            0);
    assertThatThrownBy(() -> new Tuner(s, TinyTune.template(), TinyTune.spiral(8)))
        .hasMessage("--space schedule.gamma needs a --schedule");
    assertThatThrownBy(
            () -> new TuneConfig(TinyTune.space(), Sampler.RANDOM, 4, 2, 1, 1, false, 1, 0))
        .hasMessage("--rounds 2 needs --sampler coarse-to-fine, got random");
  }

  @Test
  void keysReachTheOptimizerScheduleModelAndTrainer() {
    TrialTemplate t =
        new TrialTemplate(
            new int[] {100, 100},
            Activation.RELU,
            "normal(std=0.01)",
            false,
            0,
            "momentum(lr=0.1)",
            "step(lr=0.1,step_size=10)",
            128,
            0);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("lr", 0.003);
    p.put("optimizer.momentum", 0.5);
    p.put("schedule.gamma", 0.5);
    p.put("init.std", 0.1);
    p.put("hidden", 20L);
    p.put("layers", 3L);
    p.put("weight_decay", 1e-5);
    p.put("batch", 32L);
    TrialTemplate.Setup s = t.setup(p, 2, 3, 4, 77);
    assertThat(s.config().optimizer()).isEqualTo("momentum(lr=0.003,momentum=0.5)");
    assertThat(s.config().schedule()).isEqualTo("step(lr=0.1,step_size=10,gamma=0.5)");
    assertThat(s.model().init()).isEqualTo("normal(std=0.1)");
    assertThat(s.model().hidden()).containsExactly(20, 20, 20);
    assertThat(s.config().weightDecay()).isEqualTo(1e-5);
    assertThat(s.config().batchSize()).isEqualTo(32);
    assertThat(s.config().epochs()).isEqualTo(4);
    assertThat(s.config().seed()).isEqualTo(77);
    assertThat(s.model().seed()).isEqualTo(77);
  }
}
