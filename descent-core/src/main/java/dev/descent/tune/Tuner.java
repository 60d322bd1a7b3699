package dev.descent.tune;

import dev.descent.concurrent.Workers;
import dev.descent.data.Splits;
import dev.descent.nn.Sequential;
import dev.descent.train.DivergenceException;
import dev.descent.train.Evaluator;
import dev.descent.train.History;
import dev.descent.train.TrainResult;
import dev.descent.train.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Hyperparameter search (MISSION §6): samples parameter sets, trains each briefly with the same
 * {@link Trainer} {@code descent train} uses, scores it by validation accuracy, and optionally
 * narrows the ranges around the best (coarse-to-fine) or stops bad trials early ({@link Halving}).
 *
 * <p><b>Never the test split.</b> Trials see only the training and validation splits (the trainer's
 * test slot is given the validation split); {@link #testAccuracy} evaluates the chosen
 * configuration on the test split once, afterwards. The search keeps the model of its best trial so
 * far, so that last step needs no retraining unless the best trial was read from the journal.
 *
 * <p><b>Determinism.</b> The points come from the sampler seeded with (seed, round), each trial's
 * training seed from (seed, trial number), and every ranking breaks ties by trial number, so the
 * trials and their results are the same for any {@link TuneConfig#parallel()}; only the order of
 * the journal's lines varies.
 *
 * <p><b>Threads.</b> Trials run on a pool of {@code parallel} threads; each trial's math runs on
 * its own thread. Within a round (or halving rung) trials start largest network first, so the
 * longest ones do not run alone at the end while the other threads idle. With the native BLAS, set
 * {@code OPENBLAS_NUM_THREADS=1} before the JVM starts ({@code bin/descent tune} does) so parallel
 * trials do not compete for cores.
 *
 * <pre>{@code
 * SearchSpace space = SearchSpace.parse(List.of("lr=log_uniform(1e-6,1e-2)"));
 * TuneConfig config = new TuneConfig(space, Sampler.RANDOM, 100, 1, 20, 50, false, 2, 0);
 * try (Journal j = Journal.open(dir.resolve(Journal.FILE), config.settings(), false)) {
 *   Tuner.Outcome o = new Tuner(config, template, splits).run(j, new Tuner.Listener() {});
 * }
 * }</pre>
 */
public final class Tuner {
  private final TuneConfig config;
  private final TrialTemplate template;
  private final Splits data;
  private final Splits trialData;
  private final int classes;
  private Progress progress;

  /** Progress callbacks; called from worker threads one at a time. */
  public interface Listener {
    /**
     * A trial finished (or was read from the journal); {@code best} is the best final one so far.
     */
    default void onTrial(TrialResult r, int done, int total, TrialResult best) {}

    /** A round starts with these ranges. */
    default void onRound(int round, SearchSpace space) {}
  }

  /**
   * The outcome of a search.
   *
   * @param results every trial result (with halving, one per rung a trial reached), by trial and
   *     epochs
   * @param finals each trial's result at the largest budget it reached, ranked best first
   * @param spaces the ranges of each round
   * @param warnings ranges whose best value sits at an edge
   * @param trained how many of the results this search trained (the others were read from the
   *     journal)
   */
  public record Outcome(
      List<TrialResult> results,
      List<TrialResult> finals,
      List<SearchSpace> spaces,
      List<String> warnings,
      int trained) {
    /** The best trial. */
    public TrialResult best() {
      return finals.get(0);
    }
  }

  /**
   * @param config how to search
   * @param template the fixed settings every trial starts from
   * @param data the splits; the validation split must exist
   * @throws IllegalArgumentException when there is no validation split or a key is unknown
   */
  public Tuner(TuneConfig config, TrialTemplate template, Splits data) {
    if (!data.hasValidation()) {
      throw new IllegalArgumentException(
          "tuning needs a validation split (--validation in (0, 1)); it never scores on test");
    }
    template.check(config.space());
    this.config = config;
    this.template = template;
    this.data = data;
    this.trialData = new Splits(data.train(), data.validation(), data.validation());
    this.classes = Math.max(data.train().classes(), data.test().classes());
    // a trial at the centre of the space must build, so a missing required value (sgd's lr
    // neither given nor searched) fails before any trial runs
    double[] centre = new double[config.space().dimensions()];
    Arrays.fill(centre, 0.5);
    template.setup(config.space().at(centre), data.train().features(), classes, 1, 0);
  }

  /** The number of trainings the search runs (with halving, counting every rung). */
  public int totalRuns() {
    int total = 0;
    for (int r = 0; r < config.rounds(); r++) {
      int n = config.trialsInRound(r);
      if (config.sampler() == Sampler.GRID) {
        n = config.sampler().sample(config.space(), n, 0).size();
      }
      for (Halving.Rung g : Halving.rungs(n, config.epochs(), config.halving())) {
        total += g.configs();
      }
    }
    return total;
  }

  /**
   * Runs the search, skipping the trials the journal holds and appending every new one.
   *
   * @throws UncheckedIOException when the journal cannot be written
   * @throws IllegalArgumentException when a sampled value is invalid for its setting
   */
  public Outcome run(Journal journal, Listener listener) {
    Map<String, TrialResult> known = new HashMap<>();
    for (TrialResult r : journal.finished()) {
      known.put(r.trial() + "/" + r.epochs(), r);
    }
    Progress progress = new Progress(listener, totalRuns());
    this.progress = progress;
    List<SearchSpace> spaces = new ArrayList<>();
    List<TrialResult> results = new ArrayList<>();
    List<TrialResult> finals = new ArrayList<>();
    SearchSpace space = config.space();
    Sampler sampler =
        config.sampler() == Sampler.COARSE_TO_FINE ? Sampler.RANDOM : config.sampler();
    ExecutorService pool = Executors.newFixedThreadPool(config.parallel());
    try {
      int offset = 0;
      for (int round = 0; round < config.rounds(); round++) {
        spaces.add(space);
        listener.onRound(round, space);
        List<Map<String, Object>> points =
            sampler.sample(space, config.trialsInRound(round), mix(config.seed(), -1 - round));
        List<Integer> alive = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
          alive.add(i);
        }
        List<TrialResult> roundFinals = new ArrayList<>(Collections.nCopies(points.size(), null));
        List<Halving.Rung> rungs = Halving.rungs(points.size(), config.epochs(), config.halving());
        for (Halving.Rung rung : rungs) {
          alive = alive.subList(0, Math.min(alive.size(), rung.configs()));
          // the largest networks first, so that no long trial starts last while other threads idle
          List<Integer> order = new ArrayList<>(alive);
          order.sort(Comparator.comparingLong(i -> -weights(points.get(i))));
          List<Future<TrialResult>> futures = new ArrayList<>();
          for (int i : order) {
            int id = offset + i;
            Map<String, Object> params = points.get(i);
            TrialResult done = known.get(id + "/" + rung.epochs());
            if (done != null && !done.params().equals(params)) {
              throw new IllegalStateException(
                  journal.file() + " holds trial " + id + " with other parameters");
            }
            int r = round;
            futures.add(
                pool.submit(
                    () -> {
                      if (done != null) {
                        progress.finished(done, null, true);
                        return done;
                      }
                      Trained t = runTrial(id, r, params, rung.epochs());
                      journal.append(t.result());
                      progress.finished(t.result(), t.model(), false);
                      return t.result();
                    }));
          }
          List<TrialResult> rungResults = new ArrayList<>();
          for (Future<TrialResult> f : futures) {
            rungResults.add(await(f));
          }
          results.addAll(rungResults);
          for (TrialResult t : rungResults) {
            roundFinals.set(t.trial() - offset, t);
          }
          rungResults.sort(RANKING);
          alive = new ArrayList<>();
          for (TrialResult t : rungResults) {
            alive.add(t.trial() - offset);
          }
        }
        List<TrialResult> ranked = ranked(roundFinals, rungs.size() > 1);
        finals.addAll(roundFinals);
        if (round + 1 < config.rounds()) {
          List<Map<String, Object>> best = new ArrayList<>();
          for (TrialResult t : ranked.subList(0, Math.min(config.top(), ranked.size()))) {
            best.add(t.params());
          }
          space = space.narrow(best);
        }
        offset += points.size();
      }
    } finally {
      pool.shutdownNow();
    }
    List<TrialResult> rankedFinals = ranked(finals, config.halving());
    results.sort(
        Comparator.comparingInt(TrialResult::trial).thenComparingLong(TrialResult::epochs));
    return new Outcome(
        results,
        rankedFinals,
        spaces,
        edgeWarnings(config.space(), rankedFinals.get(0).params()),
        progress.trained());
  }

  /** Best first: higher validation accuracy, then lower trial number. */
  static final Comparator<TrialResult> RANKING =
      Comparator.comparingDouble(TrialResult::score)
          .reversed()
          .thenComparingInt(TrialResult::trial);

  /** Ranked by the largest budget reached first (halving), then {@link #RANKING}. */
  private static List<TrialResult> ranked(List<TrialResult> finals, boolean byBudget) {
    List<TrialResult> out = new ArrayList<>(finals);
    Comparator<TrialResult> c = RANKING;
    if (byBudget) {
      c = Comparator.comparingLong(TrialResult::epochs).reversed().thenComparing(RANKING);
    }
    out.sort(c);
    return out;
  }

  /**
   * A warning for each continuous range of {@code space} whose value in {@code best} lies in the
   * outer 5% of the range (on its sampling scale): the optimum may lie outside it.
   */
  static List<String> edgeWarnings(SearchSpace space, Map<String, Object> best) {
    List<String> out = new ArrayList<>();
    for (String key : space.keys()) {
      Distribution range = space.range(key);
      double pos = range.position(best.get(key));
      if (Double.isNaN(pos) || range instanceof Distribution.IntRange) {
        continue;
      }
      if (pos <= 0.05 || pos >= 0.95) {
        out.add(
            String.format(
                Locale.ROOT,
                "the best %s=%s sits at the %s edge of %s; widen the range and search again",
                key,
                Distribution.format(best.get(key)),
                pos <= 0.05 ? "lower" : "upper",
                range));
      }
    }
    return out;
  }

  /**
   * The number of weights of the network {@code params} builds: a trial's cost per epoch, up to a
   * factor (the data and the epochs are the same for every trial of a rung).
   */
  long weights(Map<String, Object> params) {
    TrialTemplate.Setup s = template.setup(params, data.train().features(), classes, 1, 0);
    long weights = 0;
    int in = s.model().inputs();
    for (int width : s.model().hidden()) {
      weights += (long) in * width;
      in = width;
    }
    return weights + (long) in * s.model().outputs();
  }

  /** A trial's result and its trained model (null when it diverged). */
  private record Trained(TrialResult result, Sequential model) {}

  /** Trains one trial on the training split and scores it on the validation split. */
  private Trained runTrial(int id, int round, Map<String, Object> params, long epochs) {
    long seed = mix(config.seed(), id);
    TrialTemplate.Setup s = template.setup(params, data.train().features(), classes, epochs, seed);
    // Trials run --parallel at once, each on its own thread.
    Trainer trainer =
        new Trainer(s.model().build(), s.model().metadata(), s.config(), trialData)
            .workers(Workers.serial());
    long t0 = System.nanoTime();
    String diverged = null;
    try {
      trainer.run();
    } catch (DivergenceException e) {
      diverged = e.getMessage();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<Double> val = new ArrayList<>();
    List<Double> train = new ArrayList<>();
    for (History.Evaluation e : trainer.history().evaluations()) {
      if (e.epochEnd()) {
        val.add(e.validation().accuracy());
        train.add(e.train().accuracy());
      }
    }
    History.Evaluation last = trainer.history().lastEvaluation();
    boolean ok = diverged == null && last != null;
    TrialResult result =
        new TrialResult(
            id,
            round,
            epochs,
            seed,
            params,
            ok ? last.validation().accuracy() : Double.NaN,
            ok ? last.validation().loss() : Double.NaN,
            ok ? last.train().accuracy() : Double.NaN,
            ok ? last.train().loss() : Double.NaN,
            diverged,
            seconds,
            val.stream().mapToDouble(Double::doubleValue).toArray(),
            train.stream().mapToDouble(Double::doubleValue).toArray());
    return new Trained(result, ok ? trainer.model() : null);
  }

  /**
   * Evaluates {@code best}'s trained model on the test split: the one time the test split is used.
   * When {@code best} is the best trial {@link #run} trained, its model was kept and is evaluated
   * as it is; otherwise (a trial read from the journal, or no search run by this tuner) its
   * configuration is trained again with its seed on the same data, which gives the same model and
   * so the same accuracy.
   *
   * @return the test accuracy
   */
  public double testAccuracy(TrialResult best) {
    TrialTemplate.Setup s =
        template.setup(best.params(), data.train().features(), classes, best.epochs(), best.seed());
    Sequential kept = keptModel(best);
    if (kept != null) {
      // the trainer's own evaluation batch size, so the logits are the same bits as in training
      Evaluator evaluator = new Evaluator(data.train().features(), classes, s.config().batchSize());
      return evaluator.evaluate(kept, data.test(), null).accuracy();
    }
    Trainer trainer = new Trainer(s.model().build(), s.model().metadata(), s.config(), data);
    TrainResult r = trainer.run();
    return r.last().test().accuracy();
  }

  /** The model {@link #run} trained for {@code r} if it kept it (its best trial), else null. */
  Sequential keptModel(TrialResult r) {
    return progress == null ? null : progress.modelOf(r);
  }

  private static TrialResult await(Future<TrialResult> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a trial", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException) {
        throw (RuntimeException) c;
      }
      if (c instanceof IOException) {
        throw new UncheckedIOException((IOException) c);
      }
      throw new IllegalStateException(c);
    }
  }

  /** SplitMix64's finalizer over (seed, n): unrelated seeds for trials and rounds. */
  static long mix(long seed, long n) {
    long z = seed * 0x9e3779b97f4a7c15L + (n + 1) * 0xbf58476d1ce4e5b9L + 0x74756e65L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /**
   * Counts finished trials and tracks the best with its model (null when read from the journal),
   * calling the listener under one lock. The best is the one {@link Outcome#best()} ranks first:
   * the largest budget, then {@link #RANKING}; only a trial's last rung can be it.
   */
  private static final class Progress {
    private final Listener listener;
    private final int total;
    private int done;
    private int trained;
    private TrialResult best;
    private Sequential bestModel;

    Progress(Listener listener, int total) {
      this.listener = listener;
      this.total = total;
    }

    synchronized void finished(TrialResult r, Sequential model, boolean fromJournal) {
      done++;
      if (!fromJournal) {
        trained++;
      }
      if (best == null
          || r.epochs() > best.epochs()
          || (r.epochs() == best.epochs() && RANKING.compare(r, best) < 0)) {
        best = r;
        bestModel = model;
      }
      listener.onTrial(r, done, total, best);
    }

    synchronized int trained() {
      return trained;
    }

    synchronized Sequential modelOf(TrialResult r) {
      return best != null && bestModel != null && best.sameOutcome(r) ? bestModel : null;
    }
  }
}
