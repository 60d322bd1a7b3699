package dev.descent.nn;

import dev.descent.init.Initializer;
import dev.descent.tensor.Blas;
import dev.descent.tensor.Ops;
import dev.descent.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Affine layer (the book's {@code Affine}), {@code y = x W + b}.
 *
 * <p>Shapes: x is N x in, <b>W is stored in x out</b> (the layout of the book's {@code np.dot(x,
 * W)}, so the forward pass is one plain product), b has out elements, y is N x out. PyTorch's
 * {@code nn.Linear.weight} is the transpose (out x in): transpose when exchanging weights.
 *
 * <p>Backward, all three products through {@link Blas}: {@code dW = x^T dy}, {@code db = sum over
 * rows of dy}, {@code dx = dy W^T}.
 *
 * <p>Parameters: {@code weight} (decayed by L2 weight decay) and {@code bias} (not decayed).
 * Weights come from the given {@link Initializer} with fan-in = in and fan-out = out; the bias
 * starts at zero (the book's choice; PyTorch draws it from U(-1/sqrt(in), 1/sqrt(in))).
 */
public final class Linear implements Layer {
  private final int in;
  private final int outFeatures;
  private final Blas blas;
  private final Parameter weight;
  private final Parameter bias;
  private final RowBuffer out = new RowBuffer();
  private final RowBuffer gradIn = new RowBuffer();
  private Tensor input;
  private Tensor output;

  /**
   * A layer with weights drawn by {@code init} from {@code random}, using the default BLAS.
   *
   * @param in input features, positive
   * @param out output features, positive
   */
  public Linear(int in, int out, Initializer init, SplittableRandom random) {
    this(in, out, init, random, Blas.defaultBlas());
  }

  /** As {@link #Linear(int, int, Initializer, SplittableRandom)} with an explicit BLAS. */
  public Linear(int in, int out, Initializer init, SplittableRandom random, Blas blas) {
    this.in = Checks.positive("in", in);
    this.outFeatures = Checks.positive("out", out);
    if (init == null) {
      throw new IllegalArgumentException("init must not be null");
    }
    if (random == null) {
      throw new IllegalArgumentException("random must not be null");
    }
    if (blas == null) {
      throw new IllegalArgumentException("blas must not be null");
    }
    this.blas = blas;
    Tensor w = Tensor.zeros(in, out);
    init.initialize(w, in, out, random);
    this.weight = Parameter.of("weight", w, true);
    this.bias = Parameter.of("bias", Tensor.zeros(out), false);
  }

  /** Input features. */
  public int in() {
    return in;
  }

  /** Output features. */
  public int out() {
    return outFeatures;
  }

  /** The weight parameter, in x out. */
  public Parameter weight() {
    return weight;
  }

  /** The bias parameter, out elements. */
  public Parameter bias() {
    return bias;
  }

  @Override
  public Tensor forward(Tensor x, Context context) {
    Checks.input("Linear", x, in);
    Checks.context("Linear", context);
    Tensor y = out.get(x.rows(), outFeatures);
    Ops.matmul(blas, x, false, weight.value(), false, 1f, 0f, y);
    Ops.addRowVector(y, bias.value());
    input = x;
    output = y;
    return y;
  }

  @Override
  public Tensor backward(Tensor gradOutput, boolean inputGradient) {
    Checks.gradOutput("Linear", gradOutput, output);
    Ops.matmul(blas, input, true, gradOutput, false, 1f, 0f, weight.grad());
    Ops.sumRows(gradOutput, bias.grad());
    if (!inputGradient) {
      return null;
    }
    Tensor dx = gradIn.get(gradOutput.rows(), in);
    Ops.matmul(blas, gradOutput, false, weight.value(), true, 1f, 0f, dx);
    return dx;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(weight, bias);
  }

  @Override
  public String toString() {
    return "Linear(" + in + ", " + outFeatures + ")";
  }
}
