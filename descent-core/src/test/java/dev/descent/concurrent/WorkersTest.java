package dev.descent.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

class WorkersTest {

  @Test
  void runsEveryIndexExactlyOnceOverManyLoops() {
    try (Workers w = Workers.create(3)) {
      for (int loop = 0; loop < 2000; loop++) {
        int n = loop % 17;
        AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(n, 1));
        w.run(n, i -> hits.incrementAndGet(i));
        for (int i = 0; i < n; i++) {
          assertThat(hits.get(i)).as("loop %d index %d", loop, i).isEqualTo(1);
        }
      }
    }
  }

  @Test
  void eachThreadRunsItsOwnShareFirst() {
    // Shares are contiguous: of 2 indices on 2 threads index 0 is the caller's, index 1 the
    // worker's. A worker takes over another share only once its own is claimed, and index 1 below
    // cannot finish before index 0 has started, so index 0 always runs on the caller, however the
    // threads are scheduled.
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          try (Workers w = Workers.create(2)) {
            Thread caller = Thread.currentThread();
            for (int loop = 0; loop < 300; loop++) {
              Thread[] ranOn = new Thread[2];
              CountDownLatch started = new CountDownLatch(1);
              w.run(
                  2,
                  i -> {
                    ranOn[i] = Thread.currentThread();
                    if (i == 0) {
                      started.countDown();
                    } else {
                      awaitQuietly(started);
                    }
                  });
              assertThat(ranOn[0]).as("thread of index 0 in loop %d", loop).isSameAs(caller);
            }
          }
        });
  }

  @Test
  void backToBackLoopsOfDifferentTasksAndSizesNeverMixUp() {
    // A worker late to finish one loop must not claim an index of the next loop's task: that
    // index would run twice and the caller would wait forever for its count of finished tasks.
    assertTimeoutPreemptively(
        Duration.ofSeconds(120),
        () -> {
          try (Workers w = Workers.create(2)) {
            int[] sizes = {2, 7, 1, 5, 3};
            AtomicIntegerArray[] hits = new AtomicIntegerArray[sizes.length];
            IntConsumer[] tasks = new IntConsumer[sizes.length];
            for (int k = 0; k < sizes.length; k++) {
              AtomicIntegerArray h = new AtomicIntegerArray(sizes[k]);
              hits[k] = h;
              tasks[k] = h::incrementAndGet;
            }
            for (int loop = 0; loop < 200_000; loop++) {
              int k = loop % sizes.length;
              w.run(sizes[k], tasks[k]);
            }
            for (int k = 0; k < sizes.length; k++) {
              int runs = (200_000 - k + sizes.length - 1) / sizes.length;
              for (int i = 0; i < sizes[k]; i++) {
                assertThat(hits[k].get(i)).as("size %d index %d", sizes[k], i).isEqualTo(runs);
              }
            }
          }
        });
  }

  @Test
  void limitedViewsUseTheirFirstThreadsOnly() throws Exception {
    try (Workers w = Workers.create(4)) {
      assertThat(w.limit(4)).isSameAs(w);
      assertThat(w.limit(9)).isSameAs(w);
      assertThat(w.limit(1)).isSameAs(Workers.serial());
      Workers two = w.limit(2);
      assertThat(two.threads()).isEqualTo(2);
      assertThat(two.limit(3).threads()).as("a view's limit is on the pool").isEqualTo(3);
      assertThat(two).hasToString("Workers(2 of 4 threads)");
      assertThatThrownBy(() -> w.limit(0)).hasMessage("threads must be >= 1, got 0");
      // Slow tasks, so that idle threads of the pool would take some if they were let in.
      java.util.Set<Thread> ran = java.util.concurrent.ConcurrentHashMap.newKeySet();
      AtomicIntegerArray hits = new AtomicIntegerArray(40);
      for (int loop = 0; loop < 20; loop++) {
        two.run(
            40,
            i -> {
              ran.add(Thread.currentThread());
              hits.incrementAndGet(i);
              long end = System.nanoTime() + 20_000;
              while (System.nanoTime() < end) {
                Thread.onSpinWait();
              }
            });
      }
      for (int i = 0; i < 40; i++) {
        assertThat(hits.get(i)).isEqualTo(20);
      }
      assertThat(ran).hasSizeLessThanOrEqualTo(2).contains(Thread.currentThread());
      two.close();
      AtomicInteger after = new AtomicInteger();
      w.run(8, i -> after.incrementAndGet());
      assertThat(after.get()).as("closing a view leaves the pool open").isEqualTo(8);
    }
  }

  @Test
  void loopsOfViewsAndOfTheWholePoolAlternatingNeverMixUp() {
    // Threads left out of one loop park at once and must still take part in the next full one;
    // a late thread must not claim under one loop's thread count an index of another's.
    assertTimeoutPreemptively(
        Duration.ofSeconds(120),
        () -> {
          try (Workers w = Workers.create(4)) {
            Workers[] views = {w, w.limit(2), w.limit(3), w};
            int[] sizes = {5, 2, 7, 3};
            AtomicIntegerArray[] hits = new AtomicIntegerArray[sizes.length];
            IntConsumer[] tasks = new IntConsumer[sizes.length];
            for (int k = 0; k < sizes.length; k++) {
              AtomicIntegerArray h = new AtomicIntegerArray(sizes[k]);
              hits[k] = h;
              tasks[k] = h::incrementAndGet;
            }
            int loops = 100_000;
            for (int loop = 0; loop < loops; loop++) {
              int k = loop % sizes.length;
              views[k].run(sizes[k], tasks[k]);
            }
            for (int k = 0; k < sizes.length; k++) {
              for (int i = 0; i < sizes[k]; i++) {
                assertThat(hits[k].get(i)).as("loop kind %d index %d", k, i).isEqualTo(loops / 4);
              }
            }
          }
        });
  }

  @Test
  void plainWritesOfTasksAreVisibleToTheCaller() {
    try (Workers w = Workers.create(2)) {
      int[] out = new int[64];
      for (int loop = 1; loop <= 500; loop++) {
        int value = loop;
        w.run(out.length, i -> out[i] = value * i);
        for (int i = 0; i < out.length; i++) {
          assertThat(out[i]).isEqualTo(loop * i);
        }
      }
    }
  }

  @Test
  void fixedBlockSumsAreBitIdenticalForEveryThreadCount() {
    float[] x = new float[10_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(i * 0.37) * 1e3f;
    }
    float reference = blockSum(Workers.serial(), x);
    for (int threads = 2; threads <= 4; threads++) {
      try (Workers w = Workers.create(threads)) {
        assertThat(Float.floatToRawIntBits(blockSum(w, x)))
            .isEqualTo(Float.floatToRawIntBits(reference));
      }
    }
  }

  /** Sums x in 8 fixed blocks, then the block sums in block order. */
  private static float blockSum(Workers w, float[] x) {
    int blocks = 8;
    float[] partial = new float[blocks];
    w.run(
        blocks,
        b -> {
          float s = 0;
          for (int i = b * x.length / blocks; i < (b + 1) * x.length / blocks; i++) {
            s += x[i];
          }
          partial[b] = s;
        });
    float total = 0;
    for (float p : partial) {
      total += p;
    }
    return total;
  }

  @Test
  void rethrowsTheFirstFailureAndStaysUsable() {
    try (Workers w = Workers.create(2)) {
      assertThatThrownBy(
              () ->
                  w.run(
                      10,
                      i -> {
                        if (i == 3) {
                          throw new IllegalStateException("task 3 failed");
                        }
                      }))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("task 3 failed");
      AtomicInteger sum = new AtomicInteger();
      w.run(10, sum::addAndGet);
      assertThat(sum.get()).isEqualTo(45);
    }
  }

  @Test
  void nestedLoopsRunOnTheCallingThread() {
    try (Workers w = Workers.create(2)) {
      AtomicIntegerArray hits = new AtomicIntegerArray(16);
      w.run(4, outer -> w.run(4, inner -> hits.incrementAndGet(outer * 4 + inner)));
      for (int i = 0; i < 16; i++) {
        assertThat(hits.get(i)).isEqualTo(1);
      }
    }
  }

  @Test
  void concurrentCallersBothFinish() throws Exception {
    try (Workers w = Workers.create(2)) {
      int rounds = 300;
      AtomicInteger total = new AtomicInteger();
      CountDownLatch start = new CountDownLatch(1);
      Thread other =
          new Thread(
              () -> {
                awaitQuietly(start);
                for (int r = 0; r < rounds; r++) {
                  w.run(8, i -> total.incrementAndGet());
                }
              });
      other.start();
      start.countDown();
      for (int r = 0; r < rounds; r++) {
        w.run(8, i -> total.incrementAndGet());
      }
      other.join(30_000);
      assertThat(other.isAlive()).isFalse();
      assertThat(total.get()).isEqualTo(2 * rounds * 8);
    }
  }

  @Test
  void wakesParkedWorkersAfterALongPause() throws Exception {
    try (Workers w = Workers.create(2)) {
      AtomicInteger n = new AtomicInteger();
      w.run(4, i -> n.incrementAndGet());
      Thread.sleep(50); // well past the spin period: the worker parks
      w.run(4, i -> n.incrementAndGet());
      assertThat(n.get()).isEqualTo(8);
    }
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> Workers.create(0))
        .hasMessageContaining("threads must be in [1, 1024]");
    assertThatThrownBy(() -> Workers.serial().run(-1, i -> {}))
        .hasMessageContaining("tasks must be >= 0");
    assertThatThrownBy(() -> Workers.serial().run(1, null)).hasMessageContaining("task");
    Workers w = Workers.create(2);
    w.close();
    assertThatThrownBy(() -> w.run(2, i -> {})).hasMessageContaining("closed");
  }

  @Test
  void sharedPoolHasOneThreadPerProcessor() {
    assertThat(Workers.shared().threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(Workers.serial().threads()).isEqualTo(1);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
