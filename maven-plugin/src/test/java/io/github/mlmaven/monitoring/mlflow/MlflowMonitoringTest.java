package io.github.mlmaven.monitoring.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.testing.MonitoringReports;
import io.github.mlmaven.testing.RecordingLog;
import io.github.mlmaven.workflow.StepLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ml:monitor's MLflow step against the fake tracking server: one run per monitoring pass, in its own experiment. */
class MlflowMonitoringTest {
    private static final String MODEL = MonitoringReports.MODEL;

    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();
    private FakeMlflow mlflow;

    @BeforeEach
    void start() {
        mlflow = FakeMlflow.start();
    }

    @AfterEach
    void stop() {
        mlflow.close();
    }

    private Map<String, Object> parameters(boolean failOnError) {
        return MlflowStepsTest.parameters(mlflow, dir, failOnError);
    }

    /** Registers {@code version} as ml:promote does: an MLflow model version tagged ml.version. */
    private void register(GoalContext context, String version) {
        try (MlflowClient client = new MlflowClient(
                MlflowSettings.from(context), "test", StepLauncher.mlflowRetry(parameters(true)), log)) {
            MlflowApi api = new MlflowApi(client, log);
            api.ensureRegisteredModel(MODEL);
            api.createModelVersion(MODEL, "maven:com.example:credit:" + version, null, Map.of("ml.version", version));
        }
    }

    @Test
    void aMonitoringPassIsARunInTheMonitoringExperimentLinkedToTheModelVersion() {
        // given 1.3.0 registered in MLflow by its promotion
        Map<String, Object> p = parameters(false);
        GoalContext context = StepLauncher.context(p);
        register(context, "0.9.0");
        register(context, MonitoringReports.VERSION);

        // when ml:monitor finds it degraded, with drift
        MlflowSteps.afterMonitor(context, StepLauncher.mlflowRetry(p), log, MonitoringReports.degradedAndDrifted());

        // then a finished run in credit-risk-monitoring, started at the pass's time
        assertThat(mlflow.requests("experiments/create")
                        .get(0)
                        .body()
                        .get("name")
                        .asText())
                .isEqualTo("credit-risk-monitoring");
        JsonNode create = mlflow.requests("runs/create").get(0).body();
        assertThat(create.get("run_name").asText()).isEqualTo("credit-risk-1.3.0-monitor");
        assertThat(create.get("start_time").asLong())
                .isEqualTo(Instant.parse(MonitoringReports.AT).toEpochMilli());
        JsonNode run = mlflow.runs().get(0);
        assertThat(run.get("info").get("status").asText()).isEqualTo("FINISHED");
        // tagged with the registered model, its version (and MLflow's number for it) and the model's checksum
        assertThat(keyValues(run.get("data").get("tags")))
                .containsEntry("ml.modelName", MODEL)
                .containsEntry("ml.version", "1.3.0")
                .containsEntry("ml.registeredModelVersion", "2")
                .containsEntry("ml.modelSha256", MonitoringReports.SHA)
                .containsEntry("ml.monitoring.degraded", "true")
                .containsEntry("ml.monitoring.dataDrift", "true")
                .containsEntry("ml.decay.recall", "degraded");
        Map<String, String> metrics = keyValues(run.get("data").get("metrics"));
        assertThat(metrics)
                .containsEntry("live_recall", "0.62")
                .containsEntry("promotion_recall", "0.81")
                .containsEntry("live_accuracy", "0.88")
                .containsEntry("drift_amount", "0.43")
                .containsEntry("drift_channel", "1.2E-7")
                .containsEntry("drift_age", "0.74")
                .containsEntry("degraded", "1.0")
                .containsEntry("dataset_drift", "1.0")
                .containsEntry("new_labelled_rows", "480.0")
                .containsEntry("prediction_drift", "0.003");
        assertThat(Double.parseDouble(metrics.get("drift_share"))).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(keyValues(run.get("data").get("params")))
                .containsEntry("productionVersion", "1.3.0")
                .containsEntry("decay.recall.maxDrop", "0.05")
                .containsEntry("decay.recall.minRows", "200")
                .containsEntry("drift.amount.test", "psi")
                .containsEntry("drift.channel.threshold", "0.05");
        assertThat(log.text())
                .contains("Logged the monitoring of credit-risk 1.3.0")
                .doesNotContain(FakeMlflow.TOKEN);
    }

    @Test
    void aHealthyPassOfAnUnregisteredVersionIsLoggedInTheConfiguredExperimentsMonitoringOne() {
        // given <mlflow><experiment>nightly and no MLflow version for 1.3.0
        Map<String, Object> p = parameters(false);
        p.put("mlflowExperiment", "nightly");

        // when
        MlflowSteps.afterMonitor(
                StepLauncher.context(p), StepLauncher.mlflowRetry(p), log, MonitoringReports.healthy());

        // then
        assertThat(mlflow.requests("experiments/create")
                        .get(0)
                        .body()
                        .get("name")
                        .asText())
                .isEqualTo("nightly-monitoring");
        JsonNode run = mlflow.runs().get(0);
        assertThat(keyValues(run.get("data").get("tags")))
                .containsEntry("ml.version", "1.3.0")
                .containsEntry("ml.monitoring.degraded", "false")
                .doesNotContainKey("ml.registeredModelVersion")
                .doesNotContainKey("ml.monitoring.degradedReason");
        assertThat(keyValues(run.get("data").get("metrics")))
                .containsEntry("degraded", "0.0")
                .containsEntry("dataset_drift", "0.0")
                .containsEntry("drift_share", "0.0");
    }

    @Test
    void anMlflowOutageIsAWarningThatLeavesTheValidationSummaryAloneOrAnErrorWithFailOnError() throws IOException {
        // given a summary.md from ml:validate, and an MLflow that answers 503 to every attempt
        Path summary = dir.resolve(MODEL).resolve("summary.md");
        Files.createDirectories(summary.getParent());
        Files.writeString(summary, "# credit-risk\n\nPassed.\n");
        IntStream.range(0, 2).forEach(i -> mlflow.fail(FakeMlflow.status(null, 503)));
        Map<String, Object> p = parameters(false);

        // when
        MlflowSteps.afterMonitor(
                StepLauncher.context(p), StepLauncher.mlflowRetry(p), log, MonitoringReports.degradedAndDrifted());

        // then
        assertThat(log.text()).contains("WARN Could not log the monitoring of credit-risk to MLflow");
        assertThat(Files.readString(summary)).isEqualTo("# credit-risk\n\nPassed.\n");

        // given the same outage with failOnError
        IntStream.range(0, 2).forEach(i -> mlflow.fail(FakeMlflow.status(null, 503)));
        Map<String, Object> strict = parameters(true);

        // then
        assertThatThrownBy(() -> MlflowSteps.afterMonitor(
                        StepLauncher.context(strict),
                        StepLauncher.mlflowRetry(strict),
                        log,
                        MonitoringReports.degradedAndDrifted()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Could not log the monitoring of credit-risk to MLflow")
                .hasMessageContaining("ml.monitoring.failOnError is true");
    }

    private static Map<String, String> keyValues(JsonNode array) {
        Map<String, String> map = new LinkedHashMap<>();
        array.forEach(e -> map.put(e.get("key").asText(), e.get("value").asText()));
        return map;
    }
}
