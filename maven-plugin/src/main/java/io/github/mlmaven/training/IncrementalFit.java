package io.github.mlmaven.training;

import weka.classifiers.Classifier;
import weka.classifiers.UpdateableClassifier;
import weka.core.Instance;
import weka.core.Instances;

/**
 * An {@link UpdateableClassifier} trained as Weka's command line trains it ({@code -t} without {@code
 * -force-batch-training}): {@code buildClassifier} on the empty header, then {@code updateClassifier} row by row, so
 * the model equals the CLI's and the one a streamed training gives (NaiveBayesUpdateable, for one, keeps its default
 * precision then). Not used for cross-validation folds, which Weka fits with {@code buildClassifier}.
 */
final class IncrementalFit implements FitStrategy {
    @Override
    public boolean supports(Classifier classifier, FitData data) {
        return classifier instanceof UpdateableClassifier;
    }

    @Override
    public void fit(Classifier classifier, FitData data) throws Exception {
        Instances rows = data.rows();
        classifier.buildClassifier(new Instances(rows, 0));
        UpdateableClassifier updateable = (UpdateableClassifier) classifier;
        for (Instance row : rows) {
            updateable.updateClassifier(row);
        }
        Training.finish(classifier);
    }
}
