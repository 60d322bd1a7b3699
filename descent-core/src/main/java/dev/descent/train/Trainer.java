package dev.descent.train;

import dev.descent.concurrent.Workers;
import dev.descent.data.BatchIterator;
import dev.descent.data.Dataset;
import dev.descent.data.Splits;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.loss.WeightDecay;
import dev.descent.nn.Context;
import dev.descent.nn.Dropout;
import dev.descent.nn.Layer;
import dev.descent.nn.Parameter;
import dev.descent.nn.Sequential;
import dev.descent.optim.Averaging;
import dev.descent.optim.Optimizer;
import dev.descent.optim.OptimizerState;
import dev.descent.optim.Optimizers;
import dev.descent.optim.WeightAverage;
import dev.descent.schedule.Plateau;
import dev.descent.schedule.Schedule;
import dev.descent.schedule.Schedules;
import dev.descent.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Trains a classifier: mini-batches from a {@link BatchIterator}, softmax cross-entropy (plus the
 * optional L2 penalty ½λ‖W‖²), one optimizer step per batch, evaluation of train/validation/test
 * loss and accuracy at every epoch end, a full {@link History}, and checkpoints that let a killed
 * run continue bit for bit.
 *
 * <p><b>One step:</b> {@code logits = model(x, training)}, {@code L = CE(logits, y) + ½λ‖W‖²},
 * backward, divergence check on L, {@code optimizer.step} on the workers, divergence check on the
 * weights it wrote (reported by the update itself). The learning rate of step t (0-based) is the
 * schedule's {@code valueAt(t)}, or for {@code plateau} the rate it has settled on after the epochs
 * so far.
 *
 * <p><b>Determinism.</b> Everything random derives from {@link TrainConfig#seed()}: the data order
 * is a function of (seed, epoch, position) ({@link BatchIterator}), and the dropout masks of step t
 * come from a generator seeded with a SplitMix64 mix of (seed, t). The same model, data and config
 * therefore give bit-identical weights, and no generator state needs saving beyond the step count.
 * The layers split each batch over the {@link #workers} in blocks fixed by the shapes, so the
 * thread count does not change the weights either. (The per-step generator is the one object a step
 * allocates, and only for models with dropout; {@link java.util.SplittableRandom} cannot be
 * reseeded in place.)
 *
 * <p><b>Monitored metric.</b> Plateau schedules and early stopping watch the validation loss (or
 * accuracy for {@code plateau(mode=max)}) at each epoch end; without a validation split, the
 * training split's. Never the test split.
 *
 * <p><b>Checkpoints</b> ({@link #checkpointDir}): {@code checkpoint.dsc} in that folder, rewritten
 * atomically at every epoch end, every {@link TrainConfig#checkpointEvery()} steps and at the end.
 * It holds the config, the architecture, the weights and buffers, the optimizer state, the plateau
 * and early-stopping state, the data-order position, timing counters and the history, framed with a
 * SHA-256. {@link #resume()} restores all of it after checking that it was written for the same
 * architecture and config (the run length may differ).
 *
 * <p><b>Divergence.</b> A NaN or infinite loss or weight stops the run with a {@link
 * DivergenceException} ("diverged at step N, epoch E, lr=…") before any checkpoint of the bad state
 * is written.
 *
 * <p><b>Averaged weights</b> ({@link #averaging}): with Polyak averaging or an EMA of the iterates,
 * every evaluation also evaluates the averaged weights (swapped in for the evaluation and swapped
 * out bit for bit, so training follows exactly the same trajectory as without averaging) and
 * records them with {@link History#addEvaluation(History.Evaluation, History.Evaluation)} (not
 * before the first iterate enters the average, e.g. before Polyak's {@code start}). Only the
 * parameters are averaged; batch norm's running statistics stay the training weights'. The averages
 * are saved in checkpoints.
 *
 * <p><b>Meta-strategies.</b> {@link #coordinate} updates one block of parameters per step ({@link
 * BlockCoordinate}); {@link #freeze} holds chosen parameters fixed (e.g. pretrained layers); {@link
 * #curriculum} admits easy examples first ({@link Curriculum}). A checkpoint records them and a
 * resumed run must use the same.
 *
 * <pre>{@code
 * ModelSpec spec = new ModelSpec(784, new int[] {100, 100}, 10, Activation.RELU, "he", false, 0, 1);
 * TrainConfig config = TrainConfig.of("adam(lr=0.001)", 128, 5, 0);
 * Trainer t = new Trainer(spec.build(), spec.metadata(), config, splits);
 * TrainResult r = t.checkpointDir(Path.of("ckpt")).run();
 * }</pre>
 */
public final class Trainer {
  /** Batch rows per thread of a training step: the row blocks of {@link Sequential}'s passes. */
  static final int ROWS_PER_THREAD = 64;

  /** The checkpoint's file name inside the checkpoint folder. */
  public static final String CHECKPOINT_FILE = "checkpoint.dsc";

  private static final String FORMAT = "descent-checkpoint";
  private static final long DROPOUT_STREAM = 0x64726f706f7574L;
  // Every how many steps the update checks the weights it wrote for NaN and infinity (and at every
  // step whose weights are evaluated, saved or returned).
  private static final int CHECK_EVERY = 16;

  private final Sequential model;
  private final List<Parameter> params;
  private final Map<String, String> architecture;
  private final TrainConfig config;
  private final Splits data;
  // The training split the batches are copied from (Dataset#forCopying: plain floats if it fits).
  private final Dataset batchSource;
  private final Optimizer baseOptimizer;
  private final Plateau plateau;
  private final WeightDecay weightDecay;
  private final SoftmaxCrossEntropy crossEntropy = new SoftmaxCrossEntropy();
  private final BatchIterator batches;
  private Evaluator evaluator;
  private final boolean stochastic;
  private final int features;
  private final int classes;
  private final int[] rows;
  private final Tensor xFull;
  private final int[] yFull;
  private final Tensor gFull;
  private final Tensor xRest;
  private final int[] yRest;
  private final Tensor gRest;
  // Null until run() or workers(...): the shared pool's threads start only when a run uses them.
  private Workers workers;
  // The training steps' share of the pool (stepThreads of it), set by run().
  private Workers stepWorkers;
  private Context fixedContext;
  private final History history;
  // The step in progress, for the row-block tasks that gather the batch and compute the loss.
  private final double[] rowLoss;
  private final Sequential.RowFill gatherFill = this::gatherRows;
  private final Sequential.RowFill lossFill = this::lossRows;
  private Tensor stepX;
  private int[] stepY;
  private Tensor stepGrad;
  private Tensor stepLogits;
  private long stepEpoch;
  private TrainListener listener = new TrainListener() {};
  private Path checkpointDir;
  private Averaging averaging;
  private WeightAverage average;
  private BlockCoordinate coordinate;
  private List<boolean[]> blocks;
  private boolean[] frozen;
  private boolean[] active;
  private Curriculum curriculum;

  private Optimizer optimizer;
  private OptimizerState state;
  private Plateau.State plateauState;
  private long step;
  private double bestMonitored = Double.NaN;
  private long badEpochs;
  private boolean stoppedEarly;
  private long trainNanos;
  private long trainSamples;

  /**
   * @param model the network, freshly initialized (or with the weights to start from)
   * @param architecture how the model was built (e.g. {@link ModelSpec#metadata()}); stored in
   *     checkpoints and compared on resume
   * @param config how to train
   * @param data the splits; the training split must hold at least one batch
   * @throws IllegalArgumentException if the data does not fit the model or the config
   */
  public Trainer(
      Sequential model, Map<String, String> architecture, TrainConfig config, Splits data) {
    this.model = Objects.requireNonNull(model, "model");
    this.params = model.parameters();
    this.architecture = Map.copyOf(Objects.requireNonNull(architecture, "architecture"));
    this.config = Objects.requireNonNull(config, "config");
    this.data = Objects.requireNonNull(data, "data");
    Dataset train = data.train();
    this.batchSource = train.forCopying();
    this.features = train.features();
    this.classes = Math.max(train.classes(), data.test().classes());
    this.batches =
        new BatchIterator(train, config.batchSize(), config.sampling(), config.seed(), false);
    this.baseOptimizer = Optimizers.create(config.optimizer());
    if (config.schedule() != null && TrainConfig.isPlateau(config.schedule())) {
      this.plateau = Schedules.createPlateau(config.schedule());
      this.plateauState = plateau.start();
      this.optimizer = baseOptimizer.withSchedule(Schedule.constant(plateauState.lr()));
    } else {
      this.plateau = null;
      this.optimizer =
          config.schedule() == null
              ? baseOptimizer
              : baseOptimizer.withSchedule(Schedules.create(config.schedule()));
    }
    this.weightDecay = config.weightDecay() > 0 ? new WeightDecay(config.weightDecay()) : null;
    this.state = optimizer.init(params);
    this.stochastic = containsDropout(model);
    int b = config.batchSize();
    int rest = train.size() % b;
    this.rows = new int[b];
    this.rowLoss = new double[b];
    this.xFull = Tensor.zeros(b, features);
    this.yFull = new int[b];
    this.gFull = Tensor.zeros(b, classes);
    this.xRest = rest == 0 ? null : Tensor.zeros(rest, features);
    this.yRest = rest == 0 ? null : new int[rest];
    this.gRest = rest == 0 ? null : Tensor.zeros(rest, classes);
    Map<String, String> info = new LinkedHashMap<>(config.toMap());
    info.putAll(architecture);
    info.put("train_examples", Integer.toString(train.size()));
    info.put(
        "validation_examples",
        Integer.toString(data.hasValidation() ? data.validation().size() : 0));
    info.put("test_examples", Integer.toString(data.test().size()));
    this.history = new History(info);
  }

  private static boolean containsDropout(Sequential model) {
    for (Layer l : model.layers()) {
      if (l instanceof Dropout) {
        return true;
      }
    }
    return false;
  }

  /** Sends progress callbacks to {@code l}. */
  public Trainer listener(TrainListener l) {
    this.listener = Objects.requireNonNull(l, "listener");
    return this;
  }

  /**
   * Runs every step's and evaluation's layer work on {@code workers} (default {@link
   * Workers#shared()}, one thread per core). The layers split their work into blocks fixed by the
   * shapes, so the weights are bit-identical for every pool; use {@link Workers#serial()} when
   * several trainings run at once, each on its own thread.
   *
   * <p>A training step uses at most one thread per {@value #ROWS_PER_THREAD} rows of the batch
   * ({@link Workers#limit}; 2 at batch 128): its loops have no more row blocks than that, and
   * spreading the rest (the update) over more cores only moves the weights between their caches.
   * Measured with the 784-100-100-100-100-10 MLP at batch 128 on a 16-core machine: the whole
   * 16-thread pool trained at 155-183k samples/s with Adam, 2 threads at 189-253k; limited, the
   * 16-thread pool matches 2 threads. Evaluation uses every thread, at batches of at least {@value
   * Evaluator#DEFAULT_BATCH} rows.
   *
   * @throws IllegalArgumentException when {@code workers} is null
   */
  public Trainer workers(Workers workers) {
    if (workers == null) {
      throw new IllegalArgumentException("workers must not be null");
    }
    this.workers = workers;
    this.evaluator = null;
    return this;
  }

  /** Writes checkpoints into {@code dir} (which must exist); null for none. */
  public Trainer checkpointDir(Path dir) {
    this.checkpointDir = dir;
    return this;
  }

  /**
   * Also evaluates the average of the iterates ({@link Averaging#polyak} or {@link Averaging#ema})
   * at every evaluation, starting from the current weights; null for none.
   *
   * @throws IllegalStateException after the run has started
   */
  public Trainer averaging(Averaging a) {
    requireNotStarted("averaging");
    this.averaging = a;
    this.average = a == null ? null : a.init(params);
    history.putInfo("average", a == null ? "" : a.spec());
    return this;
  }

  /**
   * Updates one block of parameters per step, the others held fixed; null for all at every step.
   *
   * @throws IllegalStateException after the run has started
   */
  public Trainer coordinate(BlockCoordinate c) {
    requireNotStarted("coordinate");
    this.coordinate = c;
    this.blocks = c == null ? null : c.blocks(model);
    history.putInfo("coordinate", c == null ? "" : c.spec());
    this.active = new boolean[params.size()];
    return this;
  }

  /**
   * Never updates the named parameters (their values and optimizer state stay as they are).
   *
   * @param names parameter names as in {@link Sequential#parameters()}, e.g. {@code
   *     layers.0.weight}; empty for none
   * @throws IllegalArgumentException naming an unknown parameter and the valid ones
   * @throws IllegalStateException after the run has started
   */
  public Trainer freeze(Collection<String> names) {
    requireNotStarted("freeze");
    boolean[] f = new boolean[params.size()];
    List<String> valid = new ArrayList<>();
    for (Parameter p : params) {
      valid.add(p.name());
    }
    for (String n : names) {
      int i = valid.indexOf(n);
      if (i < 0) {
        throw new IllegalArgumentException(
            "cannot freeze " + n + ": the model's parameters are " + valid);
      }
      f[i] = true;
    }
    this.frozen = names.isEmpty() ? null : f;
    history.putInfo("frozen", String.join(",", names));
    this.active = new boolean[params.size()];
    return this;
  }

  /**
   * Trains on easy examples first; null for the plain data order.
   *
   * @throws IllegalArgumentException if the curriculum is for another number of examples
   * @throws IllegalStateException after the run has started
   */
  public Trainer curriculum(Curriculum c) {
    requireNotStarted("curriculum");
    if (c != null && c.order().length != data.train().size()) {
      throw new IllegalArgumentException(
          "the curriculum orders "
              + c.order().length
              + " examples but the training split has "
              + data.train().size());
    }
    this.curriculum = c;
    history.putInfo("curriculum", c == null ? "" : c.spec());
    return this;
  }

  private void requireNotStarted(String what) {
    if (step != 0) {
      throw new IllegalStateException(what + " must be set before the run starts");
    }
  }

  /** The running average of the iterates, or null without {@link #averaging}. */
  public WeightAverage average() {
    return average;
  }

  /** The checkpoint file this trainer writes and resumes from, or null without a folder. */
  public Path checkpointFile() {
    return checkpointDir == null ? null : checkpointDir.resolve(CHECKPOINT_FILE);
  }

  /** The model being trained. */
  public Sequential model() {
    return model;
  }

  /** The run's history so far (also after a divergence). */
  public History history() {
    return history;
  }

  /** Steps done so far. */
  public long step() {
    return step;
  }

  /** The number of steps the whole run takes unless it stops early. */
  public long totalSteps() {
    return config.iterations() > 0
        ? config.iterations()
        : config.epochs() * batches.batchesPerEpoch();
  }

  /**
   * Loads the checkpoint from the checkpoint folder and continues from it with {@link #run()}.
   *
   * @throws ModelFileException when the file is missing, truncated, corrupt, or was written for
   *     another architecture or config (naming the first difference); the trainer is unchanged
   * @throws IllegalStateException when no checkpoint folder is set
   */
  public TrainResult resume() throws IOException {
    if (checkpointDir == null) {
      throw new IllegalStateException("resume needs a checkpoint folder");
    }
    restore(checkpointFile());
    return run();
  }

  /**
   * Trains until the configured length or early stopping.
   *
   * @throws DivergenceException when a loss or weight becomes NaN or infinite
   * @throws UncheckedIOException when a checkpoint cannot be written
   */
  public TrainResult run() {
    if (workers == null) {
      workers = Workers.shared();
    }
    if (evaluator == null) {
      stepWorkers = workers.limit(stepThreads(config.batchSize()));
      evaluator =
          new Evaluator(
              features, classes, Math.max(config.batchSize(), Evaluator.DEFAULT_BATCH), workers);
      fixedContext = Context.training(new SplittableRandom(0), stepWorkers);
    }
    long total = totalSteps();
    listener.onStart(step, total);
    while (step < total && !stoppedEarly) {
      long epoch = batches.epoch();
      int count = batches.nextRows(rows);
      boolean epochEnd = batches.position() == 0;
      long next = step + 1;
      // Weights others will see (an evaluation, a checkpoint, the result) are always checked.
      boolean check =
          epochEnd
              || next == total
              || next % CHECK_EVERY == 0
              || (config.evalEvery() > 0 && next % config.evalEvery() == 0)
              || (config.checkpointEvery() > 0 && next % config.checkpointEvery() == 0);
      long t0 = System.nanoTime();
      double loss = trainStep(count, epoch, check);
      trainNanos += System.nanoTime() - t0;
      trainSamples += count;
      listener.onStep(step, epoch, loss, history.lr((int) step - 1), samplesPerSecond());
      if (epochEnd) {
        History.Evaluation e = evaluate(true);
        afterEpoch(e);
      } else if (config.evalEvery() > 0 && step % config.evalEvery() == 0) {
        evaluate(false);
      }
      if (checkpointDir != null
          && (epochEnd || (config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0))) {
        saveCheckpoint();
      }
    }
    History.Evaluation last = history.lastEvaluation();
    if (last == null || last.step() != step) {
      evaluate(false);
      if (checkpointDir != null) {
        saveCheckpoint();
      }
    }
    TrainResult r =
        new TrainResult(
            step,
            completeEpochs(),
            stoppedEarly,
            history.lastEvaluation(),
            trainNanos / 1e9,
            trainSamples,
            Weights.sha256(model));
    listener.onEnd(r);
    return r;
  }

  private long completeEpochs() {
    return batches.epoch();
  }

  private double samplesPerSecond() {
    return trainNanos > 0 ? trainSamples / (trainNanos / 1e9) : Double.NaN;
  }

  private double trainStep(int count, long epoch, boolean check) {
    boolean full = count == config.batchSize();
    Tensor x = full ? xFull : xRest;
    int[] y = full ? yFull : yRest;
    Tensor g = full ? gFull : gRest;
    stepX = x;
    stepY = y;
    stepGrad = g;
    stepEpoch = epoch;
    double lr = optimizer.learningRate(state.step());
    Context context =
        stochastic
            ? Context.training(new SplittableRandom(mix(config.seed(), step)), stepWorkers)
            : fixedContext;
    // The batch rows are copied and the loss's gradient rows computed inside the model's own row
    // block tasks, each block on the core that then uses it.
    Tensor logits = model.forward(x, context, gatherFill);
    if (logits.cols() != classes) {
      throw new IllegalArgumentException(
          "the model outputs " + logits.cols() + " classes but the data has " + classes);
    }
    stepLogits = logits;
    model.backward(g, false, lossFill);
    double sum = 0;
    for (int k = 0; k < count; k++) {
      sum += rowLoss[k];
    }
    double loss = sum * (1.0 / count);
    if (weightDecay != null) {
      loss += weightDecay.addGradient(params);
    }
    step++;
    history.addStep(loss, lr);
    if (!Double.isFinite(loss)) {
      throw diverged("the loss is " + loss + nonFiniteParameter(), epoch, lr);
    }
    // The update runs on the workers in fixed blocks and, when asked, reports non-finite values it
    // writes, so no separate pass over the weights is needed; the scan names the culprit. Between
    // checks a non-finite weight shows in the next step's loss (NaN and infinity propagate through
    // the products), and at the latest CHECK_EVERY steps later.
    if (!optimizer.step(params, state, activeParameters(step - 1), stepWorkers, check)) {
      String culprit = nonFiniteParameter();
      if (!culprit.isEmpty()) {
        throw diverged(culprit.substring(2), epoch, lr);
      }
    }
    if (average != null) {
      average.update(params);
    }
    return loss;
  }

  /** Copies rows [from, to) of the step's batch into its input and label buffers. */
  private void gatherRows(int from, int to) {
    Dataset train = batchSource;
    float[] xd = stepX.data();
    for (int k = from; k < to; k++) {
      int row = curriculum == null ? rows[k] : curriculum.example(stepEpoch, rows[k]);
      train.row(row, xd, k * features);
      stepY[k] = train.label(row);
    }
  }

  /** Cross-entropy and its gradient for rows [from, to) of the step's batch. */
  private void lossRows(int from, int to) {
    crossEntropy.computeRows(stepLogits, stepY, stepGrad, from, to, rowLoss);
  }

  /** The threads a training step at {@code batch} rows uses at most: one per row block. */
  static int stepThreads(int batch) {
    return Math.max(1, (batch + ROWS_PER_THREAD - 1) / ROWS_PER_THREAD);
  }

  /** The parameters step {@code t} (0-based) updates, or null for all. */
  private boolean[] activeParameters(long t) {
    if (coordinate == null && frozen == null) {
      return null;
    }
    boolean[] block =
        coordinate == null ? null : blocks.get(coordinate.activeBlock(t, blocks.size()));
    for (int i = 0; i < active.length; i++) {
      active[i] = (block == null || block[i]) && (frozen == null || !frozen[i]);
    }
    return active;
  }

  /** The meta-strategies in force, as checkpoints record them. */
  private String strategies() {
    StringBuilder sb = new StringBuilder();
    sb.append("coordinate=").append(coordinate == null ? "none" : coordinate.spec());
    sb.append(";frozen=");
    for (int i = 0; frozen != null && i < frozen.length; i++) {
      if (frozen[i]) {
        sb.append(params.get(i).name()).append(',');
      }
    }
    sb.append(";curriculum=").append(curriculum == null ? "none" : curriculum.spec());
    return sb.toString();
  }

  /** "; NAME has a non-finite value" for the first such parameter, or "" when all are finite. */
  private String nonFiniteParameter() {
    for (int i = 0, n = params.size(); i < n; i++) {
      for (float w : params.get(i).value().data()) {
        if (!Float.isFinite(w)) {
          return "; " + params.get(i).name() + " has a non-finite value";
        }
      }
    }
    return "";
  }

  private DivergenceException diverged(String what, long epoch, double lr) {
    return new DivergenceException(
        "diverged at step "
            + step
            + ", epoch "
            + (epoch + 1)
            + ", lr="
            + lr
            + " ("
            + what
            + "; optimizer "
            + config.optimizer()
            + (config.schedule() == null ? "" : ", schedule " + config.schedule())
            + (checkpointDir == null ? "" : "; the last good checkpoint is " + checkpointFile())
            + ")",
        step);
  }

  private History.Evaluation evaluate(boolean epochEnd) {
    Metrics train = evaluator.evaluate(model, data.train(), null);
    Metrics validation =
        data.hasValidation() ? evaluator.evaluate(model, data.validation(), null) : null;
    // the tuner's trials pass the validation split as the test split too: evaluate it once
    Metrics test =
        data.test() == data.validation()
            ? validation
            : evaluator.evaluate(model, data.test(), null);
    double lr = step == 0 ? Double.NaN : history.lr((int) step - 1);
    History.Evaluation e =
        new History.Evaluation(step, completeEpochs(), epochEnd, lr, train, validation, test);
    History.Evaluation averaged = null;
    if (average != null && average.count() > 0) {
      average.swapIn(params);
      try {
        averaged =
            new History.Evaluation(
                step,
                completeEpochs(),
                epochEnd,
                lr,
                evaluator.evaluate(model, data.train(), null),
                data.hasValidation() ? evaluator.evaluate(model, data.validation(), null) : null,
                evaluator.evaluate(model, data.test(), null));
      } finally {
        average.swapOut(params);
      }
    }
    history.addEvaluation(e, averaged);
    listener.onEvaluation(e);
    return e;
  }

  private void afterEpoch(History.Evaluation e) {
    Metrics watched = e.validation() != null ? e.validation() : e.train();
    if (plateau != null) {
      double metric = plateau.mode() == Plateau.Mode.MAX ? watched.accuracy() : watched.loss();
      double before = plateauState.lr();
      plateauState = plateau.step(plateauState, metric);
      if (plateauState.lr() != before) {
        optimizer = baseOptimizer.withSchedule(Schedule.constant(plateauState.lr()));
      }
    }
    if (config.patience() > 0) {
      if (Double.isNaN(bestMonitored) || watched.loss() < bestMonitored) {
        bestMonitored = watched.loss();
        badEpochs = 0;
      } else if (++badEpochs >= config.patience()) {
        stoppedEarly = true;
      }
    }
  }

  /** SplitMix64's finalizer over (seed, stream, step): well-spread seeds for per-step streams. */
  static long mix(long seed, long step) {
    long z = seed * 0x9e3779b97f4a7c15L + DROPOUT_STREAM + step * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  // ---- checkpoints ----

  private void saveCheckpoint() {
    Path file = checkpointFile();
    try {
      CheckpointFile.write(file, encode());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
    }
    listener.onCheckpoint(step, file);
  }

  private byte[] encode() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeUTF(FORMAT);
    writeMap(out, config.toMap());
    writeMap(out, new TreeMap<>(architecture));
    out.writeLong(step);
    out.writeLong(batches.epoch());
    out.writeInt(batches.position());
    out.writeBoolean(stoppedEarly);
    out.writeDouble(bestMonitored);
    out.writeLong(badEpochs);
    out.writeLong(trainNanos);
    out.writeLong(trainSamples);
    out.writeBoolean(plateauState != null);
    if (plateauState != null) {
      out.writeLong(plateauState.epoch());
      out.writeDouble(plateauState.lr());
      out.writeDouble(plateauState.best());
      out.writeLong(plateauState.badEpochs());
      out.writeLong(plateauState.cooldownLeft());
    }
    Map<String, Tensor> weights = Weights.of(model);
    out.writeInt(weights.size());
    for (Map.Entry<String, Tensor> e : weights.entrySet()) {
      out.writeUTF(e.getKey());
      int[] shape = e.getValue().shape();
      out.writeInt(shape.length);
      for (int d : shape) {
        out.writeInt(d);
      }
      for (float v : e.getValue().data()) {
        out.writeFloat(v);
      }
    }
    writeState(out, state.export(), "optimizer");
    out.writeInt(history.steps());
    for (int i = 0; i < history.steps(); i++) {
      out.writeDouble(history.loss(i));
      out.writeDouble(history.lr(i));
    }
    List<History.Evaluation> evals = history.evaluations();
    out.writeInt(evals.size());
    for (History.Evaluation e : evals) {
      out.writeLong(e.step());
      out.writeLong(e.epoch());
      out.writeBoolean(e.epochEnd());
      out.writeDouble(e.lr());
      writeMetrics(out, e.train());
      writeMetrics(out, e.validation());
      writeMetrics(out, e.test());
    }
    out.writeBoolean(average != null);
    if (average != null) {
      out.writeUTF(averaging.spec());
      writeState(out, average.export(), "average");
      for (History.Evaluation a : history.averagedEvaluations()) {
        out.writeBoolean(a != null);
        if (a != null) {
          writeMetrics(out, a.train());
          writeMetrics(out, a.validation());
          writeMetrics(out, a.test());
        }
      }
    }
    out.writeUTF(strategies());
    out.flush();
    return bytes.toByteArray();
  }

  private static void writeState(DataOutputStream out, Map<String, Object> state, String what)
      throws IOException {
    out.writeInt(state.size());
    for (Map.Entry<String, Object> e : state.entrySet()) {
      out.writeUTF(e.getKey());
      Object v = e.getValue();
      if (v instanceof String) {
        out.writeByte('S');
        out.writeUTF((String) v);
      } else if (v instanceof Long) {
        out.writeByte('L');
        out.writeLong((Long) v);
      } else if (v instanceof Double) {
        out.writeByte('D');
        out.writeDouble((Double) v);
      } else if (v instanceof double[]) {
        double[] a = (double[]) v;
        out.writeByte('A');
        out.writeInt(a.length);
        for (double d : a) {
          out.writeDouble(d);
        }
      } else if (v instanceof int[]) {
        int[] a = (int[]) v;
        out.writeByte('I');
        out.writeInt(a.length);
        for (int d : a) {
          out.writeInt(d);
        }
      } else {
        throw new IllegalStateException(
            what + " state entry " + e.getKey() + " has unsupported type " + v.getClass());
      }
    }
  }

  private static Map<String, Object> readState(
      DataInputStream in, int payloadLength, Path file, String what) throws IOException {
    int nEntries = in.readInt();
    if (nEntries < 0 || nEntries > payloadLength) {
      throw new ModelFileException(file, what + " state has " + nEntries + " entries");
    }
    Map<String, Object> state = new LinkedHashMap<>();
    for (int i = 0; i < nEntries; i++) {
      String key = in.readUTF();
      int tag = in.readByte();
      switch (tag) {
        case 'S':
          state.put(key, in.readUTF());
          break;
        case 'L':
          state.put(key, in.readLong());
          break;
        case 'D':
          state.put(key, in.readDouble());
          break;
        case 'A':
          int n = in.readInt();
          if (n < 0 || n > payloadLength / 8) {
            throw new ModelFileException(file, what + " state " + key + " has length " + n);
          }
          double[] a = new double[n];
          for (int k = 0; k < n; k++) {
            a[k] = in.readDouble();
          }
          state.put(key, a);
          break;
        case 'I':
          int m = in.readInt();
          if (m < 0 || m > payloadLength / 4) {
            throw new ModelFileException(file, what + " state " + key + " has length " + m);
          }
          int[] ints = new int[m];
          for (int k = 0; k < m; k++) {
            ints[k] = in.readInt();
          }
          state.put(key, ints);
          break;
        default:
          throw new ModelFileException(file, what + " state " + key + " has type tag " + tag);
      }
    }
    return state;
  }

  private static void writeMap(DataOutputStream out, Map<String, String> m) throws IOException {
    out.writeInt(m.size());
    for (Map.Entry<String, String> e : m.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
  }

  private static void writeMetrics(DataOutputStream out, Metrics m) throws IOException {
    out.writeBoolean(m != null);
    if (m != null) {
      out.writeDouble(m.loss());
      out.writeDouble(m.accuracy());
      out.writeInt(m.count());
    }
  }

  private void restore(Path file) throws IOException {
    byte[] payload = CheckpointFile.read(file);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
    try {
      if (!FORMAT.equals(in.readUTF())) {
        throw new ModelFileException(file, "payload is not a descent training checkpoint");
      }
      Map<String, String> savedConfig = readMap(in);
      Map<String, String> ownConfig = config.toMap();
      for (Map.Entry<String, String> e : ownConfig.entrySet()) {
        String key = e.getKey();
        if (key.equals("epochs") || key.equals("iterations")) {
          continue;
        }
        if (!e.getValue().equals(savedConfig.get(key))) {
          throw new ModelFileException(
              file,
              "was written by a run with "
                  + key
                  + "="
                  + savedConfig.get(key)
                  + ", this run has "
                  + key
                  + "="
                  + e.getValue()
                  + "; resume with the same settings or start a new run in another folder");
        }
      }
      Map<String, String> savedArch = readMap(in);
      if (!savedArch.equals(new TreeMap<>(architecture))) {
        throw new ModelFileException(
            file,
            "was written for the model "
                + savedArch
                + ", this run builds "
                + new TreeMap<>(architecture));
      }
      long savedStep = in.readLong();
      long itEpoch = in.readLong();
      int itPosition = in.readInt();
      boolean savedStopped = in.readBoolean();
      double savedBest = in.readDouble();
      long savedBad = in.readLong();
      long savedNanos = in.readLong();
      long savedSamples = in.readLong();
      Plateau.State savedPlateau = null;
      if (in.readBoolean()) {
        savedPlateau =
            new Plateau.State(
                in.readLong(), in.readDouble(), in.readDouble(), in.readLong(), in.readLong());
      }
      if ((savedPlateau == null) != (plateau == null)) {
        throw new ModelFileException(file, "plateau state does not match the schedule");
      }
      int nWeights = in.readInt();
      Map<String, Tensor> weights = new LinkedHashMap<>();
      for (int i = 0; i < nWeights; i++) {
        String name = in.readUTF();
        int rank = in.readInt();
        if (rank < 0 || rank > 8) {
          throw new ModelFileException(file, "tensor " + name + " has an invalid rank " + rank);
        }
        int[] shape = new int[rank];
        long size = 1;
        for (int d = 0; d < rank; d++) {
          shape[d] = in.readInt();
          size *= shape[d];
        }
        if (size < 0 || size > payload.length / 4) {
          throw new ModelFileException(file, "tensor " + name + " has an invalid shape");
        }
        float[] v = new float[(int) size];
        for (int k = 0; k < v.length; k++) {
          v[k] = in.readFloat();
        }
        weights.put(name, Tensor.wrap(v, shape));
      }
      Map<String, Object> opt = readState(in, payload.length, file, "optimizer");
      int nSteps = in.readInt();
      History restored = new History(history.info());
      for (int i = 0; i < nSteps; i++) {
        restored.addStep(in.readDouble(), in.readDouble());
      }
      int nEvals = in.readInt();
      List<History.Evaluation> evals = new ArrayList<>();
      for (int i = 0; i < nEvals; i++) {
        evals.add(
            new History.Evaluation(
                in.readLong(),
                in.readLong(),
                in.readBoolean(),
                in.readDouble(),
                readMetrics(in),
                readMetrics(in),
                readMetrics(in)));
      }
      List<History.Evaluation> averages = new ArrayList<>();
      WeightAverage resumedAverage = null;
      boolean savedAverage = in.readBoolean();
      if (savedAverage != (averaging != null)) {
        throw new ModelFileException(
            file,
            savedAverage
                ? "was written by a run that averaged its weights; resume with the same averaging"
                : "was written by a run without weight averaging, this run averages with "
                    + averaging.spec());
      }
      if (savedAverage) {
        String spec = in.readUTF();
        if (!spec.equals(averaging.spec())) {
          throw new ModelFileException(
              file,
              "was written by a run averaging with "
                  + spec
                  + ", this run averages with "
                  + averaging.spec());
        }
        resumedAverage = averaging.init(params);
        resumedAverage.restore(readState(in, payload.length, file, "average"));
        for (History.Evaluation e : evals) {
          averages.add(
              in.readBoolean()
                  ? new History.Evaluation(
                      e.step(),
                      e.epoch(),
                      e.epochEnd(),
                      e.lr(),
                      readMetrics(in),
                      readMetrics(in),
                      readMetrics(in))
                  : null);
        }
      } else {
        for (int i = 0; i < evals.size(); i++) {
          averages.add(null);
        }
      }
      String savedStrategies = in.readUTF();
      if (!savedStrategies.equals(strategies())) {
        throw new ModelFileException(
            file,
            "was written by a run with "
                + savedStrategies
                + ", this run has "
                + strategies()
                + "; resume with the same --coordinate, --freeze and --curriculum options");
      }
      if (in.available() != 0) {
        throw new ModelFileException(file, in.available() + " unexpected bytes at the end");
      }
      if (savedStep != nSteps || savedStep < 0) {
        throw new ModelFileException(
            file, "step " + savedStep + " disagrees with " + nSteps + " recorded steps");
      }
      Optimizer resumedOptimizer =
          savedPlateau == null
              ? optimizer
              : baseOptimizer.withSchedule(Schedule.constant(savedPlateau.lr()));
      OptimizerState resumedState = resumedOptimizer.init(params);
      try {
        resumedState.restore(opt);
      } catch (IllegalArgumentException e) {
        throw new ModelFileException(file, "optimizer state does not fit: " + e.getMessage(), e);
      }
      try {
        batches.seek(itEpoch, itPosition);
      } catch (IllegalArgumentException e) {
        throw new ModelFileException(file, "data position does not fit: " + e.getMessage(), e);
      }
      Weights.load(model, weights, file);
      optimizer = resumedOptimizer;
      state = resumedState;
      plateauState = savedPlateau;
      step = savedStep;
      stoppedEarly = savedStopped;
      bestMonitored = savedBest;
      badEpochs = savedBad;
      trainNanos = savedNanos;
      trainSamples = savedSamples;
      average = resumedAverage;
      history.replaceWith(restored, evals, averages);
    } catch (EOFException e) {
      throw new ModelFileException(file, "payload ends early (truncated before its checksum?)", e);
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(file, "invalid content: " + e.getMessage(), e);
    }
  }

  private static Map<String, String> readMap(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 10_000) {
      throw new IOException("invalid map size " + n);
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      m.put(in.readUTF(), in.readUTF());
    }
    return m;
  }

  private static Metrics readMetrics(DataInputStream in) throws IOException {
    return in.readBoolean() ? new Metrics(in.readDouble(), in.readDouble(), in.readInt()) : null;
  }
}
