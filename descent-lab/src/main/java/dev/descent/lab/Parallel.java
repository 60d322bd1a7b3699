package dev.descent.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs independent jobs (one model each) on a fixed number of threads and returns their results in
 * input order. Each job owns its model, optimizer state and seed, so the results are bit-identical
 * to a serial run whatever the thread count.
 */
public final class Parallel {
  private Parallel() {}

  /**
   * {@code job} applied to every input, on up to {@code threads} threads.
   *
   * @param threads threads to use, at least 1 (1 runs everything on the caller's thread)
   * @throws IllegalArgumentException if {@code threads < 1}
   * @throws RuntimeException the first job's exception, unwrapped when unchecked
   */
  public static <I, O> List<O> map(List<I> inputs, int threads, Function<I, O> job) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be in [1, 1024], got " + threads);
    }
    List<O> out = new ArrayList<>();
    if (threads == 1 || inputs.size() <= 1) {
      for (I in : inputs) {
        out.add(job.apply(in));
      }
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, inputs.size()));
    try {
      List<Future<O>> futures = new ArrayList<>();
      for (I in : inputs) {
        futures.add(pool.submit(() -> job.apply(in)));
      }
      for (Future<O> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a job", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
  }
}
