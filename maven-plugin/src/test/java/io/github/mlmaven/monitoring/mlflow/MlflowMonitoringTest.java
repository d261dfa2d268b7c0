package io.github.mlmaven.monitoring.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.testing.MonitoringReports;
import io.github.mlmaven.testing.RecordingLog;
import io.github.mlmaven.workflow.StepLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ml:monitor's MLflow step during an outage (the fake tracking server); its runs on a working server are tested
 * against a real one in {@link MlflowRealServerTest}.
 */
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
}
