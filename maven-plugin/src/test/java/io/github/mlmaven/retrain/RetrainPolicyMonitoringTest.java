package io.github.mlmaven.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.runtime.ModelCard;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code <retrainWhen><degraded/>} and {@code <drift/>}: decided from ml:monitor's latest pass over production. */
class RetrainPolicyMonitoringTest {
    private static final Instant NOW = Instant.parse("2026-01-10T00:00:00Z");
    private static final ModelCard.DataChanges CHANGES =
            new ModelCard.DataChanges(100L, "compared", "1.3.0", 0L, Map.of(), List.of(), null);

    private static RetrainDecision decide(RetrainPolicy policy) {
        return policy.decide("fraud", null, "1.3.0", CHANGES, "key", NOW);
    }

    private static MonitoringEvidence pass(boolean degraded, Boolean drift) {
        return new MonitoringEvidence(
                true,
                "2026-01-09T06:00:00Z",
                degraded,
                degraded ? "recall 0.2000 live vs 0.7000 at promotion (dropped 0.5000 > maxDrop 0.1)" : null,
                drift,
                Boolean.TRUE.equals(drift) ? List.of("amount") : List.of(),
                null);
    }

    @Test
    void anEmptyElementOrTrueSwitchesAConditionOnAndFalseLeavesItOff() {
        assertThat(RetrainPolicy.flag("", "degraded")).isTrue();
        assertThat(RetrainPolicy.flag(" true ", "degraded")).isTrue();
        assertThat(RetrainPolicy.flag("false", "drift")).isFalse();
        assertThat(RetrainPolicy.flag(null, "drift")).isNull();
        assertThat(new RetrainPolicy(null, null, null, false, false, null).configured())
                .isFalse();
        assertThat(new RetrainPolicy(null, null, null, true, null, null).configured())
                .isTrue();
        assertThatThrownBy(() -> RetrainPolicy.flag("yes", "degraded"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("<retrainWhen><degraded> is 'yes'; write <degraded/> to retrain on it (or true or false)");
    }

    @Test
    void aDegradedPassRetrainsAndTheDecisionSaysWhy() {
        // when
        RetrainDecision decision =
                decide(new RetrainPolicy(null, null, null, true, null, null).withMonitoring(pass(true, false)));

        // then
        assertThat(decision.retrain()).isTrue();
        assertThat(decision.reason())
                .isEqualTo("against production 1.3.0: ml:monitor at 2026-01-09T06:00:00Z found production 1.3.0"
                        + " degraded (recall 0.2000 live vs 0.7000 at promotion (dropped 0.5000 > maxDrop 0.1))");
        assertThat(decision.figures().degraded()).isTrue();
        assertThat(decision.figures().dataDrift()).isNull();
        assertThat(decision.figures().monitoredAt()).isEqualTo("2026-01-09T06:00:00Z");
    }

    @Test
    void aDriftedPassRetrainsWhenDriftIsAskedFor() {
        RetrainDecision decision =
                decide(new RetrainPolicy(null, null, null, true, true, null).withMonitoring(pass(false, true)));

        assertThat(decision.retrain()).isTrue();
        assertThat(decision.reason())
                .isEqualTo("against production 1.3.0: ml:monitor at 2026-01-09T06:00:00Z found data drift against"
                        + " production 1.3.0's training data (drifted: amount)");
        assertThat(decision.figures().degraded()).isFalse();
        assertThat(decision.figures().dataDrift()).isTrue();
    }

    @Test
    void aHealthyPassDoesNotRetrain() {
        RetrainDecision decision =
                decide(new RetrainPolicy(null, null, null, true, true, null).withMonitoring(pass(false, false)));

        assertThat(decision.retrain()).isFalse();
        assertThat(decision.reason())
                .isEqualTo("no retrain condition holds against production 1.3.0: ml:monitor at"
                        + " 2026-01-09T06:00:00Z found production 1.3.0 not degraded; ml:monitor at"
                        + " 2026-01-09T06:00:00Z found no data drift");
    }

    @Test
    void aPassWithoutDriftFiguresDoesNotClaimDrift() {
        RetrainDecision decision =
                decide(new RetrainPolicy(null, null, null, null, true, null).withMonitoring(pass(false, null)));

        assertThat(decision.retrain()).isFalse();
        assertThat(decision.reason()).contains("did not measure drift");
        assertThat(decision.figures().dataDrift()).isNull();
    }

    @Test
    void anOlderProductionWithNoHistoryDoesNotRetrainAndSaysSo() {
        RetrainDecision decision = decide(new RetrainPolicy(null, null, null, true, true, null)
                .withMonitoring(MonitoringEvidence.missing(
                        "ml:monitor has not run over production 1.3.0 yet (an older production with no history)")));

        assertThat(decision.retrain()).isFalse();
        assertThat(decision.reason())
                .isEqualTo("no retrain condition holds against production 1.3.0: no ml:monitor pass over production"
                        + " 1.3.0 is known (ml:monitor has not run over production 1.3.0 yet (an older production"
                        + " with no history)), so neither decay nor drift can be claimed");
        assertThat(decision.figures().monitoredAt()).isNull();
    }

    @Test
    void anotherConditionStillRetrainsWhenMonitoringSaysNothing() {
        RetrainDecision decision = decide(new RetrainPolicy(50L, null, null, true, null, null)
                .withMonitoring(MonitoringEvidence.missing("the monitoring history cannot be read: boom")));

        assertThat(decision.retrain()).isFalse();
        RetrainDecision more = new RetrainPolicy(0L + 1, null, null, true, null, null)
                .withMonitoring(MonitoringEvidence.missing("none"))
                .decide(
                        "fraud",
                        null,
                        "1.3.0",
                        new ModelCard.DataChanges(100L, "compared", "1.3.0", 5L, Map.of(), List.of(), null),
                        "key",
                        NOW);
        assertThat(more.retrain()).isTrue();
        assertThat(more.reason()).startsWith("against production 1.3.0: 5 new labelled rows ≥ newRows 1");
    }
}
