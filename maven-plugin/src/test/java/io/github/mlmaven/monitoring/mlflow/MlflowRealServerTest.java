package io.github.mlmaven.monitoring.mlflow;

import static io.github.mlmaven.monitoring.mlflow.MlflowRunAssertions.keyValues;
import static io.github.mlmaven.monitoring.mlflow.MlflowRunAssertions.metrics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.evaluation.ChampionGate;
import io.github.mlmaven.evaluation.Verdict;
import io.github.mlmaven.monitoring.live.MonitoringReport;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.testing.MlProject;
import io.github.mlmaven.testing.MlflowServer;
import io.github.mlmaven.testing.MonitoringReports;
import io.github.mlmaven.testing.RecordingLog;
import io.github.mlmaven.workflow.StepLauncher;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MLflow steps of ml:validate, ml:promote, ml:rollback and ml:monitor against a real MLflow tracking server and
 * model registry ({@link MlflowServer#shared()}), everything read back through MLflow's REST API and compared with the
 * card, validation.json, monitoring.json and the model file. Each test has model and experiment names of its own.
 * Skipped, with the command that installs MLflow, where it is not installed.
 */
class MlflowRealServerTest {
    @TempDir
    Path dir;

    private MlflowServer server;
    private String model;
    private final RecordingLog log = new RecordingLog();

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    @BeforeEach
    void server() {
        server = MlflowServer.shared();
        model = MlflowServer.unique("credit");
    }

    private Map<String, Object> parameters() {
        return MlflowBundles.parameters(server.uri(), model, dir, false);
    }

    private ModelBundle bundle(ValidationReport report) throws IOException {
        return MlflowBundles.write(dir, model, "-C 0.25 -M 2", report);
    }

    private void validate(Map<String, Object> p) {
        MlflowSteps.afterValidate(StepLauncher.context(p), StepLauncher.mlflowRetry(p), log);
    }

    private void promote(String version) {
        Map<String, Object> p = parameters();
        MlflowSteps.afterPromote(
                StepLauncher.context(p), "com.example", model + "-model", version, StepLauncher.mlflowRetry(p), log);
    }

    private String onlyRunOf(String experiment) {
        List<JsonNode> runs = server.runs(server.experimentId(experiment));
        assertThat(runs).hasSize(1);
        return runs.get(0).path("info").path("run_id").asText();
    }

    @Test
    void aTrainedAndValidatedModelIsARunWithTheFiguresOfItsCardAndTheExactModelFileAsArtifact() throws IOException {
        // given a model really trained and validated, as the goals' steps do it
        MlProject project = MlProject.in(dir);
        project.withData(Datasets.weatherNominalArff(), "weather.arff");
        Map<String, Object> p = new LinkedHashMap<>(trainAndValidate(project));
        for (String step : List.of("train", "validate")) {
            assertThat(StepLauncher.launch(step, p, (level, message) -> {}))
                    .containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        }
        ModelBundle bundle = project.bundle(model);

        // when
        Map<String, String> outcome = StepLauncher.launch("mlflow-validate", p, (level, message) -> log.info(message));

        // then one run in the experiment named after the model, holding every figure of card and validation.json
        assertThat(outcome).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        String experimentId = server.experimentId(model);
        String runId = onlyRunOf(model);
        ModelCard card = bundle.readCard();
        ValidationReport report = Json.MAPPER.readValue(bundle.validationFile().toFile(), ValidationReport.class);
        JsonNode run = server.run(runId);
        MlflowRunAssertions.assertValidationRun(run, card, report);
        assertThat(metrics(run.path("data").path("metrics")).get("accuracy"))
                .isEqualTo(report.metrics().get("accuracy"));
        // and the exact model file, its card and the reports as artifacts, downloaded back through the server
        assertThat(run.path("info").path("artifact_uri").asText())
                .isEqualTo("mlflow-artifacts:/" + experimentId + "/" + runId + "/artifacts");
        String modelPath = "model/" + bundle.modelFile().getFileName();
        assertThat(server.artifactPaths(runId, "model")).containsExactlyInAnyOrder(modelPath, "model/model-card.json");
        assertThat(server.artifactPaths(runId, "")).contains("validation.json", "summary.md");
        byte[] downloaded = server.artifact(experimentId, runId, modelPath);
        assertThat(sha256(downloaded)).isEqualTo(card.modelSha256()).isEqualTo(ModelBundle.sha256(bundle.modelFile()));
        assertThat(sha256(server.artifact(experimentId, runId, "model/model-card.json")))
                .isEqualTo(sha256(Files.readAllBytes(bundle.cardFile())));
        assertThat(server.artifact(experimentId, runId, "validation.json"))
                .isEqualTo(Files.readAllBytes(bundle.validationFile()));
        // the run id kept for ml:promote
        RunRecord record = RunRecord.readFrom(bundle.directory()).orElseThrow();
        assertThat(record.runId()).isEqualTo(runId);
        assertThat(record.experimentId()).isEqualTo(experimentId);
        assertThat(record.trackingUri()).isEqualTo(server.uri().toString());
        assertThat(Files.readString(bundle.summaryFile()))
                .contains("MLflow: run [" + runId + "](" + server.uri() + "/#/experiments/" + experimentId + "/runs/"
                        + runId + ")");
        int artifacts = server.artifactPaths(runId, "").size() - 1 + 2; // the folder model/ holds two
        assertThat(log.text())
                .contains("tags to MLflow run " + runId + " in experiment " + model + " (1 log-batch request, "
                        + artifacts + " artifacts)")
                .doesNotContain("WARN");
    }

    private Map<String, Object> trainAndValidate(MlProject project) {
        Map<String, Object> p = parameters();
        p.put("basedir", project.basedir().toString());
        p.put("outputDirectory", project.outputDirectory().toString());
        p.put("trainingData", List.of("data/weather.arff"));
        p.put("testData", null);
        p.put("evaluation", null);
        p.put("holdoutPercent", 20);
        p.put("classpath", List.of());
        p.put("classAttribute", null);
        p.put("positiveClass", null);
        p.put("attributeTypes", null);
        p.put("attributeTypesProperty", null);
        p.put("algorithm", "weka.classifiers.trees.J48");
        p.put("options", null);
        p.put("seed", 1L);
        p.put("force", false);
        p.put("folds", 3);
        p.put("thresholds", null);
        p.put("thresholdsProperty", "accuracy>=0");
        return p;
    }

    @Test
    void aSecondValidationReusesTheExperimentAndAConfiguredOneIsUsed() throws IOException {
        // given <mlflow><experiment> and a champion comparison
        ValidationReport.ChampionSection champion = new ValidationReport.ChampionSection(
                "compared",
                "1.0.3",
                Map.of("recall", 0.82),
                Map.of("recall", -0.02),
                null,
                List.<ChampionGate.RuleResult>of(),
                true,
                null);
        ValidationReport report =
                MlflowBundles.report(model, Map.of("accuracy", 0.9, "recall", 0.8), List.of(), champion);
        ModelBundle bundle = bundle(report);
        String experiment = MlflowServer.unique("nightly");
        Map<String, Object> p = parameters();
        p.put("mlflowExperiment", experiment);

        // when validated twice
        validate(p);
        validate(p);

        // then both runs are in the one experiment, which MLflow's UI opens on its runs (not its GenAI view)
        List<JsonNode> runs = server.runs(server.experimentId(experiment));
        assertThat(runs).hasSize(2);
        assertThat(log.text()).containsOnlyOnce("Created the MLflow experiment " + experiment);
        JsonNode created = server.get("experiments/get-by-name", Map.of("experiment_name", experiment))
                .path("experiment");
        assertThat(keyValues(created.path("tags")))
                .containsEntry(MlflowApi.EXPERIMENT_KIND_TAG, "custom_model_development");
        for (JsonNode found : runs) {
            JsonNode run = server.run(found.path("info").path("run_id").asText());
            MlflowRunAssertions.assertValidationRun(run, bundle.readCard(), report);
            assertThat(metrics(run.path("data").path("metrics")))
                    .containsEntry("champion.recall", 0.82)
                    .containsEntry("champion.delta.recall", -0.02);
            assertThat(keyValues(run.path("data").path("tags")))
                    .containsEntry("ml.champion.version", "1.0.3")
                    .containsEntry(
                            ValidationRun.NOTE_TAG, "Validated; no gate configured. Compared with production 1.0.3.");
        }
    }

    @Test
    void aFailedGateIsAFinishedRunMarkedAsFailedInTagMetricAndDescription() throws IOException {
        // given recall 0.5 under a threshold of 0.8
        ValidationReport report = MlflowBundles.report(
                model,
                Map.of("recall", 0.5),
                List.of(
                        new Verdict.ThresholdResult("recall", ">=", 0.8, 0.5, false),
                        new Verdict.ThresholdResult("accuracy", ">=", 0.0, 0.7, true)),
                null);
        ModelBundle bundle = bundle(report);

        // when
        validate(parameters());

        // then
        JsonNode run = server.run(onlyRunOf(model));
        MlflowRunAssertions.assertValidationRun(run, bundle.readCard(), report);
        assertThat(run.path("info").path("status").asText()).isEqualTo("FINISHED");
        assertThat(keyValues(run.path("data").path("tags")))
                .containsEntry("ml.validation.passed", "false")
                .containsEntry(ValidationRun.NOTE_TAG, "Gate failed: recall 0.5 (needs >= 0.8).");
        assertThat(metrics(run.path("data").path("metrics"))).containsEntry("validation_passed", 0.0);
        // a failed gate can be found as MLflow's UI finds it, by the metric
        List<JsonNode> failed = searchRuns(server.experimentId(model), "metrics.validation_passed = 0");
        assertThat(failed).hasSize(1);
    }

    private List<JsonNode> searchRuns(String experimentId, String filter) {
        List<JsonNode> runs = new ArrayList<>();
        server.post("runs/search", Map.of("experiment_ids", List.of(experimentId), "filter", filter))
                .path("runs")
                .forEach(runs::add);
        return runs;
    }

    @Test
    void fifteenHundredMetricsAreAllOnTheServerAndALongParamIsCut() throws IOException {
        // given 1500 metrics and options of 7000 characters
        Map<String, Double> many = new LinkedHashMap<>();
        IntStream.range(0, 1500).forEach(i -> many.put("m" + i, i / 1000.0));
        ValidationReport report = MlflowBundles.report(model, many);
        ModelBundle bundle = MlflowBundles.write(dir, model, "-W " + "x".repeat(7000), report);

        // when
        validate(parameters());

        // then every one of them, with its value, and the param at MLflow's limit: 6000 characters, or 500 on a server
        // before MLflow 2.9, which refuses the first batch and gets it again with the params cut to 500
        boolean oldServer = MlflowServer.olderThan(2, 9);
        int paramLimit = oldServer ? RunData.LEGACY_PARAM_VALUE : RunData.MAX_PARAM_VALUE;
        JsonNode run = server.run(onlyRunOf(model));
        MlflowRunAssertions.assertValidationRun(run, bundle.readCard(), report, paramLimit);
        Map<String, Double> logged = metrics(run.path("data").path("metrics"));
        assertThat(logged).hasSize(1500 + 4 + 1); // and the per-class ones, and validation_passed
        assertThat(logged).containsAllEntriesOf(many);
        assertThat(keyValues(run.path("data").path("params")).get("effectiveOptions"))
                .hasSize(paramLimit)
                .endsWith("...");
        assertThat(log.text())
                .contains("(2 log-batch requests, 4 artifacts)")
                .contains("The MLflow param effectiveOptions is longer than 6000 characters and was cut");
        if (oldServer) {
            assertThat(log.text())
                    .contains("sending the params again cut to 500 characters, the limit of servers before MLflow 2.9");
        }
    }

    @Test
    void promoteRegistersTheValidationRunsModelAndPointsProductionAtIt() throws IOException {
        // given a validated run
        ModelBundle bundle = bundle(MlflowBundles.report(model, Map.of("accuracy", 0.9)));
        validate(parameters());
        String runId = onlyRunOf(model);

        // when
        promote("1.0.4");

        // then version 1 of the registered model comes from the run's model folder, tagged with the release
        JsonNode version = modelVersion("1");
        assertThat(version.path("source").asText()).isEqualTo("runs:/" + runId + "/model");
        assertThat(version.path("run_id").asText()).isEqualTo(runId);
        assertThat(keyValues(version.path("tags")))
                .containsEntry("ml.version", "1.0.4")
                .containsEntry("ml.maven.coordinates", "com.example:" + model + "-model:1.0.4")
                .containsEntry("ml.modelSha256", bundle.readCard().modelSha256())
                .containsEntry("mlflow.source.git.commit", MlflowBundles.COMMIT);
        assertThat(version.path("description").asText()).startsWith("Promoted as maven com.example:" + model);
        assertThat(aliasProduction()).isEqualTo("1");
        assertThat(server.get("registered-models/alias", Map.of("name", model, "alias", "production"))
                        .path("model_version")
                        .path("aliases")
                        .toString())
                .isEqualTo("[\"production\"]");
        // the source holds the exact model file
        assertThat(server.artifactPaths(runId, "model"))
                .contains("model/" + bundle.modelFile().getFileName());
        assertThat(sha256(server.artifact(
                        server.experimentId(model),
                        runId,
                        "model/" + bundle.modelFile().getFileName())))
                .isEqualTo(bundle.readCard().modelSha256());
        assertThat(keyValues(server.run(runId).path("data").path("tags"))).containsEntry("ml.version", "1.0.4");
        assertThat(server.runs(server.experimentId(model))).hasSize(1); // no run of its own
        assertThat(log.text()).doesNotContain("WARN");
    }

    @Test
    void promoteWithoutAValidationRunLogsItsOwnRunWithTheModelFileAndAToleratesTheRegisteredModel() throws IOException {
        // given a model validated while MLflow was not configured
        ModelBundle bundle = bundle(MlflowBundles.report(model, Map.of("accuracy", 0.9)));

        // when promoted twice
        promote("1.0.0");
        promote("1.0.1");

        // then each version comes from a promote run that holds the exact model file
        List<JsonNode> runs = server.runs(server.experimentId(model));
        assertThat(runs).hasSize(2);
        String experimentId = server.experimentId(model);
        for (String v : List.of("1", "2")) {
            JsonNode version = modelVersion(v);
            String runId = version.path("run_id").asText();
            assertThat(version.path("source").asText()).isEqualTo("runs:/" + runId + "/model");
            JsonNode run = server.run(runId);
            String release = "1.0." + (Integer.parseInt(v) - 1);
            assertThat(run.path("info").path("run_name").asText()).isEqualTo(model + "-" + release + "-promote");
            assertThat(run.path("info").path("status").asText()).isEqualTo("FINISHED");
            assertThat(keyValues(run.path("data").path("tags")))
                    .containsEntry("ml.version", release)
                    .containsEntry("ml.modelName", model)
                    .containsEntry("ml.modelSha256", bundle.readCard().modelSha256())
                    .containsEntry("mlflow.source.type", "JOB")
                    .containsEntry("mlflow.source.git.commit", MlflowBundles.COMMIT);
            assertThat(sha256(server.artifact(
                            experimentId, runId, "model/" + bundle.modelFile().getFileName())))
                    .isEqualTo(bundle.readCard().modelSha256());
            assertThat(keyValues(version.path("tags"))).containsEntry("ml.version", release);
        }
        assertThat(aliasProduction()).isEqualTo("2");
        assertThat(log.text()).doesNotContain("WARN");
    }

    @Test
    void aRunRecordOfAnotherModelIsNotRegistered() throws IOException {
        // given a validation run logged, then the model retrained (another SHA-256) without a new validation run
        bundle(MlflowBundles.report(model, Map.of("accuracy", 0.9)));
        validate(parameters());
        String validationRun = onlyRunOf(model);
        ModelBundle bundle = MlflowBundles.write(dir, model, "-C 0.5", MlflowBundles.report(model, Map.of()));
        Files.write(bundle.modelFile(), new byte[] {1, 2, 3});
        ModelCard card = bundle.readCard();
        bundle.writeJson(
                bundle.cardFile(), MlflowBundles.card(model, "-C 0.5", ModelBundle.sha256(bundle.modelFile())));
        assertThat(card.modelSha256()).isNotEqualTo(bundle.readCard().modelSha256());

        // when
        promote("2.0.0");

        // then
        JsonNode version = modelVersion("1");
        assertThat(version.path("run_id").asText()).isNotEqualTo(validationRun);
        assertThat(sha256(server.artifact(
                        server.experimentId(model),
                        version.path("run_id").asText(),
                        "model/" + bundle.modelFile().getFileName())))
                .isEqualTo(sha256(new byte[] {1, 2, 3}));
    }

    @Test
    void rollbackMovesProductionBackAndAVersionMlflowNeverSawLeavesIt() throws IOException {
        // given 1.0.0 and 1.0.1 promoted
        bundle(MlflowBundles.report(model, Map.of("accuracy", 0.9)));
        promote("1.0.0");
        promote("1.0.1");
        assertThat(aliasProduction()).isEqualTo("2");
        Map<String, Object> p = parameters();

        // when
        MlflowSteps.afterRollback(StepLauncher.context(p), "1.0.0", StepLauncher.mlflowRetry(p), log);

        // then
        assertThat(aliasProduction()).isEqualTo("1");
        assertThat(log.text()).contains("Moved the MLflow alias production of " + model + " to version 1 (1.0.0)");

        // when rolled back to a version MLflow never registered
        MlflowSteps.afterRollback(StepLauncher.context(p), "0.9.0", StepLauncher.mlflowRetry(p), log);

        // then
        assertThat(aliasProduction()).isEqualTo("1");
        assertThat(log.text()).contains("Version 0.9.0 of " + model + " was never registered in MLflow");
    }

    @Test
    void aMonitoringPassIsARunInTheMonitoringExperimentLinkedToTheModelVersion() throws Exception {
        // given 0.9.0 and 1.3.0 registered by their promotions, and monitoring.json of 1.3.0 beside the model
        bundle(MlflowBundles.report(model, Map.of("accuracy", 0.9)));
        promote("0.9.0");
        promote(MonitoringReports.VERSION);
        MonitoringReport monitoring = MonitoringReports.report(model, 0.62, true);
        monitoring.writeTo(dir.resolve(model));
        Map<String, Object> p = parameters();
        GoalContext context = StepLauncher.context(p);

        // when
        MlflowSteps.afterMonitor(context, StepLauncher.mlflowRetry(p), log, monitoring);

        // then a finished run in <model>-monitoring, started at the pass's time
        String experiment = model + "-monitoring";
        String runId = onlyRunOf(experiment);
        JsonNode run = server.run(runId);
        assertThat(run.path("info").path("run_name").asText()).isEqualTo(model + "-1.3.0-monitor");
        assertThat(run.path("info").path("status").asText()).isEqualTo("FINISHED");
        assertThat(run.path("info").path("start_time").asLong())
                .isEqualTo(Instant.parse(MonitoringReports.AT).toEpochMilli());
        assertThat(keyValues(run.path("data").path("tags")))
                .containsEntry("ml.modelName", model)
                .containsEntry("ml.version", "1.3.0")
                .containsEntry("ml.registeredModelVersion", "2")
                .containsEntry("ml.modelSha256", MonitoringReports.SHA)
                .containsEntry("ml.monitoring.degraded", "true")
                .containsEntry("ml.monitoring.dataDrift", "true")
                .containsEntry("ml.decay.recall", "degraded");
        Map<String, Double> metrics = metrics(run.path("data").path("metrics"));
        assertThat(metrics)
                .containsEntry("live_recall", 0.62)
                .containsEntry("promotion_recall", 0.81)
                .containsEntry("live_accuracy", 0.88)
                .containsEntry("drift_amount", 0.43)
                .containsEntry("degraded", 1.0)
                .containsEntry("dataset_drift", 1.0);
        assertThat(metrics.get("drift_share")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(keyValues(run.path("data").path("params")))
                .containsEntry("productionVersion", "1.3.0")
                .containsEntry("decay.recall.maxDrop", "0.05")
                .containsEntry("decay.recall.minRows", "200")
                .containsEntry("drift.amount.test", "psi");
        // every figure monitoring.json holds, logged as MonitoringRun maps it
        RunData expected = MonitoringRun.of(MonitoringReports.json(monitoring), model);
        assertThat(metrics).containsAllEntriesOf(expected.metrics());
        assertThat(keyValues(run.path("data").path("params"))).containsAllEntriesOf(expected.params());
        // and monitoring.json itself as the run's artifact
        assertThat(server.artifact(server.experimentId(experiment), runId, MonitoringReport.FILE))
                .isEqualTo(Files.readAllBytes(dir.resolve(model).resolve(MonitoringReport.FILE)));
        assertThat(log.text())
                .contains("Logged the monitoring of " + model + " 1.3.0")
                .doesNotContain("WARN");
    }

    @Test
    void aHealthyPassOfAnUnregisteredVersionGoesToTheConfiguredExperimentsMonitoringOne() throws Exception {
        // given <mlflow><experiment> and no MLflow version for 1.3.0
        String experiment = MlflowServer.unique("nightly");
        Map<String, Object> p = parameters();
        p.put("mlflowExperiment", experiment);
        JsonNode healthy = MonitoringReports.json(MonitoringReports.report(model, 0.80, false));

        // when
        MlflowSteps.afterMonitor(StepLauncher.context(p), StepLauncher.mlflowRetry(p), log, healthy);

        // then
        JsonNode run = server.run(onlyRunOf(experiment + "-monitoring"));
        assertThat(keyValues(run.path("data").path("tags")))
                .containsEntry("ml.version", "1.3.0")
                .containsEntry("ml.monitoring.degraded", "false")
                .doesNotContainKey("ml.registeredModelVersion")
                .doesNotContainKey("ml.monitoring.degradedReason");
        assertThat(metrics(run.path("data").path("metrics")))
                .containsEntry("degraded", 0.0)
                .containsEntry("dataset_drift", 0.0)
                .containsEntry("drift_share", 0.0);
    }

    @Test
    void theApiFindsExperimentsAndVersionsAndReportsMlflowsOwnErrors() {
        try (MlflowClient client = new MlflowClient(
                MlflowSettings.from(StepLauncher.context(parameters())),
                "test",
                StepLauncher.mlflowRetry(parameters()),
                log)) {
            MlflowApi api = new MlflowApi(client, log);
            // an experiment is created once, then found
            String experiment = MlflowServer.unique("api");
            String id = api.experimentId(experiment);
            assertThat(api.experimentId(experiment)).isEqualTo(id).isEqualTo(server.experimentId(experiment));
            // a registered model that exists is fine
            api.ensureRegisteredModel(model);
            api.ensureRegisteredModel(model);
            assertThat(server.get("registered-models/get", Map.of("name", model))
                            .path("registered_model")
                            .path("name")
                            .asText())
                    .isEqualTo(model);
            // a version is found by its tag
            MlflowApi.Run run = api.createRun(id, "r", 1L, Map.of());
            for (int i = 1; i <= 3; i++) {
                api.createModelVersion(
                        model, "runs:/" + run.runId() + "/model", run.runId(), Map.of("ml.version", "1.0." + i), null);
            }
            assertThat(api.findVersionByTag(model, "ml.version", "1.0.3")).contains("3");
            assertThat(api.findVersionByTag(model, "ml.version", "9.9.9")).isEmpty();
            // MLflow refuses a source outside a run's artifacts, and the message is MLflow's
            assertThatThrownBy(() -> api.createModelVersion(model, "maven:g:a:1", null, Map.of(), null))
                    .isInstanceOf(MlflowException.class)
                    .hasMessageContaining("INVALID_PARAMETER_VALUE")
                    .hasMessageContaining("source");
            // and a model it does not know
            String missing = MlflowServer.unique("missing");
            assertThatThrownBy(() -> api.createModelVersion(
                            missing, "runs:/" + run.runId() + "/model", run.runId(), Map.of(), null))
                    .isInstanceOf(MlflowException.class)
                    .hasMessageContaining("404 RESOURCE_DOES_NOT_EXIST")
                    .satisfies(e -> assertThat(((MlflowException) e).is("RESOURCE_DOES_NOT_EXIST"))
                            .isTrue());
        }
    }

    private JsonNode modelVersion(String version) {
        return server.get("model-versions/get", Map.of("name", model, "version", version))
                .path("model_version");
    }

    private String aliasProduction() {
        JsonNode registered =
                server.get("registered-models/get", Map.of("name", model)).path("registered_model");
        for (JsonNode alias : registered.path("aliases")) {
            if (alias.path("alias").asText().equals("production")) {
                return alias.path("version").asText();
            }
        }
        return null;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
