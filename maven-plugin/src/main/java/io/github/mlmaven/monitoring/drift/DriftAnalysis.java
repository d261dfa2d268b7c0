package io.github.mlmaven.monitoring.drift;

import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.monitoring.drift.EvidentlyStats.Numeric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import weka.core.Attribute;
import weka.core.Instances;

/**
 * Compares current rows with the training data's {@link DataProfile}, with Evidently's definitions (its data-drift
 * preset with default options, version 0.7): missing values are dropped before a test; the test is chosen per
 * column from the reference's non-missing rows and the distinct values of both sides; the data set drifts when at
 * least the drift share of the tested columns drift. docs/drift.md lists the rules.
 */
public final class DriftAnalysis {
    /** Evidently picks the exact tests (KS, chi-squared, z) up to this many reference rows, distances above. */
    static final long SMALL_REFERENCE_ROWS = 1_000;
    /** A numeric column with at most this many distinct values is tested as categories (chi-squared, z, JS). */
    static final int FEW_VALUES = 5;
    /** A numeric column with more reference distinct values than this is binned (Sturges) for JS and PSI. */
    static final int BIN_ABOVE_DISTINCT = 20;

    private DriftAnalysis() {}

    /**
     * Every attribute of the profile except the class one, matched in {@code current} by name (nominal values by
     * label, not index), tested as {@code settings} says.
     *
     * @throws InvalidInputException when an attribute of the profile is missing from {@code current} or changed kind
     */
    public static DriftReport compare(DataProfile reference, Instances current, DriftSettings settings) {
        List<ColumnDrift> columns = new ArrayList<>();
        for (AttributeProfile profile : reference.attributes()) {
            if (profile.name().equals(reference.classAttribute())) {
                continue;
            }
            Attribute attribute = current.attribute(profile.name());
            if (attribute == null) {
                throw new InvalidInputException("the current rows have no attribute '" + profile.name()
                        + "', which the model was trained with; the schema changed since training: restore the"
                        + " attribute or train the model again");
            }
            columns.add(compare(profile, reference.rows(), attribute, current, settings));
        }
        int tested = 0;
        int drifted = 0;
        for (ColumnDrift column : columns) {
            if (!column.test().equals(NONE)) {
                tested++;
                drifted += column.drifted() ? 1 : 0;
            }
        }
        boolean datasetDrift = tested > 0 && (double) drifted / tested >= settings.driftShare();
        return new DriftReport(
                datasetDrift,
                settings.driftShare(),
                drifted,
                tested,
                reference.rows(),
                current.numInstances(),
                columns);
    }

    /**
     * The predicted class distribution of the current rows against the training labels' distribution: a categorical
     * column as Evidently tests one (chi-squared or z up to 1,000 training rows, Jensen-Shannon above). The class
     * attribute's name selects a test or threshold override in {@code settings}.
     *
     * @throws IllegalArgumentException when the profile has no nominal class attribute
     */
    public static ColumnDrift predictionDrift(
            DataProfile reference, Map<String, Long> predictedClassCounts, DriftSettings settings) {
        String className = reference.classAttribute();
        AttributeProfile profile = className == null ? null : reference.attribute(className);
        if (profile == null || profile.numeric()) {
            throw new IllegalArgumentException(
                    "the profile has no nominal class attribute to compare predictions with");
        }
        long total = 0;
        for (long c : predictedClassCounts.values()) {
            total += c;
        }
        return categorical(profile, reference.rows(), new TreeMap<>(predictedClassCounts), total, 0, settings);
    }

    static final String NONE = "none";

    private static ColumnDrift compare(
            AttributeProfile profile, long referenceRows, Attribute attribute, Instances current, DriftSettings s) {
        int index = attribute.index();
        int n = current.numInstances();
        if (profile.numeric()) {
            if (!(attribute.isNumeric() || attribute.isDate())) {
                throw kindChanged(profile, attribute);
            }
            double[] values = new double[n];
            int kept = 0;
            for (int r = 0; r < n; r++) {
                double v = current.instance(r).value(index);
                if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                    values[kept++] = v;
                }
            }
            values = Arrays.copyOf(values, kept);
            Arrays.sort(values);
            return numeric(profile, referenceRows, distribution(values), n - kept, n, s);
        }
        if (attribute.isNumeric() || attribute.isDate()) {
            throw kindChanged(profile, attribute);
        }
        Map<String, Long> counts = new TreeMap<>();
        long missing = 0;
        for (int r = 0; r < n; r++) {
            if (current.instance(r).isMissing(index)) {
                missing++;
            } else {
                counts.merge(current.instance(r).stringValue(index), 1L, Long::sum);
            }
        }
        return categorical(profile, referenceRows, counts, n, missing, s);
    }

    private static InvalidInputException kindChanged(AttributeProfile profile, Attribute attribute) {
        return new InvalidInputException("attribute '" + profile.name() + "' was " + profile.kind()
                + " in the training data and is " + Attribute.typeToString(attribute)
                + " in the current rows; the schema changed since training: restore its type or train the model again");
    }

    private static Numeric distribution(double[] sorted) {
        double[] distinct = new double[sorted.length];
        long[] counts = new long[sorted.length];
        int k = 0;
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            distinct[k] = sorted[i];
            counts[k++] = j - i;
            i = j;
        }
        return new Numeric(Arrays.copyOf(distinct, k), Arrays.copyOf(counts, k));
    }

    private static ColumnDrift numeric(
            AttributeProfile profile, long referenceRows, Numeric cur, long curMissing, long curRows, DriftSettings s) {
        double refMissingShare = share(profile.missing(), referenceRows);
        double curMissingShare = share(curMissing, curRows);
        double[] refValues = new double[profile.values().size()];
        long[] refCounts = new long[refValues.length];
        for (int i = 0; i < refValues.length; i++) {
            refValues[i] = profile.values().get(i);
            refCounts[i] = profile.counts().get(i);
        }
        Numeric ref = new Numeric(refValues, refCounts);
        if (ref.n() == 0 || cur.n() == 0) {
            // Evidently stops with "an empty column was provided"; here the column is reported untested
            return untested(profile, refMissingShare, curMissingShare, null);
        }
        // the choice counts every non-missing training row, also when the profile holds a sample of them
        long refNonMissing = referenceRows - profile.missing();
        int unique = countUnion(ref.values(), cur.values());
        DriftTest test = chosen(profile, s, defaultNumeric(refNonMissing, unique), true);
        double threshold = threshold(profile, s, test);
        double score;
        Binned binned = binned(ref, cur);
        switch (test) {
            case KS -> score = EvidentlyStats.ksPValue(ref, cur);
            case WASSERSTEIN -> score = EvidentlyStats.wassersteinNorm(ref, cur);
            case CHISQUARE, Z -> {
                Categories c = categories(ref, cur);
                score = categoricalScore(test, c);
            }
            case JENSENSHANNON -> score = EvidentlyStats.jensenShannon(binned.refShares, binned.curShares);
            case PSI ->
                score = EvidentlyStats.psi(
                        EvidentlyStats.fillZeroes(binned.refShares), EvidentlyStats.fillZeroes(binned.curShares));
            default -> throw new IllegalStateException(test.name());
        }
        return new ColumnDrift(
                profile.name(),
                profile.kind(),
                test.id(),
                score,
                threshold,
                drifted(test, score, threshold),
                refMissingShare,
                curMissingShare,
                null,
                new Histogram(binned.labels, boxed(binned.refShares)),
                new Histogram(binned.labels, boxed(binned.curShares)));
    }

    /** Evidently's {@code _get_default_stattest} for a numeric column. */
    private static DriftTest defaultNumeric(long referenceRows, int unique) {
        if (referenceRows <= SMALL_REFERENCE_ROWS) {
            if (unique <= FEW_VALUES) {
                return unique > 2 ? DriftTest.CHISQUARE : DriftTest.Z;
            }
            return DriftTest.KS;
        }
        return unique <= FEW_VALUES ? DriftTest.JENSENSHANNON : DriftTest.WASSERSTEIN;
    }

    /** Evidently's {@code _get_default_stattest} for a categorical column. */
    private static DriftTest defaultCategorical(long referenceRows, int unique) {
        if (referenceRows <= SMALL_REFERENCE_ROWS) {
            return unique > 2 ? DriftTest.CHISQUARE : DriftTest.Z;
        }
        return DriftTest.JENSENSHANNON;
    }

    private static ColumnDrift categorical(
            AttributeProfile profile,
            long referenceRows,
            Map<String, Long> curCounts,
            long curRows,
            long curMissing,
            DriftSettings s) {
        double refMissingShare = share(profile.missing(), referenceRows);
        double curMissingShare = share(curMissing, curRows);
        Map<String, Long> refCounts = new LinkedHashMap<>();
        for (int i = 0; i < profile.categories().size(); i++) {
            if (profile.counts().get(i) > 0) {
                refCounts.merge(profile.categories().get(i), profile.counts().get(i), Long::sum);
            }
        }
        long curN = 0;
        long unseen = 0;
        for (Map.Entry<String, Long> e : curCounts.entrySet()) {
            curN += e.getValue();
            unseen += refCounts.containsKey(e.getKey()) ? 0 : e.getValue();
        }
        Double unseenShare = curN == 0 ? 0.0 : (double) unseen / curN;
        long refN = 0;
        for (long c : refCounts.values()) {
            refN += c;
        }
        if (refN == 0 || curN == 0 || (profile.sampled() && profile.categories().isEmpty())) {
            return untested(profile, refMissingShare, curMissingShare, unseenShare);
        }
        // the categories seen on either side, the reference's first in their declared order
        TreeSet<String> union = new TreeSet<>(refCounts.keySet());
        union.addAll(curCounts.keySet());
        List<String> keys = new ArrayList<>(refCounts.keySet());
        for (String key : curCounts.keySet()) {
            if (!refCounts.containsKey(key)) {
                keys.add(key);
            }
        }
        long[] ref = new long[keys.size()];
        long[] cur = new long[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            ref[i] = refCounts.getOrDefault(keys.get(i), 0L);
            cur[i] = curCounts.getOrDefault(keys.get(i), 0L);
        }
        Categories c = new Categories(keys, ref, refN, cur, curN, union.first());
        long refNonMissing = referenceRows - profile.missing();
        DriftTest test = chosen(profile, s, defaultCategorical(refNonMissing, keys.size()), false);
        double threshold = threshold(profile, s, test);
        double score = categoricalScore(test, c);
        double[] refShares = c.shares(true);
        double[] curShares = c.shares(false);
        return new ColumnDrift(
                profile.name(),
                profile.kind(),
                test.id(),
                score,
                threshold,
                drifted(test, score, threshold),
                refMissingShare,
                curMissingShare,
                unseenShare,
                new Histogram(keys, boxed(refShares)),
                new Histogram(keys, boxed(curShares)));
    }

    /** Category counts over the union of the categories of both sides; {@code first} is the least in sort order. */
    private record Categories(List<String> keys, long[] ref, long refN, long[] cur, long curN, String first) {
        double[] shares(boolean reference) {
            long[] counts = reference ? ref : cur;
            long n = reference ? refN : curN;
            double[] shares = new double[counts.length];
            for (int i = 0; i < counts.length; i++) {
                shares[i] = (double) counts[i] / n;
            }
            return shares;
        }

        long count(boolean reference, String key) {
            int i = keys.indexOf(key);
            return (reference ? ref : cur)[i];
        }

        boolean sameSingleValue() {
            int refNonZero = 0;
            int curNonZero = 0;
            boolean same = true;
            for (int i = 0; i < keys.size(); i++) {
                refNonZero += ref[i] > 0 ? 1 : 0;
                curNonZero += cur[i] > 0 ? 1 : 0;
                same &= (ref[i] > 0) == (cur[i] > 0);
            }
            return refNonZero == 1 && curNonZero == 1 && same;
        }
    }

    private static double categoricalScore(DriftTest test, Categories c) {
        return switch (test) {
            case CHISQUARE -> EvidentlyStats.chiSquarePValue(c.ref(), c.refN(), c.cur(), c.curN());
            case Z ->
                EvidentlyStats.zPValue(
                        c.count(true, c.first()), c.refN(), c.count(false, c.first()), c.curN(), c.sameSingleValue());
            case JENSENSHANNON -> EvidentlyStats.jensenShannon(c.shares(true), c.shares(false));
            case PSI ->
                EvidentlyStats.psi(
                        EvidentlyStats.fillZeroes(c.shares(true)), EvidentlyStats.fillZeroes(c.shares(false)));
            default -> throw new IllegalStateException(test.name());
        };
    }

    /** A numeric column's values as categories (the few-values tests), keyed by the value's text, sorted by value. */
    private static Categories categories(Numeric ref, Numeric cur) {
        double[] union = new double[ref.distinct() + cur.distinct()];
        System.arraycopy(ref.values(), 0, union, 0, ref.distinct());
        System.arraycopy(cur.values(), 0, union, ref.distinct(), cur.distinct());
        double[] keys = Arrays.stream(union).sorted().distinct().toArray();
        long[] r = new long[keys.length];
        long[] c = new long[keys.length];
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            r[i] = ref.countAtMost(keys[i]) - ref.countBelow(keys[i]);
            c[i] = cur.countAtMost(keys[i]) - cur.countBelow(keys[i]);
            labels.add(Double.toString(keys[i]));
        }
        return new Categories(labels, r, ref.n(), c, cur.n(), labels.get(0));
    }

    /** Shares per bin for JS, PSI and the charts: Evidently's {@code get_binned_data} without the zero filling. */
    private record Binned(List<String> labels, double[] refShares, double[] curShares) {}

    private static Binned binned(Numeric ref, Numeric cur) {
        if (ref.distinct() > BIN_ABOVE_DISTINCT) {
            double[] edges = EvidentlyStats.sturgesEdges(ref, cur);
            return new Binned(
                    EvidentlyStats.binLabels(edges),
                    divide(EvidentlyStats.histogram(ref, edges), ref.n()),
                    divide(EvidentlyStats.histogram(cur, edges), cur.n()));
        }
        Categories c = categories(ref, cur);
        return new Binned(c.keys(), c.shares(true), c.shares(false));
    }

    private static double[] divide(long[] counts, long n) {
        double[] shares = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            shares[i] = (double) counts[i] / n;
        }
        return shares;
    }

    private static int countUnion(double[] a, double[] b) {
        int i = 0;
        int j = 0;
        int count = 0;
        while (i < a.length || j < b.length) {
            if (j >= b.length || (i < a.length && a[i] < b[j])) {
                i++;
            } else if (i >= a.length || b[j] < a[i]) {
                j++;
            } else {
                i++;
                j++;
            }
            count++;
        }
        return count;
    }

    /** The test the settings name for this attribute, else their default test where it fits, else Evidently's. */
    private static DriftTest chosen(AttributeProfile profile, DriftSettings s, DriftTest evidently, boolean numeric) {
        String named = s.testPerAttribute().get(profile.name());
        if (named != null) {
            DriftTest test = DriftTest.of(named);
            if (!fits(test, numeric)) {
                throw new InvalidInputException("drift test '" + test.id() + "' given for attribute '"
                        + profile.name() + "' does not apply to a " + profile.kind() + " attribute; use "
                        + (numeric ? "ks, wasserstein, jensenshannon or psi" : "chisquare, z, jensenshannon or psi"));
            }
            return test;
        }
        if (s.defaultTest() != null) {
            DriftTest test = DriftTest.of(s.defaultTest());
            if (fits(test, numeric)) {
                return test;
            }
        }
        return evidently;
    }

    /**
     * The column kinds Evidently registers each test for; its default selection still applies chi-squared and z to
     * numeric columns with few values, which {@link #defaultNumeric} does without passing here.
     */
    private static boolean fits(DriftTest test, boolean numeric) {
        return switch (test) {
            case KS, WASSERSTEIN -> numeric;
            case CHISQUARE, Z -> !numeric;
            case JENSENSHANNON, PSI -> true;
        };
    }

    private static double threshold(AttributeProfile profile, DriftSettings s, DriftTest test) {
        Double given = s.thresholdPerAttribute().get(profile.name());
        if (given == null) {
            given = s.defaultThreshold();
        }
        return given != null ? given : test.defaultThreshold();
    }

    /** Evidently's comparisons: KS drifts at p <= threshold, chi-squared and z below it, distances at or above it. */
    static boolean drifted(DriftTest test, double score, double threshold) {
        return switch (test) {
            case KS -> score <= threshold;
            case CHISQUARE, Z -> score < threshold;
            case WASSERSTEIN, JENSENSHANNON, PSI -> score >= threshold;
        };
    }

    private static ColumnDrift untested(
            AttributeProfile profile, double refMissingShare, double curMissingShare, @Nullable Double unseenShare) {
        return new ColumnDrift(
                profile.name(),
                profile.kind(),
                NONE,
                Double.NaN,
                Double.NaN,
                false,
                refMissingShare,
                curMissingShare,
                unseenShare,
                null,
                null);
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }

    private static List<Double> boxed(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }
}
