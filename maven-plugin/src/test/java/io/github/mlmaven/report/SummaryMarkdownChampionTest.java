package io.github.mlmaven.report;

import static io.github.mlmaven.report.ChampionReportFixtures.compared;
import static io.github.mlmaven.report.ChampionReportFixtures.comparedWithNote;
import static io.github.mlmaven.report.ChampionReportFixtures.noProductionYet;
import static io.github.mlmaven.report.ChampionReportFixtures.notComparable;
import static io.github.mlmaven.report.ChampionReportFixtures.notSignificant;
import static io.github.mlmaven.report.ChampionReportFixtures.precisionUndefinedBreach;
import static io.github.mlmaven.report.ChampionReportFixtures.recallDropAllowed;
import static io.github.mlmaven.report.ChampionReportFixtures.recallDropBreach;
import static io.github.mlmaven.report.ReportFixtures.accuracyMet;
import static io.github.mlmaven.report.ReportFixtures.recallBreach;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.evaluation.ChampionGate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** summary.md with the model in production beside the candidate. */
class SummaryMarkdownChampionTest {

    private static String row(String markdown, String metric) {
        return markdown.lines()
                .filter(l -> l.startsWith("| " + metric + " |"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + metric + " in\n" + markdown));
    }

    private static long cells(String row) {
        return row.chars().filter(c -> c == '|').count() - 1;
    }

    @Test
    void comparedReportShowsCandidateProductionAndDeltaSideBySide() {
        // when
        String md = SummaryMarkdown.render(compared(List.of(), recallDropBreach()));

        // then
        assertThat(md)
                .contains("| metric | candidate | production 1.3.0 | delta | threshold | result |\n"
                        + "|---|---:|---:|---:|---|---|\n");
        assertThat(row(md, "recall")).startsWith("| recall | 0.4219 | 0.4844 | -0.0625 |");
        assertThat(row(md, "accuracy")).startsWith("| accuracy | 0.7150 | 0.7500 | -0.0350 |");
        assertThat(row(md, "kappa")).startsWith("| kappa | 0.2956 | 0.3848 | -0.0892 |");
    }

    @Test
    void everyRowHasAsManyCellsAsTheHeader() {
        // when
        String md = SummaryMarkdown.render(compared(List.of(accuracyMet(), recallBreach()), recallDropBreach()));

        // then
        for (String metric : List.of("accuracy", "precision", "recall", "f1", "rocAuc", "prAuc", "mcc", "kappa")) {
            assertThat(cells(row(md, metric))).as(metric).isEqualTo(6);
        }
    }

    @Test
    void thresholdsStayInTheirColumnsBesideTheComparison() {
        // when
        String md = SummaryMarkdown.render(compared(List.of(accuracyMet(), recallBreach()), recallDropAllowed()));

        // then
        assertThat(row(md, "recall")).isEqualTo("| recall | 0.4219 | 0.4844 | -0.0625 | ≥ 0.8000 | ❌ **breach** |");
        assertThat(row(md, "accuracy")).isEqualTo("| accuracy | 0.7150 | 0.7500 | -0.0350 | ≥ 0.7000 | ✅ pass |");
    }

    @Test
    void improvementHasAPlusSignAndAFallAMinusSign() {
        // given production with a recall of 0.40 and the candidate's 0.421875
        ValidationReport base = compared(List.of());
        Map<String, Double> production = new LinkedHashMap<>(base.champion().metrics());
        production.put("recall", 0.40);
        Map<String, Double> deltas = new LinkedHashMap<>(base.champion().deltas());
        deltas.put("recall", 0.421875 - 0.40);
        ValidationReport.ChampionSection c = base.champion();
        ValidationReport report = ChampionReportFixtures.withChampion(
                base,
                new ValidationReport.ChampionSection(
                        c.status(), c.version(), production, deltas, c.mcnemar(), c.rules(), c.passed(), null),
                true,
                false);

        // when
        String md = SummaryMarkdown.render(report);

        // then
        assertThat(row(md, "recall")).startsWith("| recall | 0.4219 | 0.4000 | +0.0219 |");
        assertThat(row(md, "accuracy")).startsWith("| accuracy | 0.7150 | 0.7500 | -0.0350 |");
    }

    @Test
    void undefinedCandidateMetricShowsAnUndefinedDelta() {
        // when
        String md = SummaryMarkdown.render(compared(List.of(), precisionUndefinedBreach()));

        // then
        assertThat(row(md, "precision")).startsWith("| precision | undefined | 0.6458 | undefined |");
    }

    @Test
    void eachChampionRuleIsListedWithItsOutcome() {
        // when
        String md = SummaryMarkdown.render(compared(List.of(), recallDropBreach(), notSignificant()));

        // then
        assertThat(md)
                .contains("\nAgainst production 1.3.0:\n\n")
                .contains("- ❌ recall may drop by at most 0.02: it dropped by 0.0625\n")
                .contains("- ✅ McNemar's test: b = 3 (only the candidate right), c = 9 (only production right),"
                        + " p = 0.1460; refused below 0.05 when c > b\n");
    }

    @Test
    void aNegativeDropIsWordedAsARise() {
        // when the candidate's recall is 0.02 higher than production's
        String md = SummaryMarkdown.render(
                compared(List.of(), new ChampionGate.RuleResult("maxDrop", "recall", 0.02, -0.02, true)));

        // then
        assertThat(md)
                .contains("- ✅ recall may drop by at most 0.02: it rose by 0.0200\n")
                .doesNotContain("-0.02\n");
    }

    @Test
    void anErrorMetricIsWordedByItsOwnDirection() {
        // rmse: the drop is candidate minus production, so a positive one is a rise and a negative one a fall
        assertThat(SummaryMarkdown.describeRule(
                        new ChampionGate.RuleResult("maxDrop", "rmse", 0.01, 0.03, false), null))
                .isEqualTo("rmse may rise by at most 0.01: it rose by 0.0300");
        assertThat(SummaryMarkdown.describeRule(new ChampionGate.RuleResult("maxDrop", "mae", 0.01, -0.03, true), null))
                .isEqualTo("mae may rise by at most 0.01: it fell by 0.0300");
        assertThat(SummaryMarkdown.describeRule(
                        new ChampionGate.RuleResult("maxDrop", "rocAuc", 0.01, 0.0, true), null))
                .isEqualTo("rocAuc may drop by at most 0.01: unchanged");
    }

    @Test
    void undefinedDropIsShownAsUndefined() {
        // when
        String md = SummaryMarkdown.render(compared(List.of(), precisionUndefinedBreach()));

        // then
        assertThat(md).contains("- ❌ precision may drop by at most 0.05: undefined\n");
    }

    @Test
    void failedChampionRuleMakesTheStatusFailedEvenWhenThresholdsPass() {
        // when
        String md = SummaryMarkdown.render(compared(List.of(accuracyMet()), recallDropBreach()));

        // then
        assertThat(md.lines().findFirst().orElseThrow()).isEqualTo("### Model `credit`: ❌ failed");
    }

    @Test
    void championRulesAloneAreAGate() {
        // when
        String md = SummaryMarkdown.render(compared(List.of(), recallDropAllowed()));

        // then
        assertThat(md.lines().findFirst().orElseThrow()).isEqualTo("### Model `credit`: ✅ passed");
        assertThat(md).doesNotContain("No gate is configured");
    }

    @Test
    void withoutAProductionVersionTheSummarySaysSoAndShowsOneValueColumn() {
        // when
        String md = SummaryMarkdown.render(noProductionYet(List.of(accuracyMet())));

        // then
        assertThat(md)
                .contains("No production version yet: gated on the thresholds alone.\n")
                .contains("| metric | value | threshold | result |")
                .doesNotContain("production 1.3.0")
                .doesNotContain("Against production");
    }

    @Test
    void productionThatCouldNotReadTheDataIsExplained() {
        // given
        String note = "the production model 1.3.0 cannot read this data (unknown value 'x'); compared on thresholds"
                + " alone";

        // when
        String md = SummaryMarkdown.render(notComparable(note));

        // then
        assertThat(md)
                .contains("Not compared with production 1.3.0: " + note)
                .contains("| metric | value | threshold | result |");
    }

    @Test
    void noteOfAComparisonIsShownAfterTheRules() {
        // given
        String note = "with cv the candidate's predictions come from refitted folds, so McNemar's test is not applied";

        // when
        String md = SummaryMarkdown.render(comparedWithNote(note));

        // then
        assertThat(md).contains("| metric | candidate | production 1.3.0 |").contains("\n" + note + "\n");
        assertThat(md.indexOf(note)).isGreaterThan(md.indexOf("Against production 1.3.0:"));
    }

    @Test
    void withoutChampionRulesThereIsNoRuleList() {
        // when
        String md = SummaryMarkdown.render(compared(List.of(accuracyMet())));

        // then
        assertThat(md).contains("production 1.3.0 | delta").doesNotContain("Against production");
    }
}
