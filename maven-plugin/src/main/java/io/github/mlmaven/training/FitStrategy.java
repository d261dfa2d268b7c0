package io.github.mlmaven.training;

import weka.classifiers.Classifier;

/**
 * One way of fitting a classifier. {@link Training} asks its strategies in order and fits with the first that supports
 * the classifier and the data; the last, Weka's own {@code buildClassifier}, supports everything. A strategy other
 * than that last one must give the model Weka's {@code buildClassifier} (or, for an updateable classifier, Weka's
 * command line) gives, and report {@code supports == false} whenever it cannot: another classifier configuration,
 * data it does not handle alike, or a Weka whose internal fields it needs are missing ({@code WekaInternals}).
 */
interface FitStrategy {
    boolean supports(Classifier classifier, FitData data);

    void fit(Classifier classifier, FitData data) throws Exception;
}
