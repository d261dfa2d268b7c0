package io.github.mlmaven.training;

import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.weka.WekaInternals;
import java.util.List;
import weka.classifiers.Classifier;
import weka.classifiers.UpdateableBatchProcessor;
import weka.classifiers.UpdateableClassifier;
import weka.core.Instances;

/**
 * Fits a configured classifier to training rows the way Weka's command line does, as fast as it allows: the one
 * dispatcher of the plugin's fits, for a training and for every fold of a cross-validation. It asks an ordered list of
 * {@link FitStrategy strategies} and fits with the first that supports the classifier and the data: NaiveBayes by
 * columns ({@link NaiveBayesFit}), J48 and Logistic on every core ({@link ParallelJ48}, {@link ParallelLogistic}), an
 * updateable classifier row by row ({@link IncrementalFit}), and anything else by Weka's own {@code buildClassifier}
 * ({@link WekaBuild}). Each gives Weka's model; the faster ones step aside when the Weka on the class path lacks a
 * field they set ({@link WekaInternals}), which the first fit reports in one warning.
 */
public final class Training {
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

    private final List<FitStrategy> strategies;
    private final WekaInternals internals;
    private final MlLog log;

    /** A training's fits: every strategy, {@code tuning}'s threads, the fields that {@code internals} found. */
    public Training(FitTuning tuning, WekaInternals internals, MlLog log) {
        this(
                List.of(
                        new NaiveBayesFit(internals, tuning),
                        new ParallelJ48(internals, tuning),
                        new ParallelLogistic(internals, tuning),
                        new IncrementalFit(),
                        new WekaBuild()),
                internals,
                log);
    }

    private Training(List<FitStrategy> strategies, WekaInternals internals, MlLog log) {
        this.strategies = strategies;
        this.internals = internals;
        this.log = log;
    }

    /** The default tuning on the Weka of the class path, its warning (if any) to {@code log}. */
    public static Training standard(MlLog log) {
        return new Training(FitTuning.defaults(), WekaInternals.shared(), log);
    }

    /** {@link #standard(MlLog)} without a log, for tests and library use. */
    public static Training standard() {
        return standard(MlLog.SILENT);
    }

    /** The fits of cross-validation folds, with the default tuning: see {@link #folds(FitTuning, WekaInternals)}. */
    public static Training folds() {
        return folds(FitTuning.defaults(), WekaInternals.shared());
    }

    /**
     * The fits of cross-validation folds: as Weka's {@code buildClassifier}, updateable or not (what Weka's
     * cross-validation does for every fold), and on one thread each, for the folds already share the cores. NaiveBayes
     * by columns gives the same model without Weka's copies and sorts, its estimators' sums in row order rather than
     * Weka's sorted order (a difference in the last binary digit); J48, where the tree cannot depend on row order, gains
     * its radix sorts on the calling thread alone, Weka's tree node for node; Logistic (on enough rows) its matrix
     * without the filters' copies, Weka's coefficients to the bit.
     */
    public static Training folds(FitTuning tuning, WekaInternals internals) {
        FitTuning oneThread = tuning.withThreads(1);
        return new Training(
                List.of(
                        new NaiveBayesFit(internals, oneThread),
                        new ParallelJ48(internals, oneThread),
                        new ParallelLogistic(internals, oneThread),
                        new WekaBuild()),
                internals,
                MlLog.SILENT);
    }

    /** Fits {@code classifier} to {@code data} with the first strategy that supports both. */
    public void fit(Classifier classifier, Instances data) throws Exception {
        fit(classifier, new FitData.Rows(data));
    }

    /** Fits {@code classifier} to rows kept as columns ({@link NaiveBayesColumns#supports} said it can). */
    public void fit(Classifier classifier, NaiveBayesColumns data) throws Exception {
        fit(classifier, new FitData.Columns(data));
    }

    private void fit(Classifier classifier, FitData data) throws Exception {
        if (log != MlLog.SILENT) {
            // a fit nobody hears (a fold, a test) does not use up the one warning
            internals.warnOnce(log::warn);
        }
        strategyFor(classifier, data).fit(classifier, data);
    }

    /** The strategy that fits {@code classifier} to {@code data}: the first that supports them. */
    FitStrategy strategyFor(Classifier classifier, FitData data) {
        for (FitStrategy strategy : strategies) {
            if (strategy.supports(classifier, data)) {
                return strategy;
            }
        }
        throw new IllegalStateException(
                "no fit strategy supports " + classifier.getClass().getName());
    }

    /**
     * How a training fits {@code classifier}, known before its rows are read (an updateable classifier is then
     * trained as the files are read).
     */
    public static Method methodFor(Classifier classifier) {
        if (NaiveBayesFit.handles(WekaInternals.shared(), classifier)) {
            return Method.NAIVE_BAYES_FAST;
        }
        return classifier instanceof UpdateableClassifier ? Method.INCREMENTAL : Method.BATCH;
    }

    /** Ends an incremental training: classifiers that buffer work (UpdateableBatchProcessor) complete it here. */
    public static void finish(Classifier classifier) throws Exception {
        if (classifier instanceof UpdateableBatchProcessor processor) {
            processor.batchFinished();
        }
    }
}
