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
 * The test oracle of the metric definitions: the plugin's metrics read off a finished Weka {@link Evaluation} through
 * Weka's own public methods ({@code precision(p)}, {@code kappa()}, {@code areaUnderROC(p)}, ...), so every figure is
 * Weka's own; the engines' {@link Metrics} must equal these bit for bit. Weka reports 0 for a precision or F-measure
 * it cannot compute; here such a metric is null. r2 is not in Weka's output: it is {@code 1 - SSE/SST} over the
 * evaluated rows with the mean of their actual values (the usual coefficient of determination, as scikit-learn's
 * r2_score). A nominal metric Weka has no method for is its definition applied to the counts Weka's public methods
 * give; a numeric one without a reference here fails every test that uses this oracle.
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
        for (MetricName metric : MetricName.forClassType(MetricName.ClassType.NOMINAL)) {
            values.put(metric.id(), nominal(metric, e, p, rocAuc, prAuc));
        }

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

    /** Weka's own figure for a metric of a nominal class. */
    private static Double nominal(MetricName metric, Evaluation e, int p, double rocAuc, double prAuc) {
        switch (metric) {
            case ACCURACY:
                return defined(e.pctCorrect() / 100.0);
            case PRECISION:
                return precision(e, p);
            case RECALL:
                return recall(e, p);
            case F1:
                return f1(e, p, precision(e, p), recall(e, p));
            case ROC_AUC:
                return defined(rocAuc);
            case PR_AUC:
                return defined(prAuc);
            case MCC:
                return defined(e.matthewsCorrelationCoefficient(p));
            case KAPPA:
                return defined(e.kappa());
            default:
                // a metric Weka has no method for: its definition on the counts Weka's public methods give (its own
                // test holds the definition to the figure computed by hand from Weka's confusion matrix)
                return metric.valueOf(countsOf(e, p));
        }
    }

    /** A nominal class's counts as Weka's public methods give them. */
    private static MetricCounts countsOf(Evaluation e, int p) {
        List<String> labels = new ArrayList<>();
        for (int c = 0; c < e.getHeader().numClasses(); c++) {
            labels.add(e.getHeader().classAttribute().value(c));
        }
        MetricCounts.Sums sums =
                new MetricCounts.Sums(e.correct(), e.numInstances(), e.unclassified(), 0, 0, 0, 0, 0, 0, 0);
        return new MetricCounts(
                MetricName.ClassType.NOMINAL,
                p,
                labels,
                e.confusionMatrix(),
                sums,
                ScoredRows.ofNominal(e.predictions(), p),
                null);
    }

    private static Metrics numeric(Evaluation e, Double r2) throws Exception {
        Map<String, Double> values = new LinkedHashMap<>();
        for (MetricName metric : MetricName.forClassType(MetricName.ClassType.NUMERIC)) {
            values.put(
                    metric.id(),
                    switch (metric) {
                        case RMSE -> defined(e.rootMeanSquaredError());
                        case MAE -> defined(e.meanAbsoluteError());
                        case R2 -> r2;
                        case CORRELATION -> defined(e.correlationCoefficient());
                        default ->
                            throw new AssertionError("no Weka reference for " + metric.id() + " in MetricsExtractor");
                    });
        }
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
