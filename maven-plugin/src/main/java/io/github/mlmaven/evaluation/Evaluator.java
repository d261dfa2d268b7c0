package io.github.mlmaven.evaluation;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import java.util.List;
import java.util.Random;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.classifiers.evaluation.Prediction;
import weka.core.Instances;

/** Runs Weka's own {@link Evaluation}, so that the figures equal Weka's command line on the same data and split. */
public final class Evaluator {
    private Evaluator() {}

    /** Evaluates a trained model on test rows. */
    public static Metrics onTestData(Classifier model, Instances test, int positiveIndex) {
        return evaluate(model, test, positiveIndex).metrics();
    }

    /** Metrics and the predictions they were computed from, one per row in row order. */
    public record Evaluated(Metrics metrics, List<Prediction> predictions) {}

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
            Evaluation evaluation = new Evaluation(test);
            int threads = Runtime.getRuntime().availableProcessors();
            if (ParallelScoring.applies(model, test, threads, modelBytes)) {
                ParallelScoring.evaluate(evaluation, model, test, threads);
            } else {
                evaluation.evaluateModel(model, test);
            }
            return new Evaluated(
                    MetricsExtractor.extract(evaluation, test.classAttribute(), positiveIndex),
                    evaluation.predictions());
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

    /** {@link #crossValidate} with the predictions of the refitted folds, for the report's curves. */
    public static Evaluated crossValidateEvaluated(
            Classifier untrained, Instances data, int folds, long seed, int positiveIndex) {
        if (folds < 2 || folds > data.numInstances()) {
            throw new InvalidConfigurationException(
                    "folds",
                    "<folds> is " + folds + "; it must be between 2 and the number of rows (" + data.numInstances()
                            + ")");
        }
        try {
            Evaluation evaluation = new Evaluation(data);
            evaluation.crossValidateModel(untrained, data, folds, new Random(seed));
            return new Evaluated(
                    MetricsExtractor.extract(evaluation, data.classAttribute(), positiveIndex),
                    evaluation.predictions());
        } catch (Exception e) {
            throw new InvalidInputException("cross-validation failed: " + e.getMessage(), e);
        }
    }
}
