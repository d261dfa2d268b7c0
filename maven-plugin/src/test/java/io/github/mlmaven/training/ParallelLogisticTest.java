package io.github.mlmaven.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.weka.WekaInternals;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import weka.classifiers.functions.Logistic;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

class ParallelLogisticTest {
    @BeforeAll
    static void weka() {
        WekaEnvironment.prepare();
    }

    private final int defaultMinRows = FitTuning.defaults().logisticMinParallelRows();

    /** The tuning's minimum rows for the parallel fit, which a test lowers. */
    private int minParallelRows = defaultMinRows;

    private ParallelLogistic strategy(int threads) {
        FitTuning defaults = FitTuning.defaults();
        return new ParallelLogistic(
                WekaInternals.shared(),
                new FitTuning(
                        threads,
                        defaults.j48MinParallelRows(),
                        defaults.j48RadixMinRows(),
                        minParallelRows,
                        defaults.naiveBayesColumnsPerPass()));
    }

    private boolean supports(Logistic logistic, Instances data, int threads) {
        return strategy(threads).supports(logistic, new FitData.Rows(data));
    }

    /** diabetes with some values and classes blanked out and uneven weights: Weka's filters and weights at work. */
    private static Instances withMissingAndWeights(Instances data) {
        Instances copy = new Instances(data);
        Random random = new Random(9);
        for (Instance row : copy) {
            row.setWeight(0.5 + random.nextDouble() * 2);
            for (int a = 0; a < copy.numAttributes(); a++) {
                if (random.nextDouble() < (a == copy.classIndex() ? 0.02 : 0.05)) {
                    row.setMissing(a);
                }
            }
        }
        return copy;
    }

    private static Logistic logistic(String options) throws Exception {
        Logistic logistic = new Logistic();
        logistic.setOptions(Utils.splitOptions(options));
        return logistic;
    }

    private static long[] bits(double[][] values) {
        return java.util.Arrays.stream(values)
                .flatMapToDouble(java.util.Arrays::stream)
                .mapToLong(Double::doubleToRawLongBits)
                .toArray();
    }

    /** Weka's Logistic and ours on separate copies: the same coefficients to the bit, the same predictions. */
    private void assertSameModel(Instances data, String options, int threads) throws Exception {
        Logistic weka = logistic(options);
        weka.buildClassifier(new Instances(data));
        Logistic ours = logistic(options);
        Instances copy = new Instances(data);
        assertThat(supports(ours, copy, threads)).isTrue();
        strategy(threads).fit(ours, new FitData.Rows(copy));
        assertThat(bits(ours.coefficients()))
                .as("coefficients with %s", options)
                .isEqualTo(bits(weka.coefficients()));
        assertThat(ours.toString()).isEqualTo(weka.toString());
        for (Instance row : data) {
            assertThat(ours.distributionForInstance(row)).isEqualTo(weka.distributionForInstance(row));
        }
        assertThat(serialized(ours).toString(StandardCharsets.ISO_8859_1)).doesNotContain("mlmaven");
        assertThat(serialized(ours).toByteArray())
                .as("the model's bytes, filters included")
                .isEqualTo(serialized(weka).toByteArray());
    }

    private static ByteArrayOutputStream serialized(Object model) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(model);
        }
        return bytes;
    }

    @ParameterizedTest
    @CsvSource({
        "credit-g.arff, '', 2",
        "credit-g.arff, -R 0.01, 3",
        "credit-g.arff, -M 5, 2",
        "diabetes.arff, '', 4",
        "diabetes.arff, -S, 2",
        "iris.arff, '', 3",
        "weighted, '', 2",
        "weighted, -R 1, 3",
    })
    void likelihoodAndGradientOnSeveralThreadsGiveWekasCoefficients(String dataset, String options, int threads)
            throws Exception {
        minParallelRows = 0;
        Instances data = dataset.equals("weighted")
                ? withMissingAndWeights(Datasets.loadWithWeka("diabetes.arff"))
                : Datasets.loadWithWeka(dataset);
        assertSameModel(data, options, threads);
    }

    @Test
    void conjugateGradientSmallDataAndOneCoreAreLeftToWeka() throws Exception {
        Instances data = Datasets.loadWithWeka("credit-g.arff");
        minParallelRows = 0;
        assertThat(supports(new Logistic(), data, 2)).isTrue();
        assertThat(supports(new Logistic(), data, 1)).as("one core").isFalse();
        assertThat(supports(logistic("-C"), data, 2)).as("conjugate gradient").isFalse();
        assertThat(supports(new Logistic() {}, data, 2)).as("a subclass").isFalse();
        minParallelRows = defaultMinRows;
        assertThat(supports(new Logistic(), data, 2)).as("1,000 rows").isFalse();
    }
}
