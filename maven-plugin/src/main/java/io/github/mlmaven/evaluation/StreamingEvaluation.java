package io.github.mlmaven.evaluation;

import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.RadixSort;
import java.util.Arrays;
import java.util.List;
import weka.classifiers.Classifier;
import weka.classifiers.evaluation.Evaluation;
import weka.classifiers.evaluation.NominalPrediction;
import weka.classifiers.evaluation.Prediction;
import weka.classifiers.evaluation.TwoClassStats;
import weka.classifiers.misc.InputMappedClassifier;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Evaluates a trained model on test rows given one at a time, in bounded memory, with the {@link Metrics} that {@link
 * Evaluator#evaluate} gives on the same rows in the same order.
 *
 * <p>A Weka {@link Evaluation} with {@code setDiscardPredictions(true)} counts every figure but those that need the
 * predictions. Those are computed here from compact arrays: for a nominal class, the probability of the positive class
 * (a {@code double}), whether the row is of the positive class (a {@code byte}) and, only once a row weighs other than
 * 1, the weights (a {@code double}), that is 9 bytes per row (17 with weights); for a numeric class, the actual and the
 * predicted value (16 bytes per row, 24 with weights). ROC and precision-recall areas replicate Weka 3.8.7's {@code
 * ThresholdCurve.getCurve}, {@code getROCArea} and {@code getPRCArea} step by step, the same index sort ({@code
 * Utils.sort}) included, so they are bit-identical; so is r2 (see {@link MetricsExtractor}). The probabilities stay
 * {@code double}: as {@code float} they would tie and order differently from Weka's. {@link #metrics()} needs, for the
 * while, 20 more bytes per row (Weka's index sort copies the probabilities) and 16 per distinct probability (the curve's
 * precision and recall, summed backwards as Weka does).
 *
 * <p>{@link Evaluator#evaluate} builds its {@code Evaluation} from the test rows, so Weka's class priors are those of
 * the test rows; here the rows are not known up front and the priors are those of the empty header. No reported metric
 * depends on the priors (they only enter Weka's relative errors, SF entropies and KB information, which {@link
 * Metrics} does not hold), so the metrics are identical nonetheless.
 *
 * <p>As Weka's own {@code evaluateModel} for a model that is not a more efficient batch predictor, each row is
 * predicted on its own with {@code distributionForInstance}. Not thread-safe: one caller adds rows in order.
 */
public final class StreamingEvaluation {
    private final Instances header;
    private final int positiveIndex;
    private final boolean nominal;
    private final Evaluation evaluation;

    private int size;
    /** Nominal class: probability of the positive class. Numeric class: the actual value. */
    private double[] first = new double[1024];
    /** Numeric class: the predicted value. */
    private double[] second;
    /** Nominal class: 1 when the row's class is the positive one. */
    private byte[] positive;
    /** Null while every weight is 1. */
    private double[] weights;

    /**
     * @param header the training header (rows are not used), with the class set
     * @param positiveIndex the class value binary metrics and curves are for; ignored for a numeric class
     */
    public StreamingEvaluation(Instances header, int positiveIndex) {
        if (header.classIndex() < 0) {
            throw new IllegalArgumentException("the header has no class attribute");
        }
        this.header = new Instances(header, 0);
        this.positiveIndex = positiveIndex;
        this.nominal = header.classAttribute().isNominal();
        try {
            this.evaluation = new Evaluation(this.header);
        } catch (Exception e) {
            throw new InvalidInputException("cannot evaluate on this header: " + e.getMessage(), e);
        }
        evaluation.setDiscardPredictions(true);
        if (nominal) {
            positive = new byte[first.length];
        } else {
            second = new double[first.length];
        }
    }

    /** Predicts one test row with the trained model and counts it. */
    public void add(Classifier model, Instance row) {
        try {
            Instance actual = withDataset(row);
            Instance classMissing = (Instance) actual.copy();
            classMissing.setDataset(actual.dataset());
            if (model instanceof InputMappedClassifier mapped) {
                actual = mapped.constructMappedInstance((Instance) actual.copy());
                classMissing.setMissing(mapped.getMappedClassIndex());
            } else {
                classMissing.setClassMissing();
            }
            add(model.distributionForInstance(classMissing), actual);
        } catch (InvalidInputException e) {
            throw e;
        } catch (Exception e) {
            throw new InvalidInputException("evaluating the model failed: " + e.getMessage(), e);
        }
    }

    /** Counts one test row whose predicted distribution is known (for a numeric class, {@code {predicted}}). */
    public void add(double[] distribution, Instance row) {
        row = withDataset(row);
        double predicted;
        try {
            predicted = evaluation.evaluateModelOnce(distribution, row);
        } catch (Exception e) {
            throw new InvalidInputException("evaluating the model failed: " + e.getMessage(), e);
        }
        if (nominal) {
            record(distribution[positiveIndex], row.classValue() == positiveIndex ? 1 : 0, Double.NaN, row.weight());
        } else if (!row.classIsMissing() && !Utils.isMissingValue(predicted)) {
            // as MetricsExtractor.r2, which skips predictions with a missing actual or predicted value
            record(row.classValue(), (byte) 0, predicted, row.weight());
        }
    }

    /**
     * The threshold curve (and Weka's ROC and precision-recall areas, bit for bit) of predictions already made, from
     * compact arrays rather than Weka's ThresholdCurve, which builds a data set with one row per prediction; null for a
     * numeric class, no predictions or no positive class.
     */
    static ThresholdPoints curveOf(Instances header, List<Prediction> predictions, int positiveIndex) {
        if (!header.classAttribute().isNominal() || predictions == null || positiveIndex < 0) {
            return null;
        }
        int n = predictions.size();
        double[][] distributions = new double[n][];
        double[] actual = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            Prediction prediction = predictions.get(i);
            distributions[i] = ((NominalPrediction) prediction).distribution();
            actual[i] = prediction.actual();
            weights[i] = prediction.weight();
        }
        return curveOf(header, distributions, actual, weights, positiveIndex);
    }

    /** {@link #curveOf(Instances, List, int)} of predictions kept as arrays, one element per row. */
    static ThresholdPoints curveOf(
            Instances header, double[][] distributions, double[] actual, double[] weights, int positiveIndex) {
        if (!header.classAttribute().isNominal() || distributions.length == 0 || positiveIndex < 0) {
            return null;
        }
        StreamingEvaluation compact = new StreamingEvaluation(header, positiveIndex);
        for (int i = 0; i < distributions.length; i++) {
            compact.record(distributions[i][positiveIndex], actual[i] == positiveIndex ? 1 : 0, Double.NaN, weights[i]);
        }
        return compact.thresholdCurve();
    }

    /** A row read without a dataset gets the header, which tells its class. */
    private Instance withDataset(Instance row) {
        if (row.dataset() != null) {
            return row;
        }
        Instance copy = (Instance) row.copy();
        copy.setDataset(header);
        return copy;
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

    /** The rows counted so far (with a class value, as {@link Metrics#rows()}). */
    public long rows() {
        return Math.round(evaluation.numInstances());
    }

    /** The metrics of the rows added so far, as {@link Evaluator#evaluate} on the same rows gives them. */
    public Metrics metrics() {
        try {
            return computeMetrics();
        } catch (Exception e) {
            throw new InvalidInputException("computing the metrics failed: " + e.getMessage(), e);
        }
    }

    private Metrics computeMetrics() throws Exception {
        if (!nominal) {
            return MetricsExtractor.extract(
                    evaluation,
                    header.classAttribute(),
                    positiveIndex,
                    Double.NaN,
                    Double.NaN,
                    MetricsExtractor.r2(first, second, weights, size));
        }
        double roc = Utils.missingValue();
        double pr = Utils.missingValue();
        if (size > 0) {
            Areas areas = new Areas(size);
            walk(areas);
            roc = areas.rocArea();
            pr = areas.prArea();
        }
        return MetricsExtractor.extract(evaluation, header.classAttribute(), positiveIndex, roc, pr, null);
    }

    /**
     * Weka's threshold curve of the positive class, point by point in Weka's order (rising threshold), as the {@code
     * ThresholdCurve} attributes of the same names; null for a numeric class or without rows. It holds 4 doubles per
     * distinct probability; build it only when drawing the curves.
     */
    public ThresholdPoints thresholdCurve() {
        if (!nominal || size == 0) {
            return null;
        }
        Points points = new Points(size);
        walk(points);
        return points.result();
    }

    /**
     * A threshold curve's points.
     *
     * @param fpRate false positive rate per point
     * @param tpRate true positive rate (recall) per point
     * @param precision precision per point
     * @param size the number of points
     * @param rocArea Weka's area under the ROC curve
     * @param prArea Weka's area under the precision-recall curve
     */
    public record ThresholdPoints(
            double[] fpRate, double[] tpRate, double[] precision, int size, double rocArea, double prArea) {}

    private interface PointSink {
        void point(TwoClassStats stats);
    }

    private double weight(int i) {
        return weights == null ? 1 : weights[i];
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

        ThresholdPoints result() {
            double roc = rocArea();
            double pr = prArea();
            return new ThresholdPoints(fpRate, tpRate, precision, n, roc, pr);
        }
    }
}
