package io.github.mlmaven.monitoring.drift;

import java.util.Locale;

/** The drift tests, named as Evidently names them, with Evidently's default thresholds. */
public enum DriftTest {
    /** Two-sample Kolmogorov-Smirnov: p-value, drift when below 0.05. Numeric columns. */
    KS(true, 0.05),
    /** Pearson's chi-squared on the category counts: p-value, drift when below 0.05. */
    CHISQUARE(true, 0.05),
    /** Two-proportion z-test on a column with two categories: p-value, drift when below 0.05. */
    Z(true, 0.05),
    /** Wasserstein distance divided by the reference standard deviation: drift when at least 0.1. */
    WASSERSTEIN(false, 0.1),
    /** Jensen-Shannon distance (base e) of the binned or category shares: drift when at least 0.1. */
    JENSENSHANNON(false, 0.1),
    /** Population stability index of the binned or category shares: drift when at least 0.1. */
    PSI(false, 0.1);

    private final boolean pValue;
    private final double defaultThreshold;

    DriftTest(boolean pValue, double defaultThreshold) {
        this.pValue = pValue;
        this.defaultThreshold = defaultThreshold;
    }

    /** The name in settings and reports: {@code ks}, {@code chisquare}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for a p-value (drift when the score is below the threshold), false for a distance. */
    public boolean pValue() {
        return pValue;
    }

    public double defaultThreshold() {
        return defaultThreshold;
    }

    /** The test named {@code id}, or an IllegalArgumentException listing the names. */
    public static DriftTest of(String id) {
        for (DriftTest test : values()) {
            if (test.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
                return test;
            }
        }
        throw new IllegalArgumentException(
                "unknown drift test '" + id + "'; use one of ks, chisquare, z, wasserstein, jensenshannon, psi");
    }
}
