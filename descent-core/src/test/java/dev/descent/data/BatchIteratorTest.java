package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BatchIteratorTest {

  /** Example i has features {i, -i} and label i mod 3. */
  private static Dataset data(int n) {
    float[] x = new float[2 * n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = i;
      x[2 * i + 1] = -i;
      y[i] = i % 3;
    }
    return Dataset.ofFloats("seq", x, 2, y, 3);
  }

  /** The row indices of the next {@code batches} batches, one list per batch. */
  private static List<int[]> take(BatchIterator it, int batches) {
    List<int[]> out = new ArrayList<>();
    int[] rows = new int[it.batchSize()];
    for (int b = 0; b < batches; b++) {
      int n = it.nextRows(rows);
      out.add(Arrays.copyOf(rows, n));
    }
    return out;
  }

  @Property(tries = 50)
  void everyExampleExactlyOncePerEpoch(
      @ForAll @IntRange(min = 1, max = 60) int n,
      @ForAll @IntRange(min = 1, max = 60) int batch,
      @ForAll long seed) {
    int b = Math.min(batch, n);
    BatchIterator it = new BatchIterator(data(n), b, Sampling.SHUFFLE, seed, false);
    assertThat(it.batchesPerEpoch()).isEqualTo((n + b - 1) / b);
    for (int epoch = 0; epoch < 3; epoch++) {
      assertThat(it.epoch()).isEqualTo(epoch);
      int[] seen = new int[n];
      for (int[] rows : take(it, it.batchesPerEpoch())) {
        for (int r : rows) {
          seen[r]++;
        }
      }
      assertThat(seen).containsOnly(1);
    }
  }

  @Test
  void sameSeedSameOrderAndEachEpochIsReshuffled() {
    List<int[]> a = take(new BatchIterator(data(100), 10, Sampling.SHUFFLE, 42, false), 30);
    List<int[]> b = take(new BatchIterator(data(100), 10, Sampling.SHUFFLE, 42, false), 30);
    List<int[]> c = take(new BatchIterator(data(100), 10, Sampling.SHUFFLE, 43, false), 30);
    assertThat(a).usingRecursiveComparison().isEqualTo(b);
    assertThat(a).usingRecursiveComparison().isNotEqualTo(c);
    assertThat(a.subList(0, 10)).usingRecursiveComparison().isNotEqualTo(a.subList(10, 20));
    int[] identity = new int[10];
    Arrays.setAll(identity, i -> i);
    assertThat(a.get(0)).isNotEqualTo(identity);
  }

  @Test
  void resumingFromEpochAndPositionReproducesTheUninterruptedOrder() {
    for (Sampling sampling : Sampling.values()) {
      BatchIterator full = new BatchIterator(data(53), 8, sampling, 7, false);
      List<int[]> reference = take(full, 40);
      // Stop after 23 batches, remember (epoch, position), continue in a brand-new iterator.
      BatchIterator first = new BatchIterator(data(53), 8, sampling, 7, false);
      take(first, 23);
      long epoch = first.epoch();
      int position = first.position();
      assertThat(epoch * first.batchesPerEpoch() + position).isEqualTo(23);
      BatchIterator resumed = new BatchIterator(data(53), 8, sampling, 7, false);
      resumed.seek(epoch, position);
      assertThat(take(resumed, 17))
          .as(sampling.toString())
          .usingRecursiveComparison()
          .isEqualTo(reference.subList(23, 40));
    }
  }

  @Test
  void fillsCallerBuffersWithFeaturesAndLabels() {
    BatchIterator it = new BatchIterator(data(10), 4, Sampling.SEQUENTIAL, 0, false);
    float[] x = new float[8];
    int[] y = new int[4];
    assertThat(it.next(x, y)).isEqualTo(4);
    assertThat(x).containsExactly(0, 0, 1, -1, 2, -2, 3, -3);
    assertThat(y).containsExactly(0, 1, 2, 0);
    it.next(x, y);
    Arrays.fill(y, -9);
    assertThat(it.next(x, y)).as("last, partial batch").isEqualTo(2);
    assertThat(y).containsExactly(2, 0, -9, -9);
    assertThat(x[0]).isEqualTo(8f);
    assertThat(it.epoch()).isEqualTo(1);
    assertThat(it.position()).isZero();
  }

  @Test
  void batchesAllocateNothing() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    Dataset images = Dataset.ofBytes("img", new byte[1000 * 784], 784, new int[1000], 1);
    for (Sampling sampling : Sampling.values()) {
      BatchIterator it = new BatchIterator(images, 128, sampling, 1, false);
      float[] x = new float[128 * 784];
      int[] y = new int[128];
      for (int i = 0; i < 100; i++) {
        it.next(x, y);
      }
      long before = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < 2000; i++) {
        it.next(x, y);
      }
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      // One allocation per batch would be at least 16 bytes × 2000; allow a little noise.
      assertThat(allocated).as(sampling.toString()).isLessThan(4096);
    }
  }

  @Test
  void dropLastSkipsThePartialBatch() {
    BatchIterator it = new BatchIterator(data(10), 4, Sampling.SHUFFLE, 1, true);
    assertThat(it.batchesPerEpoch()).isEqualTo(2);
    List<int[]> batches = take(it, 4);
    assertThat(batches).allMatch(b -> b.length == 4);
    assertThat(it.epoch()).isEqualTo(2);
  }

  @Test
  void withReplacementDrawsFullBatchesUniformly() {
    BatchIterator it = new BatchIterator(data(10), 5, Sampling.WITH_REPLACEMENT, 3, false);
    assertThat(it.batchesPerEpoch()).isEqualTo(2);
    int[] counts = new int[10];
    boolean repeated = false;
    for (int[] rows : take(it, 20_000)) {
      assertThat(rows).hasSize(5);
      repeated |= Arrays.stream(rows).distinct().count() < 5;
      for (int r : rows) {
        counts[r]++;
      }
    }
    assertThat(repeated).as("sampling with replacement repeats examples").isTrue();
    // 100 000 draws over 10 values: each count is 10 000 ± 5 standard deviations (≈ 95).
    assertThat(Arrays.stream(counts).boxed()).allMatch(c -> Math.abs(c - 10_000) < 475);
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> new BatchIterator(data(10), 11, Sampling.SHUFFLE, 0, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batch size must be in [1, 10] for seq, got 11");
    BatchIterator it = new BatchIterator(data(10), 4, Sampling.SHUFFLE, 0, false);
    assertThatThrownBy(() -> it.seek(0, 3)).hasMessage("position must be in [0, 3), got 3");
    assertThatThrownBy(() -> it.seek(-1, 0)).hasMessage("epoch must be >= 0, got -1");
    assertThatThrownBy(() -> it.next(new float[7], new int[4]))
        .hasMessage("buffers must hold a full batch: x needs 8 floats and y 4 ints, got 7 and 4");
  }
}
