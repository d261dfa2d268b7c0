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
        categories = categories == null ? List.of() : List.copyOf(categories);
        values = values == null ? List.of() : List.copyOf(values);
        counts = counts == null ? List.of() : List.copyOf(counts);
    }

    /** The non-missing rows the profile holds values for (the sample's size when {@code sampled}). */
    public long heldRows() {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }

    boolean numeric() {
        return kind.equals("numeric") || kind.equals("date");
    }

    /** Checks a profile read from a file: the lists line up and the counts are counts. */
    void check(String where) {
        List<?> keys = numeric() ? values : categories;
        boolean known = List.of("numeric", "date", "nominal", "string").contains(kind);
        boolean ordered = true;
        for (int i = 1; numeric() && i < values.size(); i++) {
            ordered &= values.get(i - 1) < values.get(i);
        }
        if (name == null
                || !known
                || keys.size() != counts.size()
                || !ordered
                || counts.stream().anyMatch(c -> c < 0)) {
            throw new io.github.mlmaven.common.InvalidInputException(where + ": the profile of attribute '" + name
                    + "' is damaged (kind '" + kind + "', " + keys.size() + " values for " + counts.size()
                    + " counts); run ml:train again to write it anew");
        }
    }

    /** The quantiles and moments of a numeric attribute's non-missing training values (all rows, never a sample). */
    public record Quantiles(double min, double q25, double median, double q75, double max, double mean, double std) {}
}
