package io.github.mlmaven.evaluation;

import io.github.mlmaven.training.Training;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.ConditionalDensityEstimator;
import weka.classifiers.IntervalEstimator;
import weka.classifiers.ParallelIteratedSingleClassifierEnhancer;
import weka.classifiers.evaluation.Evaluation;
import weka.classifiers.misc.InputMappedClassifier;
import weka.core.BatchPredictor;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * k-fold cross-validation with the folds trained and evaluated in parallel, giving the very {@link Evaluation} that
 * Weka 3.8.7's {@code Evaluation.crossValidateModel(classifier, data, folds, new Random(seed))} gives, to the last bit.
 *
 * <p>As Weka: the data is copied, randomized with the shared {@link Random} and stratified for a nominal class; fold
 * {@code i}'s training set is {@code trainCV(folds, i, random)}, which randomizes it again with the same {@code Random},
 * so the training sets are cut here on the calling thread, strictly in fold order. Each fold then trains its own copy of
 * the classifier ({@link AbstractClassifier#makeCopy}) on a pool thread and records the predicted distributions of its
 * test rows exactly as {@code evaluateModel} obtains them; the class priors of its training set are taken with Weka's
 * own {@code setPriors}. Finally the folds are replayed in fold order into one evaluation: priors of fold {@code i},
 * then each test row's distribution through {@code evaluationForSingleInstance}. That is the sequence of floating-point
 * operations of the sequential run, so every statistic, the predictions and their order are identical.
 *
 * <p>At most {@code parallelism} training sets (and classifiers being trained) are alive at once: a fold is cut only
 * when a worker is free. Done folds keep only their test distributions (and, for a numeric class, their training class
 * values, which Weka's priors hold too) until they are replayed.
 */
final class CrossValidation {
    private CrossValidation() {}

    /** The parallelism that uses {@code cores} without oversubscribing a classifier that is itself multi-threaded. */
    static int parallelism(Classifier classifier, int cores) {
        return Math.max(1, cores / executionSlots(classifier, cores));
    }

    private static int executionSlots(Classifier classifier, int cores) {
        if (classifier instanceof ParallelIteratedSingleClassifierEnhancer parallel) {
            int slots = parallel.getNumExecutionSlots();
            // Weka: 0 means one per core, 1 (or less) sequential
            return slots == 0 ? cores : Math.max(1, slots);
        }
        return 1;
    }

    /**
     * Cross-validates; with {@code parallelism <= 1}, or where the replay cannot reproduce Weka (string or relational
     * attributes, whose values live in shared headers; an input-mapped classifier; a numeric class with an interval
     * or density estimator, whose extra statistics need the model), it is Weka's own sequential method.
     */
    static WekaTally run(Classifier untrained, Instances data, int folds, long seed, int parallelism) throws Exception {
        return run(untrained, data, folds, seed, parallelism, null);
    }

    /**
     * {@link #run(Classifier, Instances, int, long, int)}, telling {@code rowListener} (when not null) each row's
     * prediction by the fold that held the row out, in the order the evaluation counts them.
     */
    static WekaTally run(
            Classifier untrained,
            Instances data,
            int folds,
            long seed,
            int parallelism,
            java.util.function.BiConsumer<double[], Instance> rowListener)
            throws Exception {
        ReplayEvaluation evaluation = new ReplayEvaluation(data);
        evaluation.onEachRow(rowListener);
        int threads = Math.min(parallelism, folds);
        if (threads <= 1 || !replayable(untrained, data)) {
            evaluation.crossValidateModel(untrained, data, folds, new Random(seed));
            return evaluation;
        }
        Random random = new Random(seed);
        Instances randomized = new Instances(data);
        randomized.randomize(random);
        if (randomized.classAttribute().isNominal()) {
            randomized.stratify(folds);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        Semaphore free = new Semaphore(threads);
        List<Future<Fold>> pending = new ArrayList<>(folds);
        int replayed = 0;
        try {
            for (int i = 0; i < folds; i++) {
                free.acquire();
                // consumes the shared Random exactly as crossValidateModel does, in fold order
                Instances train = randomized.trainCV(folds, i, random);
                Instances test = randomized.testCV(folds, i);
                Classifier copy = AbstractClassifier.makeCopy(untrained);
                pending.add(pool.submit(() -> {
                    try {
                        return Fold.of(copy, train, test);
                    } finally {
                        free.release();
                    }
                }));
                while (replayed < pending.size() && pending.get(replayed).isDone()) {
                    replay(evaluation, pending, replayed, randomized, folds);
                    replayed++;
                }
            }
            while (replayed < folds) {
                replay(evaluation, pending, replayed, randomized, folds);
                replayed++;
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw e;
        } finally {
            pending.stream().filter(f -> f != null).forEach(f -> f.cancel(true));
            pool.shutdownNow();
        }
        evaluation.setNumFolds(folds);
        return evaluation;
    }

    private static boolean replayable(Classifier classifier, Instances data) {
        if (data.checkForStringAttributes() || data.checkForAttributeType(weka.core.Attribute.RELATIONAL)) {
            return false;
        }
        if (classifier instanceof InputMappedClassifier) {
            return false;
        }
        return data.classAttribute().isNominal()
                || !(classifier instanceof IntervalEstimator || classifier instanceof ConditionalDensityEstimator);
    }

    private static void replay(
            ReplayEvaluation evaluation, List<Future<Fold>> pending, int index, Instances randomized, int folds)
            throws Exception {
        Fold fold = pending.get(index).get();
        pending.set(index, null);
        evaluation.restorePriors(fold.priors());
        // the test rows of fold i, as testCV cuts them
        int n = randomized.numInstances();
        int size = n / folds;
        int offset;
        if (index < n % folds) {
            size++;
            offset = index;
        } else {
            offset = n % folds;
        }
        int first = index * (n / folds) + offset;
        for (int j = 0; j < size; j++) {
            evaluation.replay(fold.distributions()[j], randomized.instance(first + j), fold.batch());
        }
    }

    /** One trained fold: its training priors and its test rows' predicted distributions, in test order. */
    private record Fold(Priors priors, double[][] distributions, boolean batch) {
        static Fold of(Classifier classifier, Instances train, Instances test) throws Exception {
            ReplayEvaluation priors = new ReplayEvaluation(new Instances(train, 0));
            priors.setPriors(train);
            Training.folds().fit(classifier, train);
            // as Evaluation.evaluateModel obtains them (NaiveBayes with the same arithmetic, without its garbage)
            NaiveBayesScorer scorer = NaiveBayesScorer.of(classifier).orElse(null);
            if (scorer != null) {
                double[][] distributions = new double[test.numInstances()][];
                for (int i = 0; i < test.numInstances(); i++) {
                    distributions[i] = scorer.distribution(test.instance(i));
                }
                return new Fold(priors.snapshotPriors(), distributions, false);
            }
            if (classifier instanceof BatchPredictor batch && batch.implementsMoreEfficientBatchPrediction()) {
                Instances withoutClass = new Instances(test);
                for (int i = 0; i < withoutClass.numInstances(); i++) {
                    withoutClass.instance(i).setClassMissing();
                }
                return new Fold(priors.snapshotPriors(), batch.distributionsForInstances(withoutClass), true);
            }
            double[][] distributions = new double[test.numInstances()][];
            for (int i = 0; i < test.numInstances(); i++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                Instance classMissing = (Instance) test.instance(i).copy();
                classMissing.setDataset(test);
                classMissing.setClassMissing();
                distributions[i] = classifier.distributionForInstance(classMissing);
            }
            return new Fold(priors.snapshotPriors(), distributions, false);
        }
    }

    /** Weka's priors state after {@code setPriors(train)}. */
    private record Priors(
            double[] classPriors,
            double classPriorsSum,
            int numTrainClassVals,
            double[] trainClassVals,
            double[] trainClassWeights,
            double minTarget,
            double maxTarget) {}

    /** Weka's evaluation, able to take a fold's priors and a recorded distribution. */
    private static final class ReplayEvaluation extends WekaTally {
        private static final long serialVersionUID = 1L;

        ReplayEvaluation(Instances data) throws Exception {
            super(data);
        }

        Priors snapshotPriors() {
            return new Priors(
                    m_ClassPriors.clone(),
                    m_ClassPriorsSum,
                    m_NumTrainClassVals,
                    m_TrainClassVals,
                    m_TrainClassWeights,
                    m_MinTarget,
                    m_MaxTarget);
        }

        /** The state {@code setPriors(train)} leaves, without the training rows. */
        void restorePriors(Priors priors) {
            m_NoPriors = false;
            System.arraycopy(priors.classPriors(), 0, m_ClassPriors, 0, m_ClassPriors.length);
            m_ClassPriorsSum = priors.classPriorsSum();
            m_MinTarget = priors.minTarget();
            m_MaxTarget = priors.maxTarget();
            if (!m_ClassIsNominal) {
                m_NumTrainClassVals = priors.numTrainClassVals();
                m_TrainClassVals = priors.trainClassVals();
                m_TrainClassWeights = priors.trainClassWeights();
                m_PriorEstimator = null;
            }
        }

        /** What {@code evaluateModel} does with one test row's distribution. */
        void replay(double[] distribution, Instance instance, boolean batch) throws Exception {
            double predicted = evaluationForSingleInstance(distribution, instance, true);
            // the per-row path of evaluateModel also notes that a numeric model is no interval or density estimator
            // (replayable() leaves those to Weka)
            if (!batch && !m_ClassIsNominal && !instance.classIsMissing() && !Utils.isMissingValue(predicted)) {
                m_CoverageStatisticsAvailable = false;
                m_ComplexityStatisticsAvailable = false;
            }
        }

        void setNumFolds(int folds) {
            m_NumFolds = folds;
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "ml-cv-fold-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
