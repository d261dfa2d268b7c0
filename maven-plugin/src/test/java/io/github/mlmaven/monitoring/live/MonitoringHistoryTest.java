package io.github.mlmaven.monitoring.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitoringHistoryTest {
    private static MonitoringHistory.Entry entry(int n, String version, boolean degraded) {
        return new MonitoringHistory.Entry(
                "2026-01-01T00:00:" + String.format("%02d", n % 60) + "Z",
                version,
                n,
                Map.of("recall", 0.5),
                degraded,
                degraded ? "recall dropped" : null,
                false,
                List.of());
    }

    @Test
    void theNewestPassOfAVersionIsTheLastOne() {
        MonitoringHistory history = MonitoringHistory.empty("fraud")
                .append(entry(1, "1.3.0", false))
                .append(entry(2, "1.3.0", true))
                .append(entry(3, "1.3.1", false));

        assertThat(history.latest("1.3.0").orElseThrow().newLabelledRows()).isEqualTo(2);
        assertThat(history.latest("1.3.1").orElseThrow().degraded()).isFalse();
        assertThat(history.latest("1.2.0")).isEmpty();
    }

    @Test
    void theOldestEntriesAreDroppedBeyondTheBound() {
        MonitoringHistory history = MonitoringHistory.empty("fraud");
        for (int i = 0; i < MonitoringHistory.MAX_ENTRIES + 3; i++) {
            history = history.append(entry(i, "1.3.0", false));
        }

        assertThat(history.entries()).hasSize(MonitoringHistory.MAX_ENTRIES);
        assertThat(history.entries().get(0).newLabelledRows()).isEqualTo(3);
        assertThat(history.entries().get(MonitoringHistory.MAX_ENTRIES - 1).newLabelledRows())
                .isEqualTo(MonitoringHistory.MAX_ENTRIES + 2);
    }

    @Test
    void itRoundTripsThroughItsJson() {
        MonitoringHistory history = MonitoringHistory.empty("fraud").append(entry(1, "1.3.0", true));

        assertThat(MonitoringHistory.fromJson(history.toJson(), "fraud")).isEqualTo(history);
        assertThat(MonitoringHistory.fromJson(null, "fraud")).isEqualTo(MonitoringHistory.empty("fraud"));
    }

    @Test
    void aBrokenOrForeignOrNewerHistoryIsRefusedNotReplaced() {
        assertThatThrownBy(() -> MonitoringHistory.fromJson("{not json", "fraud"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("monitoring/fraud.json on the registry branch cannot be read: ");
        assertThatThrownBy(() -> MonitoringHistory.fromJson(
                        MonitoringHistory.empty("other").toJson(), "fraud"))
                .hasMessage("monitoring/fraud.json on the registry branch is not the monitoring history of fraud");
        assertThatThrownBy(() -> MonitoringHistory.fromJson(
                        "{\"schemaVersion\":2,\"modelName\":\"fraud\",\"entries\":[]}", "fraud"))
                .hasMessageContaining("was written by a newer plugin (schemaVersion 2)");
    }
}
