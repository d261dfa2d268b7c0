package io.github.mlmaven.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import weka.classifiers.evaluation.Evaluation;
import weka.classifiers.evaluation.NumericPrediction;
import weka.classifiers.evaluation.Prediction;
import weka.core.Attribute;
import weka.core.Utils;

/**
 * Reads the plugin's metrics off a finished Weka {@link Evaluation}, so every figure is Weka's own. Weka reports 0 for
 * a precision or F-measure it cannot compute; here such a metric is null. r2 is not in Weka's output: it is
 * {@code 1 - SSE/SST} over the evaluated rows with the mean of their actual values (the usual coefficient of
 * determination, as scikit-learn's r2_score).
 */
final class MetricsExtractor {
    private MetricsExtractor() {}

    static Metrics extract(Evaluation evaluation, Attribute classAttribute, int positiveIndex) throws Exception {
        if (classAttribute.isNominal()) {
            return nominal(
                    evaluation,
                    classAttribute,
                    positiveIndex,
                    evaluation.areaUnderROC(positiveIndex),
                    evaluation.areaUnderPRC(positiveIndex));
        }
        return numeric(evaluation, r2(evaluation.predictions()));
    }

    /** As {@link #extract} for an evaluation without stored predictions, given the figures that need them. */
    static Metrics extract(
            Evaluation evaluation, Attribute classAttribute, int positiveIndex, double rocAuc, double prAuc, Double r2)
            throws Exception {
        if (classAttribute.isNominal()) {
            return nominal(evaluation, classAttribute, positiveIndex, rocAuc, prAuc);
        }
        return numeric(evaluation, r2);
    }

    private static Metrics nominal(Evaluation e, Attribute classAttribute, int p, double rocAuc, double prAuc) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(MetricName.ACCURACY.id(), defined(e.pctCorrect() / 100.0));
        Double precision = precision(e, p);
        Double recall = recall(e, p);
        values.put(MetricName.PRECISION.id(), precision);
        values.put(MetricName.RECALL.id(), recall);
        values.put(MetricName.F1.id(), f1(e, p, precision, recall));
        values.put(MetricName.ROC_AUC.id(), defined(rocAuc));
        values.put(MetricName.PR_AUC.id(), defined(prAuc));
        values.put(MetricName.MCC.id(), defined(e.matthewsCorrelationCoefficient(p)));
        values.put(MetricName.KAPPA.id(), defined(e.kappa()));

        Map<String, Metrics.ClassMetrics> perClass = new LinkedHashMap<>();
        List<String> labels = new ArrayList<>();
        for (int c = 0; c < classAttribute.numValues(); c++) {
            labels.add(classAttribute.value(c));
            Double pc = precision(e, c);
            Double rc = recall(e, c);
            perClass.put(
                    classAttribute.value(c),
                    new Metrics.ClassMetrics(pc, rc, f1(e, c, pc, rc), e.numTruePositives(c) + e.numFalseNegatives(c)));
        }
        double[][] matrix = e.confusionMatrix();
        List<List<Double>> counts = new ArrayList<>();
        for (double[] row : matrix) {
            List<Double> r = new ArrayList<>();
            for (double v : row) {
                r.add(v);
            }
            counts.add(r);
        }
        return new Metrics(
                MetricName.ClassType.NOMINAL,
                classAttribute.value(p),
                values,
                perClass,
                new Metrics.ConfusionMatrix(labels, counts),
                Math.round(e.numInstances()));
    }

    private static Metrics numeric(Evaluation e, Double r2) throws Exception {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(MetricName.RMSE.id(), defined(e.rootMeanSquaredError()));
        values.put(MetricName.MAE.id(), defined(e.meanAbsoluteError()));
        values.put(MetricName.R2.id(), r2);
        values.put(MetricName.CORRELATION.id(), defined(e.correlationCoefficient()));
        return new Metrics(MetricName.ClassType.NUMERIC, null, values, Map.of(), null, Math.round(e.numInstances()));
    }

    private static Double precision(Evaluation e, int c) {
        return e.numTruePositives(c) + e.numFalsePositives(c) == 0 ? null : defined(e.precision(c));
    }

    private static Double recall(Evaluation e, int c) {
        return e.numTruePositives(c) + e.numFalseNegatives(c) == 0 ? null : defined(e.recall(c));
    }

    private static Double f1(Evaluation e, int c, Double precision, Double recall) {
        return precision == null || recall == null ? null : defined(e.fMeasure(c));
    }

    static Double r2(List<Prediction> predictions) {
        if (predictions == null) {
            return null;
        }
        int n = 0;
        double[] actual = new double[predictions.size()];
        double[] predicted = new double[predictions.size()];
        double[] weight = new double[predictions.size()];
        for (Prediction p : predictions) {
            if (usable(p)) {
                actual[n] = p.actual();
                predicted[n] = p.predicted();
                weight[n] = p.weight();
                n++;
            }
        }
        return r2(actual, predicted, weight, n);
    }

    /**
     * r2 over the first {@code n} usable rows (actual and predicted not missing); {@code weight} null means every weight
     * is 1.
     */
    static Double r2(double[] actual, double[] predicted, double[] weight, int n) {
        double sumW = 0;
        double sumY = 0;
        for (int i = 0; i < n; i++) {
            double w = weight == null ? 1 : weight[i];
            sumW += w;
            sumY += w * actual[i];
        }
        if (sumW == 0) {
            return null;
        }
        double mean = sumY / sumW;
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < n; i++) {
            double w = weight == null ? 1 : weight[i];
            sse += w * (actual[i] - predicted[i]) * (actual[i] - predicted[i]);
            sst += w * (actual[i] - mean) * (actual[i] - mean);
        }
        return sst == 0 ? null : 1 - sse / sst;
    }

    private static boolean usable(Prediction p) {
        return p instanceof NumericPrediction
                && !Utils.isMissingValue(p.actual())
                && !Utils.isMissingValue(p.predicted());
    }

    private static Double defined(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
    }
}
