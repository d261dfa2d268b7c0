package io.github.mlmaven.evaluation;

import io.github.mlmaven.common.RadixSort;
import java.util.Arrays;
import java.util.List;
import weka.classifiers.evaluation.NominalPrediction;
import weka.classifiers.evaluation.NumericPrediction;
import weka.classifiers.evaluation.Prediction;
import weka.classifiers.evaluation.TwoClassStats;
import weka.core.Utils;

/**
 * The predictions a metric needs beyond Weka's running sums, as compact arrays, one entry per row in row order: for a
 * nominal class, the probability of the positive class (a {@code double}), whether the row is of the positive class (a
 * {@code byte}) and, only once a row weighs other than 1, the weights (a {@code double}), that is 9 bytes per row (17
 * with weights); for a numeric class, the actual and the predicted value (16 bytes per row, 24 with weights). The
 * probabilities stay {@code double}: as {@code float} they would tie and order differently from Weka's.
 *
 * <p>The threshold curve and its ROC and precision-recall areas replicate Weka 3.8.7's {@code ThresholdCurve.getCurve},
 * {@code getROCArea} and {@code getPRCArea} step by step, the same index sort ({@code Utils.sort}) included, so they
 * are bit-identical. Walking the curve needs, for the while, 20 more bytes per row (Weka's index sort copies the
 * probabilities) and 16 per distinct probability (the curve's precision and recall, summed backwards as Weka does).
 * Not thread-safe: one caller adds rows in order.
 */
final class ScoredRows {
    private final boolean nominal;
    private int size;
    /** Nominal class: probability of the positive class. Numeric class: the actual value. */
    private double[] first = new double[1024];
    /** Numeric class: the predicted value. */
    private double[] second;
    /** Nominal class: 1 when the row's class is the positive one. */
    private byte[] positive;
    /** Null while every weight is 1. */
    private double[] weights;

    ScoredRows(boolean nominal) {
        this.nominal = nominal;
        if (nominal) {
            positive = new byte[first.length];
        } else {
            second = new double[first.length];
        }
    }

    /**
     * The positive class's scores of predictions a Weka evaluation kept. A row without class counts as a negative, as
     * in Weka's ThresholdCurve, whose check for a missing actual class compares with NaN and never holds.
     */
    static ScoredRows ofNominal(List<Prediction> predictions, int positiveIndex) {
        ScoredRows rows = new ScoredRows(true);
        for (Prediction prediction : predictions) {
            rows.addNominal(
                    ((NominalPrediction) prediction).distribution()[positiveIndex],
                    prediction.actual() == positiveIndex,
                    prediction.weight());
        }
        return rows;
    }

    /** {@link #ofNominal(List, int)} of predictions kept as arrays, one element per row. */
    static ScoredRows ofNominal(double[][] distributions, double[] actual, double[] weights, int positiveIndex) {
        ScoredRows rows = new ScoredRows(true);
        for (int i = 0; i < distributions.length; i++) {
            rows.addNominal(distributions[i][positiveIndex], actual[i] == positiveIndex, weights[i]);
        }
        return rows;
    }

    /** The actual and predicted values of a numeric class's predictions, skipping those with either missing. */
    static ScoredRows ofNumeric(List<Prediction> predictions) {
        ScoredRows rows = new ScoredRows(false);
        for (Prediction p : predictions) {
            if (p instanceof NumericPrediction
                    && !Utils.isMissingValue(p.actual())
                    && !Utils.isMissingValue(p.predicted())) {
                rows.addNumeric(p.actual(), p.predicted(), p.weight());
            }
        }
        return rows;
    }

    void addNominal(double positiveProbability, boolean isPositive, double weight) {
        record(positiveProbability, isPositive ? 1 : 0, Double.NaN, weight);
    }

    void addNumeric(double actual, double predicted, double weight) {
        record(actual, 0, predicted, weight);
    }

    private void record(double a, int isPositive, double b, double weight) {
        if (size == first.length) {
            int capacity = Math.max(16, size + (size >> 1));
            first = Arrays.copyOf(first, capacity);
            if (nominal) {
                positive = Arrays.copyOf(positive, capacity);
            } else {
                second = Arrays.copyOf(second, capacity);
            }
            if (weights != null) {
                weights = Arrays.copyOf(weights, capacity);
            }
        }
        if (weight != 1 && weights == null) {
            weights = new double[first.length];
            Arrays.fill(weights, 0, size, 1);
        }
        first[size] = a;
        if (nominal) {
            positive[size] = (byte) isPositive;
        } else {
            second[size] = b;
        }
        if (weights != null) {
            weights[size] = weight;
        }
        size++;
    }

    int size() {
        return size;
    }

    /** Numeric class: row {@code i}'s actual value. */
    double actual(int i) {
        return first[i];
    }

    /** Numeric class: row {@code i}'s predicted value. */
    double predicted(int i) {
        return second[i];
    }

    double weight(int i) {
        return weights == null ? 1 : weights[i];
    }

    /** Weka's ROC and precision-recall areas of the positive class, {@code {roc, pr}}; missing values without rows. */
    double[] areas() {
        if (!nominal || size == 0) {
            return new double[] {Utils.missingValue(), Utils.missingValue()};
        }
        Areas areas = new Areas(size);
        walk(areas);
        return new double[] {areas.rocArea(), areas.prArea()};
    }

    /**
     * Weka's threshold curve of the positive class, point by point in Weka's order (rising threshold), as the {@code
     * ThresholdCurve} attributes of the same names; null for a numeric class or without rows. It holds 4 doubles per
     * distinct probability; build it only when drawing the curves.
     */
    StreamingEvaluation.ThresholdPoints thresholdCurve() {
        if (!nominal || size == 0) {
            return null;
        }
        Points points = new Points(size);
        walk(points);
        return points.result();
    }

    private interface PointSink {
        void point(TwoClassStats stats);
    }

    /**
     * The rows in ascending order of probability, as ThresholdCurve orders them with Weka's {@code Utils.sort}. That
     * quicksort leaves equal probabilities in some order of its own; the walk below sums the rows of one probability
     * before it emits a point, so their order only matters to sums of weights other than 1 (a different order can round
     * differently). Without such weights (and without NaN, which {@code Utils.sort} takes as the largest value) a
     * radix sort, linear in the rows, gives the same points.
     */
    private int[] ascendingOrder(double[] probs) {
        if (weights != null) {
            return Utils.sort(probs);
        }
        for (int i = 0; i < size; i++) {
            if (Double.isNaN(probs[i])) {
                return Utils.sort(probs);
            }
        }
        return RadixSort.ascendingOrder(probs, size);
    }

    /**
     * ThresholdCurve.getCurve (Weka 3.8.7) on the arrays. Its check for a missing actual class compares with NaN and
     * never holds, so a row without class counts as a negative there, and here too.
     */
    private void walk(PointSink sink) {
        trim();
        double[] probs = first;
        double totPos = 0;
        double totNeg = 0;
        for (int i = 0; i < size; i++) {
            double w = weight(i);
            if (w < 0) {
                continue;
            }
            if (positive[i] == 1) {
                totPos += w;
            } else {
                totNeg += w;
            }
        }
        int[] sorted = ascendingOrder(probs);
        TwoClassStats tc = new TwoClassStats(totPos, totNeg, 0, 0);
        double threshold = 0;
        double cumulativePos = 0;
        double cumulativeNeg = 0;
        for (int i = 0; i < sorted.length; i++) {
            if ((i == 0) || (probs[sorted[i]] > threshold)) {
                tc.setTruePositive(tc.getTruePositive() - cumulativePos);
                tc.setFalseNegative(tc.getFalseNegative() + cumulativePos);
                tc.setFalsePositive(tc.getFalsePositive() - cumulativeNeg);
                tc.setTrueNegative(tc.getTrueNegative() + cumulativeNeg);
                threshold = probs[sorted[i]];
                sink.point(tc);
                cumulativePos = 0;
                cumulativeNeg = 0;
                if (i == sorted.length - 1) {
                    break;
                }
            }
            double w = weight(sorted[i]);
            if (w < 0) {
                continue;
            }
            if (positive[sorted[i]] == 1) {
                cumulativePos += w;
            } else {
                cumulativeNeg += w;
            }
        }
        if (tc.getFalseNegative() != totPos || tc.getTrueNegative() != totNeg) {
            sink.point(new TwoClassStats(0, 0, totNeg, totPos));
        }
    }

    /** Arrays of exactly {@link #size} entries, so that the sort needs no copy of them (adding rows regrows them). */
    private void trim() {
        if (first.length == size) {
            return;
        }
        first = Arrays.copyOf(first, size);
        positive = Arrays.copyOf(positive, size);
        if (weights != null) {
            weights = Arrays.copyOf(weights, size);
        }
    }

    /** getROCArea and getPRCArea of ThresholdCurve (Weka 3.8.7) over the walked points. */
    private static class Areas implements PointSink {
        double[] precision;
        double[] recall;
        int n;
        // ROC: point i is summed once point i + 1 is known
        boolean havePrevious;
        double previousTp;
        double previousFp;
        double totalPos;
        double totalNeg;
        double area;
        double cumNeg;

        Areas(int capacity) {
            precision = new double[Math.min(capacity + 1, 1024)];
            recall = new double[precision.length];
        }

        @Override
        public void point(TwoClassStats stats) {
            if (n == precision.length) {
                precision = Arrays.copyOf(precision, n * 2);
                recall = Arrays.copyOf(recall, n * 2);
            }
            precision[n] = stats.getPrecision();
            recall[n] = stats.getRecall();
            n++;
            double tp = stats.getTruePositive();
            double fp = stats.getFalsePositive();
            if (!havePrevious) {
                totalPos = tp;
                totalNeg = fp;
                havePrevious = true;
            } else {
                rocStep(previousTp - tp, previousFp - fp);
            }
            previousTp = tp;
            previousFp = fp;
        }

        private void rocStep(double cip, double cin) {
            area += cip * (cumNeg + (0.5 * cin));
            cumNeg += cin;
        }

        double rocArea() {
            // the last point counts with its own values
            rocStep(previousTp, previousFp);
            return area / (totalNeg * totalPos);
        }

        double prArea() {
            double sum = 0;
            double xlast = recall[n - 1];
            for (int i = n - 2; i >= 0; i--) {
                double recallDelta = recall[i] - xlast;
                sum += (precision[i] * recallDelta);
                xlast = recall[i];
            }
            return sum == 0 ? Utils.missingValue() : sum;
        }
    }

    private static final class Points extends Areas {
        double[] fpRate;
        double[] tpRate;

        Points(int capacity) {
            super(capacity);
            fpRate = new double[precision.length];
            tpRate = new double[precision.length];
        }

        @Override
        public void point(TwoClassStats stats) {
            if (n == fpRate.length) {
                fpRate = Arrays.copyOf(fpRate, n * 2);
                tpRate = Arrays.copyOf(tpRate, n * 2);
            }
            fpRate[n] = stats.getFalsePositiveRate();
            tpRate[n] = stats.getTruePositiveRate();
            super.point(stats);
        }

        StreamingEvaluation.ThresholdPoints result() {
            double roc = rocArea();
            double pr = prArea();
            return new StreamingEvaluation.ThresholdPoints(fpRate, tpRate, precision, n, roc, pr);
        }
    }
}
