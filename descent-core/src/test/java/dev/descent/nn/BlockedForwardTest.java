package dev.descent.nn;

import static dev.descent.nn.GradientCheck.randn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.concurrent.Workers;
import dev.descent.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Sequential} pushes each row block through a chain of row-wise layers in one task; that
 * must compute exactly what the layers' own forward passes compute one after the other, on any
 * number of threads.
 */
class BlockedForwardTest {

  private static Sequential net() {
    // Widths over 64 and a batch of 150 rows: several row and feature blocks, partial last ones.
    return Mlp.builder(150, 10).hidden(100, 70, 30).batchNorm(true).dropout(0.25).seed(9).build();
  }

  @Test
  void chainedBlocksEqualLayerByLayerPassesOnAnyThreadCount() {
    Tensor x = randn(new SplittableRandom(1), 150, 150);
    Tensor dy = randn(new SplittableRandom(2), 150, 10);
    // Reference: every layer's own forward and backward, one after the other, on one thread.
    Sequential reference = net();
    Context serial = Context.training(new SplittableRandom(3), Workers.serial());
    Tensor h = x;
    for (Layer l : reference.layers()) {
      h = l.forward(h, serial);
    }
    Tensor expected = h.copy();
    Tensor g = dy;
    List<Layer> layers = reference.layers();
    for (int i = layers.size() - 1; i >= 0; i--) {
      g = layers.get(i).backward(g, true);
    }
    Tensor expectedDx = g.copy();
    for (int threads = 1; threads <= 4; threads++) {
      try (Workers w = Workers.create(threads)) {
        Sequential model = net();
        Tensor y = model.forward(x, Context.training(new SplittableRandom(3), w));
        assertThat(y).as("%d threads", threads).isEqualTo(expected);
        assertThat(model.backward(dy, true)).as("%d threads", threads).isEqualTo(expectedDx);
        for (int p = 0; p < model.parameters().size(); p++) {
          assertThat(model.parameters().get(p).grad())
              .as("%s, %d threads", model.parameters().get(p).name(), threads)
              .isEqualTo(reference.parameters().get(p).grad());
        }
        for (var e : model.buffers().entrySet()) {
          assertThat(e.getValue()).isEqualTo(reference.buffers().get(e.getKey()));
        }
      }
    }
  }

  @Test
  void rowFillsGiveThePassesOfReadyTensorsOnBothBackwardPaths() {
    // Batch norm sends backward layer by layer; without it, 150 rows (3 blocks) go block by block.
    for (boolean batchNorm : new boolean[] {true, false}) {
      Tensor x = randn(new SplittableRandom(5), 150, 150);
      Tensor dy = randn(new SplittableRandom(6), 150, 10);
      Sequential reference =
          Mlp.builder(150, 10).hidden(100, 70).batchNorm(batchNorm).dropout(0.25).seed(9).build();
      Context serial = Context.training(new SplittableRandom(3), Workers.serial());
      Tensor expected = reference.forward(x, serial).copy();
      Tensor expectedDx = reference.backward(dy, true).copy();
      for (int threads = 1; threads <= 3; threads++) {
        try (Workers w = Workers.create(threads)) {
          Sequential model =
              Mlp.builder(150, 10)
                  .hidden(100, 70)
                  .batchNorm(batchNorm)
                  .dropout(0.25)
                  .seed(9)
                  .build();
          Tensor xb = Tensor.zeros(150, 150);
          Tensor g = Tensor.zeros(150, 10);
          int[] filled = new int[150];
          Tensor y =
              model.forward(
                  xb,
                  Context.training(new SplittableRandom(3), w),
                  (from, to) -> copyRows(x, xb, from, to, filled));
          assertThat(y).as("batch norm %s, %d threads", batchNorm, threads).isEqualTo(expected);
          Tensor dx = model.backward(g, true, (from, to) -> copyRows(dy, g, from, to, filled));
          assertThat(dx).as("batch norm %s, %d threads", batchNorm, threads).isEqualTo(expectedDx);
          assertThat(filled).as("each row filled once per pass").containsOnly(2);
          for (int p = 0; p < model.parameters().size(); p++) {
            assertThat(model.parameters().get(p).grad())
                .as("%s, %d threads", model.parameters().get(p).name(), threads)
                .isEqualTo(reference.parameters().get(p).grad());
          }
        }
      }
    }
  }

  @Test
  void rowsReadInPlaceGiveThePassesOfACopyOfThoseRows() {
    // A Linear first layer in a chain (row-block backward), a Linear first layer followed by batch
    // norm (its own forward, layer-by-layer backward), and a first layer that is not Linear (the
    // rows are copied).
    List<java.util.function.Supplier<Sequential>> models =
        List.of(
            () -> Mlp.builder(150, 10).hidden(100, 70).dropout(0.25).seed(9).build(),
            () ->
                Mlp.builder(150, 10).hidden(100, 70).batchNorm(true).dropout(0.25).seed(9).build(),
            () ->
                new Sequential(
                    new Tanh(),
                    new Linear(
                        150, 10, dev.descent.init.Initializers.he(), new SplittableRandom(4))));
    Tensor big = randn(new SplittableRandom(7), 400, 150);
    int first = 123;
    int rows = 150;
    Tensor x = Tensor.zeros(rows, 150);
    System.arraycopy(big.data(), first * 150, x.data(), 0, rows * 150);
    Tensor dy = randn(new SplittableRandom(8), rows, 10);
    for (int m = 0; m < models.size(); m++) {
      Sequential reference = models.get(m).get();
      Context serial = Context.training(new SplittableRandom(3), Workers.serial());
      Tensor expected = reference.forward(x, serial).copy();
      Tensor expectedDx = reference.backward(dy, true).copy();
      for (int threads = 1; threads <= 3; threads++) {
        try (Workers w = Workers.create(threads)) {
          Sequential model = models.get(m).get();
          Tensor y = model.forward(big, first, rows, Context.training(new SplittableRandom(3), w));
          assertThat(y).as("model %d, %d threads", m, threads).isEqualTo(expected);
          assertThat(model.backward(dy, true))
              .as("model %d, %d threads", m, threads)
              .isEqualTo(expectedDx);
          for (int p = 0; p < model.parameters().size(); p++) {
            assertThat(model.parameters().get(p).grad())
                .as("model %d: %s, %d threads", m, model.parameters().get(p).name(), threads)
                .isEqualTo(reference.parameters().get(p).grad());
          }
        }
      }
      Sequential model = models.get(m).get();
      Context c = Context.evaluation(Workers.serial());
      assertThatThrownBy(() -> model.forward(big, 300, 101, c))
          .hasMessage("Sequential: rows [300, 401) must lie within the input's 400 rows");
      assertThatThrownBy(() -> model.forward(big, -1, 10, c))
          .hasMessage("Sequential: rows [-1, 9) must lie within the input's 400 rows");
      assertThatThrownBy(() -> model.forward(big, 0, 0, c))
          .hasMessage("Sequential: rows [0, 0) must lie within the input's 400 rows");
    }
  }

  private static void copyRows(Tensor from, Tensor to, int r0, int r1, int[] filled) {
    int cols = from.cols();
    System.arraycopy(from.data(), r0 * cols, to.data(), r0 * cols, (r1 - r0) * cols);
    for (int r = r0; r < r1; r++) {
      filled[r]++;
    }
  }

  @Test
  void dropoutMasksDifferBetweenBlocksAndPasses() {
    Dropout d = new Dropout(0.5);
    Tensor x = Tensor.zeros(2 * Blocks.ROWS, 40).fill(1f);
    Context c = Context.training(new SplittableRandom(4), Workers.serial());
    float[] first = d.forward(x, c).data().clone();
    float[] second = d.forward(x, c).data();
    int sameBlocks = 0;
    int block = Blocks.ROWS * 40;
    for (int i = 0; i < block; i++) {
      sameBlocks += first[i] == first[i + block] ? 1 : 0;
    }
    // Independent masks agree on about half the elements; equal blocks would agree on all.
    assertThat(sameBlocks).isBetween(block * 2 / 5, block * 3 / 5);
    assertThat(second).isNotEqualTo(first);
  }
}
