package io.github.mlmaven.monitoring.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.evaluation.Metrics;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.runtime.ModelCard;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a validation run must hold, read back from an MLflow server as {@code runs/get} answers it, checked against the
 * model card and validation.json it was logged from: the same assertions for the real server and for the fake.
 */
public final class MlflowRunAssertions {
    private MlflowRunAssertions() {}

    /**
     * {@code run} ({@code {"info": ..., "data": ...}}) is the finished validation run of {@code card} and {@code report}:
     * every param, metric and tag value-for-value, its start time the training time, its status FINISHED.
     */
    static void assertValidationRun(JsonNode run, ModelCard card, ValidationReport report) {
        assertValidationRun(run, card, report, RunData.MAX_PARAM_VALUE);
    }

    /**
     * As above, on a server that keeps param values up to {@code paramLimit} characters (a server before MLflow 2.9
     * gets them cut to {@link RunData#LEGACY_PARAM_VALUE}).
     */
    static void assertValidationRun(JsonNode run, ModelCard card, ValidationReport report, int paramLimit) {
        JsonNode info = run.path("info");
        assertThat(info.path("status").asText()).as("status").isEqualTo("FINISHED");
        assertThat(info.path("start_time").asLong())
                .as("start_time: the training time")
                .isEqualTo(Instant.parse(card.trainedAt()).toEpochMilli());
        assertThat(info.path("end_time").asLong())
                .as("end_time")
                .isGreaterThanOrEqualTo(info.path("start_time").asLong());
        assertThat(info.path("run_name").asText()).isEqualTo(ValidationRun.runName(card));

        Map<String, String> params = keyValues(run.path("data").path("params"));
        Map<String, Double> metrics = metrics(run.path("data").path("metrics"));
        Map<String, String> tags = keyValues(run.path("data").path("tags"));

        // params: from the card and validation.json themselves, not from the code under test
        assertThat(params)
                .containsEntry("algorithm", card.algorithm())
                .containsEntry("seed", String.valueOf(card.seed()))
                .containsEntry("wekaVersion", card.wekaVersion())
                .containsEntry("pluginVersion", card.pluginVersion());
        String options = card.effectiveOptions();
        assertThat(params.get("effectiveOptions"))
                .isEqualTo(options.length() <= paramLimit ? options : options.substring(0, paramLimit - 3) + "...");
        if (card.data() != null) {
            assertThat(params)
                    .containsEntry("data.totalRows", String.valueOf(card.data().totalRows()));
            for (ModelCard.FileEntry file : card.data().files()) {
                assertThat(params)
                        .containsEntry("data." + file.path() + ".sha256", file.sha256())
                        .containsEntry("data." + file.path() + ".rows", String.valueOf(file.rows()));
            }
        }
        if (report.evaluation() != null) {
            assertThat(params)
                    .containsEntry("evaluation.method", report.evaluation().method())
                    .containsEntry(
                            "evaluation.rows",
                            String.valueOf(report.evaluation().rows()));
            if (report.evaluation().folds() != null) {
                assertThat(params)
                        .containsEntry(
                                "evaluation.folds",
                                String.valueOf(report.evaluation().folds()));
            }
        }

        // metrics: every defined figure of validation.json, the same double
        report.metrics().forEach((key, value) -> {
            if (value != null && Double.isFinite(value)) {
                assertThat(metrics).as("metric " + key).containsEntry(key, value);
            } else {
                assertThat(metrics).as("undefined metric " + key).doesNotContainKey(key);
            }
        });
        if (report.perClass() != null) {
            for (Map.Entry<String, Metrics.ClassMetrics> c : report.perClass().entrySet()) {
                String prefix = "class." + c.getKey() + ".";
                Metrics.ClassMetrics m = c.getValue();
                assertMetric(metrics, prefix + "precision", m.precision());
                assertMetric(metrics, prefix + "recall", m.recall());
                assertMetric(metrics, prefix + "f1", m.f1());
                assertMetric(metrics, prefix + "support", m.support());
            }
        }
        if (report.champion() != null && report.champion().deltas() != null) {
            report.champion().deltas().forEach((k, v) -> assertMetric(metrics, "champion.delta." + k, v));
        }
        assertThat(metrics).containsEntry(ValidationRun.PASSED_METRIC, report.passed() ? 1.0 : 0.0);

        // tags
        assertThat(tags)
                .containsEntry("ml.modelName", card.modelName())
                .containsEntry("ml.modelSha256", card.modelSha256())
                .containsEntry("ml.validation.passed", String.valueOf(report.passed()))
                .containsEntry("ml.validation.gateConfigured", String.valueOf(report.gateConfigured()))
                .containsEntry("mlflow.runName", ValidationRun.runName(card))
                .containsEntry("mlflow.source.type", "JOB");
        if (card.git() != null && card.git().commit() != null) {
            assertThat(tags)
                    .containsEntry("mlflow.source.git.commit", card.git().commit());
        }
        assertThat(tags.get(ValidationRun.NOTE_TAG))
                .as("the run's description")
                .startsWith(
                        !report.passed()
                                ? "Gate failed"
                                : report.gateConfigured() ? "Gate passed." : "Validated; no gate configured.");

        // and nothing the plugin meant to log is missing
        RunData expected = ValidationRun.of(card, report);
        Map<String, String> expectedParams = new LinkedHashMap<>();
        expected.params().forEach((key, value) -> expectedParams.put(key, RunData.cut(value, paramLimit)));
        assertThat(params).containsAllEntriesOf(expectedParams);
        assertThat(metrics).containsAllEntriesOf(expected.metrics());
        assertThat(tags).containsAllEntriesOf(expected.tags());
    }

    private static void assertMetric(Map<String, Double> metrics, String key, Double value) {
        if (value != null && Double.isFinite(value)) {
            assertThat(metrics).as("metric " + key).containsEntry(key, value);
        }
    }

    /** {@code [{"key": k, "value": v}, ...]} as a map. */
    public static Map<String, String> keyValues(JsonNode array) {
        Map<String, String> map = new LinkedHashMap<>();
        array.forEach(e -> map.put(e.get("key").asText(), e.get("value").asText()));
        return map;
    }

    /** The metrics of a run, each key's value as a double. */
    public static Map<String, Double> metrics(JsonNode array) {
        Map<String, Double> map = new LinkedHashMap<>();
        array.forEach(e -> map.put(e.get("key").asText(), e.get("value").asDouble()));
        return map;
    }
}
