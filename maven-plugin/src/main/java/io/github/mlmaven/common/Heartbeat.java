package io.github.mlmaven.common;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Logs a progress line at fixed intervals while a long step runs, so a CI log shows the build is alive. */
public final class Heartbeat implements AutoCloseable {
    private final ScheduledExecutorService scheduler;

    private Heartbeat(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    public static Heartbeat start(MlLog log, String what, long intervalSeconds) {
        long start = System.nanoTime();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ml-heartbeat");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleAtFixedRate(
                () -> log.info(
                        String.format(Locale.ROOT, "  ... still %s (%.0f s)", what, (System.nanoTime() - start) / 1e9)),
                intervalSeconds,
                intervalSeconds,
                TimeUnit.SECONDS);
        return new Heartbeat(scheduler);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
