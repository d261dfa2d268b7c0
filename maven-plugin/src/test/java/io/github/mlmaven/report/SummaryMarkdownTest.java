package io.github.mlmaven.report;

import static io.github.mlmaven.report.ReportFixtures.accuracyMet;
import static io.github.mlmaven.report.ReportFixtures.creditReport;
import static io.github.mlmaven.report.ReportFixtures.precisionUndefined;
import static io.github.mlmaven.report.ReportFixtures.recallBreach;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryMarkdownTest {

    private static String row(String markdown, String metric) {
        return markdown.lines()
                .filter(l -> l.startsWith("| " + metric + " |"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + metric + " in\n" + markdown));
    }

    @Test
    void breachedThresholdRowIsMarkedAsABreach() {
        // when
        String md = SummaryMarkdown.render(creditReport(List.of(accuracyMet(), recallBreach())));

        // then
        assertThat(row(md, "recall")).contains("0.4219").contains("≥ 0.8000").contains("breach");
        assertThat(row(md, "accuracy"))
                .contains("0.7150")
                .contains("≥ 0.7000")
                .contains("pass")
                .doesNotContain("breach");
        assertThat(row(md, "kappa")).contains("0.2956").doesNotContain("pass").doesNotContain("breach");
        assertThat(md).startsWith("### Model `credit`").contains("failed");
    }

    @Test
    void undefinedMetricIsShownAsUndefinedAndItsThresholdAsABreach() {
        // when
        String md = SummaryMarkdown.render(creditReport(List.of(precisionUndefined())));

        // then
        assertThat(row(md, "precision")).contains("undefined").contains("breach");
    }

    @Test
    void passingGateSaysPassed() {
        // when
        String md = SummaryMarkdown.render(creditReport(List.of(accuracyMet())));

        // then
        assertThat(md.lines().findFirst().orElseThrow()).contains("passed");
    }

    @Test
    void withoutThresholdsTheSummarySaysNoGateIsConfigured() {
        // when
        String md = SummaryMarkdown.render(creditReport(List.of()));

        // then
        assertThat(md).contains("no gate").contains("No gate is configured").contains("<thresholds>");
    }

    @Test
    void summaryIsAMarkdownTableWithEveryMetricTheEvaluationAndTheModelHash() {
        // when
        String md = SummaryMarkdown.render(creditReport(List.of(recallBreach())));

        // then
        assertThat(md).contains("| metric | value | threshold | result |");
        for (String metric : List.of("accuracy", "precision", "recall", "f1", "rocAuc", "prAuc", "mcc", "kappa")) {
            assertThat(row(md, metric)).endsWith("|");
        }
        assertThat(md)
                .contains("weka.classifiers.trees.J48")
                .contains("test data (200 rows: `data/test.csv`)")
                .contains("positive class `bad`")
                .contains(ReportFixtures.SHA);
    }

    @Test
    void evaluationIsDescribedForEachMethod() {
        // then
        assertThat(SummaryMarkdown.describe(
                        new ValidationReport.EvaluationInfo("cv", 1000, 10, null, 1, java.util.List.of())))
                .isEqualTo("10-fold cross-validation (1,000 rows, seed 1)");
        assertThat(SummaryMarkdown.describe(
                        new ValidationReport.EvaluationInfo("holdout", 200, null, 20, 42, java.util.List.of())))
                .isEqualTo("a 20% stratified holdout (200 rows, seed 42)");
    }

    @Test
    void confusionMatrixIsRenderedWithEscapedLabels() {
        // when
        String md = SummaryMarkdown.render(creditReport(List.of()));

        // then
        assertThat(md)
                .contains("Confusion matrix")
                .contains("| **good** | 116 | 20 |")
                .contains("bad\\|worse");
    }
}
