package io.github.mlmaven.evaluation;

import io.github.mlmaven.common.InvalidInputException;
import weka.classifiers.Classifier;
import weka.classifiers.evaluation.Evaluation;
import weka.classifiers.misc.InputMappedClassifier;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Evaluates a trained model on test rows given one at a time, in bounded memory, with the {@link Metrics} that {@link
 * Evaluator#evaluate} gives on the same rows in the same order.
 *
 * <p>A Weka {@link Evaluation} with {@code setDiscardPredictions(true)} counts Weka's running sums; the figures that
 * need the predictions (the curves' areas, r2) are computed from compact arrays ({@link ScoredRows}: 9 bytes per row for
 * a nominal class, 16 for a numeric one, 8 more with weights other than 1).
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
    private final WekaTally evaluation;
    private final ScoredRows scores;

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
            this.evaluation = new WekaTally(this.header);
        } catch (Exception e) {
            throw new InvalidInputException("cannot evaluate on this header: " + e.getMessage(), e);
        }
        evaluation.setDiscardPredictions(true);
        this.scores = new ScoredRows(nominal);
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
            scores.addNominal(distribution[positiveIndex], row.classValue() == positiveIndex, row.weight());
        } else if (!row.classIsMissing() && !Utils.isMissingValue(predicted)) {
            // as ScoredRows.ofNumeric, which skips predictions with a missing actual or predicted value
            scores.addNumeric(row.classValue(), predicted, row.weight());
        }
    }

    /**
     * Tells {@code listener} each row counted from now on with its predicted distribution ({@code {predicted}} for a
     * numeric class), as {@link #add(double[], Instance)} counts it; the per-slice figures of streamed rows come from
     * these.
     */
    public void onEachRow(java.util.function.BiConsumer<double[], Instance> listener) {
        evaluation.onEachRow(listener);
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

    private Metrics computeMetrics() {
        return Metrics.of(evaluation.counts(positiveIndex, scores, null));
    }

    /**
     * Weka's threshold curve of the positive class, point by point in Weka's order (rising threshold), as the {@code
     * ThresholdCurve} attributes of the same names; null for a numeric class or without rows. It holds 4 doubles per
     * distinct probability; build it only when drawing the curves.
     */
    public ThresholdPoints thresholdCurve() {
        return scores.thresholdCurve();
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
}
