package dev.descent.nn;

import java.util.SplittableRandom;

/**
 * How a forward pass runs: training or evaluation mode, and the generator that stochastic layers
 * (dropout) draw from. It travels with every {@link Layer#forward} call instead of living in a
 * global flag, so one model can be trained and evaluated in alternation without hidden state.
 *
 * <pre>{@code
 * SplittableRandom rng = new SplittableRandom(42);
 * Tensor logits = model.forward(x, Context.training(rng)); // batch statistics, dropout masks
 * Tensor test = model.forward(xTest, Context.evaluation());  // running statistics, no dropout
 * }</pre>
 *
 * @param training whether layers use training behaviour (batch statistics, random dropout masks)
 * @param random the generator dropout masks are drawn from; required in training mode only when the
 *     model contains a stochastic layer, may be null otherwise
 */
public record Context(boolean training, SplittableRandom random) {

  private static final Context EVALUATION = new Context(false, null);

  /** Training mode drawing random masks from {@code random} (advanced by each draw). */
  public static Context training(SplittableRandom random) {
    if (random == null) {
      throw new IllegalArgumentException("random must not be null in training mode");
    }
    return new Context(true, random);
  }

  /** Evaluation (inference) mode: running statistics, no randomness. */
  public static Context evaluation() {
    return EVALUATION;
  }

  /**
   * The generator, for layers that need one.
   *
   * @throws IllegalArgumentException naming {@code layer} when this context has no generator
   */
  public SplittableRandom requireRandom(String layer) {
    if (random == null) {
      throw new IllegalArgumentException(
          layer + " needs a random generator in training mode, but the context's random is null");
    }
    return random;
  }
}
