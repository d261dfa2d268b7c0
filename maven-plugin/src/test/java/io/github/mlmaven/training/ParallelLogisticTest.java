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

    /**
     * diabetes with the columns RemoveUseless and ReplaceMissingValues decide on at their edges: constant, constant but
     * for missing values (whose mean, 0.1 summed 768 times and divided, is not 0.1: two distinct values), all missing,
     * 0.0 against -0.0 (distinct as RemoveUseless counts them), a nominal attribute of four values one of which never
     * occurs and a constant nominal one; optionally with missing values elsewhere and uneven weights.
     */
    private static Instances withEdgeColumns(Instances diabetes, boolean missingAndWeights) {
        Instances data = missingAndWeights ? withMissingAndWeights(diabetes) : new Instances(diabetes);
        data.setClassIndex(-1);
        String[] numeric = {"constant", "tenth-or-missing", "all-missing", "signed-zero", "constant-or-missing"};
        for (String name : numeric) {
            data.insertAttributeAt(new weka.core.Attribute(name), 0);
        }
        data.insertAttributeAt(new weka.core.Attribute("colour", java.util.List.of("red", "green", "blue", "grey")), 0);
        data.insertAttributeAt(new weka.core.Attribute("one-value", java.util.List.of("only", "never")), 0);
        data.setClassIndex(data.numAttributes() - 1);
        Random random = new Random(3);
        for (int r = 0; r < data.numInstances(); r++) {
            Instance row = data.instance(r);
            row.setValue(0, 0);
            row.setValue(1, random.nextInt(3)); // never grey
            row.setValue(2, 7.25);
            row.setValue(3, random.nextInt(4) == 0 ? Double.NaN : 0.1);
            row.setMissing(4);
            row.setValue(5, r % 2 == 0 ? 0.0 : -0.0);
            row.setValue(6, random.nextInt(4) == 0 ? Double.NaN : 0.5);
        }
        return data;
    }

    /** diabetes's rows as sparse rows: Weka's filters give them sparse, so the filters are run. */
    private static Instances sparse(Instances data) {
        Instances copy = new Instances(data, data.numInstances());
        for (Instance row : data) {
            copy.add(new weka.core.SparseInstance(row));
        }
        return copy;
    }

    /** diabetes with a date attribute first: Weka's filters treat it as numeric, and they are run. */
    private static Instances dated(Instances data) {
        Instances copy = new Instances(data);
        copy.setClassIndex(-1);
        copy.insertAttributeAt(new weka.core.Attribute("day", "yyyy-MM-dd"), 0);
        copy.setClassIndex(copy.numAttributes() - 1);
        for (int r = 0; r < copy.numInstances(); r++) {
            copy.instance(r).setValue(0, 86_400_000.0 * (r % 97));
        }
        return copy;
    }

    /** The data sets of the tests by name. */
    private static Instances dataset(String name) throws Exception {
        return switch (name) {
            case "weighted" -> withMissingAndWeights(Datasets.loadWithWeka("diabetes.arff"));
            case "edges" -> withEdgeColumns(Datasets.loadWithWeka("diabetes.arff"), false);
            case "edges-weighted" -> withEdgeColumns(Datasets.loadWithWeka("diabetes.arff"), true);
            case "sparse" -> sparse(Datasets.loadWithWeka("diabetes.arff"));
            case "dated" -> dated(Datasets.loadWithWeka("diabetes.arff"));
            default -> Datasets.loadWithWeka(name);
        };
    }

    @ParameterizedTest
    @CsvSource({
        "credit-g.arff, true",
        "diabetes.arff, true",
        "iris.arff, true",
        "weather.nominal.arff, true",
        "weighted, true",
        "edges, true",
        "edges-weighted, true",
        "sparse, false",
        "dated, false",
    })
    void theMatrixIsBuiltFromTheRowsForDenseNumericAndNominalData(String dataset, boolean fromRows) throws Exception {
        Instances data = dataset(dataset);
        assertThat(LogisticDesign.handles(data)).isEqualTo(fromRows);
        if (fromRows) {
            LogisticDesign.Result ours =
                    LogisticDesign.fromRows(data, WekaInternals.shared()).orElseThrow();
            LogisticDesign.Result weka = LogisticDesign.byWekaFilters(data);
            assertThat(ours.matrix().data).isEqualTo(weka.matrix().data);
            assertThat(ours.matrix().xMean).isEqualTo(weka.matrix().xMean);
            assertThat(ours.matrix().xSD).isEqualTo(weka.matrix().xSD);
            assertThat(ours.matrix().weights).isEqualTo(weka.matrix().weights);
            assertThat(ours.matrix().y).isEqualTo(weka.matrix().y);
            assertThat(ours.structure().toString()).isEqualTo(weka.structure().toString());
        }
    }

    @Test
    void theEdgeColumnsAreRemovedOrKeptAsWekaDoes() throws Exception {
        Instances filtered = LogisticDesign.fromRows(dataset("edges"), WekaInternals.shared())
                .orElseThrow()
                .structure();
        java.util.List<String> names = new java.util.ArrayList<>();
        filtered.enumerateAttributes().asIterator().forEachRemaining(a -> names.add(a.name()));
        assertThat(names)
                .as("kept: the varying columns, 0.1 or its mean, 0.0 or -0.0; colour as one column per value")
                .startsWith(
                        "colour=red", "colour=green", "colour=blue", "colour=grey", "signed-zero", "tenth-or-missing")
                .doesNotContain("one-value", "constant", "all-missing", "constant-or-missing");
    }

    @Test
    void dateAttributesAndRowsWithoutAClassAreLeftToWekasFilters() throws Exception {
        Instances data = new Instances(Datasets.loadWithWeka("diabetes.arff"));
        data.setClassIndex(-1);
        data.insertAttributeAt(new weka.core.Attribute("day", "yyyy-MM-dd"), 0);
        data.setClassIndex(data.numAttributes() - 1);
        assertThat(LogisticDesign.handles(data)).as("a date attribute").isFalse();
        Instances noClass = new Instances(Datasets.loadWithWeka("diabetes.arff"));
        noClass.forEach(row -> row.setClassMissing());
        assertThat(LogisticDesign.fromRows(noClass, WekaInternals.shared()))
                .as("no row with a class")
                .isEmpty();
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
        "weather.nominal.arff, '', 2",
        "edges, '', 2",
        "edges-weighted, '', 3",
        "edges-weighted, -S, 2",
        "sparse, '', 2",
        "dated, '', 2",
        "credit-g.arff, '', 1",
        "edges-weighted, '', 1",
        "iris.arff, '', 1",
    })
    void likelihoodAndGradientOnSeveralThreadsGiveWekasCoefficients(String dataset, String options, int threads)
            throws Exception {
        minParallelRows = 0;
        Instances data = dataset(dataset);
        assertSameModel(data, options, threads);
    }

    @Test
    void crossValidationFoldsFitLogisticOnOneThreadWithWekasCoefficients() throws Exception {
        FitTuning defaults = FitTuning.defaults();
        FitTuning anyRows = new FitTuning(
                2, defaults.j48MinParallelRows(), defaults.j48RadixMinRows(), 0, defaults.naiveBayesColumnsPerPass());
        Training folds = Training.folds(anyRows, WekaInternals.shared());
        Instances data = dataset("edges-weighted");
        assertThat(folds.strategyFor(new Logistic(), new FitData.Rows(data))).isInstanceOf(ParallelLogistic.class);
        Logistic ours = new Logistic();
        folds.fit(ours, new Instances(data));
        Logistic weka = new Logistic();
        weka.buildClassifier(new Instances(data));
        assertThat(serialized(ours).toByteArray()).isEqualTo(serialized(weka).toByteArray());
    }

    @Test
    void conjugateGradientAndSmallDataAreLeftToWeka() throws Exception {
        Instances data = Datasets.loadWithWeka("credit-g.arff");
        minParallelRows = 0;
        assertThat(supports(new Logistic(), data, 2)).isTrue();
        assertThat(supports(new Logistic(), data, 1)).as("one core").isTrue();
        assertThat(supports(logistic("-C"), data, 2)).as("conjugate gradient").isFalse();
        assertThat(supports(new Logistic() {}, data, 2)).as("a subclass").isFalse();
        minParallelRows = defaultMinRows;
        assertThat(supports(new Logistic(), data, 2)).as("1,000 rows").isFalse();
    }
}
