package io.github.mlmaven.evaluation;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.training.Training;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.core.Instances;

/**
 * Weka's {@code Evaluation.crossValidateModel(classifier, data, folds, new Random(seed))} as independent tasks, one
 * per fold: {@link #cut} makes the folds' training and test sets exactly as Weka does (on one thread, in fold order,
 * since each {@code trainCV} shuffles with the shared {@link Random}); {@link #evaluate} trains a copy of the classifier
 * on a fold's training set and evaluates it on the fold's test rows, with the priors of that training set, as {@code
 * crossValidateModel} sets them per fold; {@link MergedEvaluation#ofFolds} merges the folds in fold order. The figures
 * are those of {@link Evaluator#crossValidateEvaluated}: Weka's cross-validation merges its folds' counts in the same
 * order, and the per-fold fits are the plugin's fold fits ({@link Training#folds()}), the same models.
 *
 * <p>The data set is cut where it is whole (Weka's folds are a random stratified permutation of all rows), so this
 * distributes the training, not the reading.
 */
public final class CrossValidationFolds {
    private CrossValidationFolds() {}

    /**
     * One fold of a cross-validation.
     *
     * @param index the fold's number, from 0, which is its place in the merge
     * @param train the rows the fold's model is trained on
     * @param test the rows it is evaluated on
     */
    public record Fold(int index, Instances train, Instances test) implements Serializable {}

    /** The folds of {@code crossValidateModel(classifier, data, folds, new Random(seed))}, in fold order. */
    public static List<Fold> cut(Instances data, int folds, long seed) {
        if (folds < 2 || folds > data.numInstances()) {
            throw new InvalidConfigurationException(
                    "folds",
                    "<folds> is " + folds + "; it must be between 2 and the number of rows (" + data.numInstances()
                            + ")");
        }
        Random random = new Random(seed);
        Instances randomized = new Instances(data);
        randomized.randomize(random);
        if (randomized.classAttribute().isNominal()) {
            randomized.stratify(folds);
        }
        List<Fold> result = new ArrayList<>(folds);
        for (int i = 0; i < folds; i++) {
            // consumes the shared Random as crossValidateModel does, in fold order
            Instances train = randomized.trainCV(folds, i, random);
            result.add(new Fold(i, train, randomized.testCV(folds, i)));
        }
        return result;
    }

    /**
     * Trains a copy of {@code untrained} on the fold's training rows and evaluates it on its test rows with the
     * training rows' priors.
     */
    public static PartitionEvaluation evaluate(Classifier untrained, Fold fold, int positiveIndex) {
        Classifier model;
        try {
            model = AbstractClassifier.makeCopy(untrained);
            Training.folds().fit(model, fold.train());
        } catch (Exception e) {
            throw new InvalidInputException(
                    "training the model of cross-validation fold " + fold.index() + " failed: " + e.getMessage(), e);
        }
        return PartitionEvaluation.of(model, fold.test(), ClassPriors.of(fold.train()), positiveIndex);
    }
}
