package io.github.mlmaven.report;

import io.github.mlmaven.evaluation.ChampionGate;
import io.github.mlmaven.evaluation.McNemar;
import io.github.mlmaven.evaluation.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Champion sections built by hand, added to {@link ReportFixtures#creditReport}: production 1.3.0 has recall 0.484375
 * (31/64) against the candidate's 0.421875 (27/64), precision 0.6458 against the candidate's undefined one; on the
 * paired rows b = 3, c = 9 (p = 598/4096).
 */
final class ChampionReportFixtures {
    private ChampionReportFixtures() {}

    static final String VERSION = "1.3.0";
    static final McNemar PAIRED = McNemar.of(3, 9);

    static Map<String, Double> productionMetrics() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", 0.75);
        metrics.put("precision", 0.6458333333);
        metrics.put("recall", 0.484375);
        metrics.put("f1", 0.554);
        metrics.put("rocAuc", 0.757);
        metrics.put("prAuc", 0.644);
        metrics.put("mcc", 0.393);
        metrics.put("kappa", 0.3848);
        return metrics;
    }

    /** Candidate minus production, null where either is undefined. */
    static Map<String, Double> deltas(ValidationReport candidate) {
        Map<String, Double> production = productionMetrics();
        Map<String, Double> deltas = new LinkedHashMap<>();
        candidate.metrics().forEach((metric, ours) -> {
            Double theirs = production.get(metric);
            deltas.put(metric, ours == null || theirs == null ? null : ours - theirs);
        });
        return deltas;
    }

    /** recall fell by 0.0625, more than the 0.02 allowed. */
    static ChampionGate.RuleResult recallDropBreach() {
        return new ChampionGate.RuleResult("maxDrop", "recall", 0.02, 0.0625, false);
    }

    /** recall fell by 0.0625, less than the 0.1 allowed. */
    static ChampionGate.RuleResult recallDropAllowed() {
        return new ChampionGate.RuleResult("maxDrop", "recall", 0.1, 0.0625, true);
    }

    /** precision is undefined for the candidate and defined for production. */
    static ChampionGate.RuleResult precisionUndefinedBreach() {
        return new ChampionGate.RuleResult("maxDrop", "precision", 0.05, null, false);
    }

    /** p = 0.146 is not below 0.05. */
    static ChampionGate.RuleResult notSignificant() {
        return new ChampionGate.RuleResult("significance", "mcnemar", 0.05, PAIRED.pValue(), true);
    }

    /** The candidate compared with production under these rules. */
    static ValidationReport compared(List<Verdict.ThresholdResult> thresholds, ChampionGate.RuleResult... rules) {
        ValidationReport candidate = ReportFixtures.creditReport(thresholds);
        boolean championPassed = List.of(rules).stream().allMatch(ChampionGate.RuleResult::passed);
        return withChampion(
                candidate,
                new ValidationReport.ChampionSection(
                        "compared",
                        VERSION,
                        productionMetrics(),
                        deltas(candidate),
                        PAIRED,
                        List.of(rules),
                        championPassed,
                        null),
                candidate.passed() && championPassed,
                candidate.gateConfigured() || rules.length > 0);
    }

    /** No production version yet. */
    static ValidationReport noProductionYet(List<Verdict.ThresholdResult> thresholds) {
        ValidationReport candidate = ReportFixtures.creditReport(thresholds);
        return withChampion(
                candidate,
                new ValidationReport.ChampionSection(
                        "none", null, null, null, null, List.of(), true, "no production version yet"),
                candidate.passed(),
                candidate.gateConfigured());
    }

    /** Production could not read the data. */
    static ValidationReport notComparable(String note) {
        ValidationReport candidate = ReportFixtures.creditReport(List.of());
        return withChampion(
                candidate,
                new ValidationReport.ChampionSection("notComparable", VERSION, null, null, null, List.of(), true, note),
                true,
                false);
    }

    static ValidationReport withChampion(
            ValidationReport r, ValidationReport.ChampionSection champion, boolean passed, boolean gateConfigured) {
        return ReportFixtures.withGate(r, gateConfigured, passed, champion, null);
    }

    /** A compared section with a note, as cross-validation writes it. */
    static ValidationReport comparedWithNote(String note) {
        ValidationReport base = compared(List.of(), recallDropAllowed());
        ValidationReport.ChampionSection c = base.champion();
        return withChampion(
                base,
                new ValidationReport.ChampionSection(
                        c.status(), c.version(), c.metrics(), c.deltas(), null, c.rules(), c.passed(), note),
                base.passed(),
                base.gateConfigured());
    }
}
