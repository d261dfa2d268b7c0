package io.github.mlmaven.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.report.Curves;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.evaluation.Evaluation;
import weka.classifiers.evaluation.NominalPrediction;
import weka.classifiers.evaluation.Prediction;
import weka.core.Instance;
import weka.core.Instances;

/**
 * The counting evaluation of rows scored on all cores gives the metrics, predictions and curves of Weka's full
 * {@code evaluateModel}, also with row weights, rows without a class and rows the model leaves unclassified.
 */
class CountingEvaluationTest {
    @BeforeAll
    static void weka() {
        WekaEnvironment.prepare();
    }

    /** ZeroR that gives no class at all (every probability 0) to rows of one duration, as a model may. */
    static final class SometimesUnclassified extends weka.classifiers.rules.ZeroR {
        private static final long serialVersionUID = 1L;

        @Override
        public double[] distributionForInstance(Instance row) throws Exception {
            double[] distribution = super.distributionForInstance(row);
            if (row.value(1) == 24) {
                java.util.Arrays.fill(distribution, 0);
            }
            return distribution;
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "weka.classifiers.bayes.NaiveBayes",
                "weka.classifiers.trees.J48",
                "io.github.mlmaven.evaluation.CountingEvaluationTest$SometimesUnclassified"
            })
    void sameAsWekasEvaluateModelWithWeightsMissingClassesAndUnclassifiedRows(String algorithm) throws Exception {
        Instances data = ParallelScoringTest.manyRows();
        Random random = new Random(11);
        for (int i = 0; i < data.numInstances(); i++) {
            Instance row = data.instance(i);
            if (i % 3 == 0) {
                row.setWeight(0.1 + random.nextInt(30) / 7.0);
            }
            if (i % 97 == 0) {
                row.setClassMissing();
            }
        }
        Classifier model = algorithm.contains("$")
                ? new SometimesUnclassified()
                : AbstractClassifier.forName(algorithm, new String[0]);
        model.buildClassifier(new Instances(data, 0, 3000));
        int positive = data.classAttribute().indexOfValue("bad");
        Evaluation weka = new Evaluation(data);
        weka.evaluateModel(model, data);
        assertThat(ParallelScoring.applies(model, data, ParallelScoringTest.TWO_CORES, 1000))
                .isTrue();

        Evaluator.Evaluated counted = CountingEvaluation.evaluate(model, data, positive, ParallelScoringTest.TWO_CORES);

        assertThat(counted.metrics()).isEqualTo(MetricsExtractor.extract(weka, data.classAttribute(), positive));
        if (algorithm.contains("$")) {
            assertThat(weka.unclassified()).isGreaterThan(0); // the case is exercised
        }
        assertSamePredictions(counted.predictions(), weka.predictions());
        Curves.Curve ours = Curves.of("c", counted.curve()).orElseThrow();
        Curves.Curve theirs = Curves.of("c", weka.predictions(), positive).orElseThrow();
        assertThat(ours.rocAuc()).isEqualTo(theirs.rocAuc());
        assertThat(ours.prAuc()).isEqualTo(theirs.prAuc());
        assertThat(ours.roc()).usingRecursiveComparison().isEqualTo(theirs.roc());
        assertThat(ours.pr()).usingRecursiveComparison().isEqualTo(theirs.pr());
    }

    /** The same predictions, one by one: distribution, actual class, weight and predicted class (NaN as NaN). */
    static void assertSamePredictions(List<Prediction> actual, List<Prediction> expected) {
        assertThat(actual).hasSize(expected.size());
        for (int i = 0; i < actual.size(); i++) {
            NominalPrediction a = (NominalPrediction) actual.get(i);
            NominalPrediction b = (NominalPrediction) expected.get(i);
            assertThat(a.distribution()).isEqualTo(b.distribution());
            assertThat(Double.valueOf(a.actual())).isEqualTo(Double.valueOf(b.actual()));
            assertThat(a.weight()).isEqualTo(b.weight());
            assertThat(Double.valueOf(a.predicted())).isEqualTo(Double.valueOf(b.predicted()));
        }
    }
}
