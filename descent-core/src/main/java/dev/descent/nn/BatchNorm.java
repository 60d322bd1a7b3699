package dev.descent.nn;

import dev.descent.concurrent.Workers;
import dev.descent.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Batch normalization over the rows of a batch (Ioffe &amp; Szegedy, 2015), the book's {@code
 * BatchNormalization} for fully connected layers and PyTorch's {@code BatchNorm1d}.
 *
 * <p><b>Training</b> (per feature j over the N rows): {@code mu = mean(x)}, {@code var = mean((x -
 * mu)^2)} (biased, as the paper normalizes), {@code xhat = (x - mu) / sqrt(var + eps)}, {@code y =
 * gamma * xhat + beta}. The running estimates follow PyTorch: {@code running_mean = (1 - momentum)
 * running_mean + momentum mu} and {@code running_var = (1 - momentum) running_var + momentum var
 * N/(N-1)} (the <em>unbiased</em> variance). Note that the book's code uses {@code momentum=0.9}
 * for the weight of the <em>old</em> value, which is PyTorch's {@code momentum=0.1}.
 *
 * <p><b>Evaluation</b>: {@code y = gamma (x - running_mean) / sqrt(running_var + eps) + beta}.
 *
 * <p>Backward in training mode: {@code dbeta = sum dy}, {@code dgamma = sum dy xhat}, {@code dx =
 * gamma / (N sqrt(var + eps)) (N dy - dbeta - xhat dgamma)}. In evaluation mode the statistics are
 * constants and {@code dx = gamma dy / sqrt(running_var + eps)}.
 *
 * <p>Parameters {@code weight} (gamma, initially 1) and {@code bias} (beta, initially 0), both
 * excluded from weight decay; buffers {@code running_mean} (initially 0) and {@code running_var}
 * (initially 1). Training needs at least 2 rows, as in PyTorch.
 *
 * <p><b>Blocks.</b> Every statistic belongs to one feature and is summed over the rows in order, so
 * forward and backward run per block of features on the context's {@link Workers} (one block per
 * thread, at least 16 features each) with the same bits for every thread count and every split.
 */
public final class BatchNorm implements Layer {
  /** PyTorch's default weight of the new batch statistic in the running estimates. */
  public static final double DEFAULT_MOMENTUM = 0.1;

  /** PyTorch's default epsilon added to the variance. */
  public static final double DEFAULT_EPS = 1e-5;

  private final int features;
  private final double momentum;
  private final double eps;
  private final Parameter gamma;
  private final Parameter beta;
  private final Tensor runningMean;
  private final Tensor runningVar;
  private final double[] invStd;
  // Per-feature workspaces of forward and backward (no allocation per step).
  private final double[] mean;
  private final double[] sumA;
  private final double[] sumB;
  private final RowBuffer out = new RowBuffer();
  private final RowBuffer normalized = new RowBuffer();
  private final RowBuffer gradIn = new RowBuffer();
  private final IntConsumer forwardBlock = this::forwardBlock;
  private final IntConsumer backwardBlock = this::backwardBlock;
  private Tensor input;
  private Tensor xhat;
  private Tensor output;
  private Tensor gradOutput;
  private Tensor gradInput;
  private Workers workers;
  private int columnBlocks = 1;
  private boolean trainedForward;

  /** Batch norm over {@code features} columns with momentum 0.1 and eps 1e-5 (PyTorch). */
  public BatchNorm(int features) {
    this(features, DEFAULT_MOMENTUM, DEFAULT_EPS);
  }

  /**
   * @param features number of columns, positive
   * @param momentum weight of the batch statistic in the running estimates, in [0, 1]
   * @param eps added to the variance before the square root, positive and finite
   */
  public BatchNorm(int features, double momentum, double eps) {
    this.features = Checks.positive("features", features);
    if (!(momentum >= 0 && momentum <= 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1], got " + momentum);
    }
    if (!(eps > 0 && eps < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("eps must be in (0, inf), got " + eps);
    }
    this.momentum = momentum;
    this.eps = eps;
    this.gamma = Parameter.of("weight", Tensor.zeros(features).fill(1f), false);
    this.beta = Parameter.of("bias", Tensor.zeros(features), false);
    this.runningMean = Tensor.zeros(features);
    this.runningVar = Tensor.zeros(features).fill(1f);
    this.invStd = new double[features];
    this.mean = new double[features];
    this.sumA = new double[features];
    this.sumB = new double[features];
  }

  /** The number of features. */
  public int features() {
    return features;
  }

  /** gamma, the learned scale. */
  public Parameter gamma() {
    return gamma;
  }

  /** beta, the learned shift. */
  public Parameter beta() {
    return beta;
  }

  /** The running mean used in evaluation mode (writable, e.g. when loading a checkpoint). */
  public Tensor runningMean() {
    return runningMean;
  }

  /** The running (unbiased) variance used in evaluation mode. */
  public Tensor runningVar() {
    return runningVar;
  }

  @Override
  public Tensor forward(Tensor x, Context context) {
    Checks.input("BatchNorm", x, features);
    Checks.context("BatchNorm", context);
    int rows = x.rows();
    if (context.training() && rows < 2) {
      throw new IllegalArgumentException(
          "BatchNorm: training needs a batch of at least 2 rows to estimate a variance, got "
              + rows);
    }
    input = x;
    output = out.get(rows, features);
    xhat = normalized.get(rows, features);
    trainedForward = context.training();
    workers = context.workers();
    // Each feature's sums run over the rows in order whatever the column blocks are, so the bits do
    // not depend on the split: one block per thread (one contiguous loop over all features on one
    // thread; blocks of 64 made the single-threaded layer 1.5x slower in LayerKernelBenchmark).
    columnBlocks = Math.max(1, Math.min(workers.threads(), features / 16));
    workers.run(columnBlocks, forwardBlock);
    return output;
  }

  /** Statistics and normalization of the features of column block {@code block}. */
  private void forwardBlock(int block) {
    int c0 = block * features / columnBlocks;
    int c1 = (block + 1) * features / columnBlocks;
    int rows = input.rows();
    float[] xd = input.data();
    float[] h = xhat.data();
    float[] yd = output.data();
    float[] g = gamma.value().data();
    float[] b = beta.value().data();
    float[] rm = runningMean.data();
    float[] rv = runningVar.data();
    // Row-major loops with one accumulator per feature: contiguous, vectorizable, and each
    // feature's sums still run over the rows in order (the same bits as a per-column loop).
    if (trainedForward) {
      double[] sum = sumA;
      Arrays.fill(sum, c0, c1, 0);
      for (int i = 0; i < rows; i++) {
        int off = i * features;
        for (int j = c0; j < c1; j++) {
          sum[j] += xd[off + j];
        }
      }
      for (int j = c0; j < c1; j++) {
        mean[j] = sum[j] / rows;
      }
      double[] sq = sumB;
      Arrays.fill(sq, c0, c1, 0);
      for (int i = 0; i < rows; i++) {
        int off = i * features;
        for (int j = c0; j < c1; j++) {
          double d = xd[off + j] - mean[j];
          sq[j] += d * d;
        }
      }
      for (int j = c0; j < c1; j++) {
        double var = sq[j] / rows;
        invStd[j] = 1.0 / Math.sqrt(var + eps);
        rm[j] = (float) ((1 - momentum) * rm[j] + momentum * mean[j]);
        rv[j] = (float) ((1 - momentum) * rv[j] + momentum * sq[j] / (rows - 1));
      }
    } else {
      for (int j = c0; j < c1; j++) {
        mean[j] = rm[j];
        invStd[j] = 1.0 / Math.sqrt(rv[j] + eps);
      }
    }
    for (int i = 0; i < rows; i++) {
      int off = i * features;
      for (int j = c0; j < c1; j++) {
        int k = off + j;
        float n = (float) ((xd[k] - mean[j]) * invStd[j]);
        h[k] = n;
        yd[k] = g[j] * n + b[j];
      }
    }
  }

  @Override
  public Tensor backward(Tensor gradOutput, boolean inputGradient) {
    Checks.gradOutput("BatchNorm", gradOutput, output);
    this.gradOutput = gradOutput;
    this.gradInput = inputGradient ? gradIn.get(output.rows(), features) : null;
    workers.run(columnBlocks, backwardBlock);
    this.gradOutput = null;
    return gradInput;
  }

  /** The gradients of the features of column block {@code block}. */
  private void backwardBlock(int block) {
    int c0 = block * features / columnBlocks;
    int c1 = (block + 1) * features / columnBlocks;
    int rows = output.rows();
    float[] dy = gradOutput.data();
    float[] h = xhat.data();
    float[] g = gamma.value().data();
    float[] dg = gamma.grad().data();
    float[] db = beta.grad().data();
    double[] sumDy = sumA;
    double[] sumDyH = sumB;
    Arrays.fill(sumDy, c0, c1, 0);
    Arrays.fill(sumDyH, c0, c1, 0);
    for (int i = 0; i < rows; i++) {
      int off = i * features;
      for (int j = c0; j < c1; j++) {
        int k = off + j;
        sumDy[j] += dy[k];
        sumDyH[j] += (double) dy[k] * h[k];
      }
    }
    for (int j = c0; j < c1; j++) {
      db[j] = (float) sumDy[j];
      dg[j] = (float) sumDyH[j];
    }
    if (gradInput == null) {
      return;
    }
    float[] d = gradInput.data();
    double[] scale = this.mean; // the forward's means are no longer needed
    for (int j = c0; j < c1; j++) {
      scale[j] = g[j] * invStd[j];
      sumDy[j] = trainedForward ? db[j] / (double) rows : 0;
      sumDyH[j] = trainedForward ? dg[j] / (double) rows : 0;
    }
    for (int i = 0; i < rows; i++) {
      int off = i * features;
      if (trainedForward) {
        for (int j = c0; j < c1; j++) {
          int k = off + j;
          d[k] = (float) (scale[j] * (dy[k] - sumDy[j] - h[k] * sumDyH[j]));
        }
      } else {
        for (int j = c0; j < c1; j++) {
          int k = off + j;
          d[k] = (float) (scale[j] * dy[k]);
        }
      }
    }
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(gamma, beta);
  }

  @Override
  public Map<String, Tensor> buffers() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("running_mean", runningMean);
    m.put("running_var", runningVar);
    return m;
  }

  @Override
  public String toString() {
    return "BatchNorm(" + features + ", momentum=" + momentum + ", eps=" + eps + ")";
  }
}
