package io.github.mlmaven.monitoring.drift;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One attribute of a {@link DataProfile}.
 *
 * @param kind {@code numeric}, {@code date} (values in epoch milliseconds), {@code nominal} or {@code string}
 * @param missing how many training rows had no value
 * @param quantiles of the non-missing values (numeric and date only; {@code null} when all are missing)
 * @param distinct how many distinct non-missing values the training data had
 * @param sampled numeric and date: {@code values}/{@code counts} hold a seeded sample of the rows instead of every
 *     value, because the attribute had more distinct values than the profile keeps
 * @param categories nominal and string: the labels, with their row counts in {@code counts}
 * @param values numeric and date: the distinct values in ascending order, with their row counts in {@code counts}
 */
public record AttributeProfile(
        String name,
        String kind,
        long missing,
        @Nullable Quantiles quantiles,
        long distinct,
        boolean sampled,
        List<String> categories,
        List<Double> values,
        List<Long> counts) {

    public AttributeProfile {
        categories = List.copyOf(categories);
        values = List.copyOf(values);
        counts = List.copyOf(counts);
    }

    /** The quantiles and moments of a numeric attribute's non-missing training values (all rows, never a sample). */
    public record Quantiles(double min, double q25, double median, double q75, double max, double mean, double std) {}
}
