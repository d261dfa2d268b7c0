package io.github.mlmaven.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.util.List;
import java.util.Random;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.evaluation.Evaluation;
import weka.core.Instances;

/**
 * Every evaluation engine on the same small, weighted data, each with Weka's own {@link Evaluation} of the same rows:
 * Weka's {@code evaluateModel} (small data), the parallel counting path (forced on small data through {@link
 * EvaluationTuning}), the row-by-row streaming evaluation and cross-validation (on two cores, against Weka's
 * {@code crossValidateModel}). A metric's test computes its figure by hand from {@link Run#weka()} and compares it with
 * {@link Run#metrics()} of every run.
 */
final class Engines {
    /** Two cores, scoring in parallel from the first row, in chunks of 7 rows, whatever the model's size. */
    static final EvaluationTuning FORCED_PARALLEL = new EvaluationTuning(2, 0, Long.MAX_VALUE, 7);

    private static final EvaluationTuning SEQUENTIAL = new EvaluationTuning(1, Integer.MAX_VALUE, 0, 4_096);

    private Engines() {}

    /**
     * One engine's metrics and Weka's evaluation of the same rows.
     *
     * @param positive the index of the positive class
     */
    record Run(String engine, Metrics metrics, Evaluation weka, int positive) {
        @Override
        public String toString() {
            return engine;
        }
    }

    /** J48 trained on credit-g's training file, two classes, positive class 'bad'. */
    static List<Run> creditG() throws Exception {
        return runs(
                Datasets.loadWithWeka(Datasets.creditGTrainArff()),
                Datasets.loadWithWeka(Datasets.creditGTestArff()),
                "bad");
    }

    /** J48 on iris, three classes, positive class 'Iris-versicolor' (every class has rows, one-vs-rest matters). */
    static List<Run> iris() throws Exception {
        Instances all = Datasets.loadWithWeka(Datasets.irisArff());
        all.randomize(new Random(3));
        return runs(new Instances(all, 0, 100), new Instances(all, 100, 50), "Iris-versicolor");
    }

    private static List<Run> runs(Instances trainRows, Instances testRows, String positiveClass) throws Exception {
        WekaEnvironment.prepare();
        Instances train = weighted(trainRows);
        Instances test = weighted(testRows);
        int positive = test.classAttribute().indexOfValue(positiveClass);
        assertThat(positive).isNotNegative();
        Classifier untrained = AbstractClassifier.forName("weka.classifiers.trees.J48", new String[0]);
        Classifier model = AbstractClassifier.makeCopy(untrained);
        model.buildClassifier(train);

        Evaluation onTest = new Evaluation(test);
        onTest.evaluateModel(model, test);

        Metrics small = Evaluator.evaluate(model, test, positive, Long.MAX_VALUE, SEQUENTIAL)
                .metrics();
        assertThat(ParallelScoring.applies(model, test, FORCED_PARALLEL, Long.MAX_VALUE))
                .isTrue();
        Metrics counting = Evaluator.evaluate(model, test, positive, Long.MAX_VALUE, FORCED_PARALLEL)
                .metrics();
        StreamingEvaluation streaming = new StreamingEvaluation(new Instances(train, 0), positive);
        for (int i = 0; i < test.numInstances(); i++) {
            streaming.add(model, test.instance(i));
        }

        Evaluation crossValidated = new Evaluation(train);
        crossValidated.crossValidateModel(AbstractClassifier.makeCopy(untrained), train, 5, new Random(1));
        Metrics cv = Evaluator.crossValidateEvaluated(untrained, train, 5, 1, positive, FORCED_PARALLEL)
                .metrics();

        return List.of(
                new Run("small data", small, onTest, positive),
                new Run("parallel counting", counting, onTest, positive),
                new Run("streaming", streaming.metrics(), onTest, positive),
                new Run("cross-validation", cv, crossValidated, positive));
    }

    /** Every third row weighs other than 1, so that weighted sums are exercised. */
    private static Instances weighted(Instances data) {
        for (int i = 0; i < data.numInstances(); i += 3) {
            data.instance(i).setWeight(0.5 + (i % 7) / 4.0);
        }
        return data;
    }
}
