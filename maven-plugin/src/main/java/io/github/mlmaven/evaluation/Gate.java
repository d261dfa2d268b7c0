package io.github.mlmaven.evaluation;

import java.util.ArrayList;
import java.util.List;

/** Compares metrics with thresholds. An undefined metric breaches any threshold on it. */
public final class Gate {
    private Gate() {}

    public static Verdict judge(Metrics metrics, List<Threshold> thresholds) {
        List<Verdict.ThresholdResult> results = new ArrayList<>();
        for (Threshold t : thresholds) {
            Double actual = metrics.value(t.metric());
            boolean passed = actual != null && t.admits(actual);
            results.add(new Verdict.ThresholdResult(t.metric().id(), t.comparator(), t.bound(), actual, passed));
        }
        return new Verdict(results, results.stream().allMatch(Verdict.ThresholdResult::passed));
    }
}
