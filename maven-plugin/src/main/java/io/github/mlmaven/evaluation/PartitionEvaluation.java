package io.github.mlmaven.evaluation;

import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.RadixSort;
import java.io.Serializable;
import java.util.Arrays;
import weka.classifiers.Classifier;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * One partition's share of an evaluation that {@link MergedEvaluation} completes: a trained model evaluated on some of
 * the test rows, kept as counts so that it can cross the network (Java-serializable) whatever the number of rows.
 *
 * <p>It holds:
 *
 * <ul>
 *   <li>Weka's own {@link weka.classifiers.evaluation.Evaluation} of the rows, filled by Weka's {@code evaluateModel}
 *       with its predictions discarded: the confusion matrix and Weka's running sums, whose size does not grow with
 *       the rows. Its class priors are the whole set's ({@link ClassPriors}), set before any row is counted, because
 *       {@code AggregateableEvaluation} keeps the priors of the evaluation it aggregates last and Weka's relative
 *       errors are computed with them;
 *   <li>for a nominal class, the positive class's predicted probabilities as per-score counts: each distinct
 *       probability with the weight of the positive and of the other rows that got it (24 bytes per distinct
 *       probability: a tree's few leaves give a few counts, a probability that differs on every row gives one count
 *       per row). Weka's ROC and precision-recall areas depend on the predictions only through these counts (its
 *       threshold curve emits one point per distinct probability, from the weights summed up to it);
 *   <li>for a numeric class, what r2 needs: the weight, the mean and the sum of squared deviations of the actual values
 *       and the sum of squared errors over the rows with an actual and a predicted value (partition-wise moments,
 *       which {@link MergedEvaluation} combines with Chan's pairwise update).
 * </ul>
 *
 * <p>Whether each row was predicted right is kept too, for McNemar's test against another model on the same rows
 * ({@link McNemarCounts#of}); it is transient: pair the two evaluations in the partition's task, then ship the counts.
 */
public final class PartitionEvaluation implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final byte NO_CLASS = 0;
    private static final byte RIGHT = 1;
    private static final byte WRONG = 2;

    private final PartitionTally tally;
    private final ClassPriors priors;
    private final int positiveIndex;
    /** Nominal class: the positive class's per-score counts; null for a numeric class. */
    private final ScoreCounts scoreCounts;
    /** Numeric class: what r2 needs; null for a nominal class. */
    private final RegressionMoments moments;
    /** Per row in row order, whether the model was right (nominal class); not shipped. */
    private final transient byte[] outcomes;

    private PartitionEvaluation(
            PartitionTally tally,
            ClassPriors priors,
            int positiveIndex,
            ScoreCounts scoreCounts,
            RegressionMoments moments,
            byte[] outcomes) {
        this.tally = tally;
        this.priors = priors;
        this.positiveIndex = positiveIndex;
        this.scoreCounts = scoreCounts;
        this.moments = moments;
        this.outcomes = outcomes;
    }

    /**
     * Evaluates a trained model on one partition's rows, as {@link Evaluator#evaluate(Classifier, Instances, int)}
     * evaluates the whole set.
     *
     * @param model the trained model (not changed; Weka's classifiers are not thread-safe: one task, one copy)
     * @param rows the partition's rows with the test header (the class set); may be empty
     * @param priors the class priors of the whole set, the same in every partition: to equal {@link Evaluator} (whose
     *     Weka evaluation is built from the test rows) those of the whole test set, to equal Weka's command line with
     *     {@code -t train -T test} those of the whole training set
     * @param positiveIndex the class value binary metrics and curves are for (nominal class, required); ignored for a
     *     numeric class
     */
    public static PartitionEvaluation of(Classifier model, Instances rows, ClassPriors priors, int positiveIndex) {
        if (rows.classIndex() < 0) {
            throw new IllegalArgumentException("the partition's rows '" + rows.relationName() + "' have no class");
        }
        boolean nominal = rows.classAttribute().isNominal();
        if (nominal && (positiveIndex < 0 || positiveIndex >= rows.numClasses())) {
            throw new IllegalArgumentException(
                    "positive class index " + positiveIndex + " is not a value of the class '"
                            + rows.classAttribute().name() + "' (0 to " + (rows.numClasses() - 1) + ")");
        }
        if (nominal != priors.isNominal() || (nominal && priors.classWeights().length != rows.numClasses())) {
            throw new IllegalArgumentException("the class priors " + priors + " do not fit the class '"
                    + rows.classAttribute().name() + "' of the partition's rows");
        }
        try {
            PartitionTally tally = new PartitionTally(new Instances(rows, 0), priors);
            Collector collector = new Collector(rows.numInstances(), nominal, positiveIndex);
            tally.onEachRow(collector::add);
            tally.evaluateModel(model, rows);
            tally.onEachRow(null);
            return new PartitionEvaluation(
                    tally,
                    priors,
                    nominal ? positiveIndex : -1,
                    nominal ? collector.scoreCounts() : null,
                    nominal ? null : collector.moments(),
                    nominal ? collector.outcomes : null);
        } catch (Exception e) {
            throw new InvalidInputException("evaluating the model on a partition failed: " + e.getMessage(), e);
        }
    }

    /** The weight of the rows with a class that were evaluated (Weka's {@code numInstances()}). */
    public double weightWithClass() {
        return tally.numInstances();
    }

    public int positiveIndex() {
        return positiveIndex;
    }

    public ClassPriors priors() {
        return priors;
    }

    /** The number of distinct positive-class probabilities (nominal class), what the score counts cost. */
    public int distinctScores() {
        return scoreCounts == null ? 0 : scoreCounts.scores().length;
    }

    PartitionTally tally() {
        return tally;
    }

    ScoreCounts scoreCounts() {
        return scoreCounts;
    }

    RegressionMoments moments() {
        return moments;
    }

    /**
     * The discordant pairs of McNemar's test of two models on one partition, as {@link
     * ChampionGate#mcnemar(java.util.List, java.util.List)} counts them on the whole set; summed over the partitions
     * ({@link #plus}) they give the whole set's.
     *
     * @param onlyCandidateRight rows the candidate classifies correctly and the champion does not
     * @param onlyChampionRight rows the champion classifies correctly and the candidate does not
     */
    public record McNemarCounts(long onlyCandidateRight, long onlyChampionRight) implements Serializable {
        /** No pair: the start of a sum. */
        public static final McNemarCounts NONE = new McNemarCounts(0, 0);

        /**
         * Pairs the two models' evaluations of the same partition rows (in the same order), in the task that made them:
         * the per-row outcomes are not serialized.
         */
        public static McNemarCounts of(PartitionEvaluation candidate, PartitionEvaluation champion) {
            byte[] ours = candidate.outcomes;
            byte[] theirs = champion.outcomes;
            if (ours == null || theirs == null) {
                throw new IllegalStateException(
                        "McNemar's counts need both evaluations of a nominal class as made in the"
                                + " partition's task (the per-row outcomes are not serialized): pair them before shipping");
            }
            if (ours.length != theirs.length) {
                throw new IllegalArgumentException("the candidate was evaluated on " + ours.length
                        + " rows and the champion on " + theirs.length + ": McNemar's test pairs the same rows");
            }
            long b = 0;
            long c = 0;
            for (int i = 0; i < ours.length; i++) {
                if (ours[i] == NO_CLASS) {
                    continue;
                }
                if (ours[i] == RIGHT && theirs[i] != RIGHT) {
                    b++;
                } else if (ours[i] != RIGHT && theirs[i] == RIGHT) {
                    c++;
                }
            }
            return new McNemarCounts(b, c);
        }

        public McNemarCounts plus(McNemarCounts other) {
            return new McNemarCounts(
                    onlyCandidateRight + other.onlyCandidateRight, onlyChampionRight + other.onlyChampionRight);
        }

        /** McNemar's exact test on these counts. */
        public McNemar test() {
            return McNemar.of(onlyCandidateRight, onlyChampionRight);
        }
    }

    /**
     * Distinct positive-class probabilities in ascending order (NaN, which Weka's sort puts last, last), each with the
     * weight of the positive rows and of the other rows that got it (rows without a class count as others, and rows
     * of negative weight as nothing, as in Weka's threshold curve; such a probability is kept with weights 0, since it
     * still makes a point of the curve).
     */
    record ScoreCounts(double[] scores, double[] positiveWeight, double[] negativeWeight) implements Serializable {
        static final ScoreCounts EMPTY = new ScoreCounts(new double[0], new double[0], new double[0]);

        /** The counts of both, this one's weights first where a probability is in both. */
        ScoreCounts plus(ScoreCounts other) {
            int n = scores.length;
            int m = other.scores.length;
            double[] s = new double[n + m];
            double[] pos = new double[n + m];
            double[] neg = new double[n + m];
            int i = 0;
            int j = 0;
            int k = 0;
            while (i < n || j < m) {
                int order = i == n ? 1 : j == m ? -1 : Double.compare(scores[i], other.scores[j]);
                if (order <= 0) {
                    s[k] = scores[i];
                    pos[k] = positiveWeight[i];
                    neg[k] = negativeWeight[i];
                    i++;
                    if (order == 0) {
                        pos[k] += other.positiveWeight[j];
                        neg[k] += other.negativeWeight[j];
                        j++;
                    }
                } else {
                    s[k] = other.scores[j];
                    pos[k] = other.positiveWeight[j];
                    neg[k] = other.negativeWeight[j];
                    j++;
                }
                k++;
            }
            return new ScoreCounts(Arrays.copyOf(s, k), Arrays.copyOf(pos, k), Arrays.copyOf(neg, k));
        }

        /**
         * The counts as rows Weka's threshold curve walks to the same points: per probability one row of the positive
         * weight and one of the other weight (one of weight 0 when both are 0). The curve sums the rows of one
         * probability before it emits a point, so it sums exactly these weights.
         */
        ScoredRows asScoredRows() {
            ScoredRows rows = new ScoredRows(true);
            for (int i = 0; i < scores.length; i++) {
                boolean any = false;
                if (positiveWeight[i] > 0) {
                    rows.addNominal(scores[i], true, positiveWeight[i]);
                    any = true;
                }
                if (negativeWeight[i] > 0 || !any) {
                    rows.addNominal(scores[i], false, negativeWeight[i]);
                }
            }
            return rows;
        }
    }

    /**
     * r2's sums over the rows with an actual and a predicted value: their weight, the weighted mean of the actual
     * values, the weighted sum of squared deviations from it and the weighted sum of squared errors.
     */
    record RegressionMoments(double weight, double mean, double deviations, double squaredErrors)
            implements Serializable {
        static final RegressionMoments EMPTY = new RegressionMoments(0, 0, 0, 0);

        /** Both sets of rows together (Chan, Golub and LeVeque's pairwise update of the deviations). */
        RegressionMoments plus(RegressionMoments other) {
            if (other.weight == 0) {
                return this;
            }
            if (weight == 0) {
                return other;
            }
            double total = weight + other.weight;
            double delta = other.mean - mean;
            return new RegressionMoments(
                    total,
                    mean + delta * other.weight / total,
                    deviations + other.deviations + delta * delta * weight * other.weight / total,
                    squaredErrors + other.squaredErrors);
        }

        /** {@code 1 - SSE/SST}; null without weight or when SST is 0, as {@link MetricName#R2}. */
        Double r2() {
            return weight == 0 || deviations == 0 ? null : 1 - squaredErrors / deviations;
        }
    }

    /** Weka's evaluation with the whole set's priors set as {@code setPriors} would set them from its rows. */
    static final class PartitionTally extends WekaTally {
        private static final long serialVersionUID = 1L;

        PartitionTally(Instances header, ClassPriors priors) throws Exception {
            super(header);
            setDiscardPredictions(true);
            m_NoPriors = false;
            if (m_ClassIsNominal) {
                // setPriors: a count of 1 per class (Laplace), then each row's weight
                m_ClassPriorsSum = m_NumClasses;
                for (int c = 0; c < m_NumClasses; c++) {
                    m_ClassPriors[c] = 1 + priors.classWeights()[c];
                    m_ClassPriorsSum += priors.classWeights()[c];
                }
            } else {
                // the class values themselves (Weka's kernel estimate of the prior, only for the SF entropies, which
                // Metrics does not hold) are not known: none is buffered
                m_NumTrainClassVals = 0;
                m_TrainClassVals = null;
                m_TrainClassWeights = null;
                m_PriorEstimator = null;
                m_MinTarget = priors.minTarget();
                m_MaxTarget = priors.maxTarget();
                m_ClassPriors[0] = priors.weightedSum();
                m_ClassPriorsSum = priors.weight();
            }
        }
    }

    /** Takes each row's prediction as the evaluation counts it. */
    private static final class Collector {
        private final boolean nominal;
        private final int positiveIndex;
        private final double[] first;
        private final double[] second;
        private final byte[] positive;
        private final double[] weights;
        private final byte[] outcomes;
        private int size;
        private int row;

        Collector(int rows, boolean nominal, int positiveIndex) {
            this.nominal = nominal;
            this.positiveIndex = positiveIndex;
            this.first = new double[rows];
            this.second = nominal ? null : new double[rows];
            this.positive = nominal ? new byte[rows] : null;
            this.weights = new double[rows];
            this.outcomes = nominal ? new byte[rows] : null;
        }

        void add(double[] distribution, Instance instance) {
            double actual = instance.classValue();
            if (nominal) {
                first[size] = distribution[positiveIndex];
                positive[size] = (byte) (actual == positiveIndex ? 1 : 0);
                weights[size++] = instance.weight();
                outcomes[row++] = Double.isNaN(actual) ? NO_CLASS : predicted(distribution) == actual ? RIGHT : WRONG;
            } else if (!Utils.isMissingValue(actual) && !Utils.isMissingValue(distribution[0])) {
                // as ScoredRows.ofNumeric, which skips predictions with a missing actual or predicted value
                first[size] = actual;
                second[size] = distribution[0];
                weights[size++] = instance.weight();
            }
        }

        /** Weka's NominalPrediction's predicted class: the first of highest probability, missing if all are 0. */
        private static double predicted(double[] distribution) {
            int predicted = -1;
            double best = 0;
            for (int c = 0; c < distribution.length; c++) {
                if (distribution[c] > best) {
                    predicted = c;
                    best = distribution[c];
                }
            }
            return predicted < 0 ? Utils.missingValue() : predicted;
        }

        ScoreCounts scoreCounts() {
            // one key for 0.0 and -0.0 and one for every NaN: Weka's curve compares with >, so they are one point;
            // the radix sort takes no NaN, which Weka's sort puts last, so those rows come last
            double[] keys = new double[size];
            int[] rowOfKey = new int[size];
            int finite = 0;
            for (int i = 0; i < size; i++) {
                double key = first[i] + 0.0;
                if (!Double.isNaN(key)) {
                    keys[finite] = key;
                    rowOfKey[finite++] = i;
                }
            }
            int[] order = RadixSort.ascendingOrder(keys, finite);
            int[] rows = new int[size];
            for (int k = 0; k < finite; k++) {
                rows[k] = rowOfKey[order[k]];
            }
            for (int i = 0, k = finite; i < size; i++) {
                if (Double.isNaN(first[i])) {
                    rows[k++] = i;
                }
            }
            double[] s = new double[size];
            double[] pos = new double[size];
            double[] neg = new double[size];
            int groups = 0;
            for (int row : rows) {
                double key = first[row] + 0.0;
                if (groups == 0 || Double.compare(s[groups - 1], key) != 0) {
                    s[groups++] = Double.isNaN(key) ? Double.NaN : key;
                }
                double w = weights[row];
                if (w >= 0) {
                    if (positive[row] == 1) {
                        pos[groups - 1] += w;
                    } else {
                        neg[groups - 1] += w;
                    }
                }
            }
            return new ScoreCounts(Arrays.copyOf(s, groups), Arrays.copyOf(pos, groups), Arrays.copyOf(neg, groups));
        }

        /** Two passes in row order, as {@link MetricName#R2} computes over all rows. */
        RegressionMoments moments() {
            double sumW = 0;
            double sumY = 0;
            for (int i = 0; i < size; i++) {
                sumW += weights[i];
                sumY += weights[i] * first[i];
            }
            if (sumW == 0) {
                return RegressionMoments.EMPTY;
            }
            double mean = sumY / sumW;
            double sse = 0;
            double sst = 0;
            for (int i = 0; i < size; i++) {
                double w = weights[i];
                double error = first[i] - second[i];
                sse += w * error * error;
                sst += w * (first[i] - mean) * (first[i] - mean);
            }
            return new RegressionMoments(sumW, mean, sst, sse);
        }
    }
}
