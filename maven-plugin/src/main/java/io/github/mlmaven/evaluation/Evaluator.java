package io.github.mlmaven.evaluation;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import java.util.List;
import java.util.function.BiConsumer;
import weka.classifiers.Classifier;
import weka.classifiers.evaluation.Evaluation;
import weka.classifiers.evaluation.Prediction;
import weka.core.Instance;
import weka.core.Instances;

/** Runs Weka's own {@link Evaluation}, so that the figures equal Weka's command line on the same data and split. */
public final class Evaluator {
    private Evaluator() {}

    /** Evaluates a trained model on test rows. */
    public static Metrics onTestData(Classifier model, Instances test, int positiveIndex) {
        return evaluate(model, test, positiveIndex).metrics();
    }

    /**
     * Metrics and the predictions they were computed from, one per row in row order, with the positive class's
     * threshold curve when it was computed along (null otherwise).
     */
    public record Evaluated(Metrics metrics, List<Prediction> predictions, StreamingEvaluation.ThresholdPoints curve) {
        public Evaluated(Metrics metrics, List<Prediction> predictions) {
            this(metrics, predictions, null);
        }
    }

    /** Evaluates a trained model on test rows and keeps its predictions, for pairing with another model's. */
    public static Evaluated evaluate(Classifier model, Instances test, int positiveIndex) {
        return evaluate(model, test, positiveIndex, Long.MAX_VALUE);
    }

    /**
     * {@link #evaluate(Classifier, Instances, int)} on all cores when the model's serialized size ({@code modelBytes})
     * makes copies of it cheap; the figures are identical either way (see ParallelScoring).
     */
    public static Evaluated evaluate(Classifier model, Instances test, int positiveIndex, long modelBytes) {
        return evaluate(model, test, positiveIndex, modelBytes, EvaluationTuning.defaults());
    }

    /**
     * {@link #evaluate(Classifier, Instances, int, long)} with the given use of the machine: on several cores through
     * {@link CountingEvaluation} (or, without a positive class, Weka's evaluation fed in row order) where {@link
     * ParallelScoring#applies}, else Weka's own {@code evaluateModel}. The figures are identical either way.
     */
    public static Evaluated evaluate(
            Classifier model, Instances test, int positiveIndex, long modelBytes, EvaluationTuning tuning) {
        try {
            boolean parallel = ParallelScoring.applies(model, test, tuning, modelBytes);
            if (parallel && positiveIndex >= 0) {
                return CountingEvaluation.evaluate(model, test, positiveIndex, tuning);
            }
            WekaTally evaluation = new WekaTally(test);
            if (parallel) {
                ParallelScoring.evaluate(evaluation, model, test, tuning);
            } else {
                evaluation.evaluateModel(model, test);
            }
            return evaluated(evaluation, positiveIndex);
        } catch (Exception e) {
            throw new InvalidInputException("evaluating the model failed: " + e.getMessage(), e);
        }
    }

    /**
     * The metrics of a finished evaluation, with the positive class's threshold curve: from compact arrays, as Weka's
     * ThresholdCurve would make a data set of every prediction, twice.
     */
    private static Evaluated evaluated(WekaTally evaluation, int positiveIndex) {
        if (!evaluation.getHeader().classAttribute().isNominal() || positiveIndex < 0) {
            return new Evaluated(Metrics.of(evaluation.counts(positiveIndex)), evaluation.predictions());
        }
        ScoredRows scores = ScoredRows.ofNominal(evaluation.predictions(), positiveIndex);
        StreamingEvaluation.ThresholdPoints curve = scores.thresholdCurve();
        return new Evaluated(
                Metrics.of(evaluation.counts(positiveIndex, scores, curve)), evaluation.predictions(), curve);
    }

    /**
     * k-fold cross-validation exactly as {@code Evaluation.crossValidateModel(classifier, data, folds, new
     * Random(seed))}, which is what Weka's CLI runs for {@code -x folds -s seed}.
     */
    public static Metrics crossValidate(Classifier untrained, Instances data, int folds, long seed, int positiveIndex) {
        return crossValidateEvaluated(untrained, data, folds, seed, positiveIndex)
                .metrics();
    }

    /**
     * {@link #crossValidate} with the predictions of the refitted folds, for the report's curves; the folds run in
     * parallel on every core (fewer for a classifier that is itself multi-threaded), see {@link
     * #crossValidateEvaluated(Classifier, Instances, int, long, int, int)}.
     */
    public static Evaluated crossValidateEvaluated(
            Classifier untrained, Instances data, int folds, long seed, int positiveIndex) {
        return crossValidateEvaluated(untrained, data, folds, seed, positiveIndex, EvaluationTuning.defaults());
    }

    /**
     * {@link #crossValidateEvaluated(Classifier, Instances, int, long, int)}, telling {@code rowListener} (when not
     * null) each row with the distribution the fold that held it out predicted, as it is counted.
     */
    public static Evaluated crossValidateEvaluated(
            Classifier untrained,
            Instances data,
            int folds,
            long seed,
            int positiveIndex,
            BiConsumer<double[], Instance> rowListener) {
        return crossValidateEvaluated(
                untrained,
                data,
                folds,
                seed,
                positiveIndex,
                CrossValidation.parallelism(
                        untrained, EvaluationTuning.defaults().threads()),
                rowListener);
    }

    /** {@link #crossValidateEvaluated(Classifier, Instances, int, long, int)} on the tuning's cores. */
    public static Evaluated crossValidateEvaluated(
            Classifier untrained, Instances data, int folds, long seed, int positiveIndex, EvaluationTuning tuning) {
        return crossValidateEvaluated(
                untrained, data, folds, seed, positiveIndex, CrossValidation.parallelism(untrained, tuning.threads()));
    }

    /**
     * {@link #crossValidate} training and evaluating up to {@code parallelism} folds at once. The metrics and the
     * predictions (in their order) are identical to those of Weka's sequential {@code crossValidateModel} with the same
     * seed, whatever the parallelism: the folds are cut in Weka's order from the same random sequence and their
     * predictions are fed back into one evaluation in fold order.
     */
    public static Evaluated crossValidateEvaluated(
            Classifier untrained, Instances data, int folds, long seed, int positiveIndex, int parallelism) {
        return crossValidateEvaluated(untrained, data, folds, seed, positiveIndex, parallelism, null);
    }

    /**
     * {@link #crossValidateEvaluated(Classifier, Instances, int, long, int, int)}, telling {@code rowListener} (when
     * not null) each row with the distribution the fold that held it out predicted, in the order they are counted: the
     * per-slice figures are computed from these.
     */
    public static Evaluated crossValidateEvaluated(
            Classifier untrained,
            Instances data,
            int folds,
            long seed,
            int positiveIndex,
            int parallelism,
            BiConsumer<double[], Instance> rowListener) {
        if (folds < 2 || folds > data.numInstances()) {
            throw new InvalidConfigurationException(
                    "folds",
                    "<folds> is " + folds + "; it must be between 2 and the number of rows (" + data.numInstances()
                            + ")");
        }
        try {
            WekaTally evaluation = CrossValidation.run(untrained, data, folds, seed, parallelism, rowListener);
            return new Evaluated(Metrics.of(evaluation.counts(positiveIndex)), evaluation.predictions());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidInputException("cross-validation was interrupted", e);
        } catch (Exception e) {
            throw new InvalidInputException("cross-validation failed: " + e.getMessage(), e);
        }
    }
}
