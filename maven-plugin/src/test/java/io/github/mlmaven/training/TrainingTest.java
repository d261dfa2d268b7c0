package io.github.mlmaven.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.classifiers.bayes.NaiveBayes;
import weka.classifiers.bayes.NaiveBayesUpdateable;
import weka.classifiers.trees.J48;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.Utils;

class TrainingTest {
    @BeforeAll
    static void weka() {
        WekaEnvironment.prepare();
    }

    /** diabetes with some values and some classes blanked out, so the missing-value paths of the fit run too. */
    private static Instances withMissing(Instances data) {
        Instances copy = new Instances(data);
        Random random = new Random(7);
        for (Instance row : copy) {
            for (int a = 0; a < copy.numAttributes(); a++) {
                if (random.nextDouble() < (a == copy.classIndex() ? 0.02 : 0.05)) {
                    row.setMissing(a);
                }
            }
        }
        return copy;
    }

    @ParameterizedTest
    @ValueSource(strings = {"credit-g.arff", "diabetes.arff", "iris.arff", "weather.nominal.arff", "missing"})
    void naiveBayesFitIsWekasModel(String dataset) throws Exception {
        Instances data = dataset.equals("missing")
                ? withMissing(Datasets.loadWithWeka("diabetes.arff"))
                : Datasets.loadWithWeka(dataset);
        NaiveBayes weka = new NaiveBayes();
        weka.buildClassifier(data);
        NaiveBayes fast = new NaiveBayes();
        assertThat(Training.methodFor(fast)).isEqualTo(Training.Method.NAIVE_BAYES_FAST);
        Training.standard().fit(fast, data);

        // Weka's printout lists every estimator's mean, deviation, weight sum and precision
        assertThat(fast.toString()).isEqualTo(weka.toString());
        for (Instance row : data) {
            double[] expected = weka.distributionForInstance(row);
            double[] actual = fast.distributionForInstance(row);
            for (int c = 0; c < expected.length; c++) {
                assertThat(actual[c]).isCloseTo(expected[c], within(1e-9));
            }
        }
        Evaluation wekaEvaluation = new Evaluation(data);
        wekaEvaluation.evaluateModel(weka, data);
        Evaluation fastEvaluation = new Evaluation(data);
        fastEvaluation.evaluateModel(fast, data);
        assertThat(fastEvaluation.toSummaryString()).isEqualTo(wekaEvaluation.toSummaryString());
        assertThat(fastEvaluation.areaUnderROC(0)).isEqualTo(wekaEvaluation.areaUnderROC(0));
        // and it is a plain NaiveBayes that Weka serializes and reads back
        Path file = Files.createTempFile("nb", ".model");
        SerializationHelper.write(file.toString(), fast);
        NaiveBayes read = (NaiveBayes) SerializationHelper.read(file.toString());
        assertThat(read.getClass()).isEqualTo(NaiveBayes.class);
        assertThat(read.distributionForInstance(data.instance(0)))
                .isEqualTo(fast.distributionForInstance(data.instance(0)));
        Files.delete(file);
    }

    @Test
    void precisionIsWekasMeanGapBetweenDistinctSortedValues() {
        Instances data =
                new Instances("p", new java.util.ArrayList<>(java.util.List.of(new weka.core.Attribute("x"))), 4);
        double[] xs = {3.0, 1.0, Utils.missingValue(), 1.0, -0.0, 0.0, 2.5};
        Instance[] rows = new Instance[xs.length];
        for (int i = 0; i < xs.length; i++) {
            rows[i] = new weka.core.DenseInstance(1.0, new double[] {xs[i]});
            rows[i].setDataset(data);
        }
        // distinct ascending: 0, 1, 2.5, 3 -> gaps 1, 1.5, 0.5 -> mean 1.0
        assertThat(NaiveBayesFit.precision(rows, 0)).isEqualTo(1.0);
        Instance[] allMissing = {new weka.core.DenseInstance(1.0, new double[] {Utils.missingValue()})};
        assertThat(NaiveBayesFit.precision(allMissing, 0)).isEqualTo(0.01);
    }

    /** The precision by sorting, as Weka's loop computes it, for comparison. */
    private static double sortedPrecision(double[] values) {
        double[] present = java.util.Arrays.stream(values)
                .filter(v -> !Double.isNaN(v))
                .sorted()
                .toArray();
        if (present.length == 0) {
            return 0.01;
        }
        double last = present[0];
        double deltaSum = 0;
        int distinct = 0;
        for (int i = 1; i < present.length; i++) {
            if (present[i] != last) {
                deltaSum += present[i] - last;
                last = present[i];
                distinct++;
            }
        }
        return distinct > 0 ? deltaSum / distinct : 0.01;
    }

    @Test
    void gridPrecisionHasTheBitsOfTheSortedPrecisionForValuesWithFewDecimals() {
        Random random = new Random(11);
        int onGrid = 0;
        for (int round = 0; round < 300; round++) {
            int n = 1 + random.nextInt(3000);
            int decimals = random.nextInt(8);
            double spread = switch (random.nextInt(3)) {
                case 0 -> 1;
                case 1 -> 100;
                default -> 0.001;
            };
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                // parsed from text, as the readers do, so each value is the double nearest to its decimal
                values[i] = switch (random.nextInt(10)) {
                    case 0 -> Utils.missingValue();
                    case 1 -> random.nextBoolean() ? 0.0 : -0.0;
                    case 2 -> Double.parseDouble(String.format(java.util.Locale.ROOT, "%.1f", random.nextGaussian()));
                    default ->
                        Double.parseDouble(String.format(
                                java.util.Locale.ROOT, "%." + decimals + "f", random.nextGaussian() * spread));
                };
            }
            double grid = NaiveBayesFit.gridPrecision(values, n, new long[1][]);
            if (!Double.isNaN(grid)) {
                onGrid++;
                assertThat(Double.doubleToRawLongBits(grid))
                        .as("round %d: %d values with %d decimals", round, n, decimals)
                        .isEqualTo(Double.doubleToRawLongBits(sortedPrecision(values)));
            }
        }
        assertThat(onGrid).as("rounds on a grid small enough for the bitmap").isGreaterThan(100);
    }

    @Test
    void gridPrecisionLeavesValuesOffAGridOrOverAWideRangeToTheSort() {
        Random random = new Random(12);
        double[] gaussian = random.doubles(1000).map(v -> v * 3 - 1).toArray();
        assertThat(NaiveBayesFit.gridPrecision(gaussian, 1000, new long[1][])).isNaN();
        // a value with more decimals than the sampled ones: found in the full pass
        double[] mostlyShort = new double[1000];
        for (int i = 0; i < 1000; i++) {
            mostlyShort[i] = i / 10.0;
        }
        mostlyShort[1] = 0.123456789123;
        assertThat(NaiveBayesFit.gridPrecision(mostlyShort, 1000, new long[1][]))
                .isNaN();
        // integers a billion apart: a bitmap over the range would be far larger than the column
        double[] wide = {0, 1e9, 2e9, 3e9};
        assertThat(NaiveBayesFit.gridPrecision(wide, 4, new long[1][])).isNaN();
        // all missing: Weka's default
        assertThat(NaiveBayesFit.gridPrecision(new double[] {Utils.missingValue()}, 1, new long[1][]))
                .isEqualTo(0.01);
        // and the precision the fit uses is the sort's for each of them
        double[] both = {3.0, 1.0, Utils.missingValue(), 1.0, -0.0, 0.0, 2.5};
        assertThat(NaiveBayesFit.gridPrecision(both, both.length, new long[1][]))
                .isEqualTo(1.0);
    }

    @Test
    void radixSortOrdersDoublesAsArraysSortDoes() {
        Random random = new Random(5);
        for (int round = 0; round < 50; round++) {
            int n = 1 + random.nextInt(5000);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = switch (random.nextInt(6)) {
                    case 0 -> random.nextGaussian();
                    case 1 -> Math.round(random.nextGaussian() * 100) / 100.0; // ties
                    case 2 -> random.nextBoolean() ? 0.0 : -0.0;
                    case 3 -> (random.nextBoolean() ? 1 : -1) * Double.MAX_VALUE * random.nextDouble();
                    case 4 -> (random.nextBoolean() ? 1 : -1) * Double.MIN_VALUE * random.nextInt(3);
                    default -> random.nextInt(3) - 1;
                };
            }
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                keys[i] = io.github.mlmaven.common.RadixSort.sortableBits(values[i]);
            }
            long[] sorted = NaiveBayesFit.radixSort(keys, new long[n], n);
            double[] expected = values.clone();
            java.util.Arrays.sort(expected);
            double[] actual = new double[n];
            for (int i = 0; i < n; i++) {
                actual[i] = io.github.mlmaven.common.RadixSort.fromSortableBits(sorted[i]);
            }
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void otherNaiveBayesSettingsUseWekasOwnBuild() {
        NaiveBayes kernel = new NaiveBayes();
        kernel.setUseKernelEstimator(true);
        NaiveBayes discretized = new NaiveBayes();
        discretized.setUseSupervisedDiscretization(true);
        assertThat(Training.methodFor(kernel)).isEqualTo(Training.Method.BATCH);
        assertThat(Training.methodFor(discretized)).isEqualTo(Training.Method.BATCH);
        assertThat(Training.methodFor(new J48())).isEqualTo(Training.Method.BATCH);
    }

    @Test
    void updateableClassifiersLearnRowByRowAsWekasCommandLineDoes() throws Exception {
        Instances data = Datasets.loadWithWeka("diabetes.arff");
        NaiveBayesUpdateable ours = new NaiveBayesUpdateable();
        assertThat(Training.methodFor(ours)).isEqualTo(Training.Method.INCREMENTAL);
        Training.standard().fit(ours, data);
        // what Weka's CLI does for an UpdateableClassifier with -t: header first, then one row at a time
        NaiveBayesUpdateable cli = new NaiveBayesUpdateable();
        cli.buildClassifier(new Instances(data, 0));
        for (Instance row : data) {
            cli.updateClassifier(row);
        }
        assertThat(ours.toString()).isEqualTo(cli.toString());
        NaiveBayesUpdateable batch = new NaiveBayesUpdateable();
        batch.buildClassifier(data);
        assertThat(ours.toString()).as("a batch build picks other precisions").isNotEqualTo(batch.toString());
    }

    @Test
    void unsuitableDataIsRefusedWithWekasCapabilityMessage() throws Exception {
        Instances data = Datasets.loadWithWeka("cpu.arff"); // numeric class
        Classifier nb = new NaiveBayes();
        assertThatThrownBy(() -> Training.standard().fit(nb, data)).hasMessageContaining("Cannot handle numeric class");
    }
}
