package io.github.mlmaven.ci;

import java.time.Duration;

/**
 * How often and how long to wait before trying a GitHub request again: exponential backoff from {@code initialDelay},
 * and no single wait longer than {@code maxDelay}, whatever the server asks for.
 *
 * @param maxAttempts attempts in all, the first one included
 * @param sleeper waits; tests pass one that records instead of sleeping
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Sleeper sleeper) {

    /** Four attempts, waiting 1, 2 and 4 seconds (or what GitHub asks for, up to a minute). */
    public static RetryPolicy standard() {
        return new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(60), d -> Thread.sleep(d.toMillis()));
    }

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** The wait after failed attempt {@code attempt} (1-based): initialDelay times 2^(attempt-1), capped. */
    public Duration backoff(int attempt) {
        long millis = initialDelay.toMillis() << Math.min(20, Math.max(0, attempt - 1));
        return cap(Duration.ofMillis(millis));
    }

    /** A wait the server asked for, capped at {@code maxDelay}; never negative. */
    public Duration cap(Duration wait) {
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(maxDelay) > 0 ? maxDelay : wait;
    }

    /** Waits; interruptible. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }
}
