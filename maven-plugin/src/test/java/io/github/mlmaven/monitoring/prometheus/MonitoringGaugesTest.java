package io.github.mlmaven.monitoring.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mlmaven.testing.MonitoringReports;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitoringGaugesTest {
    private static final String BASE = "model=credit-risk,stage=monitoring,version=1.3.0";

    @Test
    void aDegradedAndDriftedPassIsEveryGaugeWithModelVersionMetricAttributeAndTest() throws Exception {
        // given
        JsonNode monitoring = MonitoringReports.json(MonitoringReports.degradedAndDrifted());

        // when
        Map<String, Double> samples =
                PushgatewayPrometheusTest.pushedSamples(MonitoringGauges.render(monitoring, "credit-risk"));

        // then
        assertThat(samples)
                .containsEntry("ml_model_live_metric{metric=recall," + BASE + "}", 0.62)
                .containsEntry("ml_model_promotion_metric{metric=recall," + BASE + "}", 0.81)
                .containsEntry("ml_model_degraded{" + BASE + "}", 1.0)
                .containsEntry("ml_model_decay_degraded{metric=recall," + BASE + "}", 1.0)
                .containsEntry("ml_model_decay_degraded{metric=accuracy," + BASE + "}", 0.0)
                .containsEntry("ml_model_monitoring_new_labelled_rows{" + BASE + "}", 480.0)
                .containsEntry("ml_model_monitoring_rows{" + BASE + "}", 520.0)
                .containsEntry("ml_model_data_drift{" + BASE + "}", 1.0)
                .containsEntry("ml_model_drift_share{" + BASE + "}", 2.0 / 3)
                .containsEntry(
                        "ml_model_attribute_drift_score{attribute=amount,model=credit-risk,stage=monitoring,test=psi,version=1.3.0}",
                        0.43)
                .containsEntry(
                        "ml_model_attribute_drift_threshold{attribute=amount,model=credit-risk,stage=monitoring,test=psi,version=1.3.0}",
                        0.1)
                .containsEntry(
                        "ml_model_attribute_drifted{attribute=amount,model=credit-risk,stage=monitoring,test=psi,version=1.3.0}",
                        1.0)
                .containsEntry(
                        "ml_model_attribute_drift_score{attribute=channel,model=credit-risk,stage=monitoring,test=chisquare,version=1.3.0}",
                        1.2e-7)
                .containsEntry(
                        "ml_model_attribute_drifted{attribute=age,model=credit-risk,stage=monitoring,test=ks,version=1.3.0}",
                        0.0)
                .containsEntry(
                        "ml_model_prediction_drift_score{model=credit-risk,stage=monitoring,test=chisquare,version=1.3.0}",
                        0.003)
                .containsEntry(
                        "ml_model_prediction_drifted{model=credit-risk,stage=monitoring,test=chisquare,version=1.3.0}",
                        1.0)
                .containsEntry("ml_model_last_monitoring_timestamp_seconds{" + BASE + "}", (double)
                        java.time.Instant.parse(MonitoringReports.AT).getEpochSecond());
    }

    @Test
    void withoutDriftFiguresOrARuleThatCouldJudgeNoSuchSampleIsPushedRatherThanAReassuringZero() throws Exception {
        // given an older model without a profile, too few rows for the recall rule, an untestable score
        ObjectNode monitoring = (ObjectNode) MonitoringReports.json(MonitoringReports.healthy());
        monitoring.remove("drift");
        monitoring.remove("predictionDrift");
        ((ObjectNode) monitoring.path("decay").get(0)).put("status", "too-few-rows");
        ((ObjectNode) monitoring.path("liveMetrics")).putNull("accuracy");

        // when
        String body = MonitoringGauges.render(monitoring, "credit-risk");

        // then
        Map<String, Double> samples = PushgatewayPrometheusTest.pushedSamples(body);
        assertThat(body)
                .doesNotContain("ml_model_data_drift")
                .doesNotContain("ml_model_attribute_drift")
                .doesNotContain("ml_model_decay_degraded{model=\"credit-risk\",stage=\"monitoring\",version=\"1.3.0\","
                        + "metric=\"recall\"}")
                .doesNotContain("ml_model_live_metric{model=\"credit-risk\",stage=\"monitoring\",version=\"1.3.0\","
                        + "metric=\"accuracy\"}");
        assertThat(samples)
                .containsEntry("ml_model_degraded{" + BASE + "}", 0.0)
                .containsEntry("ml_model_decay_degraded{metric=accuracy," + BASE + "}", 0.0)
                .containsEntry("ml_model_live_metric{metric=recall," + BASE + "}", 0.8);
    }

    @Test
    void anAttributeNameWithQuotesAndLineBreaksIsEscaped() throws Exception {
        // given
        ObjectNode monitoring = (ObjectNode) MonitoringReports.json(MonitoringReports.degradedAndDrifted());
        ((ObjectNode) monitoring.path("drift").path("attributes").get(0)).put("attribute", "a\"b\\c\nd");

        // when
        String body = MonitoringGauges.render(monitoring, "credit-risk");

        // then
        assertThat(body).contains("attribute=\"a\\\"b\\\\c\\nd\"");
        assertThat(PushgatewayPrometheusTest.pushedSamples(body))
                .containsEntry(
                        "ml_model_attribute_drifted{attribute=a\"b\\c\nd,model=credit-risk,stage=monitoring,test=psi,version=1.3.0}",
                        1.0);
    }
}
