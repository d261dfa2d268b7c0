package io.github.mlmaven.monitoring.drift;

import io.github.mlmaven.common.InvalidConfigurationException;
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

    /**
     * @throws InvalidConfigurationException naming the {@code <drift>} element of a share outside (0, 1], an unknown
     *     test, or a threshold that is negative or not a number
     */
    public DriftSettings {
        testPerAttribute = Map.copyOf(testPerAttribute);
        thresholdPerAttribute = Map.copyOf(thresholdPerAttribute);
        if (!(driftShare > 0 && driftShare <= 1)) {
            throw new InvalidConfigurationException(
                    "drift/share",
                    "<drift><share> is " + driftShare + "; give the share of drifted columns that makes the data set"
                            + " drift, more than 0 and at most 1 (Evidently's default is 0.5)");
        }
        testPerAttribute.forEach((attribute, test) -> checkTest("drift/tests/" + attribute, test));
        if (defaultTest != null) {
            checkTest("drift/test", defaultTest);
        }
        thresholdPerAttribute.forEach(
                (attribute, threshold) -> checkThreshold("drift/thresholds/" + attribute, threshold));
        if (defaultThreshold != null) {
            checkThreshold("drift/threshold", defaultThreshold);
        }
    }

    private static void checkTest(String parameter, String test) {
        try {
            DriftTest.of(test);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(
                    parameter, "<" + parameter.replace("/", "><") + ">: " + e.getMessage());
        }
    }

    private static void checkThreshold(String parameter, Double threshold) {
        if (threshold == null || !(threshold >= 0) || threshold.isInfinite()) {
            throw new InvalidConfigurationException(
                    parameter,
                    "<" + parameter.replace("/", "><") + "> is " + threshold
                            + "; give a p-value (0.05 is the default for ks, chisquare and z) or a distance (0.1 for"
                            + " wasserstein, jensenshannon and psi)");
        }
    }

    /** Evidently's defaults: share 0.5, its default test per column and its default thresholds. */
    public static DriftSettings defaults() {
        return new DriftSettings(DEFAULT_DRIFT_SHARE, Map.of(), Map.of(), null, null);
    }
}
