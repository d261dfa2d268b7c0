package io.github.mlmaven.training;

import weka.classifiers.Classifier;
import weka.classifiers.UpdateableBatchProcessor;
import weka.classifiers.UpdateableClassifier;
import weka.classifiers.bayes.NaiveBayes;
import weka.core.Instance;
import weka.core.Instances;

/** Fits a configured classifier to training rows the way Weka's command line does, as fast as it allows. */
public final class Training {
    private Training() {}

    /** How a classifier is fitted; recorded in the log so that a reader knows which path ran. */
    public enum Method {
        /**
         * Weka's {@code buildClassifier}; for J48 on rows of weight 1 without missing values, the same tree with each
         * node's candidate splits evaluated on every core (see ParallelJ48), and for Logistic the same coefficients
         * with its likelihood and gradient computed on every core (see ParallelLogistic).
         */
        BATCH,
        /** {@code buildClassifier} on the header, then {@code updateClassifier} row by row, as Weka's CLI does. */
        INCREMENTAL,
        /** Weka's NaiveBayes fitted without its data copies and object sorts (see NaiveBayesFit). */
        NAIVE_BAYES_FAST
    }

    public static Method methodFor(Classifier classifier) {
        if (NaiveBayesFit.supports(classifier)) {
            return Method.NAIVE_BAYES_FAST;
        }
        return classifier instanceof UpdateableClassifier ? Method.INCREMENTAL : Method.BATCH;
    }

    /**
     * Fits {@code classifier} to {@code data}. An {@link UpdateableClassifier} is trained incrementally from an empty
     * header, as Weka's CLI trains it ({@code -t} without {@code -force-batch-training}), so the model equals the
     * CLI's and the one a streamed training gives (NaiveBayesUpdateable, for one, keeps its default precision then).
     */
    public static void fit(Classifier classifier, Instances data) throws Exception {
        switch (methodFor(classifier)) {
            case NAIVE_BAYES_FAST -> NaiveBayesFit.fit((NaiveBayes) classifier, data);
            case INCREMENTAL -> {
                classifier.buildClassifier(new Instances(data, 0));
                UpdateableClassifier updateable = (UpdateableClassifier) classifier;
                for (Instance row : data) {
                    updateable.updateClassifier(row);
                }
                finish(classifier);
            }
            case BATCH -> {
                int threads = Runtime.getRuntime().availableProcessors();
                if (ParallelJ48.supports(classifier, data, threads)) {
                    ParallelJ48.fit((weka.classifiers.trees.J48) classifier, data, threads);
                } else if (ParallelLogistic.supports(classifier, data, threads)) {
                    ParallelLogistic.fit((weka.classifiers.functions.Logistic) classifier, data, threads);
                } else {
                    classifier.buildClassifier(data);
                }
            }
        }
    }

    /**
     * Fits {@code classifier} in one go, as Weka's {@code buildClassifier} (what cross-validation does for every fold,
     * updateable or not), with NaiveBayes through {@link NaiveBayesFit}: the same model without Weka's copies and
     * sorts, its estimators' sums in row order rather than Weka's sorted order (a difference in the last binary digit);
     * J48, where the tree cannot depend on row order, through {@link ParallelJ48} on the calling thread alone (its
     * radix sorts; the folds of a cross-validation already share the cores), Weka's tree node for node.
     */
    public static void fitBatch(Classifier classifier, Instances data) throws Exception {
        if (NaiveBayesFit.supports(classifier)) {
            NaiveBayesFit.fit((NaiveBayes) classifier, data);
        } else if (ParallelJ48.supports(classifier, data, 1)) {
            // one thread: the folds already share the cores
            ParallelJ48.fit((weka.classifiers.trees.J48) classifier, data, 1);
        } else {
            classifier.buildClassifier(data);
        }
    }

    /** Ends an incremental training: classifiers that buffer work (UpdateableBatchProcessor) complete it here. */
    public static void finish(Classifier classifier) throws Exception {
        if (classifier instanceof UpdateableBatchProcessor processor) {
            processor.batchFinished();
        }
    }
}
