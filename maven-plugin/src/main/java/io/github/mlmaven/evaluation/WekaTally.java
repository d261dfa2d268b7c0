package io.github.mlmaven.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import weka.classifiers.evaluation.Evaluation;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Weka's {@link Evaluation}, whose running sums every engine fills (each row through Weka's own bookkeeping, or
 * {@link CountingEvaluation}'s subset of it) and hands on as {@link MetricCounts}.
 */
class WekaTally extends Evaluation {
    private static final long serialVersionUID = 1L;

    /** Told of each row this evaluation counts, as it counts it; null for none. */
    private transient BiConsumer<double[], Instance> rowListener;

    WekaTally(Instances data) throws Exception {
        super(data);
    }

    /**
     * Tells {@code listener} each row's predicted distribution (for a numeric class, {@code {predicted}}) and the row,
     * in the order this evaluation counts them: every way Weka's evaluation counts a row (its own {@code evaluateModel}
     * and {@code crossValidateModel}, a replayed fold) goes through {@link #evaluationForSingleInstance(double[],
     * Instance, boolean)}, so whoever listens sees exactly the predictions the figures were computed from.
     */
    void onEachRow(BiConsumer<double[], Instance> listener) {
        this.rowListener = listener;
    }

    @Override
    public double evaluationForSingleInstance(double[] dist, Instance instance, boolean storePredictions)
            throws Exception {
        double predicted = super.evaluationForSingleInstance(dist, instance, storePredictions);
        if (rowListener != null) {
            rowListener.accept(dist, instance);
        }
        return predicted;
    }

    /**
     * What this evaluation counted, with the compact predictions the curves and r2 need.
     *
     * @param curve the positive class's threshold curve if already walked, else null
     */
    MetricCounts counts(int positiveIndex, ScoredRows scores, StreamingEvaluation.ThresholdPoints curve) {
        MetricCounts.Sums sums = new MetricCounts.Sums(
                m_Correct,
                m_WithClass,
                m_Unclassified,
                m_SumSqrErr,
                m_SumAbsErr,
                m_SumClass,
                m_SumSqrClass,
                m_SumPredicted,
                m_SumSqrPredicted,
                m_SumClassPredicted);
        if (!m_ClassIsNominal) {
            return new MetricCounts(MetricName.ClassType.NUMERIC, positiveIndex, List.of(), null, sums, scores, null);
        }
        List<String> labels = new ArrayList<>();
        for (int c = 0; c < m_NumClasses; c++) {
            labels.add(m_Header.classAttribute().value(c));
        }
        return new MetricCounts(
                MetricName.ClassType.NOMINAL, positiveIndex, labels, confusionMatrix(), sums, scores, curve);
    }

    /**
     * {@link #counts(int, ScoredRows, StreamingEvaluation.ThresholdPoints)} with the compact predictions taken from the
     * predictions this evaluation kept.
     */
    MetricCounts counts(int positiveIndex) {
        ScoredRows scores = m_ClassIsNominal
                ? ScoredRows.ofNominal(predictions(), positiveIndex)
                : ScoredRows.ofNumeric(predictions());
        return counts(positiveIndex, scores, null);
    }
}
