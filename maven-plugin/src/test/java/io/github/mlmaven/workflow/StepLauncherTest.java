package io.github.mlmaven.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.testing.MlProject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The map-in, map-out entry point the Mojos call across their class loader boundary. */
class StepLauncherTest {

    @TempDir
    Path dir;

    private MlProject project;
    private final List<String> logged = new ArrayList<>();

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    @BeforeEach
    void projectWithWeatherData() {
        project = MlProject.in(dir);
        project.withData(Datasets.weatherNominalArff(), "weather.arff");
    }

    /** The parameters every goal passes, with the Mojos' defaults; unset parameters are null as in the Mojo. */
    private Map<String, Object> common() {
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
        return p;
    }

    private Map<String, Object> train() {
        Map<String, Object> p = common();
        p.put("classAttribute", null);
        p.put("positiveClass", null);
        p.put("attributeTypes", null);
        p.put("attributeTypesProperty", null);
        p.put("algorithm", "weka.classifiers.trees.J48");
        p.put("options", null);
        p.put("seed", 1L);
        p.put("force", false);
        return p;
    }

    private Map<String, Object> validate(Map<String, String> thresholds, String thresholdsProperty) {
        Map<String, Object> p = common();
        p.put("folds", 7);
        p.put("thresholds", thresholds);
        p.put("thresholdsProperty", thresholdsProperty);
        return p;
    }

    private Map<String, String> launch(String goal, Map<String, Object> parameters) {
        return StepLauncher.launch(goal, parameters, (level, message) -> logged.add(level + " " + message));
    }

    @Test
    void trainThenValidateReportOkAndLogThroughTheCallback() {
        // when
        Map<String, String> trained = launch("train", train());
        Map<String, String> validated = launch("validate", validate(null, "accuracy>=0"));

        // then
        assertThat(trained).containsExactly(entry(StepLauncher.OUTCOME, StepLauncher.OK));
        assertThat(validated).containsExactly(entry(StepLauncher.OUTCOME, StepLauncher.OK));
        assertThat(project.bundle("weather").validationFile()).isRegularFile();
        assertThat(logged).anyMatch(line -> line.startsWith("info ") && line.contains("7-fold"));
    }

    @Test
    void breachIsAGateFailureWithTheMessage() {
        // given
        launch("train", train());

        // when
        Map<String, String> outcome = launch("validate", validate(Map.of("accuracy", "0.99"), null));

        // then
        assertThat(outcome)
                .containsEntry(StepLauncher.OUTCOME, StepLauncher.GATE_FAILED)
                .hasEntrySatisfying(StepLauncher.MESSAGE, m -> assertThat(m).contains("accuracy"));
    }

    @Test
    void configurationErrorNamesTheParameter() {
        // given
        Map<String, Object> parameters = train();
        parameters.put("algorithm", "weka.classifiers.J48");

        // when
        Map<String, String> outcome = launch("train", parameters);

        // then
        assertThat(outcome)
                .containsEntry(StepLauncher.OUTCOME, StepLauncher.INVALID_CONFIGURATION)
                .containsEntry(StepLauncher.PARAMETER, "algorithm")
                .hasEntrySatisfying(StepLauncher.MESSAGE, m -> assertThat(m).contains("weka.classifiers.trees.J48"));
    }

    @Test
    void unknownMetricInThePropertyIsAConfigurationError() {
        // given
        launch("train", train());

        // when
        Map<String, String> outcome = launch("validate", validate(null, "auc>=0.8"));

        // then
        assertThat(outcome)
                .containsEntry(StepLauncher.OUTCOME, StepLauncher.INVALID_CONFIGURATION)
                .containsEntry(StepLauncher.PARAMETER, "ml.thresholds");
    }

    @Test
    void badDataIsAnInputError() {
        // given
        project.withCsv("bad.csv", "a,b,class\n1,2,yes\n3,4\n");
        Map<String, Object> parameters = train();
        parameters.put("trainingData", List.of("data/bad.csv"));

        // when
        Map<String, String> outcome = launch("train", parameters);

        // then
        assertThat(outcome)
                .containsEntry(StepLauncher.OUTCOME, StepLauncher.INVALID_INPUT)
                .hasEntrySatisfying(StepLauncher.MESSAGE, m -> assertThat(m).contains("bad.csv line 3"));
    }

    @Test
    void attributeTypesPropertyReachesTheReader() {
        // given a CSV whose 0/1 class would be nominal, declared numeric through the property
        project.withCsv("reg.csv", "x,y\n1,0\n2,1\n3,1\n4,0\n");
        Map<String, Object> parameters = train();
        parameters.put("trainingData", List.of("data/reg.csv"));
        parameters.put("algorithm", "weka.classifiers.functions.LinearRegression");
        parameters.put("attributeTypesProperty", "y:numeric");

        // when
        Map<String, String> outcome = launch("train", parameters);

        // then
        assertThat(outcome).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        assertThat(project.bundle("weather").readCard().schema().classType()).isEqualTo("numeric");
    }

    @Test
    void unknownEvaluationMethodIsAConfigurationError() {
        // given
        Map<String, Object> parameters = train();
        parameters.put("evaluation", "kfold");

        // when
        Map<String, String> outcome = launch("train", parameters);

        // then
        assertThat(outcome)
                .containsEntry(StepLauncher.OUTCOME, StepLauncher.INVALID_CONFIGURATION)
                .containsEntry(StepLauncher.PARAMETER, "evaluation");
    }

    @Test
    void aTokenInTheRegistryRemoteReachesNeitherTheLogNorTheMessage() throws Exception {
        // given a project whose origin has a token in its URL (as user name, the way GitHub takes one), no server
        // behind it
        try (org.eclipse.jgit.api.Git git =
                org.eclipse.jgit.api.Git.init().setDirectory(dir.toFile()).call()) {
            git.getRepository()
                    .getConfig()
                    .setString("remote", "origin", "url", "http://ghp_s3cret-8d2@127.0.0.1:9/models.git");
            git.getRepository().getConfig().save();
        }
        Map<String, Object> p = common();
        p.put("registryBranch", "ml-registry");
        p.put("registryRemote", "origin");

        // when the registry names the remote, and JGit's transport error quotes its URL
        Map<String, String> outcome = StepLauncher.launch("history", p, (level, message) -> logged.add(message));

        // then
        assertThat(outcome.get(StepLauncher.MESSAGE)).contains("127.0.0.1:9").doesNotContain("s3cret-8d2");
        assertThat(String.join("\n", logged)).doesNotContain("s3cret-8d2");
    }
}
