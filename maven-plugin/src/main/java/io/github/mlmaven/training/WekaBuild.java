package io.github.mlmaven.training;

import weka.classifiers.Classifier;

/** Weka's own {@code buildClassifier}: the last strategy, which supports every classifier and all data. */
final class WekaBuild implements FitStrategy {
    @Override
    public boolean supports(Classifier classifier, FitData data) {
        return true;
    }

    @Override
    public void fit(Classifier classifier, FitData data) throws Exception {
        classifier.buildClassifier(data.rows());
    }
}
