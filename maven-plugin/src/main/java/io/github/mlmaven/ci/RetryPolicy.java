package io.github.mlmaven.ci;

import java.time.Duration;
import java.util.function.Function;

/**
 * How often and how long to wait before trying an HTTP request again (GitHub, MLflow, the Pushgateway): exponential
 * backoff from {@code initialDelay}, and no single wait longer than {@code maxDelay}, whatever the server asks for.
 * {@link #run} is the one retry loop; each client decides per attempt which answers are worth another try, since the
 * three services differ in that (GitHub's rate limits, a POST that may have been applied).
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

    /**
     * Runs {@code attempt} until it returns {@link Step#done}, waiting as each {@link Step#retryIn} asks in between.
     * The attempt is told when it is the last one: it must then return its result or throw, not ask for a retry.
     *
     * @param interrupted the exception to throw when a wait is interrupted (the thread's flag is set again)
     */
    public <T> T run(Attempt<T> attempt, Function<InterruptedException, RuntimeException> interrupted) {
        for (int number = 1; ; number++) {
            boolean last = number >= maxAttempts;
            Step<T> step = attempt.call(number, last);
            if (step.delay() == null) {
                return step.value();
            }
            if (last) {
                throw new IllegalStateException("attempt " + number + " of " + maxAttempts + " asked for a retry");
            }
            try {
                sleeper.sleep(step.delay());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted.apply(e);
            }
        }
    }

    /** One attempt of {@link #run}. */
    @FunctionalInterface
    public interface Attempt<T> {
        /**
         * @param number 1-based
         * @param last whether no retry follows
         */
        Step<T> call(int number, boolean last);
    }

    /** What an attempt ended with: a value, or a wait before the next attempt. */
    public record Step<T>(T value, Duration delay) {
        public static <T> Step<T> done(T value) {
            return new Step<>(value, null);
        }

        public static <T> Step<T> retryIn(Duration wait) {
            return new Step<>(null, wait);
        }
    }

    /** Waits; interruptible. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }
}
