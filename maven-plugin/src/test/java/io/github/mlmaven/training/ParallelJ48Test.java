package io.github.mlmaven.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.weka.WekaInternals;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import weka.classifiers.trees.J48;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

class ParallelJ48Test {
    @BeforeAll
    static void weka() {
        WekaEnvironment.prepare();
    }

    /** The tuning's minimum rows for a node on several threads, which a test lowers. */
    private int minParallelRows = FitTuning.defaults().j48MinParallelRows();

    private ParallelJ48 strategy(int threads) {
        FitTuning defaults = FitTuning.defaults();
        return new ParallelJ48(
                WekaInternals.shared(),
                new FitTuning(
                        threads,
                        minParallelRows,
                        defaults.j48RadixMinRows(),
                        defaults.logisticMinParallelRows(),
                        defaults.naiveBayesColumnsPerPass()));
    }

    private boolean supports(J48 j48, Instances data, int threads) {
        return strategy(threads).supports(j48, new FitData.Rows(data));
    }

    /** Rows of the benchmark's shape: numeric features with 3 decimals (so with ties), a nominal one, a skewed class. */
    private static Instances generated(int rows, long seed) {
        ArrayList<Attribute> attributes = new ArrayList<>();
        for (int f = 0; f < 8; f++) {
            attributes.add(new Attribute("f" + f));
        }
        attributes.add(new Attribute("channel", List.of("web", "pos", "atm", "phone")));
        attributes.add(new Attribute("fraud", List.of("no", "yes")));
        Instances data = new Instances("generated", attributes, rows);
        data.setClassIndex(attributes.size() - 1);
        Random random = new Random(seed);
        for (int r = 0; r < rows; r++) {
            double[] values = new double[attributes.size()];
            double score = -3;
            for (int f = 0; f < 8; f++) {
                values[f] = Math.round(random.nextGaussian() * 1000) / 1000.0;
                score += values[f] * (f % 3 == 0 ? 0.8 : 0.2);
            }
            values[8] = random.nextInt(4);
            score += values[8] == 2 ? 1 : 0;
            values[9] = random.nextDouble() < 1 / (1 + Math.exp(-score)) ? 1 : 0;
            data.add(new DenseInstance(1.0, values));
        }
        return data;
    }

    private static J48 j48(String options) throws Exception {
        J48 j48 = new J48();
        j48.setOptions(Utils.splitOptions(options));
        return j48;
    }

    /** Weka's J48 and ours (3 threads, and 1), built on separate copies of the rows: the same tree and predictions. */
    private void assertSameTree(Instances data, String options) throws Exception {
        J48 weka = j48(options);
        weka.buildClassifier(new Instances(data));
        assertSameTree(data, options, weka, 3);
        assertSameTree(data, options, weka, 1);
    }

    /** Ours with {@code threads} threads against Weka's {@code weka}. */
    private void assertSameTree(Instances data, String options, J48 weka, int threads) throws Exception {
        J48 ours = j48(options);
        Instances copy = new Instances(data);
        assertThat(supports(ours, copy, threads))
                .as("fast path for %s", options)
                .isTrue();
        ParallelJ48 strategy = strategy(threads);
        strategy.fit(ours, new FitData.Rows(copy));
        assertThat(ours.toString()).as("tree with %s", options).isEqualTo(weka.toString());
        assertThat(strategy.disagreements())
                .as("nodes whose candidates from the columns differed from Weka's splits")
                .isZero();
        assertThat(ours.measureTreeSize()).isEqualTo(weka.measureTreeSize());
        for (Instance row : data) {
            assertThat(ours.distributionForInstance(row))
                    .as("prediction with %s", options)
                    .isEqualTo(weka.distributionForInstance(row));
        }
        // a plain J48 of Weka's classes only: Weka's tools load it without this plugin
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(ours);
        }
        assertThat(bytes.toString(StandardCharsets.ISO_8859_1)).doesNotContain("mlmaven");
        assertThat(ours.getClass()).isEqualTo(J48.class);
    }

    @ParameterizedTest
    @CsvSource({
        "credit-g.arff, ''",
        "credit-g.arff, -U",
        "credit-g.arff, -M 5 -C 0.1",
        "credit-g.arff, -S -O -J",
        "credit-g.arff, -L -A",
        "diabetes.arff, ''",
        "diabetes.arff, -C 0.5 -M 10",
        "iris.arff, ''",
        "weather.nominal.arff, -M 1",
    })
    void everyNodeOnSeveralThreadsGivesWekasTree(String dataset, String options) throws Exception {
        minParallelRows = 0; // even the smallest nodes on several threads
        assertSameTree(Datasets.loadWithWeka(dataset), options);
    }

    @Test
    void aLargerSkewedDataSetGivesWekasTree() throws Exception {
        Instances data = generated(30_000, 3);
        assertSameTree(data, "");
        assertSameTree(data, "-M 20 -C 0.15");
    }

    /**
     * Values a hair apart (closer than C4.5's 1e-5, so no split point between them), both signs of zero, repeated
     * values and extremes: the candidates from the columns and the split points from the sorted values are Weka's.
     */
    @Test
    void closeValuesSignedZerosAndTiesGiveWekasTree() throws Exception {
        Instances data = generated(8_000, 11);
        Random random = new Random(12);
        for (Instance row : data) {
            int kind = random.nextInt(6);
            double zero = random.nextBoolean() ? 0.0 : -0.0;
            row.setValue(1, kind == 0 ? zero : kind == 1 ? 1e-6 * random.nextInt(3) : row.value(1));
            row.setValue(2, Math.round(row.value(2)) + 3e-6 * random.nextInt(4));
            row.setValue(4, kind == 2 ? 1e300 : kind == 3 ? -1e300 : row.value(4));
            row.setValue(5, Math.round(row.value(5) * 2) / 2.0);
        }
        minParallelRows = 0;
        assertSameTree(data, "");
        assertSameTree(data, "-M 1 -C 0.4");
        assertSameTree(data, "-J");
        minParallelRows = 1_000; // small nodes by Weka's code, large ones from the columns
        assertSameTree(data, "");
    }

    @Test
    void rowsWithWeightsOrMissingValuesAndOtherConfigurationsAreLeftToWeka() throws Exception {
        Instances data = Datasets.loadWithWeka("diabetes.arff");
        assertThat(supports(new J48(), data, 2)).isTrue();
        assertThat(supports(new J48(), data, 1))
                .as("one core: the radix sorts alone")
                .isTrue();
        assertThat(supports(j48("-B"), data, 2)).as("binary splits").isFalse();
        assertThat(supports(j48("-R"), data, 2)).as("reduced-error pruning").isFalse();
        assertThat(supports(new J48() {}, data, 2)).as("a subclass").isFalse();
        J48 invalid = new J48();
        invalid.setUnpruned(true);
        invalid.setConfidenceFactor(0.1f);
        assertThat(supports(invalid, data, 2)).as("options Weka refuses").isFalse();

        Instances weighted = new Instances(data);
        weighted.get(10).setWeight(2.5);
        assertThat(supports(new J48(), weighted, 2)).as("a weight").isFalse();
        Instances missing = new Instances(data);
        missing.get(3).setMissing(0);
        assertThat(supports(new J48(), missing, 2)).as("a missing value").isFalse();
        Instances missingClass = new Instances(data);
        missingClass.get(3).setClassMissing();
        assertThat(supports(new J48(), missingClass, 2))
                .as("a missing class: the row is dropped, as Weka drops it")
                .isTrue();
        minParallelRows = 0;
        assertSameTree(missingClass, "");
    }

    @Test
    void theRadixSortOrdersRowsByValueAsWekasSortDoes() throws Exception {
        Instances data = generated(5_000, 5); // 3 decimals: many equal values
        for (int attribute : new int[] {0, 3, 7}) {
            Instances weka = new Instances(data);
            weka.sort(attribute);
            ParallelJ48.SortableRows ours =
                    new ParallelJ48.SortableRows(data, FitTuning.defaults().j48RadixMinRows());
            ours.sort(attribute);
            // ascending, equal values together, as Weka's sort leaves them
            assertThat(ours.attributeToDoubleArray(attribute)).isEqualTo(weka.attributeToDoubleArray(attribute));
            // the same row objects, each once
            java.util.Set<Instance> same = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            same.addAll(ours);
            assertThat(same).hasSize(data.numInstances());
            assertThat(data).containsAll(same);
        }
        Random random = new Random(6);
        for (int round = 0; round < 20; round++) {
            int n = 1 + random.nextInt(20_000);
            long[] keys = new long[n];
            int[] payload = new int[n];
            for (int i = 0; i < n; i++) {
                keys[i] = io.github.mlmaven.common.RadixSort.sortableBits(
                        random.nextInt(4) == 0 ? random.nextInt(10) - 5 : random.nextGaussian());
                payload[i] = i;
            }
            long[] original = keys.clone();
            int[] order = ParallelJ48.radixSort(keys, payload, new long[n], new int[n], n);
            for (int i = 1; i < n; i++) {
                assertThat(Long.compareUnsigned(original[order[i - 1]], original[order[i]]))
                        .isLessThanOrEqualTo(0);
            }
            assertThat(java.util.Arrays.stream(order).sorted().toArray())
                    .isEqualTo(java.util.stream.IntStream.range(0, n).toArray());
        }
    }

    @Test
    void trainingTakesTheFastPathForModelsAndFoldsAndGivesWekasTree() throws Exception {
        Instances data = generated(6_000, 7);
        J48 weka = new J48();
        weka.buildClassifier(data);
        J48 fitted = new J48();
        Training.standard().fit(fitted, data);
        J48 fold = new J48();
        Training.folds().fit(fold, data); // a cross-validation fold: one thread, the radix sorts
        assertThat(fitted.toString()).isEqualTo(weka.toString());
        assertThat(fold.toString()).isEqualTo(weka.toString());
    }
}
