package io.github.mlmaven.workflow;

import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.evaluation.slice.SliceReport;
import io.github.mlmaven.report.SliceSection;
import java.util.Locale;

/** ml:validate's console lines on the slices: how many, which are too small, and each slice rule's outcome. */
final class SliceLog {
    private SliceLog() {}

    static void log(MlLog log, SliceReport slices) {
        long judged = slices.slices().stream()
                .filter(s -> SliceReport.JUDGED.equals(s.status()))
                .count();
        long small = slices.slices().stream()
                .filter(s -> SliceReport.TOO_SMALL.equals(s.status()))
                .count();
        long missing = slices.slices().stream()
                .filter(s -> SliceReport.MISSING.equals(s.status()))
                .count();
        log.info(String.format(
                Locale.ROOT,
                "Slices: %d judged, %d with fewer than %d rows (not judged)%s; every metric per slice is in"
                        + " validation.json",
                judged,
                small,
                slices.minSliceSize(),
                missing == 0 ? "" : ", " + missing + " named by a rule but absent from the data"));
        for (SliceReport.RuleResult r : slices.rules()) {
            String mark = !r.passed() ? "BREACH  " : "pass".equals(r.status()) ? "pass    " : "skipped ";
            log.info("  " + mark + SliceSection.describe(r));
        }
    }

    /** "Gate passed: all 2 thresholds met, 3 slice rules met, 1 not judged (too small, or missing and allowed)". */
    static String gatePassed(int thresholds, SliceReport slices) {
        long met =
                slices.rules().stream().filter(r -> "pass".equals(r.status())).count();
        long notJudged = slices.rules().size() - met;
        return "Gate passed: " + (thresholds == 0 ? "" : "all " + thresholds + " thresholds met, ") + met
                + " slice rules met"
                + (notJudged == 0 ? "" : ", " + notJudged + " not judged (too small, or missing" + " and allowed)");
    }

    /** A failed slice rule, as the build's failure message names it. */
    static String describeBreach(SliceReport.RuleResult r) {
        return SliceSection.describe(r);
    }
}
