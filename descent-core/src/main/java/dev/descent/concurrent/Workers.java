package dev.descent.concurrent;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * A small pool of threads for the fine-grained parallel loops of one training step: {@link
 * #run(int, IntConsumer)} runs {@code task.accept(i)} for every i in [0, tasks) across the pool's
 * threads (the calling thread is one of them) and returns when all have finished.
 *
 * <p><b>Determinism.</b> Which thread runs which index is not fixed, so callers split work into
 * pieces whose results do not depend on the thread that computes them (fixed row blocks, fixed
 * column blocks) and combine partial results in a fixed order afterwards. Code written that way
 * gives bit-identical results for every thread count, including 1.
 *
 * <p><b>Affinity.</b> Each thread first runs its own contiguous share of the indices (the calling
 * thread the first share, worker k the (k+1)-th), then helps with what is left of the others'
 * shares. Consecutive loops over the same row blocks thus tend to run each block on the same core,
 * where the block's data still sits in cache: on the 2-core development machine moving a block's
 * activations between cores cost more than the barrier that separates two loops. A late thread's
 * share is still taken over by the others.
 *
 * <p><b>Latency.</b> A training step runs dozens of loops of a few microseconds each, too short for
 * an executor's queue and futures. Idle workers spin for {@value #SPIN_NANOS} ns after each loop
 * before parking, so back-to-back loops start within a microsecond; a pool that stays idle costs no
 * CPU. {@code run} allocates nothing.
 *
 * <p><b>Nesting and sharing.</b> A pool runs one loop at a time. A call from inside a task, or from
 * a second thread while the pool is busy, runs its loop on the calling thread alone (same results,
 * no deadlock), so several trainers may share one pool.
 */
public final class Workers implements AutoCloseable {
  static final long SPIN_NANOS = 50_000;
  private static final int PAD = 16;
  private static final Workers SERIAL = new Workers(1, "descent-serial");
  private static volatile Workers shared;

  private final int threads;
  private final Thread[] workers;
  private final ReentrantLock lock = new ReentrantLock();
  // High 32 bits: the loop's generation; low 32 bits: the next unclaimed index.
  // Per thread (the caller is thread 0): the loop's generation in the high 32 bits, the next
  // index of the thread's own share in the low 32, at control[t * PAD] (a cache line or two apart).
  private final AtomicLongArray control;
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final AtomicIntegerArray parked;
  private volatile int generation;
  private volatile Thread waiter;
  private volatile boolean closed;
  // Volatile: a worker that sees a loop's task or count also sees the closed control before it.
  private volatile IntConsumer task;
  private volatile int count;

  private Workers(int threads, String name) {
    this.threads = threads;
    this.workers = new Thread[threads - 1];
    this.parked = new AtomicIntegerArray(Math.max(threads - 1, 1));
    this.control = new AtomicLongArray(threads * PAD);
    for (int i = 0; i < workers.length; i++) {
      int id = i;
      Thread t = new Thread(() -> work(id), name + "-" + (i + 1));
      t.setDaemon(true);
      workers[i] = t;
      t.start();
    }
  }

  /**
   * A pool of {@code threads} threads in all: the caller of {@link #run} plus {@code threads - 1}
   * daemon workers. {@code create(1)} runs every loop on the calling thread.
   *
   * @throws IllegalArgumentException when {@code threads} is not in [1, 1024]
   */
  public static Workers create(int threads) {
    if (threads < 1 || threads > 1024) {
      throw new IllegalArgumentException("threads must be in [1, 1024], got " + threads);
    }
    return threads == 1 ? SERIAL : new Workers(threads, "descent-worker");
  }

  /** The pool that runs every loop on the calling thread. */
  public static Workers serial() {
    return SERIAL;
  }

  /**
   * The JVM-wide pool with one thread per available processor ({@link
   * Runtime#availableProcessors()}), created on first use; {@link #close} on it is ignored.
   */
  public static Workers shared() {
    Workers w = shared;
    if (w == null) {
      synchronized (Workers.class) {
        w = shared;
        if (w == null) {
          int n = Runtime.getRuntime().availableProcessors();
          w = n == 1 ? SERIAL : new Workers(n, "descent-shared");
          shared = w;
        }
      }
    }
    return w;
  }

  /** The number of threads a loop can use, the caller included. */
  public int threads() {
    return threads;
  }

  /**
   * Runs {@code task.accept(i)} for every i in [0, tasks) and returns when all calls have finished.
   * Writes made by the tasks are visible to the caller afterwards. When tasks throw, the remaining
   * indices may be skipped and the first throwable is rethrown (unchecked as is, checked wrapped in
   * a {@link RuntimeException}).
   *
   * @throws IllegalArgumentException when {@code task} is null or {@code tasks} is negative
   * @throws IllegalStateException when the pool is closed
   */
  public void run(int tasks, IntConsumer task) {
    if (task == null) {
      throw new IllegalArgumentException("task must not be null");
    }
    if (tasks < 0) {
      throw new IllegalArgumentException("tasks must be >= 0, got " + tasks);
    }
    if (closed) {
      throw new IllegalStateException("the worker pool is closed");
    }
    if (tasks == 0) {
      return;
    }
    if (threads == 1 || tasks == 1 || !lock.tryLock()) {
      runInline(tasks, task);
      return;
    }
    try {
      if (lock.getHoldCount() > 1) { // a task of this pool calling run again
        runInline(tasks, task);
        return;
      }
      runParallel(tasks, task);
    } finally {
      lock.unlock();
    }
  }

  private static void runInline(int tasks, IntConsumer task) {
    for (int i = 0; i < tasks; i++) {
      task.accept(i);
    }
  }

  private void runParallel(int tasks, IntConsumer task) {
    // Close the previous loop before publishing the new task and count: a worker still inside
    // claim() for the previous generation may read the new task and count, and must then find no
    // index left to claim under the old generation (otherwise it would run an index of the new
    // task that the new loop runs again, and the count of finished tasks would overshoot).
    long closedLoop = ((long) generation << 32) | Integer.MAX_VALUE;
    for (int t = 0; t < threads; t++) {
      control.set(t * PAD, closedLoop);
    }
    this.task = task;
    this.count = tasks;
    failure.set(null);
    done.set(0);
    int gen = generation + 1;
    for (int t = 0; t < threads; t++) {
      control.set(t * PAD, ((long) gen << 32) | shareStart(t, tasks));
    }
    generation = gen; // volatile write: publishes task, count and control to the workers
    for (int i = 0; i < workers.length; i++) {
      if (parked.get(i) != 0) {
        LockSupport.unpark(workers[i]);
      }
    }
    claim(gen, task, tasks, 0);
    if (done.get() != tasks) {
      long start = System.nanoTime();
      while (done.get() != tasks && System.nanoTime() - start < SPIN_NANOS) {
        Thread.onSpinWait();
      }
      waiter = Thread.currentThread();
      while (done.get() != tasks) {
        LockSupport.park(this);
      }
      waiter = null;
    }
    this.task = null;
    Throwable t = failure.getAndSet(null);
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    if (t != null) {
      throw new RuntimeException(t);
    }
  }

  /** The first index of thread {@code t}'s share of a loop of {@code tasks} indices. */
  private int shareStart(int t, int tasks) {
    return (int) ((long) t * tasks / threads);
  }

  /**
   * Claims and runs indices of loop {@code gen} until none is left: first those of thread {@code
   * home}'s own share, then those left in the other threads' shares.
   */
  private void claim(int gen, IntConsumer task, int tasks, int home) {
    for (int k = 0; k < threads; k++) {
      int t = home + k < threads ? home + k : home + k - threads;
      int slot = t * PAD;
      int end = shareStart(t + 1, tasks);
      while (true) {
        long c = control.get(slot);
        if ((int) (c >>> 32) != gen) {
          return;
        }
        int i = (int) c;
        if (i >= end) {
          break;
        }
        if (!control.compareAndSet(slot, c, c + 1)) {
          continue;
        }
        try {
          if (failure.get() == null) {
            task.accept(i);
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
        if (done.incrementAndGet() == tasks) {
          Thread w = waiter;
          if (w != null) {
            LockSupport.unpark(w);
          }
        }
      }
    }
  }

  private void work(int id) {
    int seen = 0;
    while (true) {
      long start = System.nanoTime();
      int spins = 0;
      while (generation == seen && !closed) {
        Thread.onSpinWait();
        if ((++spins & 255) == 0 && System.nanoTime() - start > SPIN_NANOS) {
          parked.set(id, 1);
          // Volatile read after the flag: the caller either sees the flag or we see its loop.
          if (generation == seen && !closed) {
            LockSupport.park(this);
          }
          parked.set(id, 0);
        }
      }
      if (closed) {
        return;
      }
      seen = generation;
      IntConsumer t = task;
      int n = count;
      if (t != null) {
        claim(seen, t, n, id + 1);
      }
    }
  }

  /** Stops the worker threads (the serial and shared pools ignore this). */
  @Override
  public void close() {
    if (this == SERIAL || this == shared) {
      return;
    }
    closed = true;
    for (Thread t : workers) {
      LockSupport.unpark(t);
    }
  }

  @Override
  public String toString() {
    return "Workers(" + threads + " threads)";
  }
}
