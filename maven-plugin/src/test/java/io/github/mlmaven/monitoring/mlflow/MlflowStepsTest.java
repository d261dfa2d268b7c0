package io.github.mlmaven.monitoring.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.ci.RetryPolicy;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.evaluation.ChampionGate;
import io.github.mlmaven.evaluation.Metrics;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.runtime.GitLineage;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.testing.RecordingLog;
import io.github.mlmaven.workflow.StepLauncher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlflowStepsTest {
    static final String MODEL = "credit-risk";
    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    static final String SHA = "5f".repeat(32);

    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();
    private FakeMlflow mlflow;
    private ModelBundle bundle;

    @BeforeEach
    void setUp() throws IOException {
        mlflow = FakeMlflow.start();
        bundle = new ModelBundle(dir.resolve(MODEL), MODEL);
        Files.createDirectories(bundle.directory());
        bundle.writeJson(bundle.cardFile(), card("-C 0.25 -M 2"));
        bundle.writeJson(bundle.validationFile(), report(Map.of("accuracy", 0.9, "recall", 0.8), true, null));
        Files.writeString(bundle.summaryFile(), "# credit-risk\n\nPassed.\n");
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
        Map<String, Object> p = new HashMap<>();
        p.put("modelName", MODEL);
        p.put("outputDirectory", outputDirectory.toString());
        p.put("pluginVersion", "0.1.0-test");
        p.put("mlflowTrackingUri", mlflow.uri().toString());
        p.put("mlflowToken", FakeMlflow.TOKEN);
        p.put("mlflowCredentialsSource", "the MLFLOW_TRACKING_TOKEN environment variable");
        p.put("monitoringFailOnError", failOnError);
        p.put("mlflowRetry", new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1), d -> {}));
        return p;
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
    void validateLogsARunWithParamsMetricsAndTagsAndFinishesIt() throws IOException {
        // when
        MlflowSteps.afterValidate(
                StepLauncher.context(parameters(false)), StepLauncher.mlflowRetry(parameters(false)), log);

        // then the experiment is the model name, the run is named after model and commit
        assertThat(mlflow.requests())
                .extracting(FakeMlflow.Request::endpoint)
                .containsExactly(
                        "experiments/get-by-name",
                        "experiments/create",
                        "runs/create",
                        "runs/log-batch",
                        "runs/update");
        JsonNode create = mlflow.requests("runs/create").get(0).body();
        assertThat(create.get("run_name").asText()).isEqualTo(MODEL + "-0123456");
        assertThat(create.get("start_time").asLong()).isEqualTo(1709294400000L); // trainedAt
        JsonNode run = mlflow.runs().get(0);
        assertThat(keyValues(run.get("data").get("params")))
                .containsEntry("algorithm", "weka.classifiers.trees.J48")
                .containsEntry("effectiveOptions", "-C 0.25 -M 2")
                .containsEntry("seed", "1")
                .containsEntry("evaluation.method", "cv")
                .containsEntry("evaluation.folds", "10")
                .containsEntry("data.data/credit.csv.sha256", "ab".repeat(32))
                .containsEntry("data.data/credit.csv.rows", "1000");
        assertThat(keyValues(run.get("data").get("metrics")))
                .containsEntry("accuracy", "0.9")
                .containsEntry("recall", "0.8")
                .containsEntry("class.bad.recall", "0.8");
        assertThat(keyValues(run.get("data").get("tags")))
                .containsEntry("mlflow.source.git.commit", COMMIT)
                .containsEntry("mlflow.runName", MODEL + "-0123456")
                .containsEntry("ml.modelName", MODEL)
                .containsEntry("ml.modelSha256", SHA)
                .containsEntry("ml.validation.passed", "true");
        JsonNode update = mlflow.requests("runs/update").get(0).body();
        assertThat(update.get("status").asText()).isEqualTo("FINISHED");
        assertThat(update.get("end_time").asLong()).isGreaterThan(1709294400000L);
        // and the run id is kept for ml:promote, and named in the summary
        String runId = run.get("info").get("run_id").asText();
        RunRecord record = RunRecord.readFrom(bundle.directory()).orElseThrow();
        assertThat(record.runId()).isEqualTo(runId);
        assertThat(record.modelSha256()).isEqualTo(SHA);
        assertThat(Files.readString(bundle.summaryFile())).contains("MLflow: run [" + runId + "]");
        assertThat(log.text()).doesNotContain(FakeMlflow.TOKEN);
    }

    @Test
    void championDeltasAreLoggedBesideTheProductionMetrics() throws IOException {
        // given
        ValidationReport.ChampionSection champion = new ValidationReport.ChampionSection(
                "compared",
                "1.0.3",
                Map.of("recall", 0.82),
                Map.of("recall", -0.02),
                null,
                List.<ChampionGate.RuleResult>of(),
                true,
                null);
        bundle.writeJson(bundle.validationFile(), report(Map.of("recall", 0.8), true, champion));
        Map<String, Object> p = parameters(false);
        p.put("mlflowExperiment", "nightly");

        // when
        MlflowSteps.afterValidate(StepLauncher.context(p), StepLauncher.mlflowRetry(p), log);

        // then
        assertThat(mlflow.requests("experiments/create")
                        .get(0)
                        .body()
                        .get("name")
                        .asText())
                .isEqualTo("nightly");
        JsonNode run = mlflow.runs().get(0);
        assertThat(keyValues(run.get("data").get("metrics")))
                .containsEntry("champion.recall", "0.82")
                .containsEntry("champion.delta.recall", "-0.02");
        assertThat(keyValues(run.get("data").get("tags"))).containsEntry("ml.champion.version", "1.0.3");
    }

    @Test
    void aFailedGateIsLoggedAsAFinishedRunThatDidNotPass() throws IOException {
        // given
        bundle.writeJson(bundle.validationFile(), report(Map.of("recall", 0.5), false, null));

        // when
        MlflowSteps.afterValidate(
                StepLauncher.context(parameters(false)), StepLauncher.mlflowRetry(parameters(false)), log);

        // then
        assertThat(keyValues(mlflow.runs().get(0).get("data").get("tags")))
                .containsEntry("ml.validation.passed", "false");
        assertThat(mlflow.runs().get(0).get("info").get("status").asText()).isEqualTo("FINISHED");
    }

    @Test
    void manyMetricsAndALongParamAreSplitAndCut() throws IOException {
        // given 1500 metrics and options of 7000 characters
        bundle.writeJson(bundle.cardFile(), card("-W " + "x".repeat(7000)));
        Map<String, Double> metrics = new LinkedHashMap<>();
        IntStream.range(0, 1500).forEach(i -> metrics.put("m" + i, i / 1000.0));
        bundle.writeJson(bundle.validationFile(), report(metrics, true, null));

        // when
        MlflowSteps.afterValidate(
                StepLauncher.context(parameters(false)), StepLauncher.mlflowRetry(parameters(false)), log);

        // then
        assertThat(mlflow.requests("runs/log-batch")).hasSize(2);
        JsonNode run = mlflow.runs().get(0);
        assertThat(run.get("data").get("metrics").size()).isEqualTo(1500 + 4); // and the per-class ones
        assertThat(keyValues(run.get("data").get("params")).get("effectiveOptions"))
                .hasSize(RunData.MAX_PARAM_VALUE)
                .endsWith("...");
        assertThat(log.text()).contains("The MLflow param effectiveOptions is longer than 6000 characters and was cut");
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

    @Test
    void promoteRegistersAVersionLinkedToTheRunAndPointsProductionAtIt() {
        // given a validated run
        MlflowSteps.afterValidate(
                StepLauncher.context(parameters(false)), StepLauncher.mlflowRetry(parameters(false)), log);
        String runId = mlflow.runs().get(0).get("info").get("run_id").asText();
        Map<String, Object> p = parameters(false);
        p.put("groupId", "com.example");
        p.put("artifactId", "credit-risk-model");
        p.put("version", "1.0.4");

        // when
        MlflowSteps.afterPromote(
                StepLauncher.context(p),
                (String) p.get("groupId"),
                (String) p.get("artifactId"),
                (String) p.get("version"),
                StepLauncher.mlflowRetry(p),
                log);

        // then
        JsonNode create = mlflow.requests("model-versions/create").get(0).body();
        assertThat(create.get("name").asText()).isEqualTo(MODEL);
        assertThat(create.get("source").asText()).isEqualTo("maven:com.example:credit-risk-model:1.0.4");
        assertThat(create.get("run_id").asText()).isEqualTo(runId);
        assertThat(keyValues(create.get("tags"))).containsEntry("ml.version", "1.0.4");
        JsonNode alias = mlflow.requests("registered-models/alias").get(0).body();
        assertThat(alias.toString()).isEqualTo("{\"name\":\"credit-risk\",\"alias\":\"production\",\"version\":\"1\"}");
        assertThat(mlflow.model(MODEL).get("aliases").toString())
                .isEqualTo("[{\"alias\":\"production\",\"version\":\"1\"}]");
        JsonNode setTag = mlflow.requests("runs/set-tag").get(0).body();
        assertThat(setTag.toString())
                .isEqualTo("{\"run_id\":\"" + runId + "\",\"key\":\"ml.version\",\"value\":\"1.0.4\"}");
    }

    @Test
    void promotingASecondVersionToleratesTheExistingRegisteredModel() {
        // given
        Map<String, Object> p = parameters(false);
        p.put("groupId", "g");
        p.put("artifactId", MODEL);
        p.put("version", "1.0.0");
        MlflowSteps.afterPromote(
                StepLauncher.context(p),
                (String) p.get("groupId"),
                (String) p.get("artifactId"),
                (String) p.get("version"),
                StepLauncher.mlflowRetry(p),
                log);
        p.put("version", "1.0.1");

        // when
        MlflowSteps.afterPromote(
                StepLauncher.context(p),
                (String) p.get("groupId"),
                (String) p.get("artifactId"),
                (String) p.get("version"),
                StepLauncher.mlflowRetry(p),
                log);

        // then
        assertThat(mlflow.requests("registered-models/create")).hasSize(2);
        assertThat(mlflow.versions()).hasSize(2);
        assertThat(mlflow.versions().get(0).has("run_id")).isFalse(); // no validate run was logged
        assertThat(mlflow.model(MODEL).get("aliases").get(0).get("version").asText())
                .isEqualTo("2");
        assertThat(log.text()).doesNotContain("WARN");
    }

    @Test
    void rollbackMovesProductionBackToTheMlflowVersionOfThatRelease() {
        // given 1.0.0 and 1.0.1 were promoted
        Map<String, Object> p = parameters(false);
        p.put("groupId", "g");
        p.put("artifactId", MODEL);
        for (String v : List.of("1.0.0", "1.0.1")) {
            p.put("version", v);
            MlflowSteps.afterPromote(
                    StepLauncher.context(p),
                    (String) p.get("groupId"),
                    (String) p.get("artifactId"),
                    (String) p.get("version"),
                    StepLauncher.mlflowRetry(p),
                    log);
        }
        p.put("rollbackVersion", "1.0.0");

        // when
        MlflowSteps.afterRollback(
                StepLauncher.context(p), (String) p.get("rollbackVersion"), StepLauncher.mlflowRetry(p), log);

        // then
        assertThat(mlflow.model(MODEL).get("aliases").toString())
                .isEqualTo("[{\"alias\":\"production\",\"version\":\"1\"}]");
        assertThat(log.text()).contains("Moved the MLflow alias production of credit-risk to version 1 (1.0.0)");
    }

    @Test
    void rollbackToAVersionMlflowNeverSawLeavesTheAliasAndWarns() {
        // given
        Map<String, Object> p = parameters(false);
        p.put("rollbackVersion", "0.9.0");

        // when
        MlflowSteps.afterRollback(
                StepLauncher.context(p), (String) p.get("rollbackVersion"), StepLauncher.mlflowRetry(p), log);

        // then
        assertThat(mlflow.requests("registered-models/alias")).isEmpty();
        assertThat(log.text()).contains("Version 0.9.0 of credit-risk was never registered in MLflow");
    }

    private static Map<String, String> keyValues(JsonNode array) {
        Map<String, String> map = new LinkedHashMap<>();
        array.forEach(e -> map.put(e.get("key").asText(), e.get("value").asText()));
        return map;
    }

    private static ModelCard card(String effectiveOptions) {
        return new ModelCard(
                ModelCard.CURRENT_SCHEMA_VERSION,
                MODEL,
                "weka.classifiers.trees.J48",
                "",
                effectiveOptions,
                "3.8.7",
                "3.8.7",
                "17",
                "0.1.0-test",
                1,
                "2024-03-01T12:00:00Z",
                5,
                new ModelCard.TrainedOn("all", null, 1000),
                new ModelCard.SchemaSection(
                        List.of(new ModelCard.AttributeEntry("risk", "nominal", List.of("good", "bad"))),
                        "risk",
                        "nominal",
                        "bad"),
                new ModelCard.DataSection(
                        List.of(new ModelCard.FileEntry("data/credit.csv", "ab".repeat(32), 1000, 50_000)),
                        1000,
                        50_000,
                        Map.of("good", 700L, "bad", 300L)),
                new GitLineage(COMMIT, "main", false, "2024-03-01T11:00:00Z", "Alice"),
                MODEL + ".model",
                SHA,
                "key");
    }

    private static ValidationReport report(
            Map<String, Double> metrics, boolean passed, ValidationReport.ChampionSection champion) {
        return new ValidationReport(
                ValidationReport.CURRENT_SCHEMA_VERSION,
                MODEL,
                SHA,
                "weka.classifiers.trees.J48",
                "2024-03-01T12:05:00Z",
                new ValidationReport.EvaluationInfo(
                        "cv",
                        1000,
                        10,
                        null,
                        1,
                        List.of(new ValidationReport.DataRef("data/credit.csv", "ab".repeat(32), 1000))),
                "risk",
                "nominal",
                "bad",
                metrics,
                Map.of("bad", new Metrics.ClassMetrics(0.7, 0.8, 0.75, 300)),
                null,
                List.of(),
                false,
                passed,
                champion);
    }
}
