package io.github.mlmaven.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.evaluation.slice.SliceReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The slices in summary.md, report.html and the JUnit XML; nothing of them without slices. */
class SliceSectionTest {

    private static ValidationReport withSlices(SliceReport slices) {
        ValidationReport r = ReportFixtures.creditReport(List.of(ReportFixtures.accuracyMet()));
        return ReportFixtures.withGate(r, true, slices.passed(), null, slices);
    }

    private static SliceReport slices() {
        Map<String, Double> atm = new LinkedHashMap<>();
        atm.put("accuracy", 0.65);
        atm.put("recall", 0.25);
        atm.put("precision", null);
        return new SliceReport(
                50,
                false,
                List.of(
                        new SliceReport.SliceResult("channel=<atm>", "channel", 135, SliceReport.JUDGED, atm),
                        new SliceReport.SliceResult("channel=web", "channel", 12, SliceReport.TOO_SMALL, atm),
                        new SliceReport.SliceResult("channel=pos", "channel", 0, SliceReport.MISSING, Map.of())),
                List.of(
                        new SliceReport.RuleResult("channel=<atm>", "recall", ">=", 0.6, 0.25, 135, "breach", false),
                        new SliceReport.RuleResult("channel=web", "recall", ">=", 0.6, 0.25, 12, "too-small", true),
                        new SliceReport.RuleResult("channel=pos", "recall", ">=", 0.6, null, 0, "missing", false)),
                false);
    }

    @Test
    void theHtmlReportHasASliceTableWithEscapedNamesAndEachRule() {
        String html = HtmlReport.render(withSlices(slices()), null, null, null);

        assertThat(html)
                .contains("<section id=\"slices\">")
                .contains("<th>recall</th><th>accuracy</th>")
                .contains("<code>channel=&lt;atm&gt;</code></td><td class=\"num\">135</td><td>judged</td>")
                .contains("<span class=\"fail\">BREACH</span> slice channel=&lt;atm&gt;: recall = 0.2500 (required"
                        + " &gt;= 0.6)")
                .contains("slice channel=web has only 12 rows, fewer than &lt;minSliceSize&gt;")
                .contains("slice channel=pos has no rows in the evaluated data")
                .doesNotContain("channel=<atm>");
    }

    @Test
    void summaryAndJunitCountTheSliceRules() {
        ValidationReport report = withSlices(slices());

        assertThat(SummaryMarkdown.render(report))
                .contains("| slice | rows | status | recall | accuracy |")
                .contains("| `channel=<atm>` | 135 | judged | 0.2500 | 0.6500 |")
                .contains("- ❌ slice `channel=<atm>`: recall = 0.2500 (required >= 0.6)")
                .contains("- ⚠️ slice `channel=web` has only 12 rows, fewer than `<minSliceSize>`")
                .contains("allow it with `<allowMissingSlices>`");
        assertThat(JunitXmlReport.render(report))
                .contains("tests=\"4\" failures=\"2\" errors=\"0\" skipped=\"1\"")
                .contains("name=\"slice channel=web recall &gt;= 0.6\" time=\"0\"><skipped message=")
                .contains("type=\"SliceMissing\"");
    }

    @Test
    void withoutSlicesNothingMentionsThem() {
        ValidationReport report = ReportFixtures.creditReport(List.of(ReportFixtures.accuracyMet()));

        assertThat(HtmlReport.render(report, null, null, null)).doesNotContain("id=\"slices\"");
        assertThat(SummaryMarkdown.render(report)).doesNotContain("slice");
        assertThat(JunitXmlReport.render(report)).doesNotContain("slice");
    }
}
