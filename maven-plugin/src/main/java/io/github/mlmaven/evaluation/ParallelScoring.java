package io.github.mlmaven.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.IntervalEstimator;
import weka.classifiers.evaluation.Evaluation;
import weka.classifiers.misc.InputMappedClassifier;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Weka's {@code Evaluation.evaluateModel} on several cores: the costly part, the model's predictions, is computed in
 * parallel (one copy of the model per extra thread, since Weka's classifiers are not thread-safe), then every
 * prediction is handed to a single {@link Evaluation} in row order through its public
 * {@code evaluationForSingleInstance(dist, row, true)}, which is what {@code evaluateModel} itself does for a
 * {@code BatchPredictor}. The statistics are therefore accumulated in the same order with the same values: identical
 * to the sequential evaluation.
 */
final class ParallelScoring {
    /** Below this many rows the thread hand-off costs more than it saves. */
    static final int MIN_ROWS = 20_000;
    /** Larger models are not copied: a copy costs time and memory of its own. */
    static final long MAX_COPY_BYTES = 64L << 20;
    /** Rows handed to a thread at a time: threads take chunks as they free up, so a slowed one takes fewer. */
    static final int CHUNK_ROWS = 4_096;

    private ParallelScoring() {}

    /**
     * Whether {@link #evaluate} applies: enough rows, more than one thread, and no classifier whose per-row evaluation
     * does more than predict (interval estimators, input-mapped classifiers).
     */
    static boolean applies(Classifier model, Instances test, int threads, long modelBytes) {
        boolean scorer = NaiveBayesScorer.of(model).isPresent(); // shared by all threads: no copies
        return (threads > 1 || scorer)
                && test.numInstances() >= MIN_ROWS
                && (modelBytes <= MAX_COPY_BYTES || scorer)
                && test.classAttribute().isNominal()
                && !(model instanceof IntervalEstimator)
                && !(model instanceof InputMappedClassifier);
    }

    static void evaluate(Evaluation evaluation, Classifier model, Instances test, int threads) throws Exception {
        int rows = test.numInstances();
        double[][] distributions = new double[rows][];
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads - 1), runnable -> {
            Thread thread = new Thread(runnable, "ml-scoring");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            NaiveBayesScorer scorer = NaiveBayesScorer.of(model).orElse(null);
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            // every copy is made before any thread predicts: copying a model while it predicts can corrupt the copy
            List<Classifier> copies = new ArrayList<>();
            for (int t = 1; t < threads; t++) {
                copies.add(scorer != null ? null : AbstractClassifier.makeCopy(model));
            }
            for (Classifier copy : copies) {
                futures.add(pool.submit(() -> {
                    scoreChunks(copy, scorer, test, next, distributions);
                    return null;
                }));
            }
            scoreChunks(model, scorer, test, next, distributions);
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < rows; i++) {
            evaluation.evaluationForSingleInstance(distributions[i], test.instance(i), true);
            distributions[i] = null;
        }
    }

    /** Scores chunks of rows, the next one not yet taken each time, until none is left. */
    private static void scoreChunks(
            Classifier model,
            NaiveBayesScorer scorer,
            Instances test,
            java.util.concurrent.atomic.AtomicInteger next,
            double[][] out)
            throws Exception {
        int rows = test.numInstances();
        for (int from = next.getAndAdd(CHUNK_ROWS); from < rows; from = next.getAndAdd(CHUNK_ROWS)) {
            score(model, scorer, test, from, Math.min(rows, from + CHUNK_ROWS), out);
        }
    }

    /**
     * As Weka's evaluation predicts: on a copy of the row whose class is missing (the NaiveBayes scorer never reads
     * the class, so it takes the row itself).
     */
    private static void score(
            Classifier model, NaiveBayesScorer scorer, Instances test, int from, int to, double[][] out)
            throws Exception {
        for (int i = from; i < to; i++) {
            Instance row = test.instance(i);
            if (scorer != null) {
                out[i] = scorer.distribution(row);
                continue;
            }
            Instance classMissing = (Instance) row.copy();
            classMissing.setDataset(test);
            classMissing.setClassMissing();
            out[i] = model.distributionForInstance(classMissing);
        }
    }
}
