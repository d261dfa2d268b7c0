package io.github.mlmaven.monitoring.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.ci.RetryPolicy;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.evaluation.ChampionRules;
import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.testing.MlProject;
import io.github.mlmaven.testing.MlflowServer;
import io.github.mlmaven.testing.PromotionRepo;
import io.github.mlmaven.workflow.StepLauncher;
import io.github.mlmaven.workflow.TrainWorkflow;
import io.github.mlmaven.workflow.ValidateRequest;
import io.github.mlmaven.workflow.ValidateWorkflow;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ml:validate, ml:promote and ml:rollback step by step as the goals run them (through {@link StepLauncher#launch}), on a project
 * committed in a clone of a bare origin, with MLflow configured: the registry stays the record, MLflow follows it.
 */
class MlflowRegistryStepsTest {
    private static final String MODEL = "weather";

    @TempDir
    Path dir;

    private PromotionRepo repo;
    private MlProject project;
    private FakeMlflow mlflow;
    /** The tracking server of the test: the real one, or the fake for the outage. */
    private URI trackingUri;

    private final List<String> logged = new ArrayList<>();

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    @BeforeEach
    void validatedModelInAClone() {
        repo = PromotionRepo.withData(dir, Datasets.weatherNominalArff(), "weather.arff");
        project = repo.project();
        new TrainWorkflow(MlLog.SILENT)
                .run(project.train(repo.dataPath()).modelName(MODEL).request());
        new ValidateWorkflow(MlLog.SILENT)
                .run(project.validate(repo.dataPath()).modelName(MODEL).request());
    }

    @AfterEach
    void stopServer() {
        if (mlflow != null) {
            mlflow.close();
        }
    }

    private Map<String, Object> parameters() {
        Map<String, Object> p = new HashMap<>();
        p.put("basedir", project.basedir().toString());
        p.put("outputDirectory", project.outputDirectory().toString());
        p.put("modelName", MODEL);
        p.put("pluginVersion", "test");
        p.put("classpath", List.of());
        p.put("registryBranch", "ml-registry");
        p.put("registryRemote", "origin");
        p.put("groupId", "com.example");
        p.put("artifactId", "weather-model");
        p.put("projectVersion", "1.3-SNAPSHOT");
        p.put("version", null);
        p.put("approver", "alice");
        p.put("reason", "first model");
        p.put("requireApproval", false);
        p.put("mlflowTrackingUri", trackingUri.toString());
        p.put("mlflowToken", mlflow == null ? null : FakeMlflow.TOKEN);
        p.put("mlflowRetry", new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1), d -> {}));
        return p;
    }

    private Map<String, String> launch(String goal, Map<String, Object> parameters) {
        Map<String, String> outcome =
                StepLauncher.launch(goal, parameters, (level, message) -> logged.add(level + " " + message));
        assertThat(outcome).as(goal + ": " + outcome).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        return outcome;
    }

    /** prepare, (the Maven layer deploys), complete. */
    private Map<String, String> promote() {
        Map<String, String> prepared = launch("promote-prepare", parameters());
        Map<String, Object> p = parameters();
        p.put("version", prepared.get("version"));
        launch("promote-complete", p);
        return prepared;
    }

    private String aliasProduction(MlflowServer server) {
        return server.get("registered-models/alias", Map.of("name", MODEL, "alias", "production"))
                .path("model_version")
                .path("version")
                .asText();
    }

    private JsonNode version(MlflowServer server, String version) {
        return server.get("model-versions/get", Map.of("name", MODEL, "version", version))
                .path("model_version");
    }

    @Test
    void promoteRegistersTheValidatedRunAndRollbackMovesProductionBack() {
        // given a real MLflow server, the validation logged to it, and 1.3.0 promoted
        MlflowServer server = MlflowServer.shared();
        trackingUri = server.uri();
        // the model's name is the registered model's: this test is the only one on the shared server to use it
        launch("mlflow-validate", parameters());
        String runId = server.runs(server.experimentId(MODEL))
                .get(0)
                .path("info")
                .path("run_id")
                .asText();
        Map<String, String> first = promote();

        // then 1.3.0 is MLflow version 1 of the model, from the run's model folder, with its Maven coordinates
        JsonNode v1 = version(server, "1");
        assertThat(v1.get("source").asText()).isEqualTo("runs:/" + runId + "/model");
        assertThat(v1.get("run_id").asText()).isEqualTo(runId);
        assertThat(MlflowRunAssertions.keyValues(v1.get("tags")))
                .containsEntry("ml.version", "1.3.0")
                .containsEntry("ml.maven.coordinates", "com.example:weather-model:1.3.0");
        assertThat(aliasProduction(server)).isEqualTo("1");

        // given a second model (other options: one commit gives a second version only when they differ), compared
        // with 1.3.0 and promoted as 1.3.1
        new TrainWorkflow(MlLog.SILENT)
                .run(project.train(repo.dataPath())
                        .modelName(MODEL)
                        .options("-M 3")
                        .request());
        Map<String, String> lookup = launch("champion-lookup", parameters());
        new ValidateWorkflow(MlLog.SILENT)
                .run(project.validate(repo.dataPath())
                        .modelName(MODEL)
                        .champion(new ValidateRequest.Champion(
                                "found",
                                "1.3.0",
                                Path.of(first.get("jar")),
                                lookup.get("modelSha256"),
                                ChampionRules.NONE))
                        .request());
        promote();
        JsonNode v2 = version(server, "2");
        assertThat(MlflowRunAssertions.keyValues(v2.get("tags")))
                .containsEntry("ml.maven.coordinates", "com.example:weather-model:1.3.1");
        assertThat(v2.get("source").asText())
                .isEqualTo("runs:/" + v2.get("run_id").asText() + "/model");
        assertThat(aliasProduction(server)).isEqualTo("2");

        // when
        Map<String, Object> p = parameters();
        p.put("rollbackVersion", "1.3.0");
        launch("rollback", p);

        // then
        assertThat(aliasProduction(server)).isEqualTo("1");
        assertThat(logged).noneMatch(l -> l.startsWith("warn") && l.contains("MLflow"));
    }

    @Test
    void anMlflowOutageAfterThePromotionLeavesItRecorded() {
        // given every MLflow request fails
        mlflow = FakeMlflow.start();
        trackingUri = mlflow.uri();
        for (int i = 0; i < 10; i++) {
            mlflow.fail(FakeMlflow.status(null, 500));
        }

        // when
        promote();

        // then the promotion stands; MLflow is a warning
        assertThat(repo.originFile("ml-registry", "models/weather.json").orElseThrow())
                .contains("\"production\" : \"1.3.0\"");
        assertThat(logged).anyMatch(l -> l.startsWith("warn Could not register weather 1.3.0 in MLflow"));
    }
}
