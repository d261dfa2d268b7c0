package io.github.mlmaven.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.common.RefusedException;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.retrain.ProductionModel;
import io.github.mlmaven.retrain.RetrainDecision;
import io.github.mlmaven.retrain.RetrainPolicy;
import io.github.mlmaven.runtime.BundleLayout;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.testing.Jars;
import io.github.mlmaven.testing.MlProject;
import io.github.mlmaven.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ml:train against a production model: new rows in the card, and the {@code <retrainWhen>} policy. */
class TrainWorkflowRetrainTest {

    @TempDir
    Path dir;

    private MlProject project;
    private final RecordingLog log = new RecordingLog();

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    @BeforeEach
    void projectWithPartOne() {
        project = MlProject.in(dir);
        project.withCsv("part-1.csv", rows(0, 30, 30));
    }

    /** A CSV of {@code good} then {@code bad} rows whose features separate the classes; {@code from} varies them. */
    static String rows(int from, int good, int bad) {
        StringBuilder csv = new StringBuilder("amount,age,class\n");
        for (int i = 0; i < good; i++) {
            csv.append(100 + (from + i) % 50)
                    .append(',')
                    .append(30 + (from + i) % 20)
                    .append(",good\n");
        }
        for (int i = 0; i < bad; i++) {
            csv.append(900 + (from + i) % 50)
                    .append(',')
                    .append(20 + (from + i) % 10)
                    .append(",bad\n");
        }
        return csv.toString();
    }

    private TrainWorkflow.Result train(MlProject.Train train) {
        return new TrainWorkflow(log).run(train.request());
    }

    /** Puts the card of the model on disk in a jar, as ml:promote would, and names it production. */
    private ProductionModel promote(String version) {
        return promote(version, project.bundle().readCard());
    }

    private ProductionModel promote(String version, ModelCard card) {
        try {
            Path jar = Jars.write(
                    dir.resolve("repo/model-" + version + ".jar"),
                    Map.of(
                            BundleLayout.directory(MlProject.MODEL_NAME) + ModelBundle.CARD_FILE,
                            Json.MAPPER.writeValueAsBytes(card)));
            return new ProductionModel("found", version, jar, card.modelSha256(), null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ModelCard trainedDaysAgo(ModelCard card, int days) {
        ObjectNode json = Json.MAPPER.valueToTree(card);
        // a minute earlier still: the request under test may have read its clock before this fixture ran
        json.put(
                "trainedAt",
                Instant.now()
                        .minus(days, ChronoUnit.DAYS)
                        .minus(1, ChronoUnit.MINUTES)
                        .toString());
        return Json.MAPPER.convertValue(json, ModelCard.class);
    }

    @Test
    void cardCountsTheRowsOfNewFilesPerClassAndNotTheUnchangedOnes() {
        // given
        train(project.train("data/*.csv"));
        ProductionModel production = promote("1.3.0");
        project.withCsv("part-2.csv", rows(100, 10, 5));

        // when
        TrainWorkflow.Result result = train(project.train("data/*.csv").production(production));

        // then
        ModelCard.DataChanges changes = result.card().dataChanges();
        assertThat(changes.status()).isEqualTo("compared");
        assertThat(changes.rows()).isEqualTo(75);
        assertThat(changes.comparedWith()).isEqualTo("1.3.0");
        assertThat(changes.newRows()).isEqualTo(15);
        assertThat(changes.newRowsPerClass()).containsExactly(Map.entry("good", 10L), Map.entry("bad", 5L));
        assertThat(changes.files())
                .containsExactly(
                        new ModelCard.FileChange("data/part-1.csv", "unchanged", 60, 0),
                        new ModelCard.FileChange("data/part-2.csv", "new", 15, 15));
        assertThat(project.bundle().readCard().dataChanges()).isEqualTo(changes);
        assertThat(log.text()).contains("75 rows, 15 new labelled rows since production 1.3.0 (good 10, bad 5)");
    }

    @Test
    void naiveBayesOnArffCountsNewRowsPerClassToo() throws Exception {
        // NaiveBayes on ARFF keeps its rows as columns unless new rows per class must be counted from them
        String header = "@relation r\n@attribute amount numeric\n@attribute age numeric\n"
                + "@attribute class {good,bad}\n@data\n";
        Path data = project.basedir().resolve("data");
        java.nio.file.Files.writeString(
                data.resolve("part-1.arff"), header + rows(0, 30, 30).substring("amount,age,class\n".length()));
        String nb = "weka.classifiers.bayes.NaiveBayes";
        train(project.train("data/*.arff").algorithm(nb));
        assertThat(log.text()).contains("kept as columns");
        ProductionModel production = promote("1.3.0");
        java.nio.file.Files.writeString(
                data.resolve("part-2.arff"), header + rows(100, 10, 5).substring("amount,age,class\n".length()));

        ModelCard.DataChanges changes = train(
                        project.train("data/*.arff").algorithm(nb).production(production))
                .card()
                .dataChanges();

        assertThat(changes.newRows()).isEqualTo(15);
        assertThat(changes.newRowsPerClass()).containsExactly(Map.entry("good", 10L), Map.entry("bad", 5L));
    }

    @Test
    void aGrownFileCountsOnlyItsAppendedRows() {
        // given
        train(project.train("data/part-1.csv"));
        ProductionModel production = promote("1.3.0");
        String appended = rows(200, 5, 3).substring("amount,age,class\n".length());
        project.withCsv("part-1.csv", rows(0, 30, 30) + appended);

        // when
        ModelCard.DataChanges changes = train(project.train("data/part-1.csv").production(production))
                .card()
                .dataChanges();

        // then the appended rows are 5 good then 3 bad
        assertThat(changes.newRows()).isEqualTo(8);
        assertThat(changes.newRowsPerClass()).containsExactly(Map.entry("good", 5L), Map.entry("bad", 3L));
        assertThat(changes.files()).containsExactly(new ModelCard.FileChange("data/part-1.csv", "grown", 68, 8));
    }

    @Test
    void aChangedFileWithoutMoreRowsCountsNoNewRows() {
        // given
        train(project.train("data/part-1.csv"));
        ProductionModel production = promote("1.3.0");
        project.withCsv("part-1.csv", rows(7, 30, 30));

        // when
        ModelCard.DataChanges changes = train(project.train("data/part-1.csv").production(production))
                .card()
                .dataChanges();

        // then
        assertThat(changes.newRows()).isZero();
        assertThat(changes.files()).containsExactly(new ModelCard.FileChange("data/part-1.csv", "changed", 60, 0));
    }

    @Test
    void aRenamedFileIsNotCountedAgain() throws Exception {
        // given
        train(project.train("data/*.csv"));
        ProductionModel production = promote("1.3.0");
        Files.move(project.file("data/part-1.csv"), project.file("data/all.csv"));

        // when
        ModelCard.DataChanges changes =
                train(project.train("data/*.csv").production(production)).card().dataChanges();

        // then
        assertThat(changes.newRows()).isZero();
        assertThat(changes.files()).extracting(ModelCard.FileChange::change).containsExactly("unchanged");
    }

    @Test
    void withoutProductionTheCardHasRowsButNoNewRows() {
        // when
        ModelCard card = train(project.train("data/part-1.csv")
                        .production(new ProductionModel("none", null, null, null, null)))
                .card();

        // then
        assertThat(card.dataChanges().rows()).isEqualTo(60);
        assertThat(card.dataChanges().status()).isEqualTo("noProduction");
        assertThat(card.dataChanges().newRows()).isNull();
        assertThat(card.configurationKey()).hasSize(64);
    }

    @Test
    void policySkipsTrainingWhenFewerNewRowsThanNewRowsArrived() throws Exception {
        // given
        train(project.train("data/*.csv"));
        ModelCard before = project.bundle().readCard();
        ProductionModel production = promote("1.3.0");
        project.withCsv("part-2.csv", rows(100, 10, 5));

        // when
        TrainWorkflow.Result result = train(project.train("data/*.csv")
                .production(production)
                .retrainWhen(new RetrainPolicy(20L, null, null, null, null, null)));

        // then
        assertThat(result.trained()).isFalse();
        assertThat(result.decision().retrain()).isFalse();
        assertThat(result.decision().reason())
                .isEqualTo("no retrain condition holds against production 1.3.0: 15 new labelled rows < newRows 20");
        assertThat(log.text())
                .contains("Skipping training of model (<retrainWhen>): no retrain condition holds against production"
                        + " 1.3.0: 15 new labelled rows < newRows 20");
        assertThat(project.bundle().readCard()).isEqualTo(before);
        RetrainDecision marker =
                RetrainDecision.read(project.bundle().directory()).orElseThrow();
        assertThat(marker.retrain()).isFalse();
        assertThat(marker.figures().newRows()).isEqualTo(15);
        assertThat(marker.figures().newRowsPerClass()).containsEntry("bad", 5L);
        assertThat(Files.readString(project.bundle().summaryFile()))
                .contains("training skipped")
                .contains("75 rows, 15 new labelled rows since production 1.3.0 (good 10, bad 5).");
    }

    @Test
    void policyRetrainsOnceNewRowsReachTheThreshold() throws Exception {
        // given
        train(project.train("data/*.csv"));
        ProductionModel production = promote("1.3.0");
        project.withCsv("part-2.csv", rows(100, 10, 5));
        project.withCsv("part-3.csv", rows(300, 3, 2));

        // when
        TrainWorkflow.Result result = train(project.train("data/*.csv")
                .production(production)
                .retrainWhen(new RetrainPolicy(20L, null, null, null, null, null)));

        // then
        assertThat(result.trained()).isTrue();
        assertThat(result.decision().reason()).isEqualTo("against production 1.3.0: 20 new labelled rows ≥ newRows 20");
        assertThat(result.card().dataChanges().newRows()).isEqualTo(20);
        assertThat(RetrainDecision.read(project.bundle().directory())
                        .orElseThrow()
                        .retrain())
                .isTrue();
    }

    @Test
    void codeChangedRetrainsWhenTheOptionsDifferFromProduction() {
        // given
        train(project.train("data/part-1.csv"));
        ProductionModel production = promote("1.3.0");
        RetrainPolicy policy = new RetrainPolicy(null, true, null, null, null, null);

        // when
        TrainWorkflow.Result same =
                train(project.train("data/part-1.csv").production(production).retrainWhen(policy));
        TrainWorkflow.Result changed = train(project.train("data/part-1.csv")
                .options("-M 3")
                .production(production)
                .retrainWhen(policy));

        // then
        assertThat(same.decision().retrain()).isFalse();
        assertThat(same.decision().reason()).endsWith("training configuration and project classes unchanged");
        assertThat(changed.decision().retrain()).isTrue();
        assertThat(changed.decision().reason()).endsWith("the training configuration or project classes changed");
        assertThat(changed.trained()).isTrue();
    }

    @Test
    void codeChangedRetrainsWhenTheProjectClassesChanged() throws Exception {
        // given
        Path classes = Files.createDirectories(dir.resolve("target/classes/example"));
        Files.writeString(classes.resolve("Filter.class"), "v1");
        List<Path> classpath = List.of(dir.resolve("target/classes"));
        train(project.train("data/part-1.csv").classpath(classpath));
        ProductionModel production = promote("1.3.0");
        Files.writeString(classes.resolve("Filter.class"), "v2");

        // when
        TrainWorkflow.Result result = train(project.train("data/part-1.csv")
                .classpath(classpath)
                .production(production)
                .retrainWhen(new RetrainPolicy(null, true, null, null, null, null)));

        // then
        assertThat(result.decision().retrain()).isTrue();
        assertThat(result.decision().figures().codeChanged()).isTrue();
    }

    @Test
    void maxAgeDaysRetrainsAnOldProductionModelOnly() {
        // given
        train(project.train("data/part-1.csv"));
        ModelCard card = project.bundle().readCard();
        RetrainPolicy policy = new RetrainPolicy(null, null, 30, null, null, null);

        // when
        TrainWorkflow.Result recent = train(project.train("data/part-1.csv")
                .production(promote("1.3.0", trainedDaysAgo(card, 10)))
                .retrainWhen(policy));
        TrainWorkflow.Result old = train(project.train("data/part-1.csv")
                .production(promote("1.3.1", trainedDaysAgo(card, 40)))
                .retrainWhen(policy));

        // then
        assertThat(recent.decision().retrain()).isFalse();
        assertThat(recent.decision().reason()).endsWith("the production model is 10 days old ≤ maxAgeDays 30");
        assertThat(old.decision().retrain()).isTrue();
        assertThat(old.decision().reason()).endsWith("the production model is 40 days old > maxAgeDays 30");
        assertThat(old.decision().figures().productionAgeDays()).isEqualTo(40);
    }

    @Test
    void anyHoldingConditionRetrains() {
        // given
        train(project.train("data/part-1.csv"));
        ModelCard card = project.bundle().readCard();

        // when: no new rows, same code, but old
        TrainWorkflow.Result result = train(project.train("data/part-1.csv")
                .production(promote("1.3.0", trainedDaysAgo(card, 40)))
                .retrainWhen(new RetrainPolicy(10L, true, 30, null, null, null)));

        // then
        assertThat(result.decision().retrain()).isTrue();
        assertThat(result.decision().reason())
                .isEqualTo("against production 1.3.0: the production model is 40 days old > maxAgeDays 30");
    }

    @Test
    void withoutProductionThePolicyAlwaysTrainsAndSaysSo() {
        // when
        TrainWorkflow.Result result = train(project.train("data/part-1.csv")
                .production(new ProductionModel("none", null, null, null, null))
                .retrainWhen(new RetrainPolicy(1000L, null, null, null, null, null)));

        // then
        assertThat(result.trained()).isTrue();
        assertThat(result.decision().reason()).isEqualTo("no production version yet, so the model is trained");
        assertThat(log.text()).contains("Retraining model (<retrainWhen>): no production version yet");
    }

    @Test
    void forceTrainsDespiteThePolicy() {
        // given
        train(project.train("data/part-1.csv"));
        ProductionModel production = promote("1.3.0");

        // when
        TrainWorkflow.Result result = train(project.train("data/part-1.csv")
                .force(true)
                .production(production)
                .retrainWhen(new RetrainPolicy(1000L, null, null, null, null, null)));

        // then
        assertThat(result.trained()).isTrue();
        assertThat(result.decision().reason()).isEqualTo("-Dml.train.force=true");
    }

    @Test
    void withoutPolicyAnEarlierDecisionIsRemoved() {
        // given
        train(project.train("data/part-1.csv"));
        ProductionModel production = promote("1.3.0");
        train(project.train("data/part-1.csv")
                .production(production)
                .retrainWhen(new RetrainPolicy(1000L, null, null, null, null, null)));
        assertThat(RetrainDecision.skipped(project.bundle().directory())).isPresent();

        // when
        TrainWorkflow.Result result = train(project.train("data/part-1.csv").production(production));

        // then
        assertThat(result.decision()).isNull();
        assertThat(project.bundle().directory().resolve(RetrainDecision.FILE)).doesNotExist();
    }

    @Test
    void promotionAfterASkippedTrainingIsRefused() {
        // given
        train(project.train("data/part-1.csv"));
        ProductionModel production = promote("1.3.0");
        train(project.train("data/part-1.csv")
                .production(production)
                .retrainWhen(new RetrainPolicy(1000L, null, null, null, null, null)));

        // then
        assertThatThrownBy(() -> PromotionChecks.check(project.bundle(), "1.3.0", false, null))
                .isInstanceOf(RefusedException.class)
                .hasMessageStartingWith("nothing new to promote: ml:train skipped training of model (no retrain");
    }

    @Test
    void validationReportsTheDataFiguresAndTheRetrainReason() throws Exception {
        // given
        train(project.train("data/*.csv"));
        ProductionModel production = promote("1.3.0");
        project.withCsv("part-2.csv", rows(100, 10, 5));
        train(project.train("data/*.csv")
                .production(production)
                .retrainWhen(new RetrainPolicy(10L, null, null, null, null, null)));

        // when
        ValidationReport report =
                new ValidateWorkflow(log).run(project.validate("data/*.csv").request());

        // then
        assertThat(report.data())
                .isEqualTo(new ValidationReport.DataSection(
                        75,
                        15L,
                        Map.of("good", 10L, "bad", 5L),
                        "1.3.0",
                        "against production 1.3.0: 15 new labelled rows ≥ newRows 10"));
        assertThat(Json.MAPPER
                        .readTree(project.bundle().validationFile().toFile())
                        .get("data")
                        .get("newRows")
                        .asLong())
                .isEqualTo(15);
        assertThat(Files.readString(project.bundle().summaryFile()))
                .contains("75 rows, 15 new labelled rows since production 1.3.0 (good 10, bad 5).")
                .contains("Retrained (`<retrainWhen>`): against production 1.3.0: 15 new labelled rows ≥ newRows 10");
    }
}
