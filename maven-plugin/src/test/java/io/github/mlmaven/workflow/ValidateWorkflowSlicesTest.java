package io.github.mlmaven.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.common.GateFailedException;
import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.evaluation.EvaluationMethod;
import io.github.mlmaven.evaluation.ThresholdParser;
import io.github.mlmaven.evaluation.slice.SliceSettings;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.testing.MlProject;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ml:validate with slices: their figures and rules in every output, a slice breach failing the gate. */
class ValidateWorkflowSlicesTest extends CreditDataTest {

    @BeforeEach
    void trainedCreditModel() {
        new TrainWorkflow(MlLog.SILENT).run(project.train(trainCsv).request());
    }

    private static SliceSettings slices(String property, SliceSettings.SliceText... slices) {
        return SliceSettings.parse(List.of(slices), 20, List.of(), property, false);
    }

    @Test
    void aSliceRuleBreachFailsTheGateWhileTheOverallThresholdsPass() throws Exception {
        // given: an overall gate J48 meets, and recall >= 0.99 on the slice of applicants without a checking account
        MlProject.Validate validate = project.validate(trainCsv)
                .testData(testCsv)
                .thresholds(ThresholdParser.parse(null, "accuracy>=0.5"))
                .slices(slices(
                        "checking_status=no checking:recall>=0.99;checking_status=<0,foreign_worker=yes:accuracy>=0",
                        new SliceSettings.SliceText("checking_status", null),
                        new SliceSettings.SliceText("foreign_worker,checking_status", null)));
        ModelBundle bundle = project.bundle();

        // when
        Throwable failure = catchThrowable(() -> new ValidateWorkflow(log).run(validate.request()));

        // then the failure names the slice, the metric, its value and the bound, and nothing of the overall gate
        assertThat(failure)
                .isInstanceOf(GateFailedException.class)
                .hasMessageContaining("slice checking_status=no checking: recall = 0.")
                .hasMessageContaining("(required >= 0.99)")
                .hasMessageNotContaining("accuracy =");
        JsonNode json = Json.MAPPER.readTree(bundle.validationFile().toFile());
        assertThat(json.get("passed").asBoolean()).isFalse();
        assertThat(json.get("thresholds").get(0).get("passed").asBoolean()).isTrue();
        JsonNode slices = json.get("slices");
        assertThat(slices.get("minSliceSize").asInt()).isEqualTo(20);
        assertThat(slices.get("passed").asBoolean()).isFalse();
        long rows = 0;
        for (JsonNode s : slices.get("slices")) {
            if (s.get("attributes").asText().equals("checking_status")) {
                rows += s.get("rows").asLong();
            }
            assertThat(s.get("metrics").has("recall")).isTrue();
        }
        assertThat(rows).isEqualTo(json.get("evaluation").get("rows").asLong());
        JsonNode rules = slices.get("rules");
        assertThat(rules.get(0).get("slice").asText()).isEqualTo("checking_status=no checking");
        assertThat(rules.get(0).get("status").asText()).isEqualTo("breach");
        // written in any order, reported in the order of the slice's <attributes>
        assertThat(rules.get(1).get("slice").asText()).isEqualTo("foreign_worker=yes,checking_status=<0");
        assertThat(rules.get(1).get("passed").asBoolean()).isTrue();

        String summary = Files.readString(bundle.summaryFile());
        assertThat(summary).contains("| slice | rows | status |").contains("❌ slice `checking_status=no checking`");
        String junit = Files.readString(bundle.junitFile());
        assertThat(junit)
                .contains("tests=\"3\"")
                .contains("failures=\"1\"")
                .contains("name=\"slice checking_status=no checking recall &gt;= 0.99\"")
                .contains("type=\"SliceBreach\"");
        assertThat(log.text()).contains("BREACH  slice checking_status=no checking: recall = 0.");
    }

    @Test
    void withoutSlicesValidationJsonHasNoSlicesSection() throws Exception {
        new ValidateWorkflow(log)
                .run(project.validate(trainCsv).testData(testCsv).request());

        JsonNode json = Json.MAPPER.readTree(project.bundle().validationFile().toFile());
        assertThat(json.has("slices")).isFalse();
        assertThat(Files.readString(project.bundle().summaryFile())).doesNotContain("Slices");
    }

    @Test
    void crossValidatedSlicesOfEveryRowHaveTheOverallFigures() {
        ValidationReport report = new ValidateWorkflow(log)
                .run(project.validate(trainCsv)
                        .evaluation(EvaluationMethod.CV)
                        .folds(5)
                        .slices(slices(
                                "age>=0:accuracy>=0.5",
                                new SliceSettings.SliceText("age", "0"),
                                new SliceSettings.SliceText("housing,own_telephone", null)))
                        .request());

        assertThat(report.passed()).isTrue();
        assertThat(report.slices().slices().get(0).name()).isEqualTo("age>=0");
        assertThat(report.slices().slices().get(0).metrics()).isEqualTo(report.metrics());
        assertThat(report.slices().slices().get(0).rows())
                .isEqualTo(report.evaluation().rows());
        assertThat(log.text()).contains("Gate passed: 1 slice rules met");
    }

    @Test
    void streamedTestRowsAreSlicedAsTheyStreamWithTheFiguresOfTheInMemoryEvaluation() {
        // given: an updateable classifier, whose test rows stream; and the same model evaluated from memory
        new TrainWorkflow(MlLog.SILENT)
                .run(project.train(trainCsv)
                        .algorithm("weka.classifiers.bayes.NaiveBayesUpdateable")
                        .request());
        SliceSettings slices = slices(
                null,
                new SliceSettings.SliceText("age", "0"),
                new SliceSettings.SliceText("purpose,foreign_worker", null));

        // when
        ValidationReport streamed = new ValidateWorkflow(log)
                .run(project.validate(trainCsv).testData(testCsv).slices(slices).request());

        // then
        assertThat(log.text()).contains("row by row as the test data is read");
        assertThat(streamed.slices().slices().get(0).metrics()).isEqualTo(streamed.metrics());
        assertThat(streamed.slices().slices().stream()
                        .filter(s -> s.attributes().equals("purpose,foreign_worker"))
                        .mapToLong(s -> s.rows())
                        .sum())
                .isEqualTo(200);
    }

    @Test
    void heldOutRowsAreSlicedWithTheOverallFiguresForTheSliceOfEveryRow() {
        new TrainWorkflow(MlLog.SILENT)
                .run(project.train(trainCsv)
                        .evaluation(EvaluationMethod.HOLDOUT)
                        .holdoutPercent(25)
                        .request());

        ValidationReport report = new ValidateWorkflow(log)
                .run(project.validate(trainCsv)
                        .evaluation(EvaluationMethod.HOLDOUT)
                        .holdoutPercent(25)
                        .slices(slices(
                                null,
                                new SliceSettings.SliceText("age", "0"),
                                new SliceSettings.SliceText("credit_amount", "2000,5000")))
                        .request());

        assertThat(report.slices().slices().get(0).name()).isEqualTo("age>=0");
        assertThat(report.slices().slices().get(0).metrics()).isEqualTo(report.metrics());
        assertThat(report.slices().slices().stream()
                        .filter(s -> s.attributes().equals("credit_amount"))
                        .map(s -> s.name() + " " + s.status())
                        .toList())
                .hasSize(3)
                .allMatch(s -> s.endsWith(" judged"));
        assertThat(report.slices().slices().stream()
                        .filter(s -> s.attributes().equals("credit_amount"))
                        .mapToLong(s -> s.rows())
                        .sum())
                .isEqualTo(200);
    }

    @Test
    void aSliceOnAnAttributeTheModelDoesNotHaveIsRefusedBeforeAnyRowIsRead() {
        MlProject.Validate validate = project.validate(trainCsv)
                .testData(testCsv)
                .slices(slices(null, new SliceSettings.SliceText("chekcing_status", null)));

        assertThatThrownBy(() -> new ValidateWorkflow(log).run(validate.request()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("did you mean checking_status?");
        assertThat(project.bundle().validationFile()).doesNotExist();
        assertThat(log.text()).doesNotContain("Evaluating");
    }
}
