package io.github.mlmaven.training;

import io.github.mlmaven.weka.WekaInternals;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.NominalToBinary;
import weka.filters.unsupervised.attribute.RemoveUseless;
import weka.filters.unsupervised.attribute.ReplaceMissingValues;

/**
 * Logistic's filtered data matrix computed straight from the training rows. Weka's {@code Logistic} first copies its
 * rows through three filters, each a full copy of the data: {@code ReplaceMissingValues} (missing values become the
 * attribute's weighted mean or mode), {@code RemoveUseless} (constant attributes go; it counts each attribute's
 * distinct values in a hash map of boxed doubles, three quarters of Logistic's build on 800,000 rows and most of its
 * garbage) and {@code NominalToBinary} (a nominal attribute of more than two values becomes one 0/1 column per value).
 * What each does to a row is known once a pass has found the means, the modes and which attributes are constant, so
 * the matrix is written from the rows themselves in a second pass, with the values the filters would give.
 *
 * <p>The model keeps the three filters to filter the rows it predicts. They are Weka's, made by Weka's code: each is
 * run on the header only (or, for {@code RemoveUseless}, on three stand-in rows that have exactly the same attributes
 * constant), and {@code ReplaceMissingValues} is then given the means and modes of the real rows, summed in the order
 * and with the operations of its own pass. The filters therefore hold the state a run over the real rows leaves.
 *
 * <p>Taken for the data it was proven on ({@link #handles}): dense rows of numeric and nominal attributes (with or
 * without missing values, of any weights). Anything else (sparse rows, string, date or relational attributes) goes
 * through Weka's filters.
 */
final class LogisticDesign {
    /** The model's filters, the header of the filtered rows, and the rows as Logistic's matrix. */
    record Result(
            ReplaceMissingValues replaceMissingValues,
            RemoveUseless attFilter,
            NominalToBinary nominalToBinary,
            Instances structure,
            LogisticMatrix matrix) {}

    private LogisticDesign() {}

    /** True for dense rows of numeric and nominal attributes only, with a nominal class. */
    static boolean handles(Instances train) {
        if (train.classIndex() < 0 || !train.classAttribute().isNominal()) {
            return false;
        }
        for (int k = 0; k < train.numAttributes(); k++) {
            Attribute attribute = train.attribute(k);
            boolean numeric = attribute.type() == Attribute.NUMERIC;
            boolean nominal = attribute.type() == Attribute.NOMINAL && attribute.numValues() > 0;
            if (!numeric && !nominal) {
                return false;
            }
        }
        for (Instance row : train) {
            if (row.getClass() != DenseInstance.class) {
                return false;
            }
        }
        return true;
    }

    /** The filters and the matrix Logistic builds from {@code train}: from the rows where proven the same, else by Weka's filters. */
    static Result of(Instances train, WekaInternals internals) throws Exception {
        Optional<Result> fromRows = handles(train) ? fromRows(train, internals) : Optional.empty();
        return fromRows.isPresent() ? fromRows.get() : byWekaFilters(train);
    }

    /**
     * The filters and the matrix Logistic builds from {@code train}, which {@link #handles}; empty when the rows turn
     * out to be outside what this computes (no row with a class, or a mean that is not a number).
     */
    static Optional<Result> fromRows(Instances train, WekaInternals internals) throws Exception {
        int numAttributes = train.numAttributes();
        int classIndex = train.classIndex();
        // the rows Logistic keeps (deleteWithMissingClass), and ReplaceMissingValues's sum of their weights
        int nC = 0;
        double sumOfWeights = 0;
        for (Instance row : train) {
            if (!row.classIsMissing()) {
                nC++;
                sumOfWeights += row.weight();
            }
        }
        if (nC == 0) {
            return Optional.empty();
        }
        Columns columns = new Columns(train, sumOfWeights);
        for (Instance row : train) {
            if (!row.classIsMissing()) {
                columns.add(row);
            }
        }
        double[] modesAndMeans = columns.modesAndMeans();
        for (double value : modesAndMeans) {
            if (Double.isNaN(value)) {
                return Optional.empty();
            }
        }
        boolean[] kept = columns.keptByRemoveUseless(
                modesAndMeans, nC, new RemoveUseless().getMaximumVariancePercentageAllowed());

        // the filters, made by Weka on the header (and stand-in rows), holding the state the real rows leave
        ReplaceMissingValues replaceMissingValues = new ReplaceMissingValues();
        Instances header = new Instances(train, 0);
        replaceMissingValues.setInputFormat(header);
        Instances replaced = Filter.useFilter(header, replaceMissingValues);
        internals.setModesAndMeans(replaceMissingValues, modesAndMeans);
        RemoveUseless attFilter = new RemoveUseless();
        attFilter.setInputFormat(replaced);
        Instances useful = new Instances(Filter.useFilter(standIn(replaced, kept), attFilter), 0);
        NominalToBinary nominalToBinary = new NominalToBinary();
        nominalToBinary.setInputFormat(useful);
        Instances filtered = Filter.useFilter(useful, nominalToBinary);

        // each kept attribute's columns: one, or one per value for a nominal attribute of more than two
        List<Integer> attributes = new ArrayList<>();
        int nR = 0;
        for (int k = 0; k < numAttributes; k++) {
            if (k != classIndex && kept[k]) {
                attributes.add(k);
                nR += oneHot(train.attribute(k)) ? train.attribute(k).numValues() : 1;
            }
        }
        if (filtered.numAttributes() - 1 != nR || useful.numAttributes() - 1 != attributes.size()) {
            throw new IllegalStateException("Weka's filters gave " + (filtered.numAttributes() - 1)
                    + " predictors where " + nR + " were expected");
        }
        int[] source = attributes.stream().mapToInt(Integer::intValue).toArray();
        boolean[] expand = new boolean[source.length];
        for (int a = 0; a < source.length; a++) {
            expand[a] = oneHot(train.attribute(source[a]));
        }

        LogisticMatrix m = new LogisticMatrix(nC, nR, filtered.numClasses());
        int i = 0;
        for (Instance row : train) {
            if (row.classIsMissing()) {
                continue;
            }
            double weight = row.weight();
            int base = m.startRow(i++, (int) row.classValue(), weight);
            int j = 1;
            for (int a = 0; a < source.length; a++) {
                int k = source[a];
                double value = row.value(k);
                if (Double.isNaN(value)) {
                    value = modesAndMeans[k];
                }
                if (expand[a]) {
                    int numValues = train.attribute(k).numValues();
                    for (int c = 0; c < numValues; c++) {
                        m.set(base, j++, c == (int) value ? 1 : 0, weight);
                    }
                } else {
                    m.set(base, j++, value, weight);
                }
            }
        }
        m.finishRows();
        return Optional.of(new Result(replaceMissingValues, attFilter, nominalToBinary, new Instances(filtered, 0), m));
    }

    /** The filters and the matrix as Logistic makes them: through Weka's filters, each a copy of the rows. */
    static Result byWekaFilters(Instances train) throws Exception {
        // remove instances with missing class
        train = new Instances(train);
        train.deleteWithMissingClass();
        // Replace missing values
        ReplaceMissingValues replaceMissingValues = new ReplaceMissingValues();
        replaceMissingValues.setInputFormat(train);
        train = Filter.useFilter(train, replaceMissingValues);
        // Remove useless attributes
        RemoveUseless attFilter = new RemoveUseless();
        attFilter.setInputFormat(train);
        train = Filter.useFilter(train, attFilter);
        // Transform attributes
        NominalToBinary nominalToBinary = new NominalToBinary();
        nominalToBinary.setInputFormat(train);
        train = Filter.useFilter(train, nominalToBinary);
        return new Result(
                replaceMissingValues, attFilter, nominalToBinary, new Instances(train, 0), LogisticMatrix.of(train));
    }

    /** NominalToBinary's choice (its defaults): a nominal attribute of more than two values becomes 0/1 columns. */
    private static boolean oneHot(Attribute attribute) {
        return attribute.isNominal() && attribute.numValues() > 2;
    }

    /**
     * Three rows on which RemoveUseless removes exactly the attributes not {@code kept}: a kept attribute has the
     * values 0, 1, 1 (two distinct values, two thirds of the rows: neither constant nor too varied), any other the
     * value 0 throughout.
     */
    private static Instances standIn(Instances header, boolean[] kept) {
        Instances rows = new Instances(header, 3);
        for (int r = 0; r < 3; r++) {
            double[] values = new double[header.numAttributes()];
            for (int k = 0; k < values.length; k++) {
                values[k] = k != header.classIndex() && kept[k] && r > 0 ? 1 : 0;
            }
            rows.add(new DenseInstance(1, values));
        }
        return rows;
    }

    /** ReplaceMissingValues's sums and RemoveUseless's distinct values, per attribute, over the rows in order. */
    private static final class Columns {
        private final Instances train;
        private final double[][] counts; // per nominal attribute, ReplaceMissingValues's weights per value
        private final double[] sums; // per numeric attribute, the weight of its values that are not missing
        private final double[] results; // per numeric attribute, the weighted sum of its values
        private final boolean[] missing;
        private final boolean[][] seen; // per nominal attribute, the values that occur
        private final long[] firstBits; // per numeric attribute, its first value that is not missing
        private final boolean[] hasValue;
        private final boolean[] varies; // per numeric attribute, whether a value differs from the first

        Columns(Instances train, double sumOfWeights) {
            this.train = train;
            int numAttributes = train.numAttributes();
            counts = new double[numAttributes][];
            seen = new boolean[numAttributes][];
            sums = new double[numAttributes];
            results = new double[numAttributes];
            missing = new boolean[numAttributes];
            firstBits = new long[numAttributes];
            hasValue = new boolean[numAttributes];
            varies = new boolean[numAttributes];
            for (int k = 0; k < numAttributes; k++) {
                sums[k] = sumOfWeights;
                if (train.attribute(k).isNominal()) {
                    counts[k] = new double[train.attribute(k).numValues()];
                    counts[k][0] = sumOfWeights;
                    seen[k] = new boolean[counts[k].length];
                }
            }
        }

        /** Adds a row, with ReplaceMissingValues's operations in its order. */
        void add(Instance row) {
            double weight = row.weight();
            for (int k = 0; k < counts.length; k++) {
                double value = row.value(k);
                double[] valueCounts = counts[k];
                if (!Double.isNaN(value)) {
                    if (valueCounts != null) {
                        valueCounts[(int) value] += weight;
                        valueCounts[0] -= weight;
                        seen[k][(int) value] = true;
                    } else {
                        results[k] += weight * value;
                        long bits = Double.doubleToLongBits(value);
                        if (!hasValue[k]) {
                            hasValue[k] = true;
                            firstBits[k] = bits;
                        } else if (bits != firstBits[k]) {
                            varies[k] = true;
                        }
                    }
                } else {
                    missing[k] = true;
                    if (valueCounts != null) {
                        valueCounts[0] -= weight;
                    } else {
                        sums[k] -= weight;
                    }
                }
            }
        }

        /** ReplaceMissingValues's replacements: a nominal attribute's mode, a numeric one's mean (0 if none). */
        double[] modesAndMeans() {
            double[] modesAndMeans = new double[counts.length];
            for (int k = 0; k < counts.length; k++) {
                if (counts[k] != null) {
                    modesAndMeans[k] = Utils.maxIndex(counts[k]);
                } else if (Utils.gr(sums[k], 0)) {
                    modesAndMeans[k] = results[k] / sums[k];
                }
            }
            return modesAndMeans;
        }

        /**
         * RemoveUseless's choice on the rows with their missing values replaced: an attribute is kept when it has at
         * least two distinct values and, if nominal, its distinct values are at most {@code maxVariancePercentage} of
         * the rows. Distinct as RemoveUseless counts them: as {@code Double} keys, by their bits.
         */
        boolean[] keptByRemoveUseless(double[] modesAndMeans, int rows, double maxVariancePercentage) {
            boolean[] kept = new boolean[counts.length];
            for (int k = 0; k < counts.length; k++) {
                if (k == train.classIndex()) {
                    continue;
                }
                int distinct;
                if (counts[k] != null) {
                    boolean[] values = seen[k].clone();
                    if (missing[k]) {
                        values[(int) modesAndMeans[k]] = true;
                    }
                    distinct = 0;
                    for (boolean value : values) {
                        distinct += value ? 1 : 0;
                    }
                } else if (varies[k]) {
                    distinct = 2;
                } else if (!hasValue[k]) {
                    distinct = 1; // every value is the replacement
                } else {
                    distinct = missing[k] && Double.doubleToLongBits(modesAndMeans[k]) != firstBits[k] ? 2 : 1;
                }
                boolean tooVaried =
                        counts[k] != null && (double) distinct / (double) rows * 100.0 > maxVariancePercentage;
                kept[k] = distinct >= 2 && !tooVaried;
            }
            return kept;
        }
    }
}
