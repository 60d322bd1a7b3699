package dev.descent.optim;

import dev.descent.concurrent.Workers;
import dev.descent.nn.Parameter;
import dev.descent.schedule.Schedule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A first-order optimizer: an immutable chain of {@link Transform}s plus a learning-rate {@link
 * Schedule}, and for the common rules a fused float32 rule. It holds no mutable state; moments and
 * the step count live in an {@link OptimizerState} from {@link #init}, so one optimizer can drive
 * many runs.
 *
 * <p>Two engines, chosen once by {@code init}:
 *
 * <ul>
 *   <li><b>Fused float32</b>, for float32 model parameters ({@link #init(List)}) of sgd, momentum,
 *       nesterov, adam, amsgrad, adamw, rmsprop, adagrad, adamax and adadelta with any of their
 *       options but {@code clip_value} (clipping by global norm and maximize included): one pass
 *       over each parameter with float32 state (4 bytes per value and slot) and PyTorch's float32
 *       arithmetic, matching {@code torch.optim} on float32 tensors to a few ulps. {@link
 *       #step(List, OptimizerState, boolean[], Workers)} spreads it over threads with the same bits
 *       for any thread count.
 *   <li><b>Transform chain</b>, for float64 vectors ({@link #init(double[])}), for the other rules
 *       (nadam, radam, lion, the book's variants, custom chains) and after {@link
 *       #withDoubleState()}: transforms work on double-precision blocks of at most {@link
 *       Block#CAPACITY} elements with double state; only loading the gradient and storing the new
 *       value know the precision.
 * </ul>
 *
 * <p>The learning rate of update {@code t} (0-based, = {@link OptimizerState#step()} before the
 * update) is {@code schedule.valueAt(t)}; without a schedule it is the config's {@code lr}.
 *
 * <pre>{@code
 * // float64 problem, e.g. a 2-D function
 * Optimizer opt = Optimizers.create("adam(lr=0.3)");
 * double[] x = {-7, 2};
 * double[] g = new double[2];
 * OptimizerState s = opt.init(x);
 * for (int i = 0; i < 30; i++) {
 *   g[0] = x[0] / 10; g[1] = 2 * x[1];          // gradient of x²/20 + y²
 *   opt.step(x, g, s);
 * }
 *
 * // float32 model parameters with a schedule
 * Optimizer sgd = Optimizers.create("momentum(lr=0.1)").withSchedule(t -> 0.1 * Math.pow(0.5, t / 30));
 * OptimizerState st = sgd.init(model.parameters());
 * // after each backward pass:
 * sgd.step(model.parameters(), st);
 * }</pre>
 */
public final class Optimizer {
  private final String description;
  private final double lr;
  private final Schedule schedule;
  private final Schedule momentumSchedule;
  private final Transform[] chain;
  private final int[] slotBase;
  private final int[] scalarBase;
  private final List<String> slotNames;
  private final List<String> scalarNames;
  private final boolean needsGradNorm;
  private final boolean needsParams;
  private final FloatRule rule;
  private final GradientOptions options;

  /**
   * @param description the spec this optimizer was built from, e.g. {@code adam(lr=0.3)}; saved
   *     with its state and compared on restore
   * @param lr the constant learning rate used when no schedule is set
   * @param chain the steps, applied in order to the gradient
   */
  public Optimizer(String description, double lr, List<Transform> chain) {
    this(description, lr, null, null, chain.toArray(new Transform[0]), null, null);
  }

  /**
   * An optimizer that updates float32 parameters with {@code rule} and float64 vectors with {@code
   * chain}; both must describe the same update, {@code options} being the chain's prefix.
   */
  Optimizer(
      String description,
      double lr,
      List<Transform> chain,
      FloatRule rule,
      GradientOptions options) {
    this(description, lr, null, null, chain.toArray(new Transform[0]), rule, options);
  }

  private Optimizer(
      String description,
      double lr,
      Schedule schedule,
      Schedule momentumSchedule,
      Transform[] chain,
      FloatRule rule,
      GradientOptions options) {
    if (description == null || description.isEmpty()) {
      throw new IllegalArgumentException("description must not be empty");
    }
    this.description = description;
    this.lr = Check.nonNegative("lr", lr);
    this.schedule = schedule;
    this.momentumSchedule = momentumSchedule;
    this.chain = chain.clone();
    this.slotBase = new int[chain.length];
    this.scalarBase = new int[chain.length];
    List<String> slots = new ArrayList<>();
    List<String> scalars = new ArrayList<>();
    boolean norm = false;
    boolean params = false;
    for (int k = 0; k < chain.length; k++) {
      slotBase[k] = slots.size();
      scalarBase[k] = scalars.size();
      slots.addAll(chain[k].slots());
      scalars.addAll(chain[k].scalars());
      norm |= chain[k].needsGradNorm();
      params |= chain[k].needsParams();
    }
    Set<String> seen = new HashSet<>();
    for (String s : slots) {
      if (!seen.add(s)) {
        throw new IllegalArgumentException(description + ": two steps use the state slot " + s);
      }
    }
    this.slotNames = List.copyOf(slots);
    this.scalarNames = List.copyOf(scalars);
    this.needsGradNorm = norm;
    this.needsParams = params;
    if (rule != null && (!rule.slots().equals(slotNames) || !scalarNames.isEmpty())) {
      throw new IllegalArgumentException(
          description
              + ": the float32 rule's slots "
              + rule.slots()
              + " differ from the chain's "
              + slotNames
              + " "
              + scalarNames);
    }
    // clip_value is the one option the float32 rules leave to the chain (see FloatRule).
    boolean fused = rule != null && options.clipValue() == Double.POSITIVE_INFINITY;
    this.rule = fused ? rule : null;
    this.options = fused ? options : null;
  }

  /**
   * This optimizer with its learning rate driven by {@code schedule}: update {@code t} (0-based)
   * uses {@code schedule.valueAt(t)}. The state layout is unchanged, so a state from {@link #init}
   * of either optimizer works with both.
   */
  public Optimizer withSchedule(Schedule schedule) {
    if (schedule == null) {
      throw new IllegalArgumentException("schedule must not be null");
    }
    return new Optimizer(description, lr, schedule, momentumSchedule, chain, rule, options);
  }

  /**
   * This optimizer with its momentum coefficient driven by {@code schedule}, as PyTorch's one-cycle
   * policy cycles it: update {@code t} (0-based) uses {@code schedule.valueAt(t)} for SGD's and
   * RMSProp's {@code momentum} and for β1 of Adam, AdamW, AMSGrad, Adamax and RAdam (bias
   * corrections use the current β1, as PyTorch does).
   *
   * @throws IllegalArgumentException if no step of this optimizer has a momentum coefficient
   */
  public Optimizer withMomentumSchedule(Schedule schedule) {
    if (schedule == null) {
      throw new IllegalArgumentException("schedule must not be null");
    }
    boolean any = false;
    for (Transform t : chain) {
      any |= t.usesMomentum();
    }
    if (!any) {
      throw new IllegalArgumentException(
          "a momentum schedule needs an optimizer with momentum or beta1 that follows it"
              + " (sgd with momentum > 0, rmsprop with momentum > 0, adam, adamw, amsgrad, adamax,"
              + " radam); got "
              + description);
    }
    return new Optimizer(description, lr, this.schedule, schedule, chain, rule, options);
  }

  /**
   * This optimizer without its fused float32 rule: float32 parameters are updated through the
   * transform chain with float64 state, as descent did before it had the float32 path (8 bytes per
   * value and slot instead of 4, and 4–8× the time of the fused update; float32 results differ from
   * the fused path's in the last bits). For reproducing such runs and for comparisons. A state's
   * engine is fixed by the optimizer that made it: a float64 state runs the chain under either
   * optimizer, a float32 state only under an optimizer with the float32 rule.
   */
  public Optimizer withDoubleState() {
    return new Optimizer(description, lr, schedule, momentumSchedule, chain, null, null);
  }

  /** The spec this optimizer was built from. */
  public String description() {
    return description;
  }

  /** The learning rate of update {@code step} (0-based). */
  public double learningRate(long step) {
    return schedule == null ? lr : schedule.valueAt(step);
  }

  /** The names of the per-element state arrays, in chain order. */
  public List<String> slotNames() {
    return slotNames;
  }

  List<String> scalarNames() {
    return scalarNames;
  }

  /**
   * Fresh state for these parameters (names and sizes are remembered and checked on each step). The
   * engine is chosen here: the fused float32 rule when this optimizer has one, else the chain.
   */
  public OptimizerState init(List<Parameter> params) {
    String[] names = new String[params.size()];
    int[] sizes = new int[params.size()];
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.length; i++) {
      names[i] = params.get(i).name();
      sizes[i] = params.get(i).size();
      if (!seen.add(names[i])) {
        throw new IllegalArgumentException("parameter name " + names[i] + " is used twice");
      }
    }
    if (rule == null) {
      return newState(names, sizes);
    }
    float[][][] slots = new float[names.length][slotNames.size()][];
    for (int i = 0; i < names.length; i++) {
      for (int k = 0; k < slotNames.size(); k++) {
        slots[i][k] = new float[sizes[i]];
        Arrays.fill(slots[i][k], rule.initialValue(k));
      }
    }
    return new OptimizerState(
        description,
        slotNames,
        scalarNames,
        names,
        sizes,
        new double[0],
        new FloatUpdate(sizes, slots));
  }

  /** Fresh state for one float64 parameter vector, named {@code x}. */
  public OptimizerState init(double[] x) {
    return newState(new String[] {"x"}, new int[] {x.length});
  }

  private OptimizerState newState(String[] names, int[] sizes) {
    double[][][] slots = new double[names.length][slotNames.size()][];
    for (int i = 0; i < names.length; i++) {
      for (int k = 0; k < chain.length; k++) {
        for (int j = 0; j < chain[k].slots().size(); j++) {
          double[] a = new double[sizes[i]];
          Arrays.fill(a, chain[k].initialValue(j));
          slots[i][slotBase[k] + j] = a;
        }
      }
    }
    double[] scalars = new double[scalarNames.size()];
    for (int k = 0; k < chain.length; k++) {
      for (int j = 0; j < chain[k].scalars().size(); j++) {
        scalars[scalarBase[k] + j] = chain[k].initialScalar(j);
      }
    }
    return new OptimizerState(description, slotNames, scalarNames, names, sizes, slots, scalars);
  }

  /**
   * One update of float32 model parameters from their gradients: {@code value ← value − u} where
   * {@code u} is the rule applied to {@code grad}. Allocates nothing.
   *
   * @throws IllegalArgumentException if {@code params} do not match the state's names and sizes
   */
  public void step(List<Parameter> params, OptimizerState state) {
    update(params, state, null, Workers.serial(), false);
  }

  /**
   * One update of the parameters with {@code active[i]} true only (block-coordinate training,
   * frozen layers): the others keep their values and their state slots exactly; the step count t
   * (schedule, bias corrections) advances as for a full update, and a gradient-norm step (clipping)
   * sees the active gradients only. Allocates nothing.
   *
   * @param active one flag per parameter, or null for all
   * @throws IllegalArgumentException if {@code params} do not match the state, or {@code active}
   *     has another length
   */
  public void step(List<Parameter> params, OptimizerState state, boolean[] active) {
    update(params, state, active, Workers.serial(), false);
  }

  /**
   * {@link #step(List, OptimizerState, boolean[])} with the work spread over {@code workers}, and a
   * check of the result. A float32 state ({@link OptimizerState#float32()}) is updated in fixed
   * blocks of at most 16 384 elements of one parameter, one {@code workers} task per block; the
   * rule is element-wise and the gradient norm for {@code clip_norm} is summed per block and then
   * in block order, so the values are bit-identical for every thread count. A state on the
   * transform chain is updated on the calling thread. Allocates nothing.
   *
   * <p>The return value replaces a scan of all weights after the step: it is false when any value
   * this step wrote into an active parameter is NaN or infinite (divergence); the state has
   * advanced either way. The check reads each block again while it is in cache, on the thread that
   * updated it; for Adam it adds about half the update's own time (the two- and three-argument
   * steps skip it).
   *
   * @param active one flag per parameter, or null for all
   * @param workers the threads to use ({@link Workers#serial()} for the calling thread alone)
   * @return true when every updated parameter value is finite
   * @throws IllegalArgumentException if {@code params} do not match the state, {@code active} has
   *     another length, or {@code workers} is null
   */
  public boolean step(
      List<Parameter> params, OptimizerState state, boolean[] active, Workers workers) {
    return update(params, state, active, workers, true);
  }

  /**
   * {@link #step(List, OptimizerState, boolean[], Workers)} with the check of the result only when
   * {@code check} is true (it always returns true otherwise). The check reads every updated value
   * once more, one comparison per value that JDK 17 does not vectorize: about 20 µs per step of a
   * 110k-weight MLP on 2 threads, 4% of a training step; a caller that notices divergence in other
   * ways (a non-finite loss) may check only every so many steps.
   */
  public boolean step(
      List<Parameter> params,
      OptimizerState state,
      boolean[] active,
      Workers workers,
      boolean check) {
    return update(params, state, active, workers, check);
  }

  private boolean update(
      List<Parameter> params,
      OptimizerState state,
      boolean[] active,
      Workers workers,
      boolean check) {
    state.requireMatches(this, params);
    if (active != null && active.length != params.size()) {
      throw new IllegalArgumentException(
          "active must have one flag per parameter (" + params.size() + "), got " + active.length);
    }
    if (workers == null) {
      throw new IllegalArgumentException("workers must not be null");
    }
    FloatUpdate f = state.floats;
    if (f == null) {
      return chainStep(params, state, active, check);
    }
    if (rule == null) {
      throw new IllegalArgumentException(
          "state keeps float32 moments, but " + description + " has no float32 rule");
    }
    double lr = checkedLearningRate(state.step);
    rule.begin(lr, state.step + 1, checkedMomentum(state.step), f.c);
    f.prepare(rule, params, active, check, (state.step + 1) % FloatUpdate.SWEEP_EVERY == 0);
    try {
      double scale = 1;
      if (options.clipNorm() != Double.POSITIVE_INFINITY) {
        f.measure(true);
        workers.run(f.blocks(), f);
        scale = Math.min(1.0, options.clipNorm() / (f.gradNorm() + 1e-6));
      }
      f.c[0] = (float) (options.maximize() ? -scale : scale);
      f.measure(false);
      workers.run(f.blocks(), f);
    } finally {
      f.finish();
    }
    state.step++;
    return f.allFinite();
  }

  private boolean chainStep(
      List<Parameter> params, OptimizerState state, boolean[] active, boolean check) {
    Block b = begin(state);
    if (needsGradNorm) {
      double sum = 0;
      for (int i = 0; i < params.size(); i++) {
        if (active != null && !active[i]) {
          continue;
        }
        for (float g : params.get(i).grad().data()) {
          sum += (double) g * g;
        }
      }
      b.gradNorm = Math.sqrt(sum);
    }
    boolean finite = true;
    for (int i = 0; i < params.size(); i++) {
      if (active != null && !active[i]) {
        continue;
      }
      Parameter param = params.get(i);
      float[] x = param.value().data();
      float[] g = param.grad().data();
      double[][] slots = state.slots[i];
      b.decay = param.decay();
      double[] u = b.u;
      double[] p = b.p;
      for (int off = 0; off < x.length; off += Block.CAPACITY) {
        int len = Math.min(Block.CAPACITY, x.length - off);
        for (int j = 0; j < len; j++) {
          u[j] = g[off + j];
        }
        if (needsParams) {
          for (int j = 0; j < len; j++) {
            p[j] = x[off + j];
          }
        }
        run(b, slots, off, len);
        for (int j = 0; j < len; j++) {
          x[off + j] = (float) (x[off + j] - u[j]);
        }
        finite &= !check || FloatUpdate.finite(x, off, off + len);
      }
    }
    state.step++;
    return finite;
  }

  /**
   * One update of a float64 parameter vector in place: {@code x ← x − u} where {@code u} is the
   * chain applied to {@code grad}. Allocates nothing.
   *
   * @throws IllegalArgumentException if the lengths differ from each other or from the state's
   */
  public void step(double[] x, double[] grad, OptimizerState state) {
    if (grad.length != x.length) {
      throw new IllegalArgumentException(
          "grad has length " + grad.length + " but x has length " + x.length);
    }
    state.requireMatches(this, x.length);
    if (state.floats != null) {
      throw new IllegalArgumentException(
          "state keeps float32 moments of float32 parameters; a float64 vector needs a state from"
              + " init(double[])");
    }
    Block b = begin(state);
    if (needsGradNorm) {
      double sum = 0;
      for (double g : grad) {
        sum += g * g;
      }
      b.gradNorm = Math.sqrt(sum);
    }
    double[][] slots = state.slots[0];
    b.decay = true;
    double[] u = b.u;
    for (int off = 0; off < x.length; off += Block.CAPACITY) {
      int len = Math.min(Block.CAPACITY, x.length - off);
      System.arraycopy(grad, off, u, 0, len);
      if (needsParams) {
        System.arraycopy(x, off, b.p, 0, len);
      }
      run(b, slots, off, len);
      for (int j = 0; j < len; j++) {
        x[off + j] -= u[j];
      }
    }
    state.step++;
  }

  private double checkedLearningRate(long step) {
    double value = learningRate(step);
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          "lr must be in [0, inf), got " + value + " from the schedule at step " + step);
    }
    return value;
  }

  /** The momentum schedule's value at {@code step}, or NaN without a momentum schedule. */
  private double checkedMomentum(long step) {
    if (momentumSchedule == null) {
      return Double.NaN;
    }
    double m = momentumSchedule.valueAt(step);
    if (!(m >= 0 && m < 1)) {
      throw new IllegalArgumentException(
          "momentum must be in [0, 1), got " + m + " from the schedule at step " + step);
    }
    return m;
  }

  private Block begin(OptimizerState state) {
    Block b = state.block;
    b.t = state.step + 1;
    b.lr = checkedLearningRate(state.step);
    b.momentum = checkedMomentum(state.step);
    b.scalars = state.scalars;
    for (int k = 0; k < chain.length; k++) {
      b.scalarBase = scalarBase[k];
      chain[k].beginStep(b);
    }
    return b;
  }

  private void run(Block b, double[][] slots, int off, int len) {
    b.len = len;
    for (int k = 0; k < slots.length; k++) {
      System.arraycopy(slots[k], off, b.slots[k], 0, len);
    }
    for (int k = 0; k < chain.length; k++) {
      b.base = slotBase[k];
      b.scalarBase = scalarBase[k];
      chain[k].apply(b);
    }
    for (int k = 0; k < slots.length; k++) {
      System.arraycopy(b.slots[k], 0, slots[k], off, len);
    }
  }

  /**
   * The description and the chain, e.g. {@code momentum(lr=0.1,momentum=0.9) = trace →
   * scaleByLearningRate}.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(description).append(" =");
    for (int k = 0; k < chain.length; k++) {
      sb.append(k == 0 ? " " : " → ").append(chain[k].name());
    }
    if (chain.length == 0) {
      sb.append(" (empty)");
    }
    return sb.toString();
  }
}
