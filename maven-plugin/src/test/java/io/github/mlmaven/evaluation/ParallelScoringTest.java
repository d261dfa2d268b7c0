package io.github.mlmaven.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.evaluation.Evaluation;
import weka.core.Instances;

class ParallelScoringTest {
    static final EvaluationTuning TWO_CORES = EvaluationTuning.defaults().withThreads(2);

    @BeforeAll
    static void weka() {
        WekaEnvironment.prepare();
    }

    /** credit-g repeated (with a little noise) to more rows than the parallel path's minimum. */
    static Instances manyRows() throws Exception {
        try (BufferedReader reader = Files.newBufferedReader(Path.of("src/test/resources/datasets/credit-g.arff"))) {
            Instances base = new Instances(reader);
            base.setClassIndex(base.numAttributes() - 1);
            Instances rows = new Instances(base, EvaluationTuning.defaults().minParallelRows() + 1000);
            Random random = new Random(3);
            while (rows.numInstances() < EvaluationTuning.defaults().minParallelRows() + 1000) {
                for (int i = 0; i < base.numInstances(); i++) {
                    double[] values = base.instance(i).toDoubleArray();
                    values[1] += random.nextInt(5); // duration: some ties, some not
                    rows.add(new weka.core.DenseInstance(1.0, values));
                }
            }
            return rows;
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "weka.classifiers.bayes.NaiveBayes",
                "weka.classifiers.trees.J48",
                "weka.classifiers.functions.Logistic",
                "weka.classifiers.trees.RandomForest"
            })
    void parallelEvaluationEqualsWekasEvaluateModelExactly(String algorithm) throws Exception {
        Instances data = manyRows();
        Classifier model = AbstractClassifier.forName(
                algorithm, algorithm.endsWith("RandomForest") ? new String[] {"-I", "5"} : new String[0]);
        model.buildClassifier(new Instances(data, 0, 3000));
        int positive = data.classAttribute().indexOfValue("bad");

        Evaluation sequential = new Evaluation(data);
        sequential.evaluateModel(model, data);
        assertThat(ParallelScoring.applies(model, data, TWO_CORES, 1000)).isTrue();
        Evaluator.Evaluated parallel = Evaluator.evaluate(model, data, positive, 1000);

        Metrics expected = MetricsExtractor.extract(sequential, data.classAttribute(), positive);
        assertThat(parallel.metrics()).isEqualTo(expected);
        CountingEvaluationTest.assertSamePredictions(parallel.predictions(), sequential.predictions());
    }

    @ParameterizedTest
    @ValueSource(strings = {"credit-g.arff", "diabetes.arff", "iris.arff", "weather.nominal.arff", "unbalanced.arff"})
    void naiveBayesScorerGivesWekasDistributionsBitForBit(String dataset) throws Exception {
        Instances data;
        try (BufferedReader reader = Files.newBufferedReader(Path.of("src/test/resources/datasets", dataset))) {
            data = new Instances(reader);
        }
        data.setClassIndex(data.numAttributes() - 1);
        Random random = new Random(11);
        for (weka.core.Instance row : data) { // some missing values, and values far in the tails
            for (int a = 0; a < data.numAttributes() - 1; a++) {
                double r = random.nextDouble();
                if (r < 0.03) {
                    row.setMissing(a);
                } else if (r < 0.05 && data.attribute(a).isNumeric()) {
                    row.setValue(a, row.value(a) * (random.nextBoolean() ? 40 : -40));
                }
            }
        }
        weka.classifiers.bayes.NaiveBayes model = new weka.classifiers.bayes.NaiveBayes();
        model.buildClassifier(data);
        NaiveBayesScorer scorer = NaiveBayesScorer.of(model).orElseThrow();
        for (weka.core.Instance row : data) {
            assertThat(scorer.distribution(row)).isEqualTo(model.distributionForInstance(row));
        }
        weka.classifiers.bayes.NaiveBayesUpdateable updateable = new weka.classifiers.bayes.NaiveBayesUpdateable();
        updateable.buildClassifier(new Instances(data, 0));
        for (weka.core.Instance row : data) {
            updateable.updateClassifier(row);
        }
        NaiveBayesScorer updateableScorer = NaiveBayesScorer.of(updateable).orElseThrow();
        for (weka.core.Instance row : data) {
            assertThat(updateableScorer.distribution(row)).isEqualTo(updateable.distributionForInstance(row));
        }
        for (double z = -40; z <= 40; z += 0.0137) {
            assertThat(NaiveBayesScorer.normalProbability(z)).isEqualTo(weka.core.Statistics.normalProbability(z));
        }
        // each branch of the error functions and their edges, bit for bit
        Random sample = new Random(9);
        java.util.List<Double> edges = new java.util.ArrayList<>();
        for (double edge : new double[] {1.0, Math.sqrt(2), 8 * Math.sqrt(2), Math.sqrt(2 * 709.782712893384)}) {
            for (double e = edge - 1e-12; e <= edge + 1e-12; e = Math.nextUp(e) + 1e-14) {
                edges.add(e);
                edges.add(-e);
            }
        }
        for (int i = 0; i < 200_000; i++) {
            edges.add(sample.nextGaussian() * (i % 2 == 0 ? 1 : 15));
        }
        edges.addAll(java.util.List.of(0.0, -0.0, 1e-300, -1e-300, 1e300, -1e300));
        for (double z : edges) {
            assertThat(Double.doubleToRawLongBits(NaiveBayesScorer.normalProbability(z)))
                    .as("%s", z)
                    .isEqualTo(Double.doubleToRawLongBits(weka.core.Statistics.normalProbability(z)));
        }
    }

    @org.junit.jupiter.api.Test
    void scorerIsOnlyForPlainNaiveBayesWithNormalOrDiscreteEstimators() throws Exception {
        weka.classifiers.bayes.NaiveBayes kernel = new weka.classifiers.bayes.NaiveBayes();
        kernel.setUseKernelEstimator(true);
        assertThat(NaiveBayesScorer.of(kernel)).isEmpty();
        assertThat(NaiveBayesScorer.of(new weka.classifiers.bayes.NaiveBayesUpdateable()))
                .isEmpty();
        assertThat(NaiveBayesScorer.of(new weka.classifiers.trees.J48())).isEmpty();
    }

    private static Classifier j48Model() throws Exception {
        return AbstractClassifier.forName("weka.classifiers.trees.J48", new String[0]);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100})
    void smallDataOneThreadOrLargeModelsStaySequential(int rows) throws Exception {
        Instances data = manyRows();
        Classifier model = AbstractClassifier.forName("weka.classifiers.bayes.NaiveBayes", new String[0]);
        assertThat(ParallelScoring.applies(model, new Instances(data, 0, rows), TWO_CORES, 1000))
                .isFalse();
        assertThat(ParallelScoring.applies(j48Model(), data, TWO_CORES.withThreads(1), 1000))
                .isFalse();
        assertThat(ParallelScoring.applies(model, data, TWO_CORES, TWO_CORES.maxCopyBytes() + 1))
                .isFalse();
    }

    /** Fails on one row far into the data, as a classifier may on input it cannot handle. */
    static final class FailsOnOneRow extends weka.classifiers.rules.ZeroR {
        private static final long serialVersionUID = 1L;
        private final double failingDuration;

        FailsOnOneRow(double failingDuration) {
            this.failingDuration = failingDuration;
        }

        @Override
        public double[] distributionForInstance(weka.core.Instance row) throws Exception {
            if (row.value(1) == failingDuration) {
                throw new IllegalStateException("cannot score duration " + failingDuration);
            }
            return super.distributionForInstance(row);
        }
    }

    @Test
    void aRowThatCannotBeScoredFailsTheEvaluationWithItsError() throws Exception {
        Instances data = manyRows();
        double failing = 1e9;
        data.instance(data.numInstances() - 10).setValue(1, failing); // in the last chunk
        FailsOnOneRow model = new FailsOnOneRow(failing);
        model.buildClassifier(data);
        weka.classifiers.evaluation.Evaluation evaluation = new weka.classifiers.evaluation.Evaluation(data);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ParallelScoring.evaluate(evaluation, model, data, TWO_CORES))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot score duration 1.0E9");
    }

    /**
     * Fails on every row it scores on a helper thread, so that only the helpers' chunks fail; the calling thread first
     * pauses, so that a helper surely takes a chunk.
     */
    static final class FailsOnHelperThreads extends weka.classifiers.rules.ZeroR {
        private static final long serialVersionUID = 1L;
        private transient boolean paused;

        @Override
        public double[] distributionForInstance(weka.core.Instance row) throws Exception {
            if (Thread.currentThread().getName().equals("ml-scoring")) {
                throw new IllegalStateException("a helper cannot score");
            }
            if (!paused) {
                paused = true;
                Thread.sleep(300);
            }
            return super.distributionForInstance(row);
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void aHelperThreadsFailureIsRethrownWhileTheCallingThreadWaitsForItsChunk() throws Exception {
        Instances data = manyRows();
        FailsOnHelperThreads model = new FailsOnHelperThreads();
        model.buildClassifier(data);
        weka.classifiers.evaluation.Evaluation evaluation = new weka.classifiers.evaluation.Evaluation(data);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ParallelScoring.evaluate(evaluation, model, data, TWO_CORES))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a helper cannot score");
    }
}
