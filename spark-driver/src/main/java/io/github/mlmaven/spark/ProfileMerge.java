package io.github.mlmaven.spark;

import io.github.mlmaven.monitoring.drift.AttributeProfile;
import io.github.mlmaven.monitoring.drift.DataProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The training data's profile from the partitions' profiles, so that drift monitoring sees the whole training set.
 *
 * <p>Exact (equal to {@link DataProfile#of} on all the rows, to the bit) while every partition kept all its values:
 * nominal counts are summed; numeric and date values are merged with their counts, the quantiles, mean and standard
 * deviation recomputed from them in the same order of summation, and above {@link DataProfile#MAX_VALUES} distinct
 * values the same seeded sample drawn from the merged rows; string counts are merged. Once a partition had more than
 * {@link DataProfile#MAX_VALUES} distinct values of a numeric attribute (it kept a sample), the merge is an
 * approximation: minimum, maximum and count stay exact, the mean and standard deviation are pooled from the parts'
 * moments (equal up to rounding), the quartiles and the kept values come from the parts' samples weighted by the rows
 * each stands for (the values at evenly spaced ranks of that weighted distribution), and {@code distinct} is a lower
 * bound (the largest part's). A string attribute a partition only counted stays counted only.
 */
final class ProfileMerge {
    /** The profile's own sample seed, so that the merged rows are sampled as DataProfile samples them. */
    static final long SAMPLE_SEED = 20_261_207L;

    private ProfileMerge() {}

    static DataProfile merge(List<DataProfile> parts) {
        long rows = parts.stream().mapToLong(DataProfile::rows).sum();
        List<AttributeProfile> attributes = new ArrayList<>();
        for (int a = 0; a < parts.get(0).attributes().size(); a++) {
            int index = a;
            List<AttributeProfile> column =
                    parts.stream().map(p -> p.attributes().get(index)).toList();
            long[] nonMissing = new long[parts.size()];
            for (int p = 0; p < parts.size(); p++) {
                nonMissing[p] = parts.get(p).rows() - column.get(p).missing();
            }
            AttributeProfile first = column.get(0);
            attributes.add(
                    switch (first.kind()) {
                        case "numeric", "date" -> numeric(column, nonMissing);
                        case "nominal" -> nominal(column);
                        default -> string(column);
                    });
        }
        return new DataProfile(DataProfile.SCHEMA_VERSION, rows, parts.get(0).classAttribute(), attributes);
    }

    private static long missing(List<AttributeProfile> column) {
        return column.stream().mapToLong(AttributeProfile::missing).sum();
    }

    private static AttributeProfile nominal(List<AttributeProfile> column) {
        AttributeProfile first = column.get(0);
        long[] counts = new long[first.categories().size()];
        for (AttributeProfile part : column) {
            for (int v = 0; v < counts.length; v++) {
                counts[v] += part.counts().get(v);
            }
        }
        long distinct = Arrays.stream(counts).filter(c -> c > 0).count();
        return new AttributeProfile(
                first.name(),
                first.kind(),
                missing(column),
                null,
                distinct,
                false,
                first.categories(),
                List.of(),
                Arrays.stream(counts).boxed().toList());
    }

    private static AttributeProfile string(List<AttributeProfile> column) {
        AttributeProfile first = column.get(0);
        TreeMap<String, Long> merged = new TreeMap<>();
        boolean partSampled = false;
        long largest = 0;
        for (AttributeProfile part : column) {
            partSampled |= part.sampled();
            largest = Math.max(largest, part.distinct());
            for (int i = 0; i < part.categories().size(); i++) {
                merged.merge(part.categories().get(i), part.counts().get(i), Long::sum);
            }
        }
        long distinct = partSampled ? Math.max(largest, merged.size()) : merged.size();
        boolean sampled = partSampled || distinct > DataProfile.MAX_VALUES;
        return new AttributeProfile(
                first.name(),
                first.kind(),
                missing(column),
                null,
                distinct,
                sampled,
                sampled ? List.of() : new ArrayList<>(merged.keySet()),
                List.of(),
                sampled ? List.of() : new ArrayList<>(merged.values()));
    }

    private static AttributeProfile numeric(List<AttributeProfile> column, long[] nonMissing) {
        AttributeProfile first = column.get(0);
        boolean partSampled = column.stream().anyMatch(AttributeProfile::sampled);
        // weight of each held value: the rows it stands for (1 unless its part kept a sample)
        TreeMap<Double, Double> weights = new TreeMap<>();
        TreeMap<Double, Long> counts = new TreeMap<>();
        long largest = 0;
        for (int p = 0; p < column.size(); p++) {
            AttributeProfile part = column.get(p);
            largest = Math.max(largest, part.distinct());
            double scale = part.sampled() ? (double) nonMissing[p] / part.heldRows() : 1.0;
            for (int i = 0; i < part.values().size(); i++) {
                counts.merge(part.values().get(i), part.counts().get(i), Long::sum);
                weights.merge(part.values().get(i), part.counts().get(i) * scale, Double::sum);
            }
        }
        long n = Arrays.stream(nonMissing).sum();
        if (partSampled) {
            return approximate(first, column, nonMissing, weights, Math.max(largest, counts.size()));
        }
        Ranks ranks = new Ranks(counts);
        boolean sampled = counts.size() > DataProfile.MAX_VALUES;
        List<Double> values = new ArrayList<>(counts.keySet());
        List<Long> valueCounts = new ArrayList<>(counts.values());
        if (sampled) {
            TreeMap<Double, Long> sample = ranks.sample();
            values = new ArrayList<>(sample.keySet());
            valueCounts = new ArrayList<>(sample.values());
        }
        return new AttributeProfile(
                first.name(),
                first.kind(),
                missing(column),
                n == 0 ? null : ranks.quantiles(),
                counts.size(),
                sampled,
                List.of(),
                values,
                valueCounts);
    }

    /** Every non-missing value of an attribute by rank, as the sorted array DataProfile works on. */
    private static final class Ranks {
        final double[] values;
        /** cumulative counts: the values of rank {@code [ends[i-1], ends[i])} are {@code values[i]} */
        final long[] ends;

        final long n;

        Ranks(TreeMap<Double, Long> counts) {
            values = new double[counts.size()];
            ends = new long[counts.size()];
            long end = 0;
            int i = 0;
            for (Map.Entry<Double, Long> e : counts.entrySet()) {
                values[i] = e.getKey();
                end += e.getValue();
                ends[i++] = end;
            }
            n = end;
        }

        double at(long rank) {
            int i = Arrays.binarySearch(ends, rank + 1);
            return values[i >= 0 ? i : -i - 1];
        }

        AttributeProfile.Quantiles quantiles() {
            // summed value by value in ascending order, as DataProfile sums its sorted array
            double sum = 0;
            for (int i = 0; i < values.length; i++) {
                for (long c = ends[i] - (i == 0 ? 0 : ends[i - 1]); c > 0; c--) {
                    sum += values[i];
                }
            }
            double mean = sum / n;
            double squares = 0;
            for (int i = 0; i < values.length; i++) {
                double d = (values[i] - mean) * (values[i] - mean);
                for (long c = ends[i] - (i == 0 ? 0 : ends[i - 1]); c > 0; c--) {
                    squares += d;
                }
            }
            return new AttributeProfile.Quantiles(
                    at(0), quantile(0.25), quantile(0.5), quantile(0.75), at(n - 1), mean, Math.sqrt(squares / n));
        }

        private double quantile(double q) {
            double position = q * (n - 1);
            long below = (long) Math.floor(position);
            long above = Math.min(below + 1, n - 1);
            return at(below) + (position - below) * (at(above) - at(below));
        }

        /** DataProfile's sample: a partial Fisher-Yates shuffle of the sorted rows, the swaps kept in a map. */
        TreeMap<Double, Long> sample() {
            Map<Long, Double> swapped = new HashMap<>();
            Random random = new Random(SAMPLE_SEED);
            double[] drawn = new double[DataProfile.MAX_VALUES];
            for (int i = 0; i < DataProfile.MAX_VALUES; i++) {
                long j = (long) i + random.nextInt((int) Math.min(Integer.MAX_VALUE, n - i));
                double atI = swapped.getOrDefault((long) i, at(i));
                double atJ = swapped.getOrDefault(j, at(j));
                swapped.put((long) i, atJ);
                swapped.put(j, atI);
                drawn[i] = atJ;
            }
            TreeMap<Double, Long> sample = new TreeMap<>();
            for (double v : drawn) {
                sample.merge(v, 1L, Long::sum);
            }
            return sample;
        }
    }

    private static AttributeProfile approximate(
            AttributeProfile first,
            List<AttributeProfile> column,
            long[] nonMissing,
            TreeMap<Double, Double> weights,
            long distinct) {
        long n = Arrays.stream(nonMissing).sum();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        double squares = 0;
        for (int p = 0; p < column.size(); p++) {
            AttributeProfile.Quantiles q = column.get(p).quantiles();
            if (q != null) {
                min = Math.min(min, q.min());
                max = Math.max(max, q.max());
                sum += nonMissing[p] * q.mean();
                squares += nonMissing[p] * (q.std() * q.std() + q.mean() * q.mean());
            }
        }
        double mean = sum / n;
        double std = Math.sqrt(Math.max(0, squares / n - mean * mean));
        double[] values =
                weights.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        double[] cumulative = new double[values.length];
        double total = 0;
        int i = 0;
        for (double w : weights.values()) {
            total += w;
            cumulative[i++] = total;
        }
        TreeMap<Double, Long> sample = new TreeMap<>();
        for (int k = 0; k < DataProfile.MAX_VALUES; k++) {
            sample.merge(valueAt(values, cumulative, (k + 0.5) / DataProfile.MAX_VALUES * total), 1L, Long::sum);
        }
        AttributeProfile.Quantiles quantiles = new AttributeProfile.Quantiles(
                min,
                valueAt(values, cumulative, 0.25 * total),
                valueAt(values, cumulative, 0.5 * total),
                valueAt(values, cumulative, 0.75 * total),
                max,
                mean,
                std);
        return new AttributeProfile(
                first.name(),
                first.kind(),
                missing(column),
                n == 0 ? null : quantiles,
                distinct,
                true,
                List.of(),
                new ArrayList<>(sample.keySet()),
                new ArrayList<>(sample.values()));
    }

    /** The first value whose cumulative weight reaches {@code target}. */
    private static double valueAt(double[] values, double[] cumulative, double target) {
        int i = Arrays.binarySearch(cumulative, target);
        int at = i >= 0 ? i : -i - 1;
        return values[Math.min(at, values.length - 1)];
    }
}
