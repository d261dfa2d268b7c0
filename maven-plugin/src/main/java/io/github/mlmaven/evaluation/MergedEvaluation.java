package io.github.mlmaven.evaluation;

import io.github.mlmaven.common.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import weka.classifiers.evaluation.AggregateableEvaluation;
import weka.classifiers.evaluation.Evaluation;

/**
 * The evaluation of a model on a set of rows, put together from the {@link PartitionEvaluation}s of its partitions, so
 * that the rows can be evaluated where they are (a cluster's tasks) and only counts travel. Its {@link #metrics()} are
 * the {@link Metrics} that ml:validate's gates read, equal to {@link Evaluator#evaluate} on all the rows in partition
 * order:
 *
 * <ul>
 *   <li><b>Weka's counts</b> are merged by Weka itself: a {@link AggregateableEvaluation} created from the first
 *       partition's evaluation (which copies only its header and priors) aggregates every partition's, the first
 *       included, in partition order. Every partition carries the whole set's priors, so the merged priors are those
 *       too. For a nominal class every figure of {@link Metrics} comes from the confusion matrix and the weights with a
 *       class, correct and unclassified: with whole-number row weights (every row the plugin reads weighs 1) these are
 *       sums of whole numbers below 2^53, which floating point adds exactly in any order, so accuracy, precision,
 *       recall, f1, mcc, kappa, balanced accuracy and specificity are Weka's to the last bit. For a numeric class rmse,
 *       mae and correlation come from sums of fractions (squared errors, products), which Weka's aggregation adds per
 *       partition: they equal the single evaluation's up to the rounding of a different order of additions (a relative
 *       difference of about 1e-15, far below the 4 printed decimals); with one partition they are identical.
 *   <li><b>ROC and precision-recall areas</b> and the threshold curve depend on the predictions only through the
 *       weight of positive and other rows per distinct probability (Weka's {@code ThresholdCurve} emits one point per
 *       distinct probability, from the weights summed up to it, ties grouped whatever their order): the partitions'
 *       per-score counts are merged and the curve is walked by {@link ScoredRows}, the code of the local path, so with
 *       whole-number weights the points and both areas are bit-identical, ties included.
 *   <li><b>Weights that are not whole numbers</b> (an ARFF file's row weights) make every one of these sums a sum of
 *       fractions, added per partition and then across partitions rather than in row order (and, within one
 *       probability, in another order than Weka's quicksort leaves ties): the figures then equal the single
 *       evaluation's up to that rounding, about 1e-15 relative.
 *   <li><b>r2</b> comes from each partition's weight, mean, squared deviations and squared errors, combined with Chan's
 *       pairwise update: equal to the two-pass figure over all rows up to rounding (about 1e-15; identical with one
 *       partition).
 *   <li><b>McNemar's test</b> pairs two models' predictions per row in the partition's task ({@link
 *       PartitionEvaluation.McNemarCounts}); the discordant counts are whole numbers, summed exactly.
 * </ul>
 *
 * <p>Weka's other figures (relative errors, which use the priors; the SF entropies of a numeric class, which would
 * need every training class value and are therefore not available here) are on {@link #weka()}; none of them is in
 * {@link Metrics}.
 */
public final class MergedEvaluation {
    private final Merger weka;
    private final int positiveIndex;
    private final PartitionEvaluation.ScoreCounts scoreCounts;
    private final PartitionEvaluation.RegressionMoments moments;

    private MergedEvaluation(
            Merger weka,
            int positiveIndex,
            PartitionEvaluation.ScoreCounts scoreCounts,
            PartitionEvaluation.RegressionMoments moments) {
        this.weka = weka;
        this.positiveIndex = positiveIndex;
        this.scoreCounts = scoreCounts;
        this.moments = moments;
    }

    /**
     * Merges the partitions' evaluations, which must be of the same header, priors and positive class.
     *
     * @param partitions every partition's evaluation, in partition order (the order of the rows)
     */
    public static MergedEvaluation of(List<PartitionEvaluation> partitions) {
        return merge(partitions, true);
    }

    /**
     * Merges cross-validation folds evaluated by {@link CrossValidationFolds#evaluate}, each with its own training
     * set's priors (as Weka's {@code crossValidateModel} sets them per fold; Weka's aggregation then keeps the last
     * fold's, as the sequential run ends with them).
     *
     * @param folds every fold's evaluation, in fold order
     */
    public static MergedEvaluation ofFolds(List<PartitionEvaluation> folds) {
        return merge(folds, false);
    }

    private static MergedEvaluation merge(List<PartitionEvaluation> partitions, boolean samePriors) {
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("no partition to merge: evaluate at least one (it may have no rows)");
        }
        PartitionEvaluation first = partitions.get(0);
        boolean nominal = first.scoreCounts() != null;
        PartitionEvaluation.ScoreCounts scores = PartitionEvaluation.ScoreCounts.EMPTY;
        PartitionEvaluation.RegressionMoments moments = PartitionEvaluation.RegressionMoments.EMPTY;
        try {
            Merger merger = new Merger(first.tally());
            for (int p = 0; p < partitions.size(); p++) {
                PartitionEvaluation partition = partitions.get(p);
                checkFits(first, partition, p, samePriors);
                merger.aggregate(partition.tally());
                if (nominal) {
                    scores = scores.plus(partition.scoreCounts());
                } else {
                    moments = moments.plus(partition.moments());
                }
            }
            merger.finalizeAggregation();
            return new MergedEvaluation(
                    merger, first.positiveIndex(), nominal ? scores : null, nominal ? null : moments);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new InvalidInputException("merging the partitions' evaluations failed: " + e.getMessage(), e);
        }
    }

    private static void checkFits(
            PartitionEvaluation first, PartitionEvaluation partition, int index, boolean samePriors) {
        String header =
                first.tally().getHeader().equalHeadersMsg(partition.tally().getHeader());
        if (header != null) {
            throw new IllegalArgumentException("partition " + index + " was evaluated with another header than"
                    + " partition 0: " + header + "; evaluate every partition with the test header");
        }
        if (samePriors && !first.priors().equals(partition.priors())) {
            throw new IllegalArgumentException("partition " + index + " has the class priors " + partition.priors()
                    + ", partition 0 " + first.priors() + ": give every partition the whole set's priors");
        }
        if (first.positiveIndex() != partition.positiveIndex()) {
            throw new IllegalArgumentException("partition " + index + " has positive class index "
                    + partition.positiveIndex() + ", partition 0 " + first.positiveIndex());
        }
    }

    /** The figures ml:validate reports and gates on, as {@link Evaluator#evaluate} gives them on all the rows. */
    public Metrics metrics() {
        if (scoreCounts == null) {
            return Metrics.of(
                    weka.counts(positiveIndex, new ScoredRows(false), null).withMergedR2(moments.r2()));
        }
        ScoredRows scores = scoreCounts.asScoredRows();
        return Metrics.of(weka.counts(positiveIndex, scores, scores.thresholdCurve()));
    }

    /**
     * Weka's threshold curve of the positive class over all the rows, as {@link Evaluator.Evaluated#curve()} for the
     * report's ROC and precision-recall charts; null for a numeric class or without rows.
     */
    public StreamingEvaluation.ThresholdPoints thresholdCurve() {
        return scoreCounts == null ? null : scoreCounts.asScoredRows().thresholdCurve();
    }

    /** Weka's aggregated evaluation, for Weka's figures that {@link Metrics} does not hold (no predictions kept). */
    public Evaluation weka() {
        return weka;
    }

    /** Weka's {@link AggregateableEvaluation}, whose running sums are read as {@link WekaTally#counts} reads its own. */
    private static final class Merger extends AggregateableEvaluation {
        private static final long serialVersionUID = 1L;

        Merger(Evaluation first) throws Exception {
            super(first);
            setDiscardPredictions(true);
        }

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
                return new MetricCounts(
                        MetricName.ClassType.NUMERIC, positiveIndex, List.of(), null, sums, scores, null);
            }
            List<String> labels = new ArrayList<>();
            for (int c = 0; c < m_NumClasses; c++) {
                labels.add(m_Header.classAttribute().value(c));
            }
            return new MetricCounts(
                    MetricName.ClassType.NOMINAL, positiveIndex, labels, confusionMatrix(), sums, scores, curve);
        }
    }
}
