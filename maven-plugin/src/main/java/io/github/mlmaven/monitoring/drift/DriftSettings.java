package io.github.mlmaven.monitoring.drift;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How {@link DriftAnalysis} judges: the share of drifted columns that makes the data set drift, and per attribute the
 * test and its threshold. A test or threshold not given falls back to {@code defaultTest} / {@code defaultThreshold},
 * and when those are {@code null}, to Evidently's default selection and thresholds (0.05 for p-values, 0.1 for
 * distances).
 *
 * @param testPerAttribute attribute name to test name ({@code ks}, {@code chisquare}, {@code z}, {@code wasserstein},
 *     {@code jensenshannon}, {@code psi})
 */
public record DriftSettings(
        double driftShare,
        Map<String, String> testPerAttribute,
        Map<String, Double> thresholdPerAttribute,
        @Nullable String defaultTest,
        @Nullable Double defaultThreshold) {

    /** Evidently's data-drift share: the data set drifts when at least half of its columns drift. */
    public static final double DEFAULT_DRIFT_SHARE = 0.5;

    public DriftSettings {
        testPerAttribute = Map.copyOf(testPerAttribute);
        thresholdPerAttribute = Map.copyOf(thresholdPerAttribute);
    }

    /** Evidently's defaults: share 0.5, its default test per column and its default thresholds. */
    public static DriftSettings defaults() {
        return new DriftSettings(DEFAULT_DRIFT_SHARE, Map.of(), Map.of(), null, null);
    }
}
