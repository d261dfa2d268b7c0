package io.github.mlmaven.training;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The threads of one fit: {@link #run} runs part 0 of a task on the calling thread and the other parts on helper
 * threads (daemons, so a fit that fails never keeps the build's JVM alive), waits for all of them, and rethrows the
 * first failure.
 */
final class FitThreads implements AutoCloseable {
    /** One part of a task. */
    @FunctionalInterface
    interface Part {
        void run(int part) throws Exception;
    }

    private final ExecutorService pool;
    private final int threads;

    FitThreads(String name, int threads) {
        this.threads = threads;
        this.pool = threads < 2
                ? null
                : Executors.newFixedThreadPool(threads - 1, task -> {
                    Thread thread = new Thread(task, name);
                    thread.setDaemon(true);
                    return thread;
                });
    }

    int threads() {
        return threads;
    }

    /** Runs {@code part.run(t)} for every t in [0, threads), t = 0 on the calling thread. */
    void run(Part part) throws Exception {
        List<Future<Void>> helpers = new ArrayList<>();
        for (int t = 1; t < threads; t++) {
            int index = t;
            helpers.add(pool.submit((Callable<Void>) () -> {
                part.run(index);
                return null;
            }));
        }
        Exception failure = null;
        try {
            part.run(0);
        } catch (Exception e) {
            failure = e;
        }
        for (Future<Void> helper : helpers) {
            try {
                helper.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Where part {@code t} of {@code n} items starts: part t is [from(t, n), from(t + 1, n)). */
    int from(int t, int n) {
        return (int) ((long) n * t / threads);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
