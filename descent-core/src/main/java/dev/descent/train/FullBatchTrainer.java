package dev.descent.train;

import dev.descent.data.Splits;
import dev.descent.nn.Sequential;
import dev.descent.optim.fullbatch.FullBatchMethod;
import dev.descent.optim.fullbatch.FullBatchMethods;
import dev.descent.optim.fullbatch.Result;
import dev.descent.optim.fullbatch.StopReason;
import dev.descent.optim.fullbatch.Stopping;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Trains a classifier with a full-batch method ({@link FullBatchMethods}: {@code lbfgs}, {@code
 * bfgs}, {@code newton}, {@code cg}, {@code gd_linesearch}, {@code coordinate_descent}) on the
 * {@link NetworkObjective} of the whole training split, and records the run in the {@link
 * Trainer}'s {@link History} format.
 *
 * <p><b>Mapping to the history.</b> A history step is one iteration of the method; its loss is f at
 * the iterate (mean cross-entropy plus the L2 penalty) and its lr is NaN (the line search picks
 * each step length). An evaluation's {@code epoch} counts the function+gradient evaluations spent
 * until then, since each is one pass over the training split — the number to compare with a
 * first-order run's epochs. The splits are evaluated after every iteration (the full-batch analogue
 * of the trainer's epoch ends), or only every {@code evalEvery} iterations and at the end.
 *
 * <p>The method runs to completion first (its iterates are kept on its path), then the evaluations
 * replay the path: so at most {@link #MAX_PATH_VALUES} parameters × (iterations + 1) are allowed.
 * Stopping follows PyTorch's L-BFGS defaults (‖∇f‖∞ ≤ 1e-7, changes ≤ 1e-9, {@link Stopping}) with
 * the given iteration limit and no evaluation limit. The run is deterministic: same model, data and
 * method, same bits.
 *
 * <pre>{@code
 * FullBatchTrainer t = new FullBatchTrainer(model, spec.metadata(), "lbfgs(history=10)", 100, 0,
 *     0, splits.trainLimit(1000));
 * TrainResult r = t.run();
 * t.optimization().reason();
 * }</pre>
 */
public final class FullBatchTrainer {
  /** The most path values (parameters × (iterations + 1)) kept for the evaluations: 400 MB. */
  public static final long MAX_PATH_VALUES = 50_000_000L;

  private final Sequential model;
  private final FullBatchMethod method;
  private final long iterations;
  private final long evalEvery;
  private final Splits data;
  private final NetworkObjective objective;
  private final Evaluator evaluator;
  private final History history;
  private TrainListener listener = new TrainListener() {};
  private Result optimization;

  /**
   * @param model the network, initialized (dropout and batch norm are rejected)
   * @param architecture how the model was built; written into the history's info
   * @param method a full-batch method spec, e.g. {@code lbfgs(history=10)}
   * @param iterations the method's iteration limit, in [1, 2147483647]
   * @param weightDecay λ of the L2 penalty ½λ‖W‖², in [0, inf)
   * @param evalEvery evaluate every this many iterations (0: after every iteration), ≥ 0
   * @param data the splits; the whole training split is the batch
   * @throws IllegalArgumentException for an unknown method, a value out of range, a training split
   *     over {@link NetworkObjective#MAX_EXAMPLES} examples, or a path over {@link
   *     #MAX_PATH_VALUES} values
   */
  public FullBatchTrainer(
      Sequential model,
      Map<String, String> architecture,
      String method,
      long iterations,
      double weightDecay,
      long evalEvery,
      Splits data) {
    this.model = Objects.requireNonNull(model, "model");
    this.data = Objects.requireNonNull(data, "data");
    this.method = FullBatchMethods.create(method);
    if (iterations < 1 || iterations > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "iterations must be in [1, " + Integer.MAX_VALUE + "], got " + iterations);
    }
    if (evalEvery < 0) {
      throw new IllegalArgumentException("evalEvery must be >= 0, got " + evalEvery);
    }
    this.iterations = iterations;
    this.evalEvery = evalEvery;
    this.objective = new NetworkObjective(model, data.train(), weightDecay);
    long pathValues = (long) objective.dimension() * (iterations + 1);
    if (pathValues > MAX_PATH_VALUES) {
      throw new IllegalArgumentException(
          "a full-batch run keeps every iterate: parameters x (iterations + 1) must be at most "
              + MAX_PATH_VALUES
              + ", got "
              + objective.dimension()
              + " x "
              + (iterations + 1)
              + "; use fewer iterations or a smaller model");
    }
    int classes = Math.max(data.train().classes(), data.test().classes());
    this.evaluator =
        new Evaluator(data.train().features(), classes, Math.min(1024, data.train().size()));
    Map<String, String> info = new LinkedHashMap<>();
    info.put("optimizer", this.method.description());
    info.put("full_batch", "true");
    info.put("iterations", Long.toString(iterations));
    info.put("weight_decay", Double.toString(weightDecay));
    info.put("eval_every", Long.toString(evalEvery));
    info.putAll(Objects.requireNonNull(architecture, "architecture"));
    info.put("train_examples", Integer.toString(data.train().size()));
    info.put(
        "validation_examples",
        Integer.toString(data.hasValidation() ? data.validation().size() : 0));
    info.put("test_examples", Integer.toString(data.test().size()));
    this.history = new History(info);
  }

  /** Sends progress callbacks to {@code l} (steps and evaluations arrive after the method ends). */
  public FullBatchTrainer listener(TrainListener l) {
    this.listener = Objects.requireNonNull(l, "listener");
    return this;
  }

  /** The model being trained. */
  public Sequential model() {
    return model;
  }

  /** The run's history. */
  public History history() {
    return history;
  }

  /** The objective the method minimises. */
  public NetworkObjective objective() {
    return objective;
  }

  /** The method's result (path, evaluation count, stop reason), or null before {@link #run()}. */
  public Result optimization() {
    return optimization;
  }

  /**
   * Runs the method from the model's current weights, leaves the final iterate in the model and
   * evaluates the splits along the path.
   *
   * @throws IllegalStateException when called twice
   * @throws DivergenceException when the loss is not finite at the start
   */
  public TrainResult run() {
    if (optimization != null) {
      throw new IllegalStateException("a FullBatchTrainer runs once");
    }
    listener.onStart(0, iterations);
    double[] start = objective.parameters();
    Stopping stop =
        new Stopping(
            (int) iterations, Long.MAX_VALUE, Stopping.TOLERANCE_GRAD, Stopping.TOLERANCE_CHANGE);
    long t0 = System.nanoTime();
    try {
      optimization = method.minimize(objective, start, stop);
    } catch (IllegalArgumentException e) {
      throw new DivergenceException(
          "the training loss is not finite at the start (" + e.getMessage() + ")", 0);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Result r = optimization;
    int done = r.iterations();
    long samples = r.evaluations() * (long) data.train().size();
    double sps = seconds > 0 ? samples / seconds : Double.NaN;
    evaluateAt(0, r);
    for (int i = 1; i <= done; i++) {
      history.addStep(r.value(i), Double.NaN);
      listener.onStep(i, r.evaluations(i - 1), r.value(i), Double.NaN, sps);
      if (i == done || evalEvery == 0 || i % evalEvery == 0) {
        evaluateAt(i, r);
      }
    }
    objective.load(r.x());
    boolean early = r.reason() != StopReason.MAX_ITERATIONS;
    TrainResult result =
        new TrainResult(
            done,
            r.evaluations(),
            early,
            history.lastEvaluation(),
            seconds,
            samples,
            Weights.sha256(model));
    listener.onEnd(result);
    return result;
  }

  private void evaluateAt(int i, Result r) {
    objective.load(r.point(i));
    Metrics train = evaluator.evaluate(model, data.train(), null);
    Metrics validation =
        data.hasValidation() ? evaluator.evaluate(model, data.validation(), null) : null;
    Metrics test = evaluator.evaluate(model, data.test(), null);
    History.Evaluation e =
        new History.Evaluation(i, r.evaluations(i), true, Double.NaN, train, validation, test);
    history.addEvaluation(e);
    listener.onEvaluation(e);
  }
}
