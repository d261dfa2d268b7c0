package io.github.mlmaven.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.testing.RecordingLog;
import org.junit.jupiter.api.Test;

class HeartbeatTest {

    @Test
    void longStepLogsProgressAtIntervalsUntilClosed() throws InterruptedException {
        // given
        RecordingLog log = new RecordingLog();

        // when
        try (Heartbeat heartbeat = Heartbeat.start(log, "training weka.classifiers.trees.J48", 1)) {
            Thread.sleep(1_500);
        }
        int linesWhenClosed = log.lines().size();
        Thread.sleep(1_200);

        // then
        assertThat(log.lines()).isNotEmpty().allMatch(l -> l.startsWith("INFO ") && l.contains("still training"));
        assertThat(log.lines()).hasSize(linesWhenClosed);
    }

    @Test
    void shortStepLogsNothing() {
        // given
        RecordingLog log = new RecordingLog();

        // when
        try (Heartbeat heartbeat = Heartbeat.start(log, "training", 30)) {
            // a step that ends at once
        }

        // then
        assertThat(log.lines()).isEmpty();
    }
}
