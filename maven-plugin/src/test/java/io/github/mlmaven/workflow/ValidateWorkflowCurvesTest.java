package io.github.mlmaven.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.mlmaven.artifact.ModelArtifactPackager;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.evaluation.ChampionRules;
import io.github.mlmaven.evaluation.EvaluationMethod;
import io.github.mlmaven.report.Curves;
import io.github.mlmaven.report.HtmlReport;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.testing.MlProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** issue 5 §5: ml:validate writes curves.json, and ml:report renders report.html from the outputs. */
class ValidateWorkflowCurvesTest {

    @TempDir
    Path dir;

    private MlProject project;
    private String trainCsv;
    private String testCsv;

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    @BeforeEach
    void trainedCreditModel() {
        project = MlProject.in(dir);
        trainCsv = project.withData(Datasets.creditGTrainCsv(), "train.csv");
        testCsv = project.withData(Datasets.creditGTestCsv(), "test.csv");
        new TrainWorkflow(MlLog.SILENT).run(project.train(trainCsv).request());
    }

    @Test
    void validationOnTestDataWritesTheCurvesOfThePositiveClassWithWekasAreas() throws Exception {
        ValidationReport report = new ValidateWorkflow(MlLog.SILENT)
                .run(project.validate(trainCsv).testData(testCsv).request());

        Curves curves = Curves.readFrom(project.bundle().directory()).orElseThrow();
        assertThat(curves.positiveClass()).isEqualTo("bad");
        assertThat(curves.candidate().rocAuc()).isCloseTo(report.metrics().get("rocAuc"), within(1e-9));
        assertThat(curves.candidate().roc()).isNotEmpty().hasSizeLessThanOrEqualTo(Curves.MAX_POINTS);
        assertThat(curves.candidate().pr()).isNotEmpty();
        assertThat(curves.champion()).isNull();
    }

    @Test
    void crossValidationWritesCurvesToo() throws Exception {
        ValidationReport report = new ValidateWorkflow(MlLog.SILENT)
                .run(project.validate(trainCsv)
                        .evaluation(EvaluationMethod.CV)
                        .folds(3)
                        .request());

        Curves curves = Curves.readFrom(project.bundle().directory()).orElseThrow();
        assertThat(curves.candidate().rocAuc()).isCloseTo(report.metrics().get("rocAuc"), within(1e-9));
    }

    @Test
    void againstProductionTheCurvesOfBothModelsAreWrittenOnTheSameRows() throws Exception {
        // given Logistic regression in production as 1.3.0
        MlProject production = MlProject.in(dir.resolve("production"));
        production.withData(Datasets.creditGTrainArff(), "train.arff");
        production.withData(Datasets.creditGTestArff(), "test.arff");
        ModelCard card = new TrainWorkflow(MlLog.SILENT)
                .run(production
                        .train("data/train.arff")
                        .modelName("credit")
                        .algorithm("weka.classifiers.functions.Logistic")
                        .request())
                .card();
        ValidationReport theirs = new ValidateWorkflow(MlLog.SILENT)
                .run(production
                        .validate("data/train.arff")
                        .modelName("credit")
                        .testData("data/test.arff")
                        .request());
        Path jar = ModelArtifactPackager.pack(
                        production.bundle("credit"),
                        card,
                        new ModelArtifactPackager.Coordinates("com.example", "credit", "1.3.0"),
                        dir.resolve("repository"))
                .jar();
        MlProject candidate = MlProject.in(dir.resolve("candidate"));
        candidate.withData(Datasets.creditGTrainArff(), "train.arff");
        candidate.withData(Datasets.creditGTestArff(), "test.arff");
        new TrainWorkflow(MlLog.SILENT)
                .run(candidate
                        .train("data/train.arff")
                        .modelName("credit")
                        .algorithm("weka.classifiers.bayes.NaiveBayes")
                        .request());

        // when a NaiveBayes candidate is validated against it
        ValidationReport ours = new ValidateWorkflow(MlLog.SILENT)
                .run(candidate
                        .validate("data/train.arff")
                        .modelName("credit")
                        .testData("data/test.arff")
                        .champion(new ValidateRequest.Champion(
                                "found", "1.3.0", jar, card.modelSha256(), ChampionRules.parse(Map.of(), null)))
                        .request());

        // then both curves are in curves.json, each with its model's own area
        Curves curves = Curves.readFrom(candidate.bundle("credit").directory()).orElseThrow();
        assertThat(curves.candidate().rocAuc()).isCloseTo(ours.metrics().get("rocAuc"), within(1e-9));
        assertThat(curves.champion().label()).isEqualTo("1.3.0");
        assertThat(curves.champion().rocAuc()).isCloseTo(theirs.metrics().get("rocAuc"), within(1e-9));
        assertThat(curves.champion().roc()).isNotEmpty();
    }

    @Test
    void theReportStepRendersTheOutputsOfValidation() throws Exception {
        new ValidateWorkflow(MlLog.SILENT)
                .run(project.validate(trainCsv).testData(testCsv).request());
        Map<String, Object> p = new HashMap<>();
        p.put("outputDirectory", project.outputDirectory().toString());
        p.put("modelName", project.bundle().modelName());
        p.put("basedir", dir.toString());

        Map<String, String> outcome = StepLauncher.launch("report", p, (level, message) -> {});

        assertThat(outcome).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        String html = Files.readString(project.bundle().directory().resolve(HtmlReport.FILE));
        assertThat(html)
                .contains("id=\"roc-chart\"", "id=\"pr-chart\"", "id=\"confusion-chart\"", "id=\"per-class-chart\"")
                .contains("No history: no registry is configured")
                .contains("train.csv");
    }

    @Test
    void theReportStepNeedsAValidation() {
        Map<String, Object> p = new HashMap<>();
        p.put("outputDirectory", project.outputDirectory().toString());
        p.put("modelName", project.bundle().modelName());
        p.put("basedir", dir.toString());

        Map<String, String> outcome = StepLauncher.launch("report", p, (level, message) -> {});

        assertThat(outcome).containsEntry(StepLauncher.OUTCOME, StepLauncher.INVALID_INPUT);
        assertThat(outcome.get(StepLauncher.MESSAGE)).contains("run ml:validate first");
    }
}
