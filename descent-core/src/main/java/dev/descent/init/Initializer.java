package dev.descent.init;

import dev.descent.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Fills a weight tensor with initial values, drawing only from the generator it is given (no global
 * random state), so the same seed always gives the same weights.
 *
 * <p>Build one by name with {@link Initializers#create(String)}, e.g. {@code
 * Initializers.create("normal(std=0.01)")}, or with the factories in {@link Initializers}.
 */
@FunctionalInterface
public interface Initializer {

  /**
   * Overwrites every element of {@code weight}, in row-major order.
   *
   * @param weight the tensor to fill
   * @param fanIn the number of inputs feeding each output unit (a Linear layer's {@code in})
   * @param fanOut the number of output units (a Linear layer's {@code out})
   * @param random the generator to draw from; advanced by the draw
   */
  void initialize(Tensor weight, int fanIn, int fanOut, SplittableRandom random);
}
