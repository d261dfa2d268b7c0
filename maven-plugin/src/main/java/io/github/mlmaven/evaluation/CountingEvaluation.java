package io.github.mlmaven.evaluation;

import java.util.AbstractList;
import java.util.RandomAccess;
import weka.classifiers.Classifier;
import weka.classifiers.evaluation.Evaluation;
import weka.classifiers.evaluation.NominalPrediction;
import weka.classifiers.evaluation.Prediction;
import weka.core.Instance;
import weka.core.Instances;

/**
 * The evaluation of a nominal class on rows scored on all cores ({@link ParallelScoring}), without the part of Weka's
 * per-row bookkeeping that no reported metric reads. Weka's {@code updateStatsForClassifier} also keeps margins,
 * entropies, numeric error scores and the coverage of confidence regions (a sort and three arrays per row); here each
 * row adds only to what a nominal {@link MetricCounts} holds: the confusion matrix and the weights with and without a
 * class, correct, incorrect and unclassified. They are added in row order with Weka's own operations (the fields are
 * Weka's: this is an {@link Evaluation}), so every metric computed from them is Weka's bit for bit. The predictions are
 * kept as arrays, seen as Weka's list of {@link NominalPrediction}s, and the threshold curve is computed from the same
 * arrays.
 */
final class CountingEvaluation extends WekaTally {
    private static final long serialVersionUID = 1L;

    private CountingEvaluation(Instances data) throws Exception {
        super(data);
    }

    /**
     * Scores {@code test} on the tuning's cores and evaluates the predictions; for a nominal class with a positive class
     * ({@code positiveIndex >= 0}), where {@link ParallelScoring#applies} holds.
     */
    static Evaluator.Evaluated evaluate(Classifier model, Instances test, int positiveIndex, EvaluationTuning tuning)
            throws Exception {
        CountingEvaluation counts = new CountingEvaluation(test);
        int rows = test.numInstances();
        double[][] distributions = new double[rows][];
        double[] actual = new double[rows];
        double[] weights = new double[rows];
        ParallelScoring.score(model, test, tuning, (i, distribution) -> {
            Instance row = test.instance(i);
            counts.count(distribution, row);
            distributions[i] = distribution;
            actual[i] = row.classValue();
            weights[i] = row.weight();
        });
        ScoredRows scores = ScoredRows.ofNominal(distributions, actual, weights, positiveIndex);
        StreamingEvaluation.ThresholdPoints curve = scores.thresholdCurve();
        Metrics metrics = Metrics.of(counts.counts(positiveIndex, scores, curve));
        return new Evaluator.Evaluated(metrics, new Predictions(distributions, actual, weights), curve);
    }

    /** What {@code updateStatsForClassifier} adds for one row to the fields the metrics read, nothing else. */
    private void count(double[] distribution, Instance row) {
        double weight = row.weight();
        if (row.classIsMissing()) {
            m_MissingClass += weight;
            return;
        }
        int actualClass = (int) row.classValue();
        int predictedClass = -1; // the first class of highest probability, none if all are 0
        double bestProb = 0.0;
        for (int i = 0; i < m_NumClasses; i++) {
            if (distribution[i] > bestProb) {
                predictedClass = i;
                bestProb = distribution[i];
            }
        }
        m_WithClass += weight;
        if (predictedClass < 0) {
            m_Unclassified += weight;
            return;
        }
        m_ConfusionMatrix[actualClass][predictedClass] += weight;
        if (predictedClass != actualClass) {
            m_Incorrect += weight;
        } else {
            m_Correct += weight;
        }
    }

    /** Predictions kept as arrays, each seen as the {@link NominalPrediction} Weka's evaluation stores for it. */
    private static final class Predictions extends AbstractList<Prediction> implements RandomAccess {
        private final double[][] distributions;
        private final double[] actual;
        private final double[] weights;

        Predictions(double[][] distributions, double[] actual, double[] weights) {
            this.distributions = distributions;
            this.actual = actual;
            this.weights = weights;
        }

        @Override
        public Prediction get(int index) {
            return new NominalPrediction(actual[index], distributions[index], weights[index]);
        }

        @Override
        public int size() {
            return actual.length;
        }
    }
}
