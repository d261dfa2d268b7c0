package io.github.mlmaven.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.testing.MlProject;
import io.github.mlmaven.testing.WekaCli;
import io.github.mlmaven.workflow.TrainWorkflow;
import io.github.mlmaven.workflow.ValidateWorkflow;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.classifiers.functions.LinearRegression;
import weka.classifiers.trees.J48;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The proof the issue asks for: the plugin's metrics, obtained through the same workflows the Mojos call, equal those
 * of {@code weka.classifiers.Evaluation} built independently in the test, and those Weka's command line prints, on the
 * same data and split.
 */
class MetricsMatchWekaTest {
    private static final double EXACT = 1e-12;

    @TempDir
    Path dir;

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    // ------------------------------------------------------------------ fixtures

    /** Trains with the plugin and validates on test data; returns validation.json's content. */
    private ValidationReport pluginOnTestData(String algorithm, Path train, Path test) {
        MlProject project = MlProject.in(dir);
        String trainFile = project.withData(train, "train" + extension(train));
        String testFile = project.withData(test, "test" + extension(test));
        new TrainWorkflow(MlLog.SILENT)
                .run(project.train(trainFile).algorithm(algorithm).request());
        return new ValidateWorkflow(MlLog.SILENT)
                .run(project.validate(trainFile)
                        .testData(testFile)
                        .evaluation(EvaluationMethod.TEST)
                        .request());
    }

    /** Trains with the plugin and cross-validates with its cv evaluation; returns validation.json's content. */
    private ValidationReport pluginCrossValidation(String algorithm, Path data, int folds) {
        MlProject project = MlProject.in(dir);
        String file = project.withData(data, "all" + extension(data));
        new TrainWorkflow(MlLog.SILENT)
                .run(project.train(file).algorithm(algorithm).request());
        return new ValidateWorkflow(MlLog.SILENT)
                .run(project.validate(file)
                        .evaluation(EvaluationMethod.CV)
                        .folds(folds)
                        .request());
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        return name.substring(name.lastIndexOf('.'));
    }

    private static Classifier newClassifier(String algorithm) throws Exception {
        return AbstractClassifier.forName(algorithm, new String[0]);
    }

    /** Weka's evaluation of {@code algorithm} trained on {@code train} and tested on {@code test}, built by hand. */
    private static Evaluation wekaOnTestData(String algorithm, Path train, Path test) throws Exception {
        Instances trainRows = Datasets.loadWithWeka(train);
        Instances testRows = Datasets.loadWithWeka(test);
        Classifier classifier = newClassifier(algorithm);
        classifier.buildClassifier(trainRows);
        Evaluation evaluation = new Evaluation(trainRows);
        evaluation.evaluateModel(classifier, testRows);
        return evaluation;
    }

    private static Evaluation wekaCrossValidation(String algorithm, Path data, int folds, long seed) throws Exception {
        Instances rows = Datasets.loadWithWeka(data);
        Evaluation evaluation = new Evaluation(rows);
        evaluation.crossValidateModel(newClassifier(algorithm), rows, folds, new Random(seed));
        return evaluation;
    }

    private static void assertNominalMetricsEqual(ValidationReport plugin, Evaluation weka, int positive) {
        assertThat(plugin.metrics().get("accuracy")).isCloseTo(weka.pctCorrect() / 100, within(EXACT));
        assertThat(plugin.metrics().get("precision")).isCloseTo(weka.precision(positive), within(EXACT));
        assertThat(plugin.metrics().get("recall")).isCloseTo(weka.recall(positive), within(EXACT));
        assertThat(plugin.metrics().get("f1")).isCloseTo(weka.fMeasure(positive), within(EXACT));
        assertThat(plugin.metrics().get("rocAuc")).isCloseTo(weka.areaUnderROC(positive), within(EXACT));
        assertThat(plugin.metrics().get("prAuc")).isCloseTo(weka.areaUnderPRC(positive), within(EXACT));
        assertThat(plugin.metrics().get("mcc")).isCloseTo(weka.matthewsCorrelationCoefficient(positive), within(EXACT));
        assertThat(plugin.metrics().get("kappa")).isCloseTo(weka.kappa(), within(EXACT));
        assertThat(plugin.evaluation().rows()).isEqualTo(Math.round(weka.numInstances()));
    }

    // ------------------------------------------------------------------ (a) test data, against Evaluation

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "weka.classifiers.trees.J48",
                "weka.classifiers.bayes.NaiveBayes",
                "weka.classifiers.functions.Logistic",
                "weka.classifiers.trees.RandomForest"
            })
    void testDataMetricsEqualWekaEvaluationForThePositiveClass(String algorithm) throws Exception {
        // given
        Path train = Datasets.creditGTrainArff();
        Path test = Datasets.creditGTestArff();
        Evaluation weka = wekaOnTestData(algorithm, train, test);
        int bad = Datasets.loadWithWeka(train).classAttribute().indexOfValue("bad");

        // when
        ValidationReport plugin = pluginOnTestData(algorithm, train, test);

        // then
        assertThat(plugin.positiveClass()).isEqualTo("bad");
        assertThat(plugin.evaluation().method()).isEqualTo("test");
        assertNominalMetricsEqual(plugin, weka, bad);
    }

    @Test
    void perClassFiguresAndConfusionMatrixEqualWekaEvaluation() throws Exception {
        // given
        Path train = Datasets.creditGTrainArff();
        Path test = Datasets.creditGTestArff();
        Evaluation weka = wekaOnTestData("weka.classifiers.trees.J48", train, test);

        // when
        ValidationReport plugin = pluginOnTestData("weka.classifiers.trees.J48", train, test);

        // then
        List<String> labels = List.of("good", "bad");
        assertThat(plugin.confusionMatrix().labels()).isEqualTo(labels);
        double[][] matrix = weka.confusionMatrix();
        for (int r = 0; r < labels.size(); r++) {
            for (int c = 0; c < labels.size(); c++) {
                assertThat(plugin.confusionMatrix().counts().get(r).get(c)).isEqualTo(matrix[r][c]);
            }
            Metrics.ClassMetrics perClass = plugin.perClass().get(labels.get(r));
            assertThat(perClass.precision()).isCloseTo(weka.precision(r), within(EXACT));
            assertThat(perClass.recall()).isCloseTo(weka.recall(r), within(EXACT));
            assertThat(perClass.f1()).isCloseTo(weka.fMeasure(r), within(EXACT));
            assertThat(perClass.support()).isEqualTo(weka.numTruePositives(r) + weka.numFalseNegatives(r));
        }
    }

    @Test
    void testDataInCsvGivesTheSameMetricsAsTheSameRowsInArff() throws Exception {
        // given the credit-g split as CSV, whose nominal values the plugin orders itself (J48: the figures do not
        // depend on value order or on values no row has; NaiveBayes's Laplace counts would, as 'vacation' of
        // 'purpose' is declared in the ARFF header but occurs in no row)
        String algorithm = "weka.classifiers.trees.J48";
        Evaluation weka = wekaOnTestData(algorithm, Datasets.creditGTrainArff(), Datasets.creditGTestArff());
        int bad = Datasets.loadWithWeka(Datasets.creditGTrainArff())
                .classAttribute()
                .indexOfValue("bad");

        // when
        ValidationReport plugin = pluginOnTestData(algorithm, Datasets.creditGTrainCsv(), Datasets.creditGTestCsv());

        // then
        assertThat(plugin.positiveClass()).isEqualTo("bad");
        assertNominalMetricsEqual(plugin, weka, bad);
    }

    /** The credit-g test rows with the class of the last three 'good' rows replaced by '?'. */
    private Path creditTestWithThreeMissingClasses() throws java.io.IOException {
        String[] lines =
                java.nio.file.Files.readString(Datasets.creditGTestArff()).split("\n", -1);
        int changed = 0;
        for (int i = lines.length - 1; i >= 0 && changed < 3; i--) {
            if (lines[i].endsWith(",good")) {
                lines[i] = lines[i].substring(0, lines[i].length() - "good".length()) + "?";
                changed++;
            }
        }
        return Datasets.writeCsv(dir, "fixtures/test-missing.arff", String.join("\n", lines));
    }

    @Test
    void testRowsWithAMissingClassAreLeftOutOfTheMetricsAsWekaLeavesThemOut() throws Exception {
        // given
        Path train = Datasets.creditGTrainArff();
        Path test = creditTestWithThreeMissingClasses();
        Evaluation weka = wekaOnTestData("weka.classifiers.trees.J48", train, test);
        int bad = Datasets.loadWithWeka(train).classAttribute().indexOfValue("bad");

        // when
        ValidationReport plugin = pluginOnTestData("weka.classifiers.trees.J48", train, test);

        // then
        assertThat(weka.numInstances()).isEqualTo(197.0);
        assertThat(plugin.metrics().get("accuracy")).isCloseTo(weka.pctCorrect() / 100, within(EXACT));
        assertThat(plugin.metrics().get("recall")).isCloseTo(weka.recall(bad), within(EXACT));
        assertThat(plugin.metrics().get("kappa")).isCloseTo(weka.kappa(), within(EXACT));
        assertThat(plugin.perClass().get("good").support()).isEqualTo(133.0);
    }

    @Test
    void rowsEvaluatedLeaveOutTestRowsWithAMissingClass() throws Exception {
        // given
        Path test = creditTestWithThreeMissingClasses();

        // when
        ValidationReport plugin = pluginOnTestData("weka.classifiers.trees.J48", Datasets.creditGTrainArff(), test);

        // then
        assertThat(plugin.evaluation().rows()).isEqualTo(197);
    }

    // ------------------------------------------------------------------ (b) cross-validation, against Evaluation

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"weka.classifiers.trees.J48", "weka.classifiers.trees.RandomForest"})
    void tenFoldCrossValidationWithSeedOneEqualsCrossValidateModel(String algorithm) throws Exception {
        // given
        Path data = Datasets.creditGArff();
        Evaluation weka = wekaCrossValidation(algorithm, data, 10, 1);
        int bad = Datasets.loadWithWeka(data).classAttribute().indexOfValue("bad");

        // when
        ValidationReport plugin = pluginCrossValidation(algorithm, data, 10);

        // then
        assertThat(plugin.evaluation().method()).isEqualTo("cv");
        assertThat(plugin.evaluation().folds()).isEqualTo(10);
        assertThat(plugin.evaluation().seed()).isEqualTo(1);
        assertThat(plugin.evaluation().rows()).isEqualTo(1000);
        assertNominalMetricsEqual(plugin, weka, bad);
    }

    // ------------------------------------------------------------------ (c) Weka's command line

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"weka.classifiers.trees.J48", "weka.classifiers.bayes.NaiveBayes"})
    void testDataMetricsEqualWhatWekasCommandLinePrints(String algorithm) throws Exception {
        // given: java <algorithm> -t credit-g-train.arff -T credit-g-test.arff -v -o
        Path train = Datasets.creditGTrainArff();
        Path test = Datasets.creditGTestArff();
        WekaCli.Printed printed =
                WekaCli.evaluate(newClassifier(algorithm), "-t", train.toString(), "-T", test.toString(), "-v", "-o");

        // when
        ValidationReport plugin = pluginOnTestData(algorithm, train, test);

        // then
        assertMatchesPrinted(plugin, printed, "bad");
    }

    @Test
    void crossValidationMetricsEqualWhatWekasCommandLinePrints() throws Exception {
        // given: java weka.classifiers.trees.J48 -t credit-g.arff -x 10 -s 1 -o
        Path data = Datasets.creditGArff();
        WekaCli.Printed printed = WekaCli.evaluate(new J48(), "-t", data.toString(), "-x", "10", "-s", "1", "-o");

        // when
        ValidationReport plugin = pluginCrossValidation("weka.classifiers.trees.J48", data, 10);

        // then
        assertMatchesPrinted(plugin, printed, "bad");
    }

    @Test
    void crossValidationOnACsvFileEqualsWhatWekasCommandLinePrintsForIt() throws Exception {
        // given: java weka.classifiers.trees.J48 -t credit-g-test.csv -x 10 -s 1 -o (Weka reads the CSV itself)
        Path data = Datasets.creditGTestCsv();
        WekaCli.Printed printed = WekaCli.evaluate(new J48(), "-t", data.toString(), "-x", "10", "-s", "1", "-o");

        // when
        ValidationReport plugin = pluginCrossValidation("weka.classifiers.trees.J48", data, 10);

        // then
        assertMatchesPrinted(plugin, printed, "bad");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"weka.classifiers.trees.J48", "weka.classifiers.functions.Logistic"})
    void testDataInCsvFilesEqualsWhatWekasCommandLinePrintsForTheSameFiles(String algorithm) throws Exception {
        // given diabetes as two CSV files with a header row: the first 600 rows, and the other 168 with a positive
        // row first (Weka's CSVLoader orders class values by first appearance, and its command line refuses a test
        // file whose order differs from the training file's)
        Instances all = Datasets.loadWithWeka(Datasets.diabetesArff());
        Instances train = new Instances(all, 0, 600);
        Instances rest = new Instances(all, 600, 168);
        Instances test = new Instances(all, 0);
        rest.stream()
                .filter(r -> r.stringValue(r.classIndex()).equals("tested_positive"))
                .forEach(test::add);
        rest.stream()
                .filter(r -> r.stringValue(r.classIndex()).equals("tested_negative"))
                .forEach(test::add);
        Path trainCsv = Datasets.saveAsCsv(train, dir.resolve("csv/train.csv"));
        Path testCsv = Datasets.saveAsCsv(test, dir.resolve("csv/test.csv"));
        WekaCli.Printed printed = WekaCli.evaluate(
                newClassifier(algorithm), "-t", trainCsv.toString(), "-T", testCsv.toString(), "-v", "-o");

        // when
        ValidationReport plugin = pluginOnTestData(algorithm, trainCsv, testCsv);

        // then
        assertMatchesPrinted(plugin, printed, "tested_positive");
    }

    @Test
    void savedModelEvaluatedByWekasCommandLineGivesTheSameFigures() throws Exception {
        // given the plugin's model and test results
        Path test = Datasets.creditGTestArff();
        ValidationReport plugin = pluginOnTestData("weka.classifiers.trees.J48", Datasets.creditGTrainArff(), test);
        Path model = MlProject.in(dir).bundle().modelFile();

        // when: java weka.classifiers.trees.J48 -l target/ml/model/model.model -T credit-g-test.arff -o
        WekaCli.Printed printed = WekaCli.evaluate(new J48(), "-l", model.toString(), "-T", test.toString(), "-o");

        // then
        assertMatchesPrinted(plugin, printed, "bad");
    }

    private static void assertMatchesPrinted(ValidationReport plugin, WekaCli.Printed printed, String positive) {
        double table = WekaCli.TABLE_PRECISION + 1e-9;
        double summary = WekaCli.SUMMARY_PRECISION + 1e-9;
        WekaCli.ClassRow row = printed.classRow(positive);
        assertThat(plugin.positiveClass()).isEqualTo(positive);
        assertPrinted(plugin, "precision", row.precision(), table);
        assertPrinted(plugin, "recall", row.recall(), table);
        assertPrinted(plugin, "f1", row.fMeasure(), table);
        assertPrinted(plugin, "mcc", row.mcc(), table);
        assertPrinted(plugin, "rocAuc", row.rocArea(), table);
        assertPrinted(plugin, "prAuc", row.prcArea(), table);
        assertThat(plugin.metrics().get("accuracy") * 100)
                .isCloseTo(printed.summary("Correctly Classified Instances"), within(summary));
        assertThat(plugin.metrics().get("kappa")).isCloseTo(printed.summary("Kappa statistic"), within(summary));
        assertThat((double) plugin.evaluation().rows()).isEqualTo(printed.summary("Total Number of Instances"));
    }

    /** A figure Weka prints as {@code ?} must be undefined (null) in the plugin, and the other way round. */
    private static void assertPrinted(ValidationReport plugin, String metric, Double printed, double precision) {
        Double actual = plugin.metrics().get(metric);
        if (printed == null) {
            assertThat(actual).as("%s, which Weka prints as ?", metric).isNull();
        } else {
            assertThat(actual).as(metric).isNotNull().isCloseTo(printed, within(precision));
        }
    }

    @Test
    void metricsWekaPrintsAsUndefinedAreNullAndTheOthersEqual() throws Exception {
        // given: java weka.classifiers.rules.ZeroR -t unbalanced.arff -x 10 -s 1 -o (never predicts 'Active')
        Path data = Datasets.unbalancedArff();
        WekaCli.Printed printed = WekaCli.evaluate(
                new weka.classifiers.rules.ZeroR(), "-t", data.toString(), "-x", "10", "-s", "1", "-o");

        // when
        ValidationReport plugin = pluginCrossValidation("weka.classifiers.rules.ZeroR", data, 10);

        // then
        assertThat(printed.classRow("Active").precision()).isNull();
        assertThat(plugin.metrics().get("precision")).isNull();
        assertThat(plugin.metrics().get("f1")).isNull();
        assertMatchesPrinted(plugin, printed, "Active");
    }

    // ------------------------------------------------------------------ (d) numeric class

    @Test
    void regressionCrossValidationEqualsWekaAndR2IsOneMinusSseOverSst() throws Exception {
        // given
        Path data = Datasets.cpuArff();
        Evaluation weka = wekaCrossValidation("weka.classifiers.functions.LinearRegression", data, 10, 1);
        double[] sseSst = crossValidatedSquaredErrors(Datasets.loadWithWeka(data), 10, 1);

        // when
        ValidationReport plugin = pluginCrossValidation("weka.classifiers.functions.LinearRegression", data, 10);

        // then
        assertThat(plugin.classType()).isEqualTo("numeric");
        assertThat(plugin.positiveClass()).isNull();
        assertThat(plugin.metrics()).containsOnlyKeys("rmse", "mae", "r2", "correlation");
        assertThat(plugin.metrics().get("rmse")).isCloseTo(weka.rootMeanSquaredError(), within(EXACT));
        assertThat(plugin.metrics().get("mae")).isCloseTo(weka.meanAbsoluteError(), within(EXACT));
        assertThat(plugin.metrics().get("correlation")).isCloseTo(weka.correlationCoefficient(), within(EXACT));
        assertThat(Math.sqrt(sseSst[0] / 209)).isCloseTo(weka.rootMeanSquaredError(), within(1e-9));
        assertThat(plugin.metrics().get("r2")).isCloseTo(1 - sseSst[0] / sseSst[1], within(1e-9));
    }

    @Test
    void regressionCrossValidationEqualsWhatWekasCommandLinePrints() throws Exception {
        // given: java weka.classifiers.functions.LinearRegression -t cpu.arff -x 10 -s 1 -o
        Path data = Datasets.cpuArff();
        WekaCli.Printed printed =
                WekaCli.evaluate(new LinearRegression(), "-t", data.toString(), "-x", "10", "-s", "1", "-o");

        // when
        ValidationReport plugin = pluginCrossValidation("weka.classifiers.functions.LinearRegression", data, 10);

        // then
        double summary = WekaCli.SUMMARY_PRECISION + 1e-9;
        assertThat(plugin.metrics().get("correlation"))
                .isCloseTo(printed.summary("Correlation coefficient"), within(summary));
        assertThat(plugin.metrics().get("mae")).isCloseTo(printed.summary("Mean absolute error"), within(summary));
        assertThat(plugin.metrics().get("rmse")).isCloseTo(printed.summary("Root mean squared error"), within(summary));
    }

    @Test
    void regressionOnTestDataHasR2OfItsOwnRows() throws Exception {
        // given cpu.arff split into its first 150 and last 59 rows
        Instances all = Datasets.loadWithWeka(Datasets.cpuArff());
        Path train = Datasets.writeCsv(dir, "split/train.arff", new Instances(all, 0, 150).toString());
        Path test = Datasets.writeCsv(dir, "split/test.arff", new Instances(all, 150, 59).toString());
        Instances trainRows = Datasets.loadWithWeka(train);
        Instances testRows = Datasets.loadWithWeka(test);
        LinearRegression model = new LinearRegression();
        model.buildClassifier(trainRows);
        double mean = testRows.attributeStats(testRows.classIndex()).numericStats.mean;
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < testRows.numInstances(); i++) {
            double actual = testRows.instance(i).classValue();
            double predicted = model.classifyInstance(testRows.instance(i));
            sse += (actual - predicted) * (actual - predicted);
            sst += (actual - mean) * (actual - mean);
        }
        Evaluation weka = wekaOnTestData("weka.classifiers.functions.LinearRegression", train, test);

        // when
        ValidationReport plugin = pluginOnTestData("weka.classifiers.functions.LinearRegression", train, test);

        // then
        assertThat(plugin.metrics().get("r2")).isCloseTo(1 - sse / sst, within(1e-9));
        assertThat(plugin.metrics().get("rmse")).isCloseTo(weka.rootMeanSquaredError(), within(EXACT));
        assertThat(plugin.metrics().get("mae")).isCloseTo(weka.meanAbsoluteError(), within(EXACT));
        assertThat(plugin.metrics().get("correlation")).isCloseTo(weka.correlationCoefficient(), within(EXACT));
    }

    /**
     * Replays {@code crossValidateModel} by hand (randomize with {@code new Random(seed)}, trainCV and testCV per fold)
     * and returns the sum of squared errors and the total sum of squares around the mean of all actual values.
     */
    private static double[] crossValidatedSquaredErrors(Instances data, int folds, long seed) throws Exception {
        Instances rows = new Instances(data);
        Random random = new Random(seed);
        rows.randomize(random);
        List<double[]> pairs = new ArrayList<>();
        for (int fold = 0; fold < folds; fold++) {
            Instances train = rows.trainCV(folds, fold, random);
            Instances test = rows.testCV(folds, fold);
            LinearRegression model = new LinearRegression();
            model.buildClassifier(train);
            for (int i = 0; i < test.numInstances(); i++) {
                pairs.add(new double[] {test.instance(i).classValue(), model.classifyInstance(test.instance(i))});
            }
        }
        double mean = pairs.stream().mapToDouble(p -> p[0]).average().orElseThrow();
        double sse = 0;
        double sst = 0;
        for (double[] p : pairs) {
            sse += (p[0] - p[1]) * (p[0] - p[1]);
            sst += (p[0] - mean) * (p[0] - mean);
        }
        assertThat(Utils.eq(pairs.size(), data.numInstances())).isTrue();
        return new double[] {sse, sst};
    }
}
