package io.github.mlmaven.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.common.GateFailedException;
import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.DataSplits;
import io.github.mlmaven.data.Dataset;
import io.github.mlmaven.data.DatasetReader;
import io.github.mlmaven.data.ReadOptions;
import io.github.mlmaven.evaluation.EvaluationMethod;
import io.github.mlmaven.evaluation.MetricName;
import io.github.mlmaven.evaluation.ThresholdParser;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.runtime.Sha256;
import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.testing.MlProject;
import io.github.mlmaven.testing.RecordingLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import weka.classifiers.Evaluation;
import weka.classifiers.trees.J48;

class ValidateWorkflowTest {

    @TempDir
    Path dir;

    private MlProject project;
    private String trainCsv;
    private String testCsv;
    private ModelCard card;
    private final RecordingLog log = new RecordingLog();

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    /** A project with the credit-g split as CSV and a J48 model trained on it. */
    @BeforeEach
    void trainedCreditModel() {
        project = MlProject.in(dir);
        trainCsv = project.withData(Datasets.creditGTrainCsv(), "train.csv");
        testCsv = project.withData(Datasets.creditGTestCsv(), "test.csv");
        card = new TrainWorkflow(MlLog.SILENT)
                .run(project.train(trainCsv).request())
                .card();
    }

    private ValidationReport validate(MlProject.Validate validate) {
        return new ValidateWorkflow(log).run(validate.request());
    }

    private MlProject.Validate onTestData(String propertyThresholds) {
        return project.validate(trainCsv).testData(testCsv).thresholds(ThresholdParser.parse(null, propertyThresholds));
    }

    private static Document parseXml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    @Test
    void thresholdBreachFailsTheBuildAfterAllOutputsAreWritten() throws Exception {
        // given two thresholds J48 cannot meet on credit-g and one it meets
        MlProject.Validate validate = onTestData("recall>=0.99,accuracy>=0.99,kappa>=-1");
        ModelBundle bundle = project.bundle();

        // when
        GateFailedException failure =
                (GateFailedException) org.assertj.core.api.Assertions.catchThrowable(() -> validate(validate));

        // then the message lists every breach with its actual value and bound
        assertThat(failure).isNotNull();
        assertThat(failure.getMessage())
                .contains("recall = 0.")
                .contains("required >= 0.99")
                .contains("accuracy = 0.")
                .doesNotContain("kappa")
                .contains("summary.md");

        // and validation.json says the gate failed
        JsonNode json = Json.MAPPER.readTree(bundle.validationFile().toFile());
        assertThat(json.get("passed").asBoolean()).isFalse();
        assertThat(json.get("gateConfigured").asBoolean()).isTrue();
        assertThat(json.get("modelSha256").asText()).isEqualTo(Sha256.ofFile(bundle.modelFile()));
        assertThat(json.get("evaluation").get("method").asText()).isEqualTo("test");
        assertThat(json.get("evaluation").get("rows").asInt()).isEqualTo(200);
        assertThat(json.get("thresholds")).hasSize(3);
        for (JsonNode t : json.get("thresholds")) {
            assertThat(t.get("passed").asBoolean())
                    .as(t.get("metric").asText())
                    .isEqualTo(t.get("metric").asText().equals("kappa"));
            assertThat(t.has("comparator")).isTrue();
            assertThat(t.has("bound")).isTrue();
            assertThat(t.has("actual")).isTrue();
        }

        // and summary.md and the JUnit XML exist, one failure per breached threshold
        assertThat(Files.readString(bundle.summaryFile())).contains("failed").contains("breach");
        Document xml = parseXml(bundle.junitFile());
        Element suite = xml.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(3);
        NodeList failures = xml.getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(2);
        for (int i = 0; i < failures.getLength(); i++) {
            Element f = (Element) failures.item(i);
            assertThat(((Element) f.getParentNode()).getAttribute("name")).doesNotContain("kappa");
            assertThat(f.getAttribute("message")).contains("0.99");
        }
    }

    @Test
    void testDataUnchangedSinceTheLastValidationIsNotHashedAgain() throws Exception {
        // given: validated once, the test file hashed then (its modification time well in the past)
        Path test = project.file(testCsv);
        java.nio.file.attribute.FileTime past = java.nio.file.attribute.FileTime.fromMillis(1_600_000_000_000L);
        java.nio.file.Files.setLastModifiedTime(test, past);
        String hashed = validate(onTestData(null)).evaluation().data().get(0).sha256();
        assertThat(hashed).isEqualTo(io.github.mlmaven.runtime.Sha256.ofFile(test));
        // and a digit of the first row's duration changed, the size kept and the time put back, which only a deliberate
        // touch -d
        // does
        char[] text = java.nio.file.Files.readString(test).toCharArray();
        String rows = String.valueOf(text);
        int digit = rows.indexOf(',', rows.indexOf('\n')) + 1; // the first row's duration, a number
        text[digit] = (char) ('0' + (text[digit] - '0' + 1) % 10);
        java.nio.file.Files.writeString(test, String.valueOf(text));
        java.nio.file.Files.setLastModifiedTime(test, past);

        // when
        String again = validate(onTestData(null)).evaluation().data().get(0).sha256();

        // then: the recorded hash, the file parsed but not hashed
        assertThat(again).isEqualTo(hashed).isNotEqualTo(io.github.mlmaven.runtime.Sha256.ofFile(test));
    }

    @Test
    void validationJsonHasTheDocumentedFields() throws Exception {
        // when
        validate(project.validate(trainCsv)
                .evaluation(EvaluationMethod.CV)
                .folds(5)
                .thresholds(ThresholdParser.parse(Map.of("recall", "0.1"), null)));

        // then
        JsonNode json = Json.MAPPER.readTree(project.bundle().validationFile().toFile());
        assertThat(json.fieldNames())
                .toIterable()
                .contains(
                        "schemaVersion",
                        "modelName",
                        "modelSha256",
                        "evaluation",
                        "metrics",
                        "perClass",
                        "confusionMatrix",
                        "thresholds",
                        "passed");
        JsonNode evaluation = json.get("evaluation");
        assertThat(evaluation.get("method").asText()).isEqualTo("cv");
        assertThat(evaluation.get("folds").asInt()).isEqualTo(5);
        assertThat(evaluation.get("seed").asLong()).isEqualTo(1);
        assertThat(evaluation.get("rows").asInt()).isEqualTo(800);
        assertThat(evaluation.has("percent")).isFalse();
        assertThat(json.get("perClass").get("bad").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("precision", "recall", "f1", "support");
        assertThat(json.get("perClass").get("bad").get("support").asDouble()).isEqualTo(236.0);
        JsonNode matrix = json.get("confusionMatrix");
        assertThat(matrix.get("labels")).hasSize(2);
        double total = 0;
        for (JsonNode row : matrix.get("counts")) {
            for (JsonNode cell : row) {
                total += cell.asDouble();
            }
        }
        assertThat(total).isEqualTo(800.0);
        JsonNode threshold = json.get("thresholds").get(0);
        assertThat(threshold.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("metric", "comparator", "bound", "actual", "passed");
        assertThat(threshold.get("metric").asText()).isEqualTo("recall");
        assertThat(threshold.get("comparator").asText()).isEqualTo(">=");
    }

    @Test
    void gateThatIsMetPassesAndReportsEveryThreshold() throws Exception {
        // when
        ValidationReport report = validate(onTestData("accuracy>=0.5,recall>=0.1"));

        // then
        assertThat(report.passed()).isTrue();
        assertThat(report.thresholds()).hasSize(2).allMatch(t -> t.passed());
        assertThat(report.metrics())
                .containsOnlyKeys(MetricName.forClassType(MetricName.ClassType.NOMINAL).stream()
                        .map(MetricName::id)
                        .toList());
        assertThat(report.positiveClass()).isEqualTo("bad");
        assertThat(report.perClass()).containsOnlyKeys("good", "bad");
        Document xml = parseXml(project.bundle().junitFile());
        assertThat(xml.getElementsByTagName("failure").getLength()).isZero();
        assertThat(log.text()).contains("Gate passed");
    }

    @Test
    void withoutThresholdsValidationPassesAndSaysNoGateIsConfigured() throws Exception {
        // when
        ValidationReport report = validate(onTestData(null));

        // then
        assertThat(report.passed()).isTrue();
        assertThat(report.gateConfigured()).isFalse();
        assertThat(log.text()).contains("No gate is configured");
        assertThat(Files.readString(project.bundle().summaryFile())).contains("No gate is configured");
        Document xml = parseXml(project.bundle().junitFile());
        assertThat(xml.getElementsByTagName("skipped").getLength()).isEqualTo(1);
    }

    @Test
    void testDataMakesTestTheDefaultEvaluation() {
        // when
        ValidationReport report = validate(project.validate(trainCsv).testData(testCsv));

        // then
        assertThat(report.evaluation().method()).isEqualTo("test");
        assertThat(report.evaluation().data())
                .singleElement()
                .satisfies(d -> assertThat(d.path()).isEqualTo("data/test.csv"));
    }

    @Test
    void withoutTestDataTheDefaultIsTenFoldCrossValidation() {
        // when
        ValidationReport report = validate(project.validate(trainCsv));

        // then
        assertThat(report.evaluation().method()).isEqualTo("cv");
        assertThat(report.evaluation().folds()).isEqualTo(10);
        assertThat(report.evaluation().rows()).isEqualTo(800);
    }

    @Test
    void holdoutEvaluatesTheModelOnTheRowsItWasNotTrainedOn() {
        // given a model trained on the training part of a 25 % holdout split
        new TrainWorkflow(MlLog.SILENT)
                .run(project.train(trainCsv)
                        .evaluation(EvaluationMethod.HOLDOUT)
                        .holdoutPercent(25)
                        .request());

        // when
        ValidationReport report = validate(
                project.validate(trainCsv).evaluation(EvaluationMethod.HOLDOUT).holdoutPercent(25));

        // then
        assertThat(report.evaluation().method()).isEqualTo("holdout");
        assertThat(report.evaluation().percent()).isEqualTo(25);
        assertThat(report.evaluation().rows()).isEqualTo(200);
        Evaluation weka = wekaOnTheSameHoldout(25);
        assertThat(report.metrics().get("accuracy")).isCloseTo(weka.pctCorrect() / 100, within(1e-12));
        assertThat(report.metrics().get("kappa")).isCloseTo(weka.kappa(), within(1e-12));
    }

    /** J48 trained and tested by hand on the plugin's documented split of the training data (seed 1). */
    private Evaluation wekaOnTheSameHoldout(int percent) {
        try {
            Dataset data = new DatasetReader(dir, MlLog.SILENT)
                    .readTraining(List.of(project.file(trainCsv)), new ReadOptions(null, Map.of()), "trainingData");
            DataSplits.Split split = DataSplits.stratifiedHoldout(data.instances(), percent, 1);
            J48 model = new J48();
            model.buildClassifier(split.train());
            Evaluation evaluation = new Evaluation(split.train());
            evaluation.evaluateModel(model, split.test());
            return evaluation;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void holdoutOfAModelTrainedOnAllRowsIsRefused() {
        // when / then
        assertThatThrownBy(() -> validate(project.validate(trainCsv).evaluation(EvaluationMethod.HOLDOUT)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("all rows")
                .hasMessageContaining("ml:train");
    }

    @Test
    void crossValidationWithFewerThanTwoFoldsIsRefused() {
        // when / then
        assertThatThrownBy(() -> validate(project.validate(trainCsv)
                        .evaluation(EvaluationMethod.CV)
                        .folds(1)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("<folds>");
    }

    @Test
    void testEvaluationWithoutTestDataIsRefused() {
        // when / then
        assertThatThrownBy(() -> validate(project.validate(trainCsv).evaluation(EvaluationMethod.TEST)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("<testData>");
    }

    @Test
    void alteredModelIsRefusedAndNoValidationOutputIsWritten() throws IOException {
        // given
        Path model = project.bundle().modelFile();
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(model, bytes);

        // when / then
        assertThatThrownBy(() -> validate(onTestData("recall>=0.1")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("SHA-256")
                .hasMessageContaining(card.modelSha256());
        assertThat(project.bundle().validationFile()).doesNotExist();
        assertThat(project.bundle().junitFile()).doesNotExist();
    }

    @Test
    void truncatedModelIsRefused() throws IOException {
        // given
        Path model = project.bundle().modelFile();
        byte[] bytes = Files.readAllBytes(model);
        Files.write(model, java.util.Arrays.copyOf(bytes, bytes.length - 100));

        // when / then
        assertThatThrownBy(() -> validate(onTestData(null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("SHA-256");
    }

    @Test
    void validateBeforeTrainSaysToRunTrain() {
        // when / then
        assertThatThrownBy(() -> validate(project.validate(trainCsv).modelName("never-trained")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("run ml:train first");
    }

    @Test
    void thresholdOnARegressionMetricIsRefusedForAClassifier() {
        // when / then
        assertThatThrownBy(() -> validate(onTestData("rmse<=1")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("rmse")
                .hasMessageContaining("nominal");
        assertThat(project.bundle().validationFile()).doesNotExist();
    }

    @Test
    void crossValidationOfChangedTrainingDataIsRefused() throws IOException {
        // given
        Path data = project.file(trainCsv);
        Files.writeString(data, Files.readString(data).replaceFirst("good\n", "bad\n"));

        // when / then
        assertThatThrownBy(() -> validate(project.validate(trainCsv).evaluation(EvaluationMethod.CV)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("differs from the data the model was trained on");
    }

    @Test
    void testDataWithAValueNeverSeenInTrainingIsRefused() {
        // given
        String odd = project.withCsv(
                "odd.csv", readString(Datasets.creditGTestCsv()).replaceFirst(",radio/tv,", ",spaceship,"));

        // when / then
        assertThatThrownBy(() -> validate(project.validate(trainCsv).testData(odd)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("data/odd.csv")
                .hasMessageContaining("'spaceship'")
                .hasMessageContaining("radio/tv");
    }

    @Test
    void recallGateFailsOnImbalancedDataWhereAccuracyLooksFine() throws IOException {
        // given a majority-class model on data with 12 positives in 856 rows
        String data = project.withData(Datasets.unbalancedArff(), "unbalanced.arff");
        new TrainWorkflow(MlLog.SILENT)
                .run(project.train(data)
                        .modelName("rare")
                        .algorithm("weka.classifiers.rules.ZeroR")
                        .request());
        MlProject.Validate validate = project.validate(data)
                .modelName("rare")
                .thresholds(
                        ThresholdParser.parse(Map.of("accuracy", "0.95", "recall", "0.5", "precision", "0.1"), null));

        // when / then
        assertThatThrownBy(() -> validate(validate))
                .isInstanceOf(GateFailedException.class)
                .hasMessageContaining("recall = 0.0000")
                .hasMessageContaining("precision is undefined")
                .hasMessageNotContaining("accuracy");
        JsonNode json =
                Json.MAPPER.readTree(project.bundle("rare").validationFile().toFile());
        assertThat(json.get("positiveClass").asText()).isEqualTo("Active");
        assertThat(json.get("metrics").get("accuracy").asDouble()).isGreaterThan(0.95);
        assertThat(json.get("metrics").get("precision").isNull()).isTrue();
        assertThat(json.get("metrics").get("f1").isNull()).isTrue();
        assertThat(json.get("passed").asBoolean()).isFalse();
    }

    @Test
    void numericClassReportsRegressionMetrics() {
        // given
        String cpu = project.withData(Datasets.cpuArff(), "cpu.arff");
        new TrainWorkflow(MlLog.SILENT)
                .run(project.train(cpu)
                        .modelName("cpu")
                        .algorithm("weka.classifiers.functions.LinearRegression")
                        .request());

        // when
        ValidationReport report = validate(project.validate(cpu)
                .modelName("cpu")
                .thresholds(ThresholdParser.parse(Map.of("rmse", "1000", "r2", "0.5"), null)));

        // then
        assertThat(report.classType()).isEqualTo("numeric");
        assertThat(report.metrics()).containsOnlyKeys("rmse", "mae", "r2", "correlation");
        assertThat(report.confusionMatrix()).isNull();
        assertThat(report.passed()).isTrue();
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
