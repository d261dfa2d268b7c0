package io.github.mlmaven.monitoring.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.testing.RecordingLog;
import io.github.mlmaven.workflow.StepLauncher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MLflow step of ml:validate where only the fake can be made to misbehave or to differ from a default server:
 * outages, retries, refused credentials, credentials in the tracking URI, an artifact store the server does not serve.
 * What a working server holds after the step is tested against a real one in {@link MlflowRealServerTest}.
 */
class MlflowStepsTest {
    static final String MODEL = "credit-risk";

    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();
    private FakeMlflow mlflow;
    private ModelBundle bundle;

    @BeforeEach
    void setUp() throws IOException {
        mlflow = FakeMlflow.start();
        bundle = MlflowBundles.write(
                dir, MODEL, "-C 0.25 -M 2", MlflowBundles.report(MODEL, Map.of("accuracy", 0.9, "recall", 0.8)));
    }

    @AfterEach
    void tearDown() {
        mlflow.close();
    }

    private Map<String, Object> parameters(boolean failOnError) {
        return parameters(mlflow, dir, failOnError);
    }

    /** The step parameters of a build of {@link #MODEL} into {@code outputDirectory} that tracks to {@code mlflow}. */
    static Map<String, Object> parameters(FakeMlflow mlflow, Path outputDirectory, boolean failOnError) {
        Map<String, Object> p = MlflowBundles.parameters(mlflow.uri(), MODEL, outputDirectory, failOnError);
        p.put("mlflowToken", FakeMlflow.TOKEN);
        p.put("mlflowCredentialsSource", "the MLFLOW_TRACKING_TOKEN environment variable");
        return p;
    }

    @Test
    void aValidationRetriedAfterServerErrorsHoldsWhatAnUndisturbedOneHolds() throws IOException {
        // given a 503 for the first log-batch and a dropped connection half-way through the model's upload
        mlflow.fail(FakeMlflow.status("runs/log-batch", 503));
        mlflow.fail(FakeMlflow.closedConnection(
                "mlflow-artifacts/100/00000000000000000000000000000001/artifacts/model/credit-risk.model"));

        // when
        MlflowSteps.afterValidate(
                StepLauncher.context(parameters(false)), StepLauncher.mlflowRetry(parameters(false)), log);

        // then the run holds what the real server's tests check, and the whole model file
        JsonNode run = mlflow.runs().get(0);
        MlflowRunAssertions.assertValidationRun(
                run,
                bundle.readCard(),
                Json.MAPPER.readValue(bundle.validationFile().toFile(), ValidationReport.class));
        String root = "100/" + run.get("info").get("run_id").asText() + "/artifacts/";
        assertThat(mlflow.artifacts().get(root + "model/credit-risk.model"))
                .isEqualTo(Files.readAllBytes(bundle.modelFile()));
        assertThat(mlflow.artifacts()).containsKeys(root + "model/model-card.json", root + "validation.json");
        assertThat(log.text())
                .contains("MLflow answered 503")
                .contains("to PUT the artifact 100/"
                        + run.get("info").get("run_id").asText() + "/artifacts/model/credit-risk.model; retrying")
                .doesNotContain("WARN Could not");
    }

    @Test
    void anArtifactStoreTheServerDoesNotServeIsOneWarningAndTheRunIsStillLogged() {
        // given a server started with --no-serve-artifacts: runs get an s3:// artifact root
        mlflow.artifactRoot("s3://bucket/mlflow");

        // when
        MlflowSteps.afterValidate(
                StepLauncher.context(parameters(false)), StepLauncher.mlflowRetry(parameters(false)), log);

        // then
        assertThat(log.lines())
                .filteredOn(l -> l.startsWith("WARN"))
                .singleElement()
                .satisfies(l -> assertThat(l)
                        .contains("s3://bucket/mlflow/100/")
                        .contains("start the server with --serve-artifacts (the default) so that the plugin can"
                                + " upload through it"));
        assertThat(mlflow.artifacts()).isEmpty();
        assertThat(mlflow.runs().get(0).get("info").get("status").asText()).isEqualTo("FINISHED");
        assertThat(RunRecord.readFrom(bundle.directory())).isPresent();
    }

    @Test
    void withoutATrackingUriNothingIsSent() {
        // given
        Map<String, Object> p = parameters(false);
        p.remove("mlflowTrackingUri");

        // when
        MlflowSteps.afterValidate(StepLauncher.context(p), StepLauncher.mlflowRetry(p), log);

        // then
        assertThat(mlflow.requests()).isEmpty();
        assertThat(bundle.directory().resolve(RunRecord.FILE)).doesNotExist();
    }

    @Test
    void anUnreachableServerIsAWarningInTheLogAndTheSummary() throws IOException {
        // given every request fails
        IntStream.range(0, 2).forEach(i -> mlflow.fail(FakeMlflow.status(null, 503)));

        // when
        MlflowSteps.afterValidate(
                StepLauncher.context(parameters(false)), StepLauncher.mlflowRetry(parameters(false)), log);

        // then
        assertThat(log.lines())
                .anySatisfy(l -> assertThat(l)
                        .startsWith("WARN Could not log the validation of credit-risk to MLflow")
                        .contains("503")
                        .contains("The build's result is unaffected; set -Dml.monitoring.failOnError=true"));
        assertThat(Files.readString(bundle.summaryFile()))
                .startsWith("# credit-risk")
                .contains("> **Warning:** Could not log the validation of credit-risk to MLflow");
        assertThat(bundle.directory().resolve(RunRecord.FILE)).doesNotExist();
    }

    @Test
    void aPasswordInTheTrackingUriReachesNeitherTheLogNorTheSummaryNorTheRunRecord() throws IOException {
        // given a tracking URI with user-info, as -Dml.mlflow.trackingUri may give it
        Map<String, Object> p = parameters(false);
        p.put("mlflowTrackingUri", withUserInfo(mlflow.uri().toString()));
        p.remove("mlflowToken");
        mlflow.expectAuthorization(
                "Basic " + Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));

        // when
        MlflowSteps.afterValidate(StepLauncher.context(p), StepLauncher.mlflowRetry(p), log);

        // then the user-info served as basic credentials, and the password is nowhere the plugin writes
        assertThat(mlflow.runs()).hasSize(1);
        assertThat(log.text()).doesNotContain(PASSWORD).doesNotContain("WARN");
        assertThat(Files.readString(bundle.summaryFile())).doesNotContain(PASSWORD);
        assertThat(bundle.directory().resolve(RunRecord.FILE)).content().doesNotContain(PASSWORD);
    }

    @Test
    void aPasswordInTheTrackingUriIsMaskedInTheWarningOfAFailure() throws IOException {
        // given
        IntStream.range(0, 2).forEach(i -> mlflow.fail(FakeMlflow.status(null, 503)));
        Map<String, Object> p = parameters(false);
        p.put("mlflowTrackingUri", withUserInfo(mlflow.uri().toString()));

        // when
        MlflowSteps.afterValidate(StepLauncher.context(p), StepLauncher.mlflowRetry(p), log);

        // then
        assertThat(log.text()).contains("WARN Could not log").doesNotContain(PASSWORD);
        assertThat(Files.readString(bundle.summaryFile()))
                .contains("> **Warning:**")
                .doesNotContain(PASSWORD);
    }

    @Test
    void anInvalidTrackingUriIsNamedWithoutItsPassword() {
        Map<String, Object> p = parameters(false);
        p.put("mlflowTrackingUri", "ftp://alice:" + PASSWORD + "@mlflow:5000");

        assertThatThrownBy(() -> MlflowSettings.from(StepLauncher.context(p)))
                .hasMessageContaining("ftp://***@mlflow:5000")
                .hasMessageNotContaining(PASSWORD);
        assertThat(MlflowSettings.from(StepLauncher.context(parameters(false))).toString())
                .doesNotContain(FakeMlflow.TOKEN);
    }

    static final String PASSWORD = "pw-4c1e9b";

    private static String withUserInfo(String uri) {
        return uri.replaceFirst("://", "://alice:" + PASSWORD + "@");
    }

    @Test
    void withFailOnErrorAFailureIsABuildError() {
        // given
        IntStream.range(0, 2).forEach(i -> mlflow.fail(FakeMlflow.status(null, 503)));

        // when / then
        assertThatThrownBy(() -> MlflowSteps.afterValidate(
                        StepLauncher.context(parameters(true)), StepLauncher.mlflowRetry(parameters(true)), log))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("503")
                .hasMessageContaining("ml.monitoring.failOnError is true");
    }

    @Test
    void aRefusedTokenIsAWarningNamingTheVariable() {
        // given
        mlflow.expectAuthorization("Bearer other");

        // when
        MlflowSteps.afterValidate(
                StepLauncher.context(parameters(false)), StepLauncher.mlflowRetry(parameters(false)), log);

        // then
        assertThat(log.text())
                .contains("refused experiments/get-by-name with 401")
                .contains("check the MLFLOW_TRACKING_TOKEN environment variable")
                .doesNotContain(FakeMlflow.TOKEN);
        assertThat(mlflow.requests()).hasSize(1);
    }
}
