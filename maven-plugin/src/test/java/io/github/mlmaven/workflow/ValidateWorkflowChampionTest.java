package io.github.mlmaven.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.github.mlmaven.artifact.ModelArtifactPackager;
import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.common.GateFailedException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.DataSplits;
import io.github.mlmaven.evaluation.ChampionGate;
import io.github.mlmaven.evaluation.ChampionRules;
import io.github.mlmaven.evaluation.EvaluationMethod;
import io.github.mlmaven.evaluation.McNemar;
import io.github.mlmaven.evaluation.ThresholdParser;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.testing.Jars;
import io.github.mlmaven.testing.MlProject;
import io.github.mlmaven.testing.RecordingLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.core.Instances;
import weka.core.SerializationHelper;

/**
 * ml:validate against the model in production: Logistic regression on credit-g is promoted as 1.3.0 (recall of bad
 * 31/64 on the test split), then a NaiveBayes candidate (recall 28/64) is validated against its jar. Every figure of
 * the comparison is checked against Weka run independently on the same rows.
 */
class ValidateWorkflowChampionTest {
    private static final double EXACT = 1e-12;
    private static final String MODEL = "credit";
    private static final String VERSION = "1.3.0";
    private static final String LOGISTIC = "weka.classifiers.functions.Logistic";
    private static final String NAIVE_BAYES = "weka.classifiers.bayes.NaiveBayes";

    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    // ------------------------------------------------------------------ fixtures

    /** A project with credit-g's train and test split as ARFF. */
    private MlProject creditProject(String name) {
        MlProject project = MlProject.in(dir.resolve(name));
        project.withData(Datasets.creditGTrainArff(), "train.arff");
        project.withData(Datasets.creditGTestArff(), "test.arff");
        return project;
    }

    private static ModelCard train(MlProject project, String algorithm, EvaluationMethod evaluation, String data) {
        return new TrainWorkflow(MlLog.SILENT)
                .run(project.train(data)
                        .modelName(MODEL)
                        .algorithm(algorithm)
                        .evaluation(evaluation)
                        .request())
                .card();
    }

    /** The production model: trained and validated on test data, then packaged as ml:promote deploys it. */
    private Production promotedLogistic() {
        MlProject project = creditProject("production");
        ModelCard card = train(project, LOGISTIC, null, "data/train.arff");
        new ValidateWorkflow(MlLog.SILENT)
                .run(project.validate("data/train.arff")
                        .modelName(MODEL)
                        .testData("data/test.arff")
                        .request());
        return promote(project, card);
    }

    private Production promote(MlProject project, ModelCard card) {
        Path jar = ModelArtifactPackager.pack(
                        project.bundle(MODEL),
                        card,
                        new ModelArtifactPackager.Coordinates("com.example", MODEL, VERSION),
                        dir.resolve("repository"))
                .jar();
        return new Production(project.bundle(MODEL), card, jar);
    }

    /** What the registry and the repository know of production 1.3.0. */
    private record Production(ModelBundle bundle, ModelCard card, Path jar) {
        ValidateRequest.Champion found(ChampionRules rules) {
            return new ValidateRequest.Champion("found", VERSION, jar, card.modelSha256(), rules);
        }
    }

    private static ChampionRules recallMayDropByTwoPoints() {
        return ChampionRules.parse(Map.of("recall", "0.02"), "0.05");
    }

    private ValidationReport validate(MlProject.Validate request) {
        return new ValidateWorkflow(log).run(request.request());
    }

    private static MlProject.Validate onTestData(MlProject project) {
        return project.validate("data/train.arff").modelName(MODEL).testData("data/test.arff");
    }

    private static ValidationReport readReport(ModelBundle bundle) throws IOException {
        return Json.MAPPER.readValue(bundle.validationFile().toFile(), ValidationReport.class);
    }

    private static Classifier modelOf(ModelBundle bundle) {
        try {
            return (Classifier) SerializationHelper.readAll(bundle.modelFile().toString())[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Weka's own evaluation of a model on rows loaded by Weka, independently of the plugin. */
    private static Evaluation weka(Classifier model, Instances rows) {
        try {
            Evaluation evaluation = new Evaluation(rows);
            evaluation.evaluateModel(model, rows);
            return evaluation;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** b and c counted row by row from the two models' own predictions. */
    private static McNemar pairedCounts(Classifier candidate, Classifier champion, Instances rows) throws Exception {
        long b = 0;
        long c = 0;
        for (int i = 0; i < rows.numInstances(); i++) {
            double actual = rows.instance(i).classValue();
            boolean ours = candidate.classifyInstance(rows.instance(i)) == actual;
            boolean theirs = champion.classifyInstance(rows.instance(i)) == actual;
            if (ours && !theirs) {
                b++;
            } else if (theirs && !ours) {
                c++;
            }
        }
        return McNemar.of(b, c);
    }

    private static void assertMetricsAreWekas(Map<String, Double> metrics, Evaluation weka, int positive) {
        assertThat(metrics.get("accuracy")).isCloseTo(weka.pctCorrect() / 100, within(EXACT));
        assertThat(metrics.get("precision")).isCloseTo(weka.precision(positive), within(EXACT));
        assertThat(metrics.get("recall")).isCloseTo(weka.recall(positive), within(EXACT));
        assertThat(metrics.get("f1")).isCloseTo(weka.fMeasure(positive), within(EXACT));
        assertThat(metrics.get("rocAuc")).isCloseTo(weka.areaUnderROC(positive), within(EXACT));
        assertThat(metrics.get("prAuc")).isCloseTo(weka.areaUnderPRC(positive), within(EXACT));
        assertThat(metrics.get("mcc")).isCloseTo(weka.matthewsCorrelationCoefficient(positive), within(EXACT));
        assertThat(metrics.get("kappa")).isCloseTo(weka.kappa(), within(EXACT));
    }

    private static Document parseXml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    // ------------------------------------------------------------------ test data

    @Test
    void recallDropBeyondItsAllowanceFailsTheGateNamingTheDrop() {
        // given
        Production production = promotedLogistic();
        MlProject candidate = creditProject("candidate");
        train(candidate, NAIVE_BAYES, null, "data/train.arff");

        // when
        GateFailedException failure = catchThrowableOfType(
                () -> validate(onTestData(candidate).champion(production.found(recallMayDropByTwoPoints()))),
                GateFailedException.class);

        // then recall of bad fell from 31/64 to 28/64
        assertThat(failure).isNotNull();
        assertThat(failure.getMessage())
                .contains("Model credit failed its gate")
                .contains("recall drops by 0.0469 against production 1.3.0 (allowed 0.02)")
                .doesNotContain("McNemar")
                .contains("summary.md");
        assertThat(log.text()).contains("Evaluating the production model 1.3.0 on the same 200 rows");
    }

    @Test
    void validationJsonHoldsProductionsMetricsOnTheTestRowsAsWekaComputesThem() throws Exception {
        // given
        Production production = promotedLogistic();
        MlProject candidate = creditProject("candidate");
        train(candidate, NAIVE_BAYES, null, "data/train.arff");
        assertThatThrownBy(() -> validate(onTestData(candidate).champion(production.found(recallMayDropByTwoPoints()))))
                .isInstanceOf(GateFailedException.class);

        // when
        ValidationReport report = readReport(candidate.bundle(MODEL));

        // then
        Instances test = Datasets.loadWithWeka(Datasets.creditGTestArff());
        Object[] saved =
                SerializationHelper.readAll(production.bundle().modelFile().toString());
        assertThat(((Instances) saved[1]).equalHeadersMsg(test))
                .as("same header")
                .isNull();
        int bad = test.classAttribute().indexOfValue("bad");
        Evaluation championOnTest = weka((Classifier) saved[0], test);

        ValidationReport.ChampionSection champion = report.champion();
        assertThat(champion.status()).isEqualTo("compared");
        assertThat(champion.version()).isEqualTo(VERSION);
        assertThat(champion.metrics()).containsOnlyKeys(report.metrics().keySet());
        assertMetricsAreWekas(champion.metrics(), championOnTest, bad);
        assertThat(champion.metrics().get("recall")).isCloseTo(31 / 64.0, within(EXACT));
        assertThat(champion.passed()).isFalse();
        assertThat(report.passed()).isFalse();
        assertThat(report.gateConfigured()).isTrue();
    }

    @Test
    void deltasAreCandidateMinusProductionForEveryMetric() throws Exception {
        // given
        Production production = promotedLogistic();
        MlProject candidate = creditProject("candidate");
        train(candidate, NAIVE_BAYES, null, "data/train.arff");
        assertThatThrownBy(() -> validate(onTestData(candidate).champion(production.found(recallMayDropByTwoPoints()))))
                .isInstanceOf(GateFailedException.class);

        // when
        ValidationReport report = readReport(candidate.bundle(MODEL));

        // then
        Map<String, Double> deltas = report.champion().deltas();
        assertThat(deltas).containsOnlyKeys(report.metrics().keySet());
        report.metrics()
                .forEach((metric, ours) -> assertThat(deltas.get(metric))
                        .as(metric)
                        .isCloseTo(ours - report.champion().metrics().get(metric), within(EXACT)));
        assertThat(deltas.get("recall")).isCloseTo(28 / 64.0 - 31 / 64.0, within(EXACT));
    }

    @Test
    void mcNemarCountsAreThoseOfTheTwoModelsPredictionsOnTheTestRows() throws Exception {
        // given
        Production production = promotedLogistic();
        MlProject candidate = creditProject("candidate");
        train(candidate, NAIVE_BAYES, null, "data/train.arff");
        assertThatThrownBy(() -> validate(onTestData(candidate).champion(production.found(recallMayDropByTwoPoints()))))
                .isInstanceOf(GateFailedException.class);

        // when
        ValidationReport report = readReport(candidate.bundle(MODEL));

        // then
        Instances test = Datasets.loadWithWeka(Datasets.creditGTestArff());
        McNemar expected = pairedCounts(modelOf(candidate.bundle(MODEL)), modelOf(production.bundle()), test);
        McNemar written = report.champion().mcnemar();
        assertThat(written.b()).isEqualTo(expected.b());
        assertThat(written.c()).isEqualTo(expected.c());
        assertThat(written.pValue()).isCloseTo(expected.pValue(), within(EXACT));
        // accuracy 145/200 against 150/200: the champion is right on 5 more rows
        assertThat(written.c() - written.b()).isEqualTo(5);
        assertThat(report.champion().rules())
                .filteredOn(r -> r.rule().equals("significance"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.actual()).isCloseTo(expected.pValue(), within(EXACT));
                    assertThat(r.passed()).isEqualTo(!expected.candidateSignificantlyWorse(0.05));
                });
        assertThat(report.champion().rules())
                .filteredOn(r -> r.rule().equals("maxDrop"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.metric()).isEqualTo("recall");
                    assertThat(r.actual()).isCloseTo(3 / 64.0, within(EXACT));
                    assertThat(r.passed()).isFalse();
                });
    }

    @Test
    void summaryShowsCandidateProductionAndDeltaSideBySide() throws Exception {
        // given
        Production production = promotedLogistic();
        MlProject candidate = creditProject("candidate");
        train(candidate, NAIVE_BAYES, null, "data/train.arff");
        assertThatThrownBy(() -> validate(onTestData(candidate).champion(production.found(recallMayDropByTwoPoints()))))
                .isInstanceOf(GateFailedException.class);

        // when
        String md = Files.readString(candidate.bundle(MODEL).summaryFile());

        // then
        assertThat(md)
                .contains("| metric | candidate | production 1.3.0 | delta | threshold | result |")
                .contains("Against production 1.3.0:")
                .contains("❌ recall may drop by at most 0.02: it dropped by 0.0469")
                .contains("McNemar's test: b = ");
        assertThat(md.lines().filter(l -> l.startsWith("| recall |")).findFirst())
                .hasValueSatisfying(row -> assertThat(row).contains("| 0.4375 | 0.4844 | -0.0469 |"));
        // and the console says the same: production's value and the delta beside each metric, each rule's verdict
        assertThat(log.lines())
                .anySatisfy(l ->
                        assertThat(l).startsWith("INFO   recall           0.4375   production 0.4844, delta -0.0469"))
                .contains("INFO Against production 1.3.0:")
                .contains("INFO   BREACH  recall may drop by at most 0.02: it dropped by 0.0469")
                .anySatisfy(l -> assertThat(l).contains("McNemar's test: b = "));
    }

    @Test
    void junitXmlHasAFailedChampionCase() throws Exception {
        // given
        Production production = promotedLogistic();
        MlProject candidate = creditProject("candidate");
        train(candidate, NAIVE_BAYES, null, "data/train.arff");
        assertThatThrownBy(() -> validate(onTestData(candidate).champion(production.found(recallMayDropByTwoPoints()))))
                .isInstanceOf(GateFailedException.class);

        // when
        Document xml = parseXml(candidate.bundle(MODEL).junitFile());

        // then
        Element suite = xml.getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        NodeList failures = xml.getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(1);
        Element failure = (Element) failures.item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("ChampionBreach");
        assertThat(failure.getAttribute("message")).contains("production 1.3.0").contains("recall");
        assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("champion maxDrop recall 0.02");
    }

    @Test
    void significantlyWorseCandidateFailsOnMcNemarsTest() {
        // given ZeroR, which calls every loan good: right on the 17 good loans Logistic gets wrong (b), wrong on the 31
        // bad loans Logistic gets right (c); 2 P(X <= 17) for X ~ Bin(48, 1/2) = 0.05946
        Production production = promotedLogistic();
        MlProject candidate = creditProject("candidate");
        train(candidate, "weka.classifiers.rules.ZeroR", null, "data/train.arff");

        // when
        GateFailedException failure = catchThrowableOfType(
                () -> validate(onTestData(candidate).champion(production.found(ChampionRules.parse(Map.of(), "0.1")))),
                GateFailedException.class);

        // then
        assertThat(failure).isNotNull();
        assertThat(failure.getMessage())
                .contains("McNemar's test says it is significantly worse than production 1.3.0 (p = 0.05946 < 0.1)");
        McNemar written = catchReport(candidate).champion().mcnemar();
        assertThat(written.b()).isEqualTo(17);
        assertThat(written.c()).isEqualTo(31);
        assertThat(written.pValue()).isCloseTo(0.05946337525377032, within(1e-12));
    }

    @Test
    void significanceLevelBelowThePValuePasses() {
        // given the same ZeroR candidate, at the 5 % level
        Production production = promotedLogistic();
        MlProject candidate = creditProject("candidate");
        train(candidate, "weka.classifiers.rules.ZeroR", null, "data/train.arff");

        // when
        ValidationReport report =
                validate(onTestData(candidate).champion(production.found(ChampionRules.parse(Map.of(), "0.05"))));

        // then
        assertThat(report.passed()).isTrue();
        assertThat(report.champion().rules())
                .singleElement()
                .satisfies(r -> assertThat(r.passed()).isTrue());
    }

    private static ValidationReport catchReport(MlProject project) {
        try {
            return readReport(project.bundle(MODEL));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void candidateWithinTheAllowancesPasses() throws IOException {
        // given
        Production production = promotedLogistic();
        MlProject candidate = creditProject("candidate");
        train(candidate, NAIVE_BAYES, null, "data/train.arff");
        ChampionRules generous = ChampionRules.parse(Map.of("recall", "0.05", "accuracy", "0.05"), null);

        // when
        ValidationReport report = validate(onTestData(candidate).champion(production.found(generous)));

        // then
        assertThat(report.passed()).isTrue();
        assertThat(report.champion().passed()).isTrue();
        assertThat(report.champion().rules())
                .extracting(ChampionGate.RuleResult::passed)
                .containsOnly(true);
        assertThat(report.champion().mcnemar())
                .as("reported without a significance rule")
                .isNotNull();
        assertThat(readReport(candidate.bundle(MODEL))).isEqualTo(report);
    }

    @Test
    void productionModelAlteredInTheRepositoryIsRefusedAndNothingIsWritten() {
        // given the model entry of the deployed jar replaced
        Production production = promotedLogistic();
        Path tampered = Jars.withEntryReplaced(
                production.jar(),
                dir.resolve("tampered/credit-1.3.0.jar"),
                "META-INF/ml-models/credit/credit.model",
                bytes -> {
                    byte[] copy = bytes.clone();
                    copy[copy.length - 1] ^= 0x01;
                    return copy;
                });
        MlProject candidate = creditProject("candidate");
        train(candidate, NAIVE_BAYES, null, "data/train.arff");
        ValidateRequest.Champion champion = new ValidateRequest.Champion(
                "found", VERSION, tampered, production.card().modelSha256(), recallMayDropByTwoPoints());

        // when / then
        assertThatThrownBy(() -> validate(onTestData(candidate).champion(champion)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("altered")
                .hasMessageContaining("not loaded");
        assertThat(candidate.bundle(MODEL).validationFile()).doesNotExist();
    }

    // ------------------------------------------------------------------ holdout

    @Test
    void holdoutComparesProductionOnExactlyTheRowsTheCandidateWasEvaluatedOn() throws Exception {
        // given both models trained on the training part of the 20 % holdout of all of credit-g (seed 1)
        MlProject productionProject = MlProject.in(dir.resolve("production"));
        String all = productionProject.withData(Datasets.creditGArff(), "credit-g.arff");
        ModelCard productionCard = train(productionProject, LOGISTIC, EvaluationMethod.HOLDOUT, all);
        new ValidateWorkflow(MlLog.SILENT)
                .run(productionProject
                        .validate(all)
                        .modelName(MODEL)
                        .evaluation(EvaluationMethod.HOLDOUT)
                        .request());
        Production production = promote(productionProject, productionCard);
        MlProject candidate = MlProject.in(dir.resolve("candidate"));
        candidate.withData(Datasets.creditGArff(), "credit-g.arff");
        train(candidate, NAIVE_BAYES, EvaluationMethod.HOLDOUT, all);

        // when
        ValidationReport report = validate(candidate
                .validate(all)
                .modelName(MODEL)
                .evaluation(EvaluationMethod.HOLDOUT)
                .champion(production.found(ChampionRules.parse(Map.of(), "0.05"))));

        // then the held-out rows, taken independently from Weka's reading of the file
        Instances data = Datasets.loadWithWeka(Datasets.creditGArff());
        Instances heldOut = DataSplits.stratifiedHoldout(data, 20, 1).test();
        assertThat(report.evaluation().rows()).isEqualTo(heldOut.numInstances()).isEqualTo(200);
        int bad = data.classAttribute().indexOfValue("bad");
        Classifier championModel = modelOf(production.bundle());
        Classifier candidateModel = modelOf(candidate.bundle(MODEL));
        assertMetricsAreWekas(report.metrics(), weka(candidateModel, heldOut), bad);
        assertMetricsAreWekas(report.champion().metrics(), weka(championModel, heldOut), bad);
        McNemar expected = pairedCounts(candidateModel, championModel, heldOut);
        assertThat(report.champion().mcnemar().b()).isEqualTo(expected.b());
        assertThat(report.champion().mcnemar().c()).isEqualTo(expected.c());
        // and not on all rows, 800 of which production was trained on
        assertThat(report.champion().metrics().get("accuracy"))
                .isNotCloseTo(weka(championModel, data).pctCorrect() / 100, within(EXACT));
        assertThat(log.text()).contains("Evaluating the production model 1.3.0 on the same 200 rows");
    }

    // ------------------------------------------------------------------ no production, no registry

    @Test
    void withoutAProductionVersionTheChampionSectionSaysNoneAndThresholdsAloneDecide() throws IOException {
        // given
        MlProject candidate = creditProject("candidate");
        train(candidate, NAIVE_BAYES, null, "data/train.arff");
        ValidateRequest.Champion none =
                new ValidateRequest.Champion("none", null, null, null, recallMayDropByTwoPoints());

        // when
        ValidationReport report = validate(onTestData(candidate)
                .thresholds(ThresholdParser.parse(null, "accuracy>=0.7"))
                .champion(none));

        // then
        assertThat(report.passed()).isTrue();
        ValidationReport.ChampionSection champion = report.champion();
        assertThat(champion.status()).isEqualTo("none");
        assertThat(champion.version()).isNull();
        assertThat(champion.metrics()).isNull();
        assertThat(champion.rules()).isEmpty();
        assertThat(champion.passed()).isTrue();
        var json = Json.MAPPER.readTree(candidate.bundle(MODEL).validationFile().toFile());
        assertThat(json.get("champion").get("status").asText()).isEqualTo("none");
        assertThat(Files.readString(candidate.bundle(MODEL).summaryFile()))
                .contains("No production version yet: gated on the thresholds alone.")
                .contains("| metric | value | threshold | result |");
        assertThat(log.text()).contains("No production version of credit in the registry yet");
    }

    @Test
    void withoutAProductionVersionAThresholdBreachStillFails() {
        // given
        MlProject candidate = creditProject("candidate");
        train(candidate, NAIVE_BAYES, null, "data/train.arff");
        ValidateRequest.Champion none = new ValidateRequest.Champion("none", null, null, null, ChampionRules.NONE);

        // when / then
        assertThatThrownBy(() -> validate(onTestData(candidate)
                        .thresholds(ThresholdParser.parse(null, "recall>=0.9"))
                        .champion(none)))
                .isInstanceOf(GateFailedException.class)
                .hasMessageContaining("recall = 0.4375");
    }

    @Test
    void withoutARegistryThereIsNoChampionSection() throws IOException {
        // given
        MlProject candidate = creditProject("candidate");
        train(candidate, NAIVE_BAYES, null, "data/train.arff");

        // when
        validate(onTestData(candidate).champion(ValidateRequest.Champion.NONE));

        // then
        var json = Json.MAPPER.readTree(candidate.bundle(MODEL).validationFile().toFile());
        assertThat(json.has("champion")).isFalse();
    }

    @Test
    void crossValidationComparesWithoutMcNemarAndSaysWhy() {
        // given
        Production production = promotedLogistic();
        MlProject candidate = creditProject("candidate");
        train(candidate, NAIVE_BAYES, null, "data/train.arff");
        Map<String, String> allowances = new LinkedHashMap<>();
        allowances.put("accuracy", "0.5");

        // when
        ValidationReport report = validate(candidate
                .validate("data/train.arff")
                .modelName(MODEL)
                .evaluation(EvaluationMethod.CV)
                .champion(production.found(ChampionRules.parse(allowances, "0.05"))));

        // then
        assertThat(report.champion().status()).isEqualTo("compared");
        assertThat(report.champion().mcnemar()).isNull();
        assertThat(report.champion().rules())
                .extracting(ChampionGate.RuleResult::rule)
                .containsExactly("maxDrop");
        assertThat(report.champion().note()).contains("McNemar's test is not applied");
        assertThat(List.of(report.champion().metrics().get("accuracy"))).doesNotContainNull();
    }
}
