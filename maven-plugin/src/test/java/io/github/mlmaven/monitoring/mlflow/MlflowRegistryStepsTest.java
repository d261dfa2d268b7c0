package io.github.mlmaven.monitoring.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.ci.RetryPolicy;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.evaluation.ChampionRules;
import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.testing.MlProject;
import io.github.mlmaven.testing.PromotionRepo;
import io.github.mlmaven.workflow.StepLauncher;
import io.github.mlmaven.workflow.TrainWorkflow;
import io.github.mlmaven.workflow.ValidateRequest;
import io.github.mlmaven.workflow.ValidateWorkflow;
import io.github.mlmaven.workflow.WekaEnvironment;
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
        mlflow = FakeMlflow.start();
    }

    @AfterEach
    void stopServer() {
        mlflow.close();
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
        p.put("mlflowTrackingUri", mlflow.uri().toString());
        p.put("mlflowToken", FakeMlflow.TOKEN);
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

    private String aliasProduction() {
        JsonNode aliases = mlflow.model(MODEL).get("aliases");
        for (JsonNode alias : aliases) {
            if (alias.get("alias").asText().equals("production")) {
                return alias.get("version").asText();
            }
        }
        return null;
    }

    @Test
    void promoteRegistersTheValidatedRunAndRollbackMovesProductionBack() {
        // given the validation logged to MLflow, and 1.3.0 promoted
        launch("mlflow-validate", parameters());
        String runId = mlflow.runs().get(0).get("info").get("run_id").asText();
        Map<String, String> first = promote();

        // then 1.3.0 is MLflow version 1 of the model, from the run, with the Maven coordinates as source
        JsonNode v1 = mlflow.versions().get(0);
        assertThat(v1.get("source").asText()).isEqualTo("maven:com.example:weather-model:1.3.0");
        assertThat(v1.get("run_id").asText()).isEqualTo(runId);
        assertThat(aliasProduction()).isEqualTo("1");

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
        assertThat(mlflow.versions().get(1).get("source").asText()).isEqualTo("maven:com.example:weather-model:1.3.1");
        assertThat(aliasProduction()).isEqualTo("2");

        // when
        Map<String, Object> p = parameters();
        p.put("rollbackVersion", "1.3.0");
        launch("rollback", p);

        // then
        assertThat(aliasProduction()).isEqualTo("1");
        assertThat(mlflow.requests("model-versions/search")).hasSize(1);
        assertThat(logged).noneMatch(l -> l.startsWith("warn Could not"));
    }

    @Test
    void anMlflowOutageAfterThePromotionLeavesItRecorded() {
        // given every MLflow request fails
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
