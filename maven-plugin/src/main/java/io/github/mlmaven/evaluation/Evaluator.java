package io.github.mlmaven.evaluation;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import java.util.List;
import weka.classifiers.Classifier;
import weka.classifiers.evaluation.Evaluation;
import weka.classifiers.evaluation.Prediction;
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
        try {
            int threads = Runtime.getRuntime().availableProcessors();
            boolean parallel = ParallelScoring.applies(model, test, threads, modelBytes);
            if (parallel && positiveIndex >= 0) {
                return CountingEvaluation.evaluate(model, test, positiveIndex, threads);
            }
            Evaluation evaluation = new Evaluation(test);
            if (parallel) {
                ParallelScoring.evaluate(evaluation, model, test, threads);
            } else {
                evaluation.evaluateModel(model, test);
            }
            // ROC and PR areas from compact arrays: Weka's ThresholdCurve makes a data set of every prediction, twice
            StreamingEvaluation.ThresholdPoints curve =
                    StreamingEvaluation.curveOf(test, evaluation.predictions(), positiveIndex);
            Metrics metrics = curve == null
                    ? MetricsExtractor.extract(evaluation, test.classAttribute(), positiveIndex)
                    : MetricsExtractor.extract(
                            evaluation, test.classAttribute(), positiveIndex, curve.rocArea(), curve.prArea(), null);
            return new Evaluated(metrics, evaluation.predictions(), curve);
        } catch (Exception e) {
            throw new InvalidInputException("evaluating the model failed: " + e.getMessage(), e);
        }
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
        return crossValidateEvaluated(
                untrained, data, folds, seed, positiveIndex, CrossValidation.defaultParallelism(untrained));
    }

    /**
     * {@link #crossValidate} training and evaluating up to {@code parallelism} folds at once. The metrics and the
     * predictions (in their order) are identical to those of Weka's sequential {@code crossValidateModel} with the same
     * seed, whatever the parallelism: the folds are cut in Weka's order from the same random sequence and their
     * predictions are fed back into one evaluation in fold order.
     */
    public static Evaluated crossValidateEvaluated(
            Classifier untrained, Instances data, int folds, long seed, int positiveIndex, int parallelism) {
        if (folds < 2 || folds > data.numInstances()) {
            throw new InvalidConfigurationException(
                    "folds",
                    "<folds> is " + folds + "; it must be between 2 and the number of rows (" + data.numInstances()
                            + ")");
        }
        try {
            Evaluation evaluation = CrossValidation.run(untrained, data, folds, seed, parallelism);
            return new Evaluated(
                    MetricsExtractor.extract(evaluation, data.classAttribute(), positiveIndex),
                    evaluation.predictions());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidInputException("cross-validation was interrupted", e);
        } catch (Exception e) {
            throw new InvalidInputException("cross-validation failed: " + e.getMessage(), e);
        }
    }
}
