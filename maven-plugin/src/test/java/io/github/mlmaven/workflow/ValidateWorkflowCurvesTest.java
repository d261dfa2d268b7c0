package io.github.mlmaven.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.evaluation.EvaluationMethod;
import io.github.mlmaven.report.Curves;
import io.github.mlmaven.report.HtmlReport;
import io.github.mlmaven.report.ValidationReport;
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
    void theReportStepRendersTheOutputsOfValidation() throws Exception {
        new ValidateWorkflow(MlLog.SILENT)
                .run(project.validate(trainCsv).testData(testCsv).request());
        Map<String, Object> p = new HashMap<>();
        p.put("outputDirectory", project.outputDirectory().toString());
        p.put("modelName", project.bundle().modelName());
        p.put("basedir", dir.toString());

        Map<String, String> outcome = GoalLauncher.launch("report", p, (level, message) -> {});

        assertThat(outcome).containsEntry(GoalLauncher.OUTCOME, GoalLauncher.OK);
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

        Map<String, String> outcome = GoalLauncher.launch("report", p, (level, message) -> {});

        assertThat(outcome).containsEntry(GoalLauncher.OUTCOME, GoalLauncher.INVALID_INPUT);
        assertThat(outcome.get(GoalLauncher.MESSAGE)).contains("run ml:validate first");
    }
}
