package io.github.mlmaven.evaluation;

import java.util.List;

/** The gate's decision: each threshold's outcome, and whether all passed. */
public record Verdict(List<ThresholdResult> results, boolean passed) {

    /** One threshold against the measured value; {@code actual} is null when the metric was undefined. */
    public record ThresholdResult(String metric, String comparator, double bound, Double actual, boolean passed) {}

    public List<ThresholdResult> breaches() {
        return results.stream().filter(r -> !r.passed()).toList();
    }

    public boolean gateConfigured() {
        return !results.isEmpty();
    }
}
