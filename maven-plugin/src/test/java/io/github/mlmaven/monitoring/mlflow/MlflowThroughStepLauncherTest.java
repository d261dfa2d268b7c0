package io.github.mlmaven.monitoring.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.ci.RetryPolicy;
import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.testing.MlProject;
import io.github.mlmaven.workflow.StepLauncher;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The step the Maven layer launches after ml:validate, on a model really trained and validated. */
class MlflowThroughStepLauncherTest {
    @TempDir
    Path dir;

    private MlProject project;
    private FakeMlflow mlflow;
    private final List<String> logged = new ArrayList<>();

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    @BeforeEach
    void setUp() {
        project = MlProject.in(dir);
        project.withData(Datasets.weatherNominalArff(), "weather.arff");
        mlflow = FakeMlflow.start();
    }

    @AfterEach
    void tearDown() {
        mlflow.close();
    }

    private Map<String, Object> common(boolean failOnError) {
        Map<String, Object> p = new HashMap<>();
        p.put("basedir", project.basedir().toString());
        p.put("outputDirectory", project.outputDirectory().toString());
        p.put("modelName", "weather");
        p.put("trainingData", List.of("data/weather.arff"));
        p.put("testData", null);
        p.put("evaluation", null);
        p.put("holdoutPercent", 20);
        p.put("pluginVersion", "test");
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
        p.put("mlflowTrackingUri", mlflow.uri().toString());
        p.put("mlflowToken", FakeMlflow.TOKEN);
        p.put("monitoringFailOnError", failOnError);
        p.put("mlflowRetry", new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1), d -> {}));
        return p;
    }

    private Map<String, String> launch(String goal, Map<String, Object> parameters) {
        return StepLauncher.launch(goal, parameters, (level, message) -> logged.add(level + " " + message));
    }

    @Test
    void anOutageLeavesTheOutcomeOkUnlessFailOnErrorIsSet() {
        // given
        launch("train", common(false));
        launch("validate", common(false));
        IntStream.range(0, 4).forEach(i -> mlflow.fail(FakeMlflow.closedConnection(null)));

        // when
        Map<String, String> lenient = launch("mlflow-validate", common(false));
        Map<String, String> strict = launch("mlflow-validate", common(true));

        // then
        assertThat(lenient).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        assertThat(logged).anyMatch(l -> l.startsWith("warn Could not log the validation of weather to MLflow"));
        assertThat(strict)
                .containsEntry(StepLauncher.OUTCOME, StepLauncher.INVALID_INPUT)
                .hasEntrySatisfying(StepLauncher.MESSAGE, m -> assertThat(m).contains("ml.monitoring.failOnError"));
        assertThat(project.bundle("weather").modelFile()).isRegularFile();
    }
}
