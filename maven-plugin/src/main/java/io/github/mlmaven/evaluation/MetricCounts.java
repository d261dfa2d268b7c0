package io.github.mlmaven.evaluation;

import java.util.List;

/**
 * Everything a metric is computed from, as an evaluation engine filled it: Weka's running sums over the evaluated rows
 * (the confusion matrix and the weights with a class, correct and unclassified for a nominal class; the sums of errors,
 * actual and predicted values for a numeric one) and the compact predictions the curves and r2 need ({@link
 * ScoredRows}). The engines only fill this object; every figure is computed from it by a {@link MetricName}.
 *
 * <p>The per-class counts below are Weka 3.8.7's ({@code numTruePositives}, {@code numFalsePositives}, ...) with the
 * same operations in the same order, so that the figures computed from them are Weka's bit for bit.
 */
final class MetricCounts {
    private final MetricName.ClassType classType;
    private final int positiveIndex;
    private final List<String> labels;
    private final double[][] confusion;
    private final Sums sums;
    private final ScoredRows scores;
    private StreamingEvaluation.ThresholdPoints curve;
    private double[] areas;
    /** r2 when it was computed from merged sums rather than from {@link #scores}. */
    private Double mergedR2;

    private boolean r2Merged;

    /**
     * Weka's running sums ({@code m_Correct}, {@code m_WithClass}, ... of its {@code Evaluation}).
     *
     * @param withClass the weight of the evaluated rows with a class
     * @param unclassified the weight of those the model gave no prediction for
     */
    record Sums(
            double correct,
            double withClass,
            double unclassified,
            double sumSqrErr,
            double sumAbsErr,
            double sumClass,
            double sumSqrClass,
            double sumPredicted,
            double sumSqrPredicted,
            double sumClassPredicted) {}

    /**
     * @param labels the class values, in the header's order; empty for a numeric class
     * @param confusion rows actual, columns predicted; null for a numeric class
     * @param scores the compact predictions (of the positive class for a nominal class)
     * @param curve the positive class's threshold curve when it is already known (its areas are then not walked again)
     */
    MetricCounts(
            MetricName.ClassType classType,
            int positiveIndex,
            List<String> labels,
            double[][] confusion,
            Sums sums,
            ScoredRows scores,
            StreamingEvaluation.ThresholdPoints curve) {
        this.classType = classType;
        this.positiveIndex = positiveIndex;
        this.labels = labels;
        this.confusion = confusion;
        this.sums = sums;
        this.scores = scores;
        this.curve = curve;
    }

    MetricName.ClassType classType() {
        return classType;
    }

    /** The class binary metrics are for; meaningless for a numeric class. */
    int positiveIndex() {
        return positiveIndex;
    }

    List<String> labels() {
        return labels;
    }

    int numClasses() {
        return labels.size();
    }

    /** Cell {@code [actual][predicted]} of the (weighted) confusion matrix. */
    double cell(int actual, int predicted) {
        return confusion[actual][predicted];
    }

    double[][] confusionMatrix() {
        return confusion;
    }

    Sums sums() {
        return sums;
    }

    ScoredRows scores() {
        return scores;
    }

    /** Weka's {@code numPositives(c)}: the weight of the rows of class {@code c}, in column order. */
    double positives(int c) {
        double sum = 0;
        for (int j = 0; j < numClasses(); j++) {
            sum += confusion[c][j];
        }
        return sum;
    }

    /** Weka's {@code numPredictedPositives(c)}, in row order. */
    double predictedPositives(int c) {
        double sum = 0;
        for (int i = 0; i < numClasses(); i++) {
            sum += confusion[i][c];
        }
        return sum;
    }

    double truePositives(int c) {
        return confusion[c][c];
    }

    double falsePositives(int c) {
        return predictedPositives(c) - truePositives(c);
    }

    double falseNegatives(int c) {
        return positives(c) - truePositives(c);
    }

    /** Weka's {@code numNegatives(c)}: the classified rows not of class {@code c}. */
    double negatives(int c) {
        return sums.withClass() - sums.unclassified() - positives(c);
    }

    double trueNegatives(int c) {
        return negatives(c) - falsePositives(c);
    }

    /** Weka's {@code precision(c)}; null when nothing was predicted as {@code c} (Weka gives 0 there). */
    Double precision(int c) {
        return truePositives(c) + falsePositives(c) == 0 ? null : defined(truePositives(c) / predictedPositives(c));
    }

    /** Weka's {@code recall(c)}; null when no row of class {@code c} was evaluated. */
    Double recall(int c) {
        return truePositives(c) + falseNegatives(c) == 0 ? null : defined(truePositives(c) / positives(c));
    }

    /** Weka's {@code fMeasure(c)}; null when precision or recall is. */
    Double f1(int c) {
        Double precision = precision(c);
        Double recall = recall(c);
        if (precision == null || recall == null) {
            return null;
        }
        double p = truePositives(c) / predictedPositives(c);
        double r = truePositives(c) / positives(c);
        return defined(p == 0 && r == 0 ? 0 : 2 * p * r / (p + r));
    }

    /**
     * Sets r2 as computed from partitions' merged sums ({@link MergedEvaluation}), whose {@link #scores} hold no rows.
     */
    MetricCounts withMergedR2(Double r2) {
        this.mergedR2 = r2;
        this.r2Merged = true;
        return this;
    }

    boolean r2Merged() {
        return r2Merged;
    }

    Double mergedR2() {
        return mergedR2;
    }

    /** Weka's ROC area of the positive class (a missing value without rows). */
    double rocArea() {
        return curve != null ? curve.rocArea() : areas()[0];
    }

    /** Weka's precision-recall area of the positive class (a missing value when it is 0 or without rows). */
    double prArea() {
        return curve != null ? curve.prArea() : areas()[1];
    }

    private double[] areas() {
        if (areas == null) {
            areas = scores.areas();
        }
        return areas;
    }

    /** The value, or null for NaN and the infinities (a figure that is undefined on the data). */
    static Double defined(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
    }
}
