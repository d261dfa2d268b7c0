package io.github.mlmaven.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
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
 * prediction is handed on in row order ({@link #score}): to a single {@link Evaluation} through its public
 * {@code evaluationForSingleInstance(dist, row, true)}, which is what {@code evaluateModel} itself does for a
 * {@code BatchPredictor} ({@link #evaluate}), or to {@link CountingEvaluation}. The statistics are therefore accumulated
 * in the same order with the same values: identical to the sequential evaluation. The calling thread hands the rows of
 * each chunk on as soon as the chunk is scored, and scores chunks itself while the next one is not ready, so the
 * single-threaded bookkeeping overlaps the scoring.
 */
final class ParallelScoring {
    private ParallelScoring() {}

    /**
     * Whether {@link #evaluate} applies: enough rows, more than one thread, and no classifier whose per-row evaluation
     * does more than predict (interval estimators, input-mapped classifiers).
     */
    static boolean applies(Classifier model, Instances test, EvaluationTuning tuning, long modelBytes) {
        boolean scorer = NaiveBayesScorer.of(model).isPresent(); // shared by all threads: no copies
        return (tuning.threads() > 1 || scorer)
                && test.numInstances() >= tuning.minParallelRows()
                && (modelBytes <= tuning.maxCopyBytes() || scorer)
                && test.classAttribute().isNominal()
                && !(model instanceof IntervalEstimator)
                && !(model instanceof InputMappedClassifier);
    }

    /** Receives a row's predicted distribution, row after row in order, on the thread that called {@link #score}. */
    @FunctionalInterface
    interface ScoredRow {
        void accept(int row, double[] distribution) throws Exception;
    }

    /** Weka's {@code evaluateModel} with the predictions made on several cores: the same statistics. */
    static void evaluate(Evaluation evaluation, Classifier model, Instances test, EvaluationTuning tuning)
            throws Exception {
        score(model, test, tuning, (i, distribution) -> {
            evaluation.evaluationForSingleInstance(distribution, test.instance(i), true);
        });
    }

    /**
     * Predicts every row of {@code test} on the tuning's cores and hands the distributions to {@code sink} in row
     * order, each chunk as soon as it and those before it are scored.
     */
    static void score(Classifier model, Instances test, EvaluationTuning tuning, ScoredRow sink) throws Exception {
        int threads = tuning.threads();
        int chunkRows = tuning.chunkRows();
        int rows = test.numInstances();
        int chunks = (rows + chunkRows - 1) / chunkRows;
        double[][] distributions = new double[rows][];
        AtomicIntegerArray scored = new AtomicIntegerArray(chunks);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads - 1), runnable -> {
            Thread thread = new Thread(runnable, "ml-scoring");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            NaiveBayesScorer scorer = NaiveBayesScorer.of(model).orElse(null);
            // every copy is made before any thread predicts: copying a model while it predicts can corrupt the copy
            List<Classifier> copies = new ArrayList<>();
            for (int t = 1; t < threads; t++) {
                copies.add(scorer != null ? null : AbstractClassifier.makeCopy(model));
            }
            for (Classifier copy : copies) {
                futures.add(pool.submit(() -> {
                    for (int chunk = next.getAndIncrement(); chunk < chunks; chunk = next.getAndIncrement()) {
                        scoreChunk(copy, scorer, test, chunk, chunkRows, distributions);
                        scored.set(chunk, 1);
                    }
                    return null;
                }));
            }
            // this thread hands each chunk to the evaluation, in row order, as soon as it is scored, and scores
            // chunks itself while the next one to hand on is not ready yet
            for (int fed = 0; fed < chunks; fed++) {
                while (scored.get(fed) == 0) {
                    int chunk = next.getAndIncrement();
                    if (chunk < chunks) {
                        scoreChunk(model, scorer, test, chunk, chunkRows, distributions);
                        scored.set(chunk, 1);
                    } else {
                        awaitHelpers(futures, scored, fed);
                    }
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while evaluating");
                }
                int to = Math.min(rows, (fed + 1) * chunkRows);
                for (int i = fed * chunkRows; i < to; i++) {
                    sink.accept(i, distributions[i]);
                    distributions[i] = null;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Waits until chunk {@code chunk}, which a helper is scoring, is scored; rethrows a helper's failure, and stops when
     * this thread is interrupted.
     */
    private static void awaitHelpers(List<Future<?>> futures, AtomicIntegerArray scored, int chunk) throws Exception {
        while (scored.get(chunk) == 0) {
            for (Future<?> future : futures) {
                if (future.isDone()) {
                    try {
                        future.get();
                    } catch (ExecutionException e) {
                        throw e.getCause() instanceof Exception cause ? cause : e;
                    }
                }
            }
            LockSupport.parkNanos(20_000);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for the scoring threads");
            }
        }
    }

    /** Scores the rows of chunk {@code chunk}. */
    private static void scoreChunk(
            Classifier model, NaiveBayesScorer scorer, Instances test, int chunk, int chunkRows, double[][] out)
            throws Exception {
        int from = chunk * chunkRows;
        score(model, scorer, test, from, Math.min(test.numInstances(), from + chunkRows), out);
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
