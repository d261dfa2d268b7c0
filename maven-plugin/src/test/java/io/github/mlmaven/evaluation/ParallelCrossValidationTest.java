package io.github.mlmaven.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.evaluation.Evaluation;
import weka.classifiers.evaluation.NominalPrediction;
import weka.classifiers.evaluation.NumericPrediction;
import weka.classifiers.evaluation.Prediction;
import weka.classifiers.trees.RandomForest;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The parallel cross-validation is Weka's sequential crossValidateModel, bit for bit, at any parallelism (NaiveBayes,
 * fitted by the plugin's own fit, to 1e-9 and as printed).
 */
class ParallelCrossValidationTest {

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    static Stream<Arguments> classifiers() {
        return Stream.of(
                Arguments.of("weka.classifiers.trees.J48", "", Datasets.creditGArff()),
                Arguments.of("weka.classifiers.bayes.NaiveBayesUpdateable", "", Datasets.creditGArff()),
                Arguments.of("weka.classifiers.functions.Logistic", "", Datasets.irisArff()),
                Arguments.of("weka.classifiers.trees.RandomForest", "-I 10", Datasets.diabetesArff()),
                Arguments.of("weka.classifiers.trees.J48", "", Datasets.unbalancedArff()),
                Arguments.of("weka.classifiers.functions.LinearRegression", "", Datasets.cpuArff()),
                Arguments.of("weka.classifiers.trees.M5P", "", Datasets.cpuArff()));
    }

    @ParameterizedTest(name = "{0} {1} on {2}")
    @MethodSource("classifiers")
    void everyStatisticEqualsWekasSequentialCrossValidation(String algorithm, String options, Path file)
            throws Exception {
        // given
        Instances data = Datasets.loadWithWeka(file);
        Classifier untrained = AbstractClassifier.forName(algorithm, Utils.splitOptions(options));
        int positive = data.classAttribute().isNominal() ? data.numClasses() - 1 : 0;
        Evaluation weka = new Evaluation(data);
        weka.crossValidateModel(AbstractClassifier.makeCopy(untrained), data, 10, new Random(7));
        Metrics expected = MetricsExtractor.extract(weka, data.classAttribute(), positive);

        for (int parallelism : new int[] {1, 2, 4}) {
            // when
            Evaluation ours = CrossValidation.run(untrained, data, 10, 7, parallelism);
            Evaluator.Evaluated evaluated =
                    Evaluator.crossValidateEvaluated(untrained, data, 10, 7, positive, parallelism);

            // then: Metrics' maps compare Doubles with equals, i.e. bit for bit
            assertThat(evaluated.metrics()).as("parallelism " + parallelism).isEqualTo(expected);
            assertThat(MetricsExtractor.extract(ours, data.classAttribute(), positive))
                    .isEqualTo(expected);
            assertSameEvaluation(ours, weka);
            assertSamePredictions(evaluated.predictions(), weka.predictions());
        }
        assertThat(Evaluator.crossValidateEvaluated(untrained, data, 10, 7, positive)
                        .metrics())
                .isEqualTo(expected);
    }

    /**
     * NaiveBayes folds are fitted by NaiveBayesFit (same precisions, estimator sums in row order rather than Weka's
     * sorted order), so its figures equal Weka's as Weka prints them, and every number to 1e-9.
     */
    @Test
    void naiveBayesFoldsGiveWekasFiguresAsPrintedAndEveryNumberTo1e9() throws Exception {
        Instances data = Datasets.loadWithWeka(Datasets.creditGArff());
        Classifier untrained = new weka.classifiers.bayes.NaiveBayes();
        int positive = data.numClasses() - 1;
        Evaluation weka = new Evaluation(data);
        weka.crossValidateModel(AbstractClassifier.makeCopy(untrained), data, 10, new Random(7));
        Metrics expected = MetricsExtractor.extract(weka, data.classAttribute(), positive);
        for (int parallelism : new int[] {1, 2}) {
            Evaluation ours = CrossValidation.run(untrained, data, 10, 7, parallelism);
            assertThat(ours.toSummaryString(true)).isEqualTo(weka.toSummaryString(true));
            assertThat(ours.toClassDetailsString()).isEqualTo(weka.toClassDetailsString());
            assertThat(ours.toMatrixString()).isEqualTo(weka.toMatrixString());
            Metrics metrics = MetricsExtractor.extract(ours, data.classAttribute(), positive);
            expected.values()
                    .forEach((name, value) -> assertThat(metrics.values().get(name))
                            .as(name)
                            .isCloseTo(value, org.assertj.core.api.Assertions.within(1e-9)));
            for (int i = 0; i < weka.predictions().size(); i++) {
                double[] a = ((NominalPrediction) ours.predictions().get(i)).distribution();
                double[] b = ((NominalPrediction) weka.predictions().get(i)).distribution();
                for (int c = 0; c < b.length; c++) {
                    assertThat(a[c]).isCloseTo(b[c], org.assertj.core.api.Assertions.within(1e-9));
                }
            }
        }
    }

    @Test
    void multiThreadedForestRunsItsFoldsOneAtATime() throws Exception {
        RandomForest forest = new RandomForest();
        forest.setNumExecutionSlots(Runtime.getRuntime().availableProcessors());
        assertThat(CrossValidation.parallelism(forest, Runtime.getRuntime().availableProcessors()))
                .isEqualTo(1);
        forest.setNumExecutionSlots(1);
        assertThat(CrossValidation.parallelism(forest, Runtime.getRuntime().availableProcessors()))
                .isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    /** Every figure Weka prints, priors-dependent ones included, and the folds count. */
    private static void assertSameEvaluation(Evaluation ours, Evaluation weka) throws Exception {
        assertThat(ours.toSummaryString(true)).isEqualTo(weka.toSummaryString(true));
        if (weka.getHeader().classAttribute().isNominal()) {
            assertThat(ours.toClassDetailsString()).isEqualTo(weka.toClassDetailsString());
            assertThat(ours.toMatrixString()).isEqualTo(weka.toMatrixString());
            assertThat(ours.SFPriorEntropy()).isEqualTo(weka.SFPriorEntropy());
            assertThat(ours.SFSchemeEntropy()).isEqualTo(weka.SFSchemeEntropy());
            assertThat(ours.KBInformation()).isEqualTo(weka.KBInformation());
            assertThat(ours.weightedAreaUnderROC()).isEqualTo(weka.weightedAreaUnderROC());
            assertThat(ours.toCumulativeMarginDistributionString())
                    .isEqualTo(weka.toCumulativeMarginDistributionString());
        } else {
            assertThat(ours.correlationCoefficient()).isEqualTo(weka.correlationCoefficient());
        }
        assertThat(ours.relativeAbsoluteError()).isEqualTo(weka.relativeAbsoluteError());
        assertThat(ours.rootRelativeSquaredError()).isEqualTo(weka.rootRelativeSquaredError());
        assertThat(ours.meanPriorAbsoluteError()).isEqualTo(weka.meanPriorAbsoluteError());
        assertThat(ours.getClassPriors()).isEqualTo(weka.getClassPriors());
    }

    private static void assertSamePredictions(List<Prediction> ours, List<Prediction> weka) {
        assertThat(ours).hasSameSizeAs(weka);
        for (int i = 0; i < weka.size(); i++) {
            Prediction a = ours.get(i);
            Prediction b = weka.get(i);
            assertThat(a.actual()).isEqualTo(b.actual());
            assertThat(a.predicted()).isEqualTo(b.predicted());
            assertThat(a.weight()).isEqualTo(b.weight());
            if (b instanceof NominalPrediction nb) {
                assertThat(((NominalPrediction) a).distribution()).isEqualTo(nb.distribution());
            } else {
                assertThat(a).isInstanceOf(NumericPrediction.class);
            }
        }
    }
}
