package io.github.mlmaven.monitoring.drift;

import org.jspecify.annotations.Nullable;

/**
 * The drift of one attribute between the training data (reference) and the current rows.
 *
 * @param kind {@code numeric}, {@code date} (compared as epoch milliseconds), {@code nominal} or {@code string}
 * @param test the statistical test, one of {@link DriftTest}'s names ({@code ks}, {@code chisquare}, {@code z},
 *     {@code wasserstein}, {@code jensenshannon}, {@code psi}), or {@code none} when the column could not be tested
 *     (no non-missing value on one side); {@code none} never drifts
 * @param score the p-value for {@code ks}, {@code chisquare} and {@code z} (drift when below the threshold), the
 *     distance for the others (drift when at least the threshold); {@code NaN} for {@code none}
 * @param unseenShare nominal and string only: the share of the current non-missing values never seen in the training
 *     data; {@code null} for numeric and date attributes
 * @param reference the reference distribution as the chart shows it ({@code null} when {@code test} is {@code none})
 * @param current the current distribution in the same bins
 */
public record ColumnDrift(
        String attribute,
        String kind,
        String test,
        double score,
        double threshold,
        boolean drifted,
        double referenceMissingShare,
        double currentMissingShare,
        @Nullable Double unseenShare,
        @Nullable Histogram reference,
        @Nullable Histogram current) {}
