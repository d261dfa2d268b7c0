package io.github.mlmaven.monitoring.mlflow.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.ci.RetryPolicy;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.monitoring.mlflow.MlflowRunAssertions;
import io.github.mlmaven.monitoring.mlflow.RunRecord;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.testing.MlProject;
import io.github.mlmaven.workflow.StepLauncher;
import io.github.mlmaven.workflow.TrainWorkflow;
import io.github.mlmaven.workflow.ValidateWorkflow;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The weather model really trained and validated once (the same for every test of a class), and the step that logs
 * its validation to MLflow, launched as ml:validate launches it.
 */
final class ValidatedModel {
    static final String MODEL = "weather";

    private final MlProject project;
    private final List<String> logged = new ArrayList<>();

    private ValidatedModel(MlProject project) {
        this.project = project;
    }

    static ValidatedModel in(Path basedir) {
        WekaEnvironment.prepare();
        MlProject project = MlProject.in(basedir);
        String data = project.withData(Datasets.weatherNominalArff(), "weather.arff");
        new TrainWorkflow(MlLog.SILENT).run(project.train(data).modelName(MODEL).request());
        new ValidateWorkflow(MlLog.SILENT)
                .run(project.validate(data).modelName(MODEL).request());
        return new ValidatedModel(project);
    }

    /** The step parameters of a build that tracks to {@code trackingUri}, in {@code experiment}, without credentials. */
    Map<String, Object> parameters(URI trackingUri, String experiment, RetryPolicy retry, boolean failOnError) {
        Map<String, Object> p = new HashMap<>();
        p.put("basedir", project.basedir().toString());
        p.put("outputDirectory", project.outputDirectory().toString());
        p.put("modelName", MODEL);
        p.put("pluginVersion", "test");
        p.put("classpath", List.of());
        p.put("mlflowTrackingUri", trackingUri.toString());
        p.put("mlflowExperiment", experiment);
        p.put("monitoringFailOnError", failOnError);
        p.put("mlflowRetry", retry);
        return p;
    }

    /** The step after ml:validate; what it logs is in {@link #logged()} (this launch's lines only). */
    Map<String, String> launchMlflowValidate(Map<String, Object> parameters) {
        logged.clear();
        return StepLauncher.launch(
                "mlflow-validate", parameters, (level, message) -> logged.add(level + " " + message));
    }

    List<String> logged() {
        return List.copyOf(logged);
    }

    ModelBundle bundle() {
        return project.bundle(MODEL);
    }

    /** The run id the last successful launch recorded in {@code mlflow-run.json}. */
    String runId() {
        return RunRecord.readFrom(bundle().directory()).orElseThrow().runId();
    }

    /** A run read back with runs/get: finished, with this model's tags and validation.json's figures. */
    void assertLoggedAsValidated(JsonNode run) throws IOException {
        JsonNode validation = Json.MAPPER.readTree(bundle().validationFile().toFile());
        JsonNode card = Json.MAPPER.readTree(bundle().cardFile().toFile());
        assertThat(run.get("info").get("status").asText()).isEqualTo("FINISHED");
        Map<String, String> tags = MlflowRunAssertions.keyValues(run.get("data").get("tags"));
        assertThat(tags)
                .containsEntry("ml.modelName", MODEL)
                .containsEntry("ml.modelSha256", card.get("modelSha256").asText());
        Map<String, String> params =
                MlflowRunAssertions.keyValues(run.get("data").get("params"));
        assertThat(params).containsEntry("algorithm", card.get("algorithm").asText());
        Map<String, Double> metrics =
                MlflowRunAssertions.metrics(run.get("data").get("metrics"));
        assertThat(metrics).containsKey("accuracy");
        validation.get("metrics").properties().forEach(metric -> {
            if (metric.getValue().isNumber()) {
                assertThat(metrics)
                        .containsEntry(metric.getKey(), metric.getValue().asDouble());
            }
        });
    }

    /**
     * A validation refused at its first request with 401 while failOnError is set: the build's error names where the
     * credentials came from and never the secret, the refusal was not retried, and no experiment was created.
     */
    static void assertRefusedOnceAt401(
            Map<String, String> outcome,
            String credentialsSource,
            String secret,
            List<Duration> waits,
            HttpResponse<String> experimentLookup) {
        assertThat(outcome).containsEntry(StepLauncher.OUTCOME, StepLauncher.INVALID_INPUT);
        assertThat(outcome.get(StepLauncher.MESSAGE))
                .contains("refused experiments/get-by-name with 401 (not authenticated)")
                .contains("check " + credentialsSource)
                .doesNotContain(secret);
        assertThat(waits).as("a refusal is not retried").isEmpty();
        assertThat(experimentLookup.statusCode()).as("nothing was created").isEqualTo(404);
    }
}
