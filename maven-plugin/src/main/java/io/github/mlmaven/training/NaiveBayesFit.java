package io.github.mlmaven.training;

import io.github.mlmaven.common.RadixSort;
import io.github.mlmaven.weka.WekaInternals;
import java.util.stream.IntStream;
import weka.classifiers.Classifier;
import weka.classifiers.bayes.NaiveBayes;
import weka.core.Instance;
import weka.core.Instances;
import weka.estimators.DiscreteEstimator;
import weka.estimators.Estimator;

/**
 * Fits Weka's own {@link NaiveBayes} (normal estimators, no kernel, no discretization) to the same model as its
 * {@code buildClassifier}, without its costs: Weka copies the data twice and sorts the copy by every numeric attribute
 * (an object sort per attribute) only to find each attribute's precision, the mean gap between adjacent distinct
 * values. Here each precision comes from a primitive column, attributes in parallel: listed in ascending order by a
 * bitmap when the values have few decimals ({@link #gridPrecision}), by a radix sort otherwise, and accumulated in the
 * same order as Weka, so precisions are bit-identical; each attribute's estimators are then filled from their sums
 * ({@link NormalSums}) in row order, as {@code updateClassifier} fills them. The only difference is the order rows are
 * added (file order here, Weka's last sort order there), which moves estimator sums in the last binary digit, far below
 * any printed metric.
 *
 * <p>The result is a plain {@code weka.classifiers.bayes.NaiveBayes}: Weka's GUI, CLI and the runtime load it as any
 * other. Weka keeps the fields this sets protected, hence {@link WekaInternals}; {@link #supports} is false whenever they
 * are missing, and the dispatcher then uses Weka's own {@code buildClassifier}.
 */
final class NaiveBayesFit implements FitStrategy {
    private static final double DEFAULT_NUM_PRECISION = 0.01;

    private final WekaInternals internals;
    private final FitTuning tuning;

    NaiveBayesFit(WekaInternals internals, FitTuning tuning) {
        this.internals = internals;
        this.tuning = tuning;
    }

    @Override
    public boolean supports(Classifier classifier, FitData data) {
        return handles(internals, classifier);
    }

    /** True for exactly {@code NaiveBayes} (no subclass) with normal estimators, when its fields can be set. */
    static boolean handles(WekaInternals internals, Object classifier) {
        return internals.has(WekaInternals.Part.NAIVE_BAYES)
                && classifier.getClass() == NaiveBayes.class
                && !((NaiveBayes) classifier).getUseKernelEstimator()
                && !((NaiveBayes) classifier).getUseSupervisedDiscretization();
    }

    @Override
    public void fit(Classifier classifier, FitData data) throws Exception {
        NaiveBayes model = (NaiveBayes) classifier;
        if (data instanceof FitData.Columns columns) {
            fitColumns(model, columns.columns());
        } else {
            fitRows(model, data.rows());
        }
    }

    private void fitRows(NaiveBayes model, Instances data) throws Exception {
        model.getCapabilities().testWithFail(data);
        // rows with a missing class take no part, as after Weka's deleteWithMissingClass
        Instance[] rows = data.stream().filter(r -> !r.classIsMissing()).toArray(Instance[]::new);
        int n = rows.length;
        int[] classes = new int[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            classes[i] = (int) rows[i].classValue();
            weights[i] = rows[i].weight();
        }
        // the rows are objects spread over the heap, so visiting one costs more than reading a value: a few
        // attributes are copied out per visit
        fit(model, data, classes, weights, tuning.naiveBayesColumnsPerPass(), (group, into) -> {
            for (int i = 0; i < n; i++) {
                Instance row = rows[i];
                for (int g = 0; g < group.length; g++) {
                    into[g][i] = row.value(group[g]);
                }
            }
        });
    }

    /** Fits {@code model} to rows kept as columns (rows with a missing class were not kept). */
    private void fitColumns(NaiveBayes model, NaiveBayesColumns columns) throws Exception {
        Instances header = columns.header();
        model.getCapabilities().testWithFail(header);
        int n = columns.size();
        int[] classes = new int[n];
        columns.copyAsInts(header.classIndex(), classes);
        double[] weights = new double[n];
        columns.copyWeights(weights);
        fit(model, header, classes, weights, 1, (group, into) -> {
            for (int g = 0; g < group.length; g++) {
                columns.copyColumn(group[g], into[g]);
            }
        });
    }

    /** Copies the columns of attributes {@code group} into {@code into[0..group.length)}, one row per index. */
    @FunctionalInterface
    private interface ColumnSource {
        void copy(int[] group, double[][] into);
    }

    private void fit(
            NaiveBayes model, Instances data, int[] classes, double[] weights, int perPass, ColumnSource source)
            throws Exception {
        int classIndex = data.classIndex();
        int numClasses = data.numClasses();
        int numAttributes = data.numAttributes();
        int n = classes.length;
        int[] attributes =
                IntStream.range(0, numAttributes).filter(a -> a != classIndex).toArray();
        for (int a : attributes) {
            if (!data.attribute(a).isNumeric() && !data.attribute(a).isNominal()) {
                throw new Exception("Attribute type unknown to NaiveBayes");
            }
        }
        Estimator[][] distributions = new Estimator[attributes.length][];
        // Each attribute's estimators are independent of the others', so the attributes are shared among one worker
        // per core, a group of a few at a time to whichever worker is free (a worker slowed by the JIT compiler or
        // the collector takes fewer). A worker copies the group into primitive columns, finds each one's precision,
        // then sums it per class in row order, the order in which updateClassifier would add the values.
        int workers = Math.max(1, Math.min(attributes.length, tuning.threads()));
        java.util.concurrent.atomic.AtomicReference<Exception> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger nextGroup = new java.util.concurrent.atomic.AtomicInteger();
        IntStream.range(0, workers).parallel().forEach(w -> {
            Columns columns = null;
            for (int from = nextGroup.getAndAdd(perPass);
                    from < attributes.length && failure.get() == null;
                    from = nextGroup.getAndAdd(perPass)) {
                int count = Math.min(perPass, attributes.length - from);
                int[] group = new int[count];
                for (int g = 0; g < count; g++) {
                    group[g] = attributes[from + g];
                }
                if (columns == null) {
                    columns = new Columns(n, Math.min(perPass, attributes.length));
                }
                source.copy(group, columns.values);
                for (int g = 0; g < count; g++) {
                    try {
                        distributions[from + g] =
                                estimators(data, classes, weights, group[g], columns.values[g], columns);
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        DiscreteEstimator classDistribution = new DiscreteEstimator(numClasses, true);
        for (int i = 0; i < n; i++) {
            classDistribution.addValue(classes[i], weights[i]);
        }
        internals.setNaiveBayes(model, numClasses, new Instances(data, 0), distributions, classDistribution);
    }

    /**
     * A worker's scratch arrays, reused from one group of attributes to the next: the group's columns, one row long;
     * the grid's bitmap, as long as the widest grid so far; and the sort's keys, only when a column is off a grid.
     */
    private static final class Columns {
        final double[][] values;
        final long[][] bitmap = new long[1][];
        long[] keys;
        long[] scratch;

        Columns(int n, int width) {
            values = new double[width][n];
        }
    }

    /** One attribute's estimator per class, equal to those NaiveBayes.updateClassifier fills row by row. */
    private Estimator[] estimators(
            Instances data, int[] classes, double[] weights, int attribute, double[] values, Columns columns)
            throws Exception {
        int numClasses = data.numClasses();
        int n = classes.length;
        if (!data.attribute(attribute).isNumeric()) {
            DiscreteEstimator[] perClass = new DiscreteEstimator[numClasses];
            for (int j = 0; j < numClasses; j++) {
                perClass[j] = new DiscreteEstimator(data.attribute(attribute).numValues(), true);
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isNaN(values[i])) {
                    perClass[classes[i]].addValue(values[i], weights[i]);
                }
            }
            return perClass;
        }
        double precision = gridPrecision(values, n, columns.bitmap);
        if (Double.isNaN(precision)) {
            if (columns.keys == null) {
                columns.keys = new long[n];
                columns.scratch = new long[n];
            }
            precision = sortedPrecision(values, n, columns.keys, columns.scratch);
        }
        return NormalSums.estimators(internals, values, classes, weights, n, numClasses, precision);
    }

    /** Weka's precision: the mean difference between adjacent distinct values in ascending order (0.01 if none). */
    static double precision(Instance[] rows, int attribute) {
        double[] values = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            values[i] = rows[i].value(attribute);
        }
        double onGrid = gridPrecision(values, values.length, new long[1][]);
        return Double.isNaN(onGrid)
                ? sortedPrecision(values, values.length, new long[rows.length], new long[rows.length])
                : onGrid;
    }

    /** Weka's precision by a radix sort of the values; {@code keys} and {@code scratch} hold {@code count} each. */
    private static double sortedPrecision(double[] values, int count, long[] keys, long[] scratch) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            double v = values[i];
            if (!Double.isNaN(v)) { // Weka's missing value is NaN and sorts last, where its loop stops
                keys[n++] = RadixSort.sortableBits(v);
            }
        }
        if (n == 0) {
            return DEFAULT_NUM_PRECISION;
        }
        long[] sorted = radixSort(keys, scratch, n);
        double last = RadixSort.fromSortableBits(sorted[0]);
        double deltaSum = 0;
        int distinct = 0;
        for (int i = 1; i < n; i++) {
            double current = RadixSort.fromSortableBits(sorted[i]);
            if (current != last) {
                deltaSum += current - last;
                last = current;
                distinct++;
            }
        }
        return distinct > 0 ? deltaSum / distinct : DEFAULT_NUM_PRECISION;
    }

    /** The most decimals {@link #gridPrecision} looks for; 10^9 times a value's integer part must stay exact. */
    private static final int MAX_DECIMALS = 9;

    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

    /**
     * Weka's precision without a sort, for the usual data: numbers written with at most a few decimals, so that every
     * value is {@code k / 10^d} for one {@code d} and an integer {@code k} (checked value by value: the division gives
     * back the value's exact bits). The distinct values are then the distinct {@code k}, in the same order, so a
     * bitmap over the range of {@code k} lists them ascending, and the gaps are summed in the order and with the
     * operations of Weka's loop: the same bits. NaN when the values are not on such a grid, or its range is over
     * 64 bits per value; the caller then sorts. {@code bitmap[0]} is the bitmap, replaced by a larger one when it is
     * too small (null at first). Two passes over the values: the range of {@code k} first, then the bits.
     */
    static double gridPrecision(double[] values, int count, long[][] bitmap) {
        int decimals = decimalsOfSample(values, count);
        if (decimals < 0) {
            return Double.NaN;
        }
        double scale = POWERS_OF_TEN[decimals];
        double limit = (double) (1L << 52);
        int n = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            double v = values[i];
            if (Double.isNaN(v)) {
                continue; // Weka's missing value sorts last, where its loop stops
            }
            double scaled = Math.rint(v * scale);
            if (!(Math.abs(scaled) < limit) || scaled / scale != v) {
                return Double.NaN; // more decimals than the sample showed, or too large: sort instead
            }
            long k = (long) scaled;
            n++;
            min = Math.min(min, k);
            max = Math.max(max, k);
        }
        if (n == 0) {
            return DEFAULT_NUM_PRECISION;
        }
        long range = max - min + 1;
        if (range > 64L * count) {
            return Double.NaN; // a sparse grid: the bitmap would outgrow a sort's keys
        }
        int words = (int) ((range + 63) >>> 6);
        if (bitmap[0] == null || bitmap[0].length < words) {
            bitmap[0] = new long[words];
        } else {
            java.util.Arrays.fill(bitmap[0], 0, words, 0L);
        }
        long[] bits = bitmap[0];
        for (int i = 0; i < count; i++) {
            double v = values[i];
            if (!Double.isNaN(v)) {
                long offset = (long) Math.rint(v * scale) - min;
                bits[(int) (offset >>> 6)] |= 1L << offset;
            }
        }
        double last = min / scale;
        double deltaSum = 0;
        int distinct = -1; // the smallest value is no gap
        for (int w = 0; w < words; w++) {
            long word = bits[w];
            while (word != 0) {
                long k = min + ((long) w << 6) + Long.numberOfTrailingZeros(word);
                word &= word - 1;
                double current = k / scale;
                if (distinct >= 0) {
                    deltaSum += current - last;
                }
                last = current;
                distinct++;
            }
        }
        return distinct > 0 ? deltaSum / distinct : DEFAULT_NUM_PRECISION;
    }

    /** The most decimals among up to 256 values spread over the column, or -1 when one has more than allowed. */
    private static int decimalsOfSample(double[] values, int count) {
        int step = Math.max(1, count / 256);
        int most = 0;
        for (int i = 0; i < count; i += step) {
            double v = values[i];
            if (Double.isNaN(v)) {
                continue;
            }
            int d = 0;
            while (d <= MAX_DECIMALS && Math.rint(v * POWERS_OF_TEN[d]) / POWERS_OF_TEN[d] != v) {
                d++;
            }
            if (d > MAX_DECIMALS) {
                return -1;
            }
            most = Math.max(most, d);
        }
        return most;
    }

    /** Sorts the first {@code n} keys as unsigned numbers; returns whichever of the two arrays holds the result. */
    static long[] radixSort(long[] keys, long[] scratch, int n) {
        return RadixSort.sortKeys(keys, scratch, n) ? scratch : keys;
    }
}
