package dev.descent.train;

import dev.descent.nn.Parameter;
import dev.descent.nn.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Block-coordinate training (seed 003, "coordinate descent"; Deep Learning book §8.7.2): the
 * parameters are split into blocks, and each optimizer step updates one block while the others are
 * held fixed. The active block changes every {@code stepsPerBlock} steps, in cyclic order (block 0,
 * 1, …, B−1, 0, …) or drawn uniformly at random per period from a generator seeded with (seed,
 * period), so the order is a pure function of the step and a resumed run needs no extra state.
 *
 * <p>Held blocks are frozen completely: their values and optimizer moments do not change; the
 * optimizer's step count t (learning-rate schedule, Adam's bias corrections) counts every step, so
 * an Adam block that was idle continues with the bias correction of the global t. Gradients are
 * still computed for all blocks (backward runs through the whole network anyway).
 *
 * <pre>{@code
 * trainer.coordinate(BlockCoordinate.parse("layers", "cyclic", 100, seed));
 * }</pre>
 *
 * @param grouping what forms a block
 * @param order the order the blocks take turns in
 * @param stepsPerBlock optimizer steps per turn, ≥ 1
 * @param seed the seed of the random order
 */
public record BlockCoordinate(Grouping grouping, Order order, long stepsPerBlock, long seed) {

  /** What forms a block. */
  public enum Grouping {
    /** Each layer that has parameters: a Linear layer's weight and bias, a batch norm's γ and β. */
    LAYERS,
    /** Each parameter tensor on its own (a weight matrix, a bias vector). */
    PARAMETERS
  }

  /** The order of the turns. */
  public enum Order {
    /** 0, 1, …, B−1, 0, 1, …. */
    CYCLIC,
    /** A uniformly random block per turn (with repeats), seeded. */
    RANDOM
  }

  /** Validates the fields. */
  public BlockCoordinate {
    if (grouping == null || order == null) {
      throw new IllegalArgumentException("grouping and order must not be null");
    }
    if (stepsPerBlock < 1) {
      throw new IllegalArgumentException(
          "steps per block must be in [1, inf), got " + stepsPerBlock);
    }
  }

  /**
   * From the CLI's words.
   *
   * @param grouping {@code layers} or {@code params}
   * @param order {@code cyclic} or {@code random}
   * @throws IllegalArgumentException naming the option and its valid values
   */
  public static BlockCoordinate parse(
      String grouping, String order, long stepsPerBlock, long seed) {
    Grouping g;
    switch (grouping) {
      case "layers":
        g = Grouping.LAYERS;
        break;
      case "params":
        g = Grouping.PARAMETERS;
        break;
      default:
        throw new IllegalArgumentException(
            "--coordinate must be layers or params, got '" + grouping + "'");
    }
    Order o;
    switch (order) {
      case "cyclic":
        o = Order.CYCLIC;
        break;
      case "random":
        o = Order.RANDOM;
        break;
      default:
        throw new IllegalArgumentException("--order must be cyclic or random, got '" + order + "'");
    }
    return new BlockCoordinate(g, o, stepsPerBlock, seed);
  }

  /** A description for checkpoints, e.g. {@code layers/cyclic/steps=100/seed=0}. */
  public String spec() {
    return (grouping == Grouping.LAYERS ? "layers" : "params")
        + "/"
        + order.name().toLowerCase(Locale.ROOT)
        + "/steps="
        + stepsPerBlock
        + "/seed="
        + seed;
  }

  /**
   * The blocks of {@code model}: for each block, one flag per {@link Sequential#parameters()}
   * entry, true for the block's parameters.
   */
  public List<boolean[]> blocks(Sequential model) {
    List<Parameter> params = model.parameters();
    List<boolean[]> out = new ArrayList<>();
    String current = null;
    for (int i = 0; i < params.size(); i++) {
      String name = params.get(i).name();
      String layer = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
      if (grouping == Grouping.PARAMETERS || !layer.equals(current)) {
        out.add(new boolean[params.size()]);
        current = layer;
      }
      out.get(out.size() - 1)[i] = true;
    }
    return out;
  }

  /** The block (index into {@link #blocks}) that optimizer step {@code step} (0-based) updates. */
  public int activeBlock(long step, int blockCount) {
    long turn = step / stepsPerBlock;
    if (order == Order.CYCLIC) {
      return (int) (turn % blockCount);
    }
    return new SplittableRandom(Trainer.mix(seed ^ 0x636f6f7264L, turn)).nextInt(blockCount);
  }
}
