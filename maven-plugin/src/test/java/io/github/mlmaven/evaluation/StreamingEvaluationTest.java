package io.github.mlmaven.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.report.Curves;
import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/** Row-by-row evaluation gives Evaluator.evaluate's metrics, bit for bit, and the same curves. */
class StreamingEvaluationTest {

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("weka.classifiers.trees.J48", Datasets.creditGArff(), "bad"),
                Arguments.of("weka.classifiers.functions.Logistic", Datasets.creditGArff(), "bad"),
                // NaiveBayes and ZeroR on nominal-only data: many (ZeroR: only) tied probabilities
                Arguments.of("weka.classifiers.bayes.NaiveBayes", Datasets.weatherNominalArff(), "no"),
                Arguments.of("weka.classifiers.rules.ZeroR", Datasets.creditGArff(), "bad"),
                Arguments.of("weka.classifiers.bayes.NaiveBayes", Datasets.irisArff(), "Iris-virginica"),
                Arguments.of("weka.classifiers.trees.J48", Datasets.irisArff(), "Iris-setosa"),
                Arguments.of("weka.classifiers.trees.J48", Datasets.unbalancedArff(), null),
                Arguments.of("weka.classifiers.functions.Logistic", Datasets.unbalancedArff(), null),
                Arguments.of("weka.classifiers.functions.LinearRegression", Datasets.cpuArff(), null),
                Arguments.of("weka.classifiers.trees.M5P", Datasets.cpuArff(), null));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void sameMetricsAndCurvesAsEvaluatingAllRowsAtOnce(String algorithm, Path file, String positiveClass)
            throws Exception {
        Instances data = Datasets.loadWithWeka(file);
        int positive = positiveIndex(data, positiveClass);
        Instances[] split = split(data);
        Classifier model = AbstractClassifier.forName(algorithm, new String[0]);
        model.buildClassifier(split[0]);

        assertSameAsEvaluator(model, split[0], split[1], positive);
        // the training rows themselves: a second, larger test set
        assertSameAsEvaluator(model, split[0], split[0], positive);
    }

    @Test
    void weightedRowsAndRowsWithoutClass() throws Exception {
        Instances data = Datasets.loadWithWeka(Datasets.creditGArff());
        int positive = data.classAttribute().indexOfValue("bad");
        Instances[] split = split(data);
        Classifier model = AbstractClassifier.forName("weka.classifiers.bayes.NaiveBayes", new String[0]);
        model.buildClassifier(split[0]);
        Instances test = split[1];
        Random random = new Random(3);
        for (int i = 0; i < test.numInstances(); i++) {
            if (i % 7 == 0) {
                test.instance(i).setWeight(0.1 + random.nextDouble() * 3);
            }
            if (i % 53 == 0) {
                test.instance(i).setClassMissing();
            }
        }

        assertSameAsEvaluator(model, split[0], test, positive);
    }

    @Test
    void numericClassWithWeights() throws Exception {
        Instances data = Datasets.loadWithWeka(Datasets.cpuArff());
        Instances[] split = split(data);
        Classifier model = AbstractClassifier.forName("weka.classifiers.functions.LinearRegression", new String[0]);
        model.buildClassifier(split[0]);
        Instances test = split[1];
        for (int i = 0; i < test.numInstances(); i += 3) {
            test.instance(i).setWeight(1.5 + i % 4);
        }

        assertSameAsEvaluator(model, split[0], test, 0);
    }

    @Test
    void rowsWithoutDatasetTakeTheHeader() throws Exception {
        Instances data = Datasets.loadWithWeka(Datasets.irisArff());
        Classifier model = AbstractClassifier.forName("weka.classifiers.bayes.NaiveBayes", new String[0]);
        model.buildClassifier(data);
        StreamingEvaluation streaming = new StreamingEvaluation(new Instances(data, 0), 0);
        for (int i = 0; i < data.numInstances(); i++) {
            Instance row = (Instance) data.instance(i).copy();
            row.setDataset(null);
            streaming.add(model, row);
        }

        assertThat(streaming.metrics()).isEqualTo(Evaluator.onTestData(model, data, 0));
    }

    @Test
    void noRows() {
        Instances data = Datasets.loadWithWeka(Datasets.creditGArff());
        StreamingEvaluation streaming = new StreamingEvaluation(new Instances(data, 0), 1);

        Metrics metrics = streaming.metrics();

        assertThat(metrics.rows()).isZero();
        assertThat(metrics.value(MetricName.ROC_AUC)).isNull();
        assertThat(streaming.thresholdCurve()).isNull();
    }

    /**
     * Evaluator.evaluate takes Weka's class priors from the test rows, the streaming evaluation from the empty header;
     * the metrics are identical all the same, as none of them depends on the priors.
     */
    private static void assertSameAsEvaluator(Classifier model, Instances train, Instances test, int positive) {
        Evaluator.Evaluated expected = Evaluator.evaluate(model, test, positive);
        StreamingEvaluation streaming = new StreamingEvaluation(new Instances(train, 0), positive);
        for (int i = 0; i < test.numInstances(); i++) {
            streaming.add(model, test.instance(i));
        }

        assertThat(streaming.metrics()).isEqualTo(expected.metrics());
        assertThat(streaming.rows()).isEqualTo(expected.metrics().rows());
        if (test.classAttribute().isNominal()) {
            Curves.Curve fromPredictions =
                    Curves.of("candidate", expected.predictions(), positive).orElseThrow();
            Curves.Curve fromStream =
                    Curves.of("candidate", streaming.thresholdCurve()).orElseThrow();
            assertThat(fromStream.rocAuc()).isEqualTo(fromPredictions.rocAuc());
            assertThat(fromStream.prAuc()).isEqualTo(fromPredictions.prAuc());
            assertThat(fromStream.roc()).usingRecursiveComparison().isEqualTo(fromPredictions.roc());
            assertThat(fromStream.pr()).usingRecursiveComparison().isEqualTo(fromPredictions.pr());
        }
    }

    private static int positiveIndex(Instances data, String positiveClass) {
        if (data.classAttribute().isNumeric()) {
            return 0;
        }
        return positiveClass == null
                ? data.numClasses() - 1
                : data.classAttribute().indexOfValue(positiveClass);
    }

    private static Instances[] split(Instances data) {
        Instances copy = new Instances(data);
        copy.randomize(new Random(1));
        int train = Math.max(1, (int) Math.round(copy.numInstances() * 0.6));
        return new Instances[] {new Instances(copy, 0, train), new Instances(copy, train, copy.numInstances() - train)};
    }

    @Test
    void utilsSortIsWhatThresholdCurveUses() {
        // the replica relies on the same index sort as ThresholdCurve; a sanity check of its tie order being stable
        // between calls
        double[] probs = {0.5, 0.5, 0.1, 0.5, 0.9, 0.1};
        assertThat(Utils.sort(probs)).isEqualTo(Utils.sort(probs.clone()));
    }
}
