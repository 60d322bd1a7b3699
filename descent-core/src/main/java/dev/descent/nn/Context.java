package dev.descent.nn;

import dev.descent.concurrent.Workers;
import java.util.SplittableRandom;

/**
 * How a forward pass runs: training or evaluation mode, the generator that stochastic layers
 * (dropout) draw from, and the threads the layers split their work across. It travels with every
 * {@link Layer#forward} call instead of living in a global flag, so one model can be trained and
 * evaluated in alternation without hidden state; {@link Layer#backward} runs on the workers of the
 * forward call it follows.
 *
 * <p><b>Threads never change results.</b> Layers split a batch into blocks whose bounds depend only
 * on the shapes (batch rows, layer widths), never on {@code workers.threads()}, and combine partial
 * results in a fixed order, so every pool, {@link Workers#serial()} included, gives bit-identical
 * outputs and gradients. The factories without a pool use {@link Workers#shared()} (one thread per
 * core); pass {@link Workers#serial()} when several models are trained at once on their own
 * threads.
 *
 * <pre>{@code
 * SplittableRandom rng = new SplittableRandom(42);
 * Tensor logits = model.forward(x, Context.training(rng)); // batch statistics, dropout masks
 * Tensor test = model.forward(xTest, Context.evaluation());  // running statistics, no dropout
 * }</pre>
 *
 * @param training whether layers use training behaviour (batch statistics, random dropout masks)
 * @param random the generator dropout masks are seeded from; required in training mode only when
 *     the model contains a stochastic layer, may be null otherwise
 * @param workers the pool that layers run their row and column blocks on
 */
public record Context(boolean training, SplittableRandom random, Workers workers) {

  /**
   * @throws IllegalArgumentException when {@code workers} is null
   */
  public Context {
    if (workers == null) {
      throw new IllegalArgumentException("workers must not be null");
    }
  }

  /** Training mode on the shared pool, seeding dropout masks from {@code random}. */
  public static Context training(SplittableRandom random) {
    return training(random, Workers.shared());
  }

  /**
   * Training mode on {@code workers}, seeding dropout masks from {@code random} (advanced by one
   * {@code nextLong()} per dropout layer and forward pass).
   *
   * @throws IllegalArgumentException when an argument is null
   */
  public static Context training(SplittableRandom random, Workers workers) {
    if (random == null) {
      throw new IllegalArgumentException("random must not be null in training mode");
    }
    return new Context(true, random, workers);
  }

  /** Evaluation (inference) mode on the shared pool: running statistics, no randomness. */
  public static Context evaluation() {
    return SharedEvaluation.CONTEXT;
  }

  /**
   * Evaluation (inference) mode on {@code workers}.
   *
   * @throws IllegalArgumentException when {@code workers} is null
   */
  public static Context evaluation(Workers workers) {
    return new Context(false, null, workers);
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

  // A holder, so that the shared pool's threads start on first use, not when Context loads.
  private static final class SharedEvaluation {
    static final Context CONTEXT = new Context(false, null, Workers.shared());
  }
}
