package io.github.mlmaven.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.evaluation.Evaluation;
import weka.core.Instances;

/**
 * The test rows split into 1, 2, 3 and 7 uneven partitions (one of them empty), each evaluated on its own and shipped
 * through Java serialization, then merged: every figure equals the local path's ({@link Evaluator#evaluate}) on all
 * rows; for a nominal class to the bit (curve and areas included), for a numeric class to the bit with one partition
 * and within 1e-12 (relative) otherwise, since Weka's aggregation adds the partitions' sums of fractions in another
 * order (and so to the 4 decimals every report prints).
 */
class MergedEvaluationTest {
    /** Partition sizes as shares of the rows: uneven, and one partition of 7 is empty. */
    private static final Map<Integer, int[]> SHARES =
            Map.of(1, new int[] {1}, 2, new int[] {1, 2}, 3, new int[] {3, 1, 2}, 7, new int[] {2, 0, 1, 5, 1, 3, 4});

    private static final double RELATIVE = 1e-12;

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    static Stream<Arguments> nominalCases() {
        List<Arguments> cases = new ArrayList<>();
        for (String data : List.of("credit-g.arff:bad", "diabetes.arff:tested_positive")) {
            for (String algorithm : List.of(
                    "weka.classifiers.bayes.NaiveBayes",
                    "weka.classifiers.trees.J48",
                    "weka.classifiers.functions.Logistic")) {
                cases.add(Arguments.of(data, algorithm));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("nominalCases")
    void nominalClassFiguresEqualTheLocalPathToTheBit(String dataAndPositive, String algorithm) throws Exception {
        String[] parts = dataAndPositive.split(":");
        Instances all = Datasets.loadWithWeka(parts[0]);
        int positive = all.classAttribute().indexOfValue(parts[1]);
        Classifier model = trained(algorithm, all);

        Evaluator.Evaluated local = Evaluator.evaluate(model, all, positive);
        Evaluation weka = new Evaluation(all);
        weka.evaluateModel(model, all);
        assertThat(local.metrics().value(MetricName.ROC_AUC)).isEqualTo(weka.areaUnderROC(positive));

        for (int partitions : SHARES.keySet()) {
            MergedEvaluation merged = mergedOverNetwork(model, all, partitions, positive);
            assertThat(merged.metrics()).as("%d partitions", partitions).isEqualTo(local.metrics());
            assertSameCurve(merged.thresholdCurve(), local.curve());
            assertThat(merged.metrics().value(MetricName.PR_AUC)).isEqualTo(weka.areaUnderPRC(positive));
            // priors of the whole set in every partition: Weka's relative errors as on all rows
            assertThat(merged.weka().relativeAbsoluteError())
                    .isCloseTo(weka.relativeAbsoluteError(), within(RELATIVE * weka.relativeAbsoluteError()));
            assertThat(merged.weka().rootRelativeSquaredError())
                    .isCloseTo(weka.rootRelativeSquaredError(), within(RELATIVE * weka.rootRelativeSquaredError()));
        }
    }

    @Test
    void theMultiCoreCountingPathGivesTheSameFigures() throws Exception {
        Instances all = Datasets.loadWithWeka("diabetes.arff");
        int positive = all.classAttribute().indexOfValue("tested_positive");
        Classifier model = trained("weka.classifiers.trees.J48", all);
        Metrics counting = Evaluator.evaluate(model, all, positive, Long.MAX_VALUE, Engines.FORCED_PARALLEL)
                .metrics();
        assertThat(mergedOverNetwork(model, all, 7, positive).metrics()).isEqualTo(counting);
    }

    @Test
    void rowsWithoutClassAndWholeNumberWeightsStayExact() throws Exception {
        Instances all = Datasets.loadWithWeka("credit-g.arff");
        int positive = all.classAttribute().indexOfValue("bad");
        Classifier model = trained("weka.classifiers.trees.J48", all);
        for (int i = 0; i < all.numInstances(); i++) {
            if (i % 11 == 0) {
                all.instance(i).setClassMissing(); // Weka's curve counts them as negatives
            } else if (i % 5 == 0) {
                all.instance(i).setWeight(1 + i % 3);
            }
        }
        Evaluator.Evaluated local = Evaluator.evaluate(model, all, positive);
        for (int partitions : SHARES.keySet()) {
            MergedEvaluation merged = mergedOverNetwork(model, all, partitions, positive);
            assertThat(merged.metrics()).isEqualTo(local.metrics());
            assertSameCurve(merged.thresholdCurve(), local.curve());
        }
    }

    @Test
    void fractionalWeightsEqualToRounding() throws Exception {
        Instances all = Datasets.loadWithWeka("diabetes.arff");
        int positive = all.classAttribute().indexOfValue("tested_positive");
        Classifier model = trained("weka.classifiers.bayes.NaiveBayes", all);
        for (int i = 0; i < all.numInstances(); i += 3) {
            all.instance(i).setWeight(0.3 + (i % 7) / 10.0); // not binary fractions: sums round by order
        }
        Metrics local = Evaluator.evaluate(model, all, positive).metrics();
        for (int partitions : SHARES.keySet()) {
            Metrics merged = mergedOverNetwork(model, all, partitions, positive).metrics();
            for (int row = 0; row < 2; row++) {
                for (int column = 0; column < 2; column++) {
                    double expected = local.confusionMatrix().counts().get(row).get(column);
                    assertThat(merged.confusionMatrix().counts().get(row).get(column))
                            .isCloseTo(expected, within(RELATIVE * expected));
                }
            }
            for (String metric : local.values().keySet()) {
                double expected = local.values().get(metric);
                assertThat(merged.values().get(metric))
                        .as("%s, %d partitions", metric, partitions)
                        .isCloseTo(expected, within(RELATIVE));
            }
        }
    }

    static Stream<Arguments> numericCases() {
        return Stream.of(
                Arguments.of("weka.classifiers.functions.LinearRegression"),
                Arguments.of("weka.classifiers.trees.M5P"),
                Arguments.of("weka.classifiers.trees.REPTree"));
    }

    @ParameterizedTest(name = "{0} on cpu")
    @MethodSource("numericCases")
    void numericClassFiguresEqualTheLocalPathToRounding(String algorithm) throws Exception {
        Instances all = Datasets.loadWithWeka("cpu.arff");
        Classifier model = trained(algorithm, all);
        Metrics local = Evaluator.evaluate(model, all, -1).metrics();
        Evaluation weka = new Evaluation(all);
        weka.evaluateModel(model, all);

        assertThat(mergedOverNetwork(model, all, 1, -1).metrics()).isEqualTo(local);
        for (int partitions : SHARES.keySet()) {
            Metrics merged = mergedOverNetwork(model, all, partitions, -1).metrics();
            assertThat(merged.rows()).isEqualTo(local.rows());
            assertThat(merged.values().keySet())
                    .containsExactlyElementsOf(local.values().keySet());
            for (String metric : local.values().keySet()) {
                double expected = local.values().get(metric);
                // Weka's correlation is a difference of sums; where the predictions hardly vary (REPTree's one leaf
                // here) it is rounding noise around 0 in either order of additions (1.7e-8 vs -4.4e-9 measured)
                double tolerance = metric.equals(MetricName.CORRELATION.id()) ? 1e-7 : RELATIVE;
                assertThat(merged.values().get(metric))
                        .as("%s, %d partitions", metric, partitions)
                        .isCloseTo(expected, within(tolerance * Math.max(1, Math.abs(expected))));
                assertThat(printed(merged.values().get(metric))).isEqualTo(printed(expected));
            }
            Evaluation mergedWeka =
                    mergedOverNetwork(model, all, partitions, -1).weka();
            assertThat(mergedWeka.relativeAbsoluteError())
                    .isCloseTo(weka.relativeAbsoluteError(), within(RELATIVE * weka.relativeAbsoluteError()));
        }
    }

    @Test
    void mcNemarCountsSummedOverPartitionsEqualThePairedPredictions() throws Exception {
        Instances all = Datasets.loadWithWeka("credit-g.arff");
        int positive = all.classAttribute().indexOfValue("bad");
        Classifier candidate = trained("weka.classifiers.trees.J48", all);
        Classifier champion = trained("weka.classifiers.bayes.NaiveBayes", all);
        McNemar local = ChampionGate.mcnemar(
                Evaluator.evaluate(candidate, all, positive).predictions(),
                Evaluator.evaluate(champion, all, positive).predictions());
        assertThat(local.b() + local.c()).isPositive();
        ClassPriors priors = ClassPriors.of(all);
        PartitionEvaluation.McNemarCounts sum = PartitionEvaluation.McNemarCounts.NONE;
        for (Instances rows : partitions(all, 7)) {
            sum = sum.plus(shipped(PartitionEvaluation.McNemarCounts.of(
                    PartitionEvaluation.of(candidate, rows, priors, positive),
                    PartitionEvaluation.of(champion, rows, priors, positive))));
        }
        assertThat(sum.test()).isEqualTo(local);
    }

    @Test
    void partitionsOfOtherPriorsAreRefused() throws Exception {
        Instances all = Datasets.loadWithWeka("diabetes.arff");
        Classifier model = trained("weka.classifiers.bayes.NaiveBayes", all);
        List<PartitionEvaluation> own = new ArrayList<>();
        for (Instances rows : partitions(all, 3)) {
            own.add(PartitionEvaluation.of(model, rows, ClassPriors.of(rows), 1));
        }
        assertThatThrownBy(() -> MergedEvaluation.of(own))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("give every partition the whole set's priors");
    }

    @Test
    void trainingPartitionsPriorsAddUpToTheWholeSets() {
        Instances all = Datasets.loadWithWeka("cpu.arff");
        ClassPriors sum = null;
        for (Instances rows : partitions(all, 3)) {
            sum = sum == null ? ClassPriors.of(rows) : sum.plus(ClassPriors.of(rows));
        }
        ClassPriors whole = ClassPriors.of(all);
        assertThat(sum.weight()).isEqualTo(whole.weight());
        assertThat(sum.minTarget()).isEqualTo(whole.minTarget());
        assertThat(sum.maxTarget()).isEqualTo(whole.maxTarget());
        assertThat(sum.weightedSum()).isCloseTo(whole.weightedSum(), within(1e-9));
        Instances credit = Datasets.loadWithWeka("credit-g.arff");
        ClassPriors nominal = null;
        for (Instances rows : partitions(credit, 7)) {
            nominal = nominal == null ? ClassPriors.of(rows) : nominal.plus(ClassPriors.of(rows));
        }
        assertThat(nominal).isEqualTo(ClassPriors.of(credit)).isEqualTo(ClassPriors.nominal(700, 300));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("nominalCases")
    void crossValidationFoldsAsTasksEqualWekasCrossValidation(String dataAndPositive, String algorithm)
            throws Exception {
        String[] parts = dataAndPositive.split(":");
        Instances all = Datasets.loadWithWeka(parts[0]);
        int positive = all.classAttribute().indexOfValue(parts[1]);
        Classifier untrained = AbstractClassifier.forName(algorithm, new String[0]);
        Metrics local =
                Evaluator.crossValidateEvaluated(untrained, all, 5, 7, positive).metrics();
        Evaluation weka = new Evaluation(all);
        weka.crossValidateModel(AbstractClassifier.makeCopy(untrained), all, 5, new java.util.Random(7));

        List<PartitionEvaluation> folds = new ArrayList<>();
        for (CrossValidationFolds.Fold fold : CrossValidationFolds.cut(all, 5, 7)) {
            folds.add(shipped(CrossValidationFolds.evaluate(untrained, shipped(fold), positive)));
        }
        MergedEvaluation merged = MergedEvaluation.ofFolds(folds);
        assertThat(merged.metrics()).isEqualTo(local);
        assertThat(merged.metrics().value(MetricName.ROC_AUC)).isEqualTo(weka.areaUnderROC(positive));
        assertThat(merged.weka().relativeAbsoluteError())
                .isCloseTo(weka.relativeAbsoluteError(), within(RELATIVE * weka.relativeAbsoluteError()));
    }

    @Test
    void numericCrossValidationFoldsAsTasksEqualWekasToRounding() throws Exception {
        Instances all = Datasets.loadWithWeka("cpu.arff");
        Classifier untrained = AbstractClassifier.forName("weka.classifiers.functions.LinearRegression", new String[0]);
        Metrics local =
                Evaluator.crossValidateEvaluated(untrained, all, 10, 1, -1).metrics();
        List<PartitionEvaluation> folds = new ArrayList<>();
        for (CrossValidationFolds.Fold fold : CrossValidationFolds.cut(all, 10, 1)) {
            folds.add(shipped(CrossValidationFolds.evaluate(untrained, fold, -1)));
        }
        Metrics merged = MergedEvaluation.ofFolds(folds).metrics();
        for (String metric : local.values().keySet()) {
            double expected = local.values().get(metric);
            assertThat(merged.values().get(metric))
                    .as(metric)
                    .isCloseTo(expected, within(RELATIVE * Math.max(1, Math.abs(expected))));
        }
    }

    @Test
    void aPartitionShipsCountsNotRows() throws Exception {
        Instances all = Datasets.loadWithWeka("credit-g.arff");
        int positive = all.classAttribute().indexOfValue("bad");
        ClassPriors priors = ClassPriors.of(all);
        weka.classifiers.trees.J48 tree = (weka.classifiers.trees.J48) trained("weka.classifiers.trees.J48", all);
        PartitionEvaluation few = PartitionEvaluation.of(tree, new Instances(all, 0, 100), priors, positive);
        PartitionEvaluation many = PartitionEvaluation.of(tree, all, priors, positive);
        // a tree's probabilities are its leaves' class frequencies: at most one count per leaf, whatever the rows
        assertThat(many.distinctScores()).isLessThanOrEqualTo((int) tree.measureNumLeaves());
        int grown = serializedSize(many) - serializedSize(few);
        assertThat(grown).isLessThanOrEqualTo(24 * (many.distinctScores() - few.distinctScores()) + 64);
    }

    // ------------------------------------------------------------------ helpers

    private static Classifier trained(String algorithm, Instances all) throws Exception {
        Instances train = new Instances(all, 0);
        for (int i = 0; i < all.numInstances(); i++) {
            if (i % 3 != 0) {
                train.add(all.instance(i));
            }
        }
        Classifier model = AbstractClassifier.forName(algorithm, new String[0]);
        model.buildClassifier(train);
        return model;
    }

    /** Each partition evaluated on its own and serialized, as a cluster's task would ship it, then merged. */
    private static MergedEvaluation mergedOverNetwork(Classifier model, Instances all, int partitions, int positive)
            throws Exception {
        ClassPriors priors = ClassPriors.of(all);
        List<PartitionEvaluation> shipped = new ArrayList<>();
        for (Instances rows : partitions(all, partitions)) {
            shipped.add(shipped(PartitionEvaluation.of(model, rows, priors, positive)));
        }
        return MergedEvaluation.of(shipped);
    }

    static List<Instances> partitions(Instances all, int count) {
        int[] shares = SHARES.get(count);
        int total = Arrays.stream(shares).sum();
        List<Instances> result = new ArrayList<>();
        int share = 0;
        for (int p = 0; p < count; p++) {
            int from = (int) ((long) all.numInstances() * share / total);
            share += shares[p];
            int to = (int) ((long) all.numInstances() * share / total);
            result.add(new Instances(all, from, to - from));
        }
        return result;
    }

    private static int serializedSize(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.size();
    }

    @SuppressWarnings("unchecked")
    private static <T> T shipped(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    private static void assertSameCurve(
            StreamingEvaluation.ThresholdPoints merged, StreamingEvaluation.ThresholdPoints local) {
        assertThat(merged.size()).isEqualTo(local.size());
        assertThat(Arrays.copyOf(merged.fpRate(), merged.size()))
                .containsExactly(Arrays.copyOf(local.fpRate(), local.size()));
        assertThat(Arrays.copyOf(merged.tpRate(), merged.size()))
                .containsExactly(Arrays.copyOf(local.tpRate(), local.size()));
        assertThat(Arrays.copyOf(merged.precision(), merged.size()))
                .containsExactly(Arrays.copyOf(local.precision(), local.size()));
        assertThat(merged.rocArea()).isEqualTo(local.rocArea());
        assertThat(merged.prArea()).isEqualTo(local.prArea());
    }

    /**
     * As summary.md prints a figure (4 decimals), without the sign of a zero: REPTree's correlation is rounding noise
     * around 0 whose sign depends on the order of additions (-0.0000 merged, 0.0000 locally, measured).
     */
    private static String printed(double value) {
        String text = String.format(Locale.ROOT, "%.4f", value);
        return text.equals("-0.0000") ? "0.0000" : text;
    }
}
