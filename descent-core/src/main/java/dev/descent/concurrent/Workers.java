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
 * <p><b>Fewer threads.</b> {@link #limit(int)} gives a view of a pool whose loops use only its
 * first threads; the others stay parked. A training step at a small batch has only a few row blocks
 * per loop, and spreading the rest of its work (the optimizer update) over more cores only moves
 * the weights between caches: on a 16-core machine the 784-100-100-100-100-10 MLP trained about
 * 20-30% faster at batch 128 on 2 threads (one per row block) than on all 16.
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
  // The pool whose threads a view of limit(n) uses; null for a pool.
  private final Workers pool;
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
  // Volatile: a worker that sees a loop's task, count or thread count also sees the closed
  // control before it.
  private volatile IntConsumer task;
  private volatile int count;
  private volatile int active;

  private Workers(int threads, String name) {
    this.threads = threads;
    this.pool = null;
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

  /** A view of {@code pool} whose loops use its first {@code threads} threads. */
  private Workers(Workers pool, int threads) {
    this.threads = threads;
    this.pool = pool;
    this.workers = new Thread[0];
    this.parked = null;
    this.control = null;
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
   * This pool with loops on at most {@code threads} of its threads (the caller and the first
   * workers; the rest stay parked): itself when that is all of them, {@link #serial()} for one,
   * else a view sharing its threads (closing the view does nothing). Results do not change, as for
   * every thread count.
   *
   * @throws IllegalArgumentException when {@code threads} is less than 1
   */
  public Workers limit(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    Workers p = pool == null ? this : pool;
    int n = Math.min(threads, p.threads);
    return n == p.threads ? p : n == 1 ? SERIAL : new Workers(p, n);
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
    if (pool != null) {
      pool.run(tasks, task, threads);
    } else {
      run(tasks, task, threads);
    }
  }

  /** {@link #run(int, IntConsumer)} of a pool on its first {@code active} threads. */
  private void run(int tasks, IntConsumer task, int active) {
    if (closed) {
      throw new IllegalStateException("the worker pool is closed");
    }
    if (tasks == 0) {
      return;
    }
    if (active == 1 || tasks == 1 || !lock.tryLock()) {
      runInline(tasks, task);
      return;
    }
    try {
      if (lock.getHoldCount() > 1) { // a task of this pool calling run again
        runInline(tasks, task);
        return;
      }
      runParallel(tasks, task, active);
    } finally {
      lock.unlock();
    }
  }

  private static void runInline(int tasks, IntConsumer task) {
    for (int i = 0; i < tasks; i++) {
      task.accept(i);
    }
  }

  private void runParallel(int tasks, IntConsumer task, int active) {
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
    this.active = active;
    failure.set(null);
    done.set(0);
    int gen = generation + 1;
    // Threads beyond the loop's own get an empty share under the new generation.
    for (int t = 0; t < threads; t++) {
      control.set(
          t * PAD,
          ((long) gen << 32) | (t < active ? shareStart(t, tasks, active) : Integer.MAX_VALUE));
    }
    generation = gen; // volatile write: publishes task, count, active and control to the workers
    for (int i = 0; i < active - 1; i++) {
      if (parked.get(i) != 0) {
        LockSupport.unpark(workers[i]);
      }
    }
    claim(gen, task, tasks, 0, active);
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
  private static int shareStart(int t, int tasks, int active) {
    return (int) ((long) t * tasks / active);
  }

  /**
   * Claims and runs indices of loop {@code gen} until none is left: first those of thread {@code
   * home}'s own share, then those left in the other threads' shares (the loop's {@code active}
   * threads).
   */
  private void claim(int gen, IntConsumer task, int tasks, int home, int active) {
    for (int k = 0; k < active; k++) {
      int t = home + k < active ? home + k : home + k - active;
      int slot = t * PAD;
      int end = shareStart(t + 1, tasks, active);
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
    // Whether the last loop left this thread out (a loop of a limit() view): it parks at once.
    boolean left = false;
    while (true) {
      long start = System.nanoTime();
      int spins = 0;
      while (generation == seen && !closed) {
        Thread.onSpinWait();
        if (left || (++spins & 255) == 0 && System.nanoTime() - start > SPIN_NANOS) {
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
      int a = active;
      // A later loop's values (read after its control was closed for this one) claim nothing.
      left = id + 1 >= a;
      if (t != null && !left) {
        claim(seen, t, n, id + 1, a);
      }
    }
  }

  /**
   * Stops the worker threads (the serial and shared pools and {@link #limit} views ignore this).
   */
  @Override
  public void close() {
    if (this == SERIAL || this == shared || pool != null) {
      return;
    }
    closed = true;
    for (Thread t : workers) {
      LockSupport.unpark(t);
    }
  }

  @Override
  public String toString() {
    return pool == null
        ? "Workers(" + threads + " threads)"
        : "Workers(" + threads + " of " + pool.threads + " threads)";
  }
}
