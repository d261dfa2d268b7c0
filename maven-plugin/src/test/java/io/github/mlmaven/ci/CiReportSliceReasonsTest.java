package io.github.mlmaven.ci;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.evaluation.slice.SliceReport;
import io.github.mlmaven.report.ValidationReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A gate failed by a slice rule alone is explained by that rule, in the annotation and the step's summary. */
class CiReportSliceReasonsTest {

    @Test
    void aFailedSliceRuleIsAReason() {
        SliceReport slices = new SliceReport(
                50,
                false,
                List.of(new SliceReport.SliceResult(
                        "channel=atm", "channel", 135, SliceReport.JUDGED, Map.of("recall", 0.25))),
                List.of(
                        new SliceReport.RuleResult("channel=atm", "recall", ">=", 0.6, 0.25, 135, "breach", false),
                        new SliceReport.RuleResult("channel=atm", "recall", ">=", 0.2, 0.25, 135, "pass", true)),
                false);
        ValidationReport report = new ValidationReport(
                ValidationReport.CURRENT_SCHEMA_VERSION,
                "credit",
                "abc",
                "weka.classifiers.trees.J48",
                "2024-03-01T12:00:00Z",
                new ValidationReport.EvaluationInfo("test", 200, null, null, 1, List.of()),
                "class",
                "nominal",
                "fraud",
                Map.of("recall", 0.9),
                Map.of(),
                null,
                List.of(),
                true,
                false,
                null,
                null,
                slices);

        assertThat(CiReport.reasons(report)).containsExactly("slice channel=atm: recall = 0.2500 (required >= 0.6)");
    }
}
