package io.github.mlmaven.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final List<Duration> waits = new ArrayList<>();
    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(3), waits::add);

    @Test
    void waitsWhatEachAttemptAsksForAndReturnsTheFirstResult() {
        // when
        String result = policy.run(
                (attempt, last) -> attempt < 3
                        ? RetryPolicy.Step.retryIn(policy.backoff(attempt))
                        : RetryPolicy.Step.done("answer " + attempt),
                e -> new IllegalStateException(e));

        // then
        assertThat(result).isEqualTo("answer 3");
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void tellsTheLastAttemptThatItIsLast() {
        // given
        List<Boolean> lastFlags = new ArrayList<>();

        // when
        assertThatThrownBy(() -> policy.run(
                        (attempt, last) -> {
                            lastFlags.add(last);
                            if (last) {
                                throw new IllegalArgumentException("gave up after " + attempt);
                            }
                            return RetryPolicy.Step.retryIn(policy.backoff(attempt));
                        },
                        e -> new IllegalStateException(e)))
                .hasMessage("gave up after 4");

        // then
        assertThat(lastFlags).containsExactly(false, false, false, true);
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
    }

    @Test
    void anInterruptedWaitBecomesTheCallersExceptionAndKeepsTheFlag() {
        // given
        RetryPolicy interrupting = new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(1), d -> {
            throw new InterruptedException("stop");
        });

        // when
        assertThatThrownBy(() -> interrupting.run(
                        (attempt, last) -> RetryPolicy.Step.retryIn(Duration.ofSeconds(1)),
                        e -> new IllegalStateException("interrupted: " + e.getMessage())))
                .hasMessage("interrupted: stop");

        // then
        assertThat(Thread.interrupted()).isTrue();
    }
}
