package io.github.mlmaven.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import weka.classifiers.evaluation.Prediction;

/** Compares a candidate with the production model (the champion) evaluated on exactly the same rows. */
public final class ChampionGate {
    private ChampionGate() {}

    /**
     * One champion rule's outcome.
     *
     * @param rule {@code maxDrop} or {@code significance}
     * @param metric the metric of a maxDrop rule; {@code mcnemar} for the significance rule
     * @param bound the allowance, or the significance level
     * @param actual the drop (champion minus candidate; for rmse and mae candidate minus champion), or the p-value;
     *     null when undefined
     */
    public record RuleResult(String rule, String metric, double bound, Double actual, boolean passed) {}

    /**
     * The comparison written to validation.json.
     *
     * @param deltas candidate minus champion, per metric (null where either is undefined)
     * @param mcnemar paired-prediction test; null for a numeric class or when the rows cannot be paired
     */
    public record Result(
            String version,
            Map<String, Double> metrics,
            Map<String, Double> deltas,
            McNemar mcnemar,
            List<RuleResult> rules,
            boolean passed) {}

    public static Result judge(
            String version, Metrics candidate, Metrics champion, McNemar mcnemar, ChampionRules rules) {
        Map<String, Double> deltas = new LinkedHashMap<>();
        for (Map.Entry<String, Double> entry : candidate.values().entrySet()) {
            Double theirs = champion.values().get(entry.getKey());
            deltas.put(entry.getKey(), entry.getValue() == null || theirs == null ? null : entry.getValue() - theirs);
        }
        List<RuleResult> results = new ArrayList<>();
        rules.maxDrop().forEach((metric, allowance) -> {
            Double ours = candidate.value(metric);
            Double theirs = champion.value(metric);
            Double drop =
                    ours == null || theirs == null ? null : metric.higherIsBetter() ? theirs - ours : ours - theirs;
            // an undefined candidate metric against a defined champion one is a drop no allowance covers
            boolean passed = drop == null ? ours != null || theirs == null : drop <= allowance + 1e-12;
            results.add(new RuleResult("maxDrop", metric.id(), allowance, drop, passed));
        });
        if (rules.significance() != null && mcnemar != null) {
            results.add(new RuleResult(
                    "significance",
                    "mcnemar",
                    rules.significance(),
                    mcnemar.pValue(),
                    !mcnemar.candidateSignificantlyWorse(rules.significance())));
        }
        return new Result(
                version,
                champion.values(),
                deltas,
                mcnemar,
                results,
                results.stream().allMatch(RuleResult::passed));
    }

    /**
     * Counts the discordant pairs of two prediction lists over the same rows in the same order (nominal class): b, rows
     * only the candidate gets right; c, rows only the champion gets right. Rows without an actual class are skipped.
     */
    public static McNemar mcnemar(List<Prediction> candidate, List<Prediction> champion) {
        if (candidate == null || champion == null || candidate.size() != champion.size()) {
            return null;
        }
        long b = 0;
        long c = 0;
        for (int i = 0; i < candidate.size(); i++) {
            Prediction ours = candidate.get(i);
            Prediction theirs = champion.get(i);
            if (Double.isNaN(ours.actual())) {
                continue;
            }
            boolean oursRight = ours.predicted() == ours.actual();
            boolean theirsRight = theirs.predicted() == theirs.actual();
            if (oursRight && !theirsRight) {
                b++;
            } else if (!oursRight && theirsRight) {
                c++;
            }
        }
        return McNemar.of(b, c);
    }
}
