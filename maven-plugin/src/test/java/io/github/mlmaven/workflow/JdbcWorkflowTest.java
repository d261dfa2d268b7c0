package io.github.mlmaven.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.mlmaven.data.SourceSpec;
import io.github.mlmaven.data.jdbc.JdbcSpec;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.retrain.ProductionModel;
import io.github.mlmaven.retrain.RetrainDecision;
import io.github.mlmaven.retrain.RetrainPolicy;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.runtime.Sha256;
import io.github.mlmaven.testing.H2Database;
import io.github.mlmaven.testing.MlProject;
import io.github.mlmaven.testing.PublishedSnapshot;
import io.github.mlmaven.testing.RecordingLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ml:train and ml:validate on a {@code <jdbc>} source (in-memory H2): the card records the extraction, a database
 * without new rows leaves the model up to date, new rows (those above the production model's watermark) retrain it and
 * are counted per class, validation reads the parts without the database, and credentials reach no output.
 */
class JdbcWorkflowTest {
    private static final String PASSWORD = "Labeller-Secret-42";

    @TempDir
    Path dir;

    private H2Database database;
    private final RecordingLog log = new RecordingLog();

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    @BeforeEach
    void database() {
        database = H2Database.inMemory("workflow");
        database.sql(
                "CREATE TABLE labelled_events (id INT, labelled_at TIMESTAMP, amount DOUBLE, label VARCHAR(10))",
                "CREATE USER labeller PASSWORD '" + PASSWORD + "' ADMIN");
    }

    /** Rows {@code first..last}, one a day in January 2026: even ids {@code good}, odd ids {@code bad}. */
    private void insert(int first, int last) {
        database.insert(
                "labelled_events",
                first,
                last,
                id -> String.format(
                        "%d, TIMESTAMP '2026-01-%02d 10:00:00', %d.5, '%s'",
                        id, id, id % 2 == 0 ? id : -id, id % 2 == 0 ? "good" : "bad"));
    }

    private SourceSpec source(MlProject project) {
        return SourceSpec.jdbc(JdbcSpec.of(
                        "trainingData/jdbc",
                        database.url(),
                        null,
                        "labelled_events",
                        project.file("target/ml/model/data"))
                .withCredentials("labeller", PASSWORD, "serverId labels-db")
                .withWatermark(new JdbcSpec.Watermark("labelled_at", "id", Duration.ZERO)));
    }

    private MlProject.Train training(MlProject project) {
        return project.train(source(project)).algorithm("weka.classifiers.bayes.NaiveBayes");
    }

    private TrainWorkflow.Result train(MlProject.Train train) {
        return new TrainWorkflow(log).run(train.request());
    }

    @Test
    void aDatabaseWithoutNewRowsLeavesTheModelUpToDateAndNewRowsRetrainIt() throws Exception {
        // given
        MlProject project = MlProject.in(dir);
        insert(1, 8);

        // when
        TrainWorkflow.Result first = train(training(project));
        TrainWorkflow.Result again = train(training(project));
        insert(9, 12);
        TrainWorkflow.Result retrained = train(training(project));

        // then
        assertThat(first.trained()).isTrue();
        ModelCard.Extraction extraction = first.card().data().extraction();
        assertThat(extraction.watermarkTo()).isEqualTo("2026-01-08T10:00:00");
        assertThat(extraction.rows()).isEqualTo(8);
        assertThat(first.card().schema().attributes())
                .extracting(ModelCard.AttributeEntry::name)
                .containsExactly("AMOUNT", "LABEL");
        assertThat(again.trained()).as("no new rows, nothing else changed").isFalse();
        assertThat(log.text()).contains("is up to date (data, configuration and classpath unchanged");
        assertThat(retrained.trained()).isTrue();
        assertThat(retrained.card().data().files()).hasSize(2);
        assertThat(retrained.card().data().extraction().watermarkFrom()).isNull();
        assertThat(retrained.card().data().extraction().watermarkTo()).isEqualTo("2026-01-12T10:00:00");
        var json = Json.MAPPER.readTree(project.bundle().cardFile().toFile());
        assertThat(json.get("data").get("extraction").get("parts")).hasSize(2);
    }

    @Test
    void retrainWhenNewRowsCountsTheRowsAboveProductionsWatermarkPerClass() {
        // given: production 1.0.0 trained on rows 1-8
        MlProject project = MlProject.in(dir);
        insert(1, 8);
        train(training(project));
        ProductionModel production = project.promoted("1.0.0");
        RetrainPolicy fiveNewRows = new RetrainPolicy(5L, null, null, null, null, null);

        // when: three rows labelled, then two more, then none
        insert(9, 11);
        TrainWorkflow.Result three =
                train(training(project).production(production).retrainWhen(fiveNewRows));
        RetrainDecision skipped =
                RetrainDecision.read(project.bundle().directory()).orElseThrow();
        insert(12, 13);
        TrainWorkflow.Result five =
                train(training(project).production(production).retrainWhen(fiveNewRows));
        TrainWorkflow.Result none =
                train(training(project).production(production).retrainWhen(fiveNewRows));

        // then
        assertThat(three.trained()).isFalse();
        assertThat(skipped.reason())
                .isEqualTo("no retrain condition holds against production 1.0.0: 3 new labelled rows < newRows 5");
        assertThat(skipped.figures().newRowsPerClass()).containsOnly(entry("bad", 2L), entry("good", 1L));
        assertThat(five.trained()).isTrue();
        ModelCard.DataChanges changes = five.card().dataChanges();
        assertThat(changes.newRows()).isEqualTo(5);
        assertThat(changes.newRowsPerClass()).containsOnly(entry("bad", 3L), entry("good", 2L));
        assertThat(changes.files())
                .extracting(ModelCard.FileChange::path, ModelCard.FileChange::change, ModelCard.FileChange::newRows)
                .containsExactly(
                        tuple("target/ml/model/data/part-000001.csv", "unchanged", 0L),
                        tuple("target/ml/model/data/part-000002.csv", "new", 3L),
                        tuple("target/ml/model/data/part-000003.csv", "new", 2L));
        assertThat(none.trained()).as("the same 5 new rows, already trained on").isFalse();
    }

    @Test
    void aFreshCheckoutWithoutProductionsPartsCountsTheRowsAboveItsWatermark() {
        // given: production 1.0.0 trained on rows 1-8 elsewhere (in CI); six rows labelled since
        MlProject ci = MlProject.in(dir.resolve("ci"));
        insert(1, 8);
        train(training(ci));
        ProductionModel production = ci.promoted("1.0.0");
        ModelCard productionCard = ci.bundle().readCard();
        insert(9, 14);

        // when: a fresh checkout, where production's parts cannot be had, trains
        MlProject fresh = MlProject.in(dir.resolve("fresh"));
        TrainWorkflow.Result result = train(
                training(fresh).production(production).productionData(PublishedSnapshot.withoutParts(productionCard)));

        // then: its first part holds the rows after production's watermark, all of them new, though it bears the
        // name of production's first part
        ModelCard card = result.card();
        assertThat(card.data().extraction().watermarkFrom()).isEqualTo("2026-01-08T10:00:00");
        assertThat(card.data().totalRows()).isEqualTo(6);
        assertThat(card.dataChanges().files())
                .extracting(ModelCard.FileChange::path, ModelCard.FileChange::change, ModelCard.FileChange::newRows)
                .containsExactly(tuple("target/ml/model/data/part-000001.csv", "new", 6L));
        assertThat(card.dataChanges().newRowsPerClass()).containsOnly(entry("bad", 3L), entry("good", 3L));
        assertThat(log.text()).contains("the production version's snapshot parts are not available");
    }

    @Test
    void partsExtractedHereAcrossProductionsWatermarkCountOnlyTheRowsAboveIt() {
        // given: rows 1-5 extracted here; production 1.0.0 trained on rows 1-8 elsewhere; rows 9-12 labelled since
        MlProject here = MlProject.in(dir.resolve("here"));
        insert(1, 5);
        train(training(here));
        MlProject ci = MlProject.in(dir.resolve("ci"));
        insert(6, 8);
        train(training(ci));
        ProductionModel production = ci.promoted("1.0.0");
        insert(9, 12);

        // when: this checkout extracts rows 6-12 into its second part
        TrainWorkflow.Result result = train(training(here).production(production));

        // then
        ModelCard.DataChanges changes = result.card().dataChanges();
        assertThat(changes.files())
                .extracting(ModelCard.FileChange::change, ModelCard.FileChange::rows, ModelCard.FileChange::newRows)
                .containsExactly(tuple("unchanged", 5L, 0L), tuple("new", 7L, 4L));
        assertThat(changes.newRows()).isEqualTo(4);
        assertThat(changes.newRowsPerClass()).containsOnly(entry("bad", 2L), entry("good", 2L));
    }

    @Test
    void validationReadsThePartsTheModelWasTrainedOnWithoutTheDatabase() {
        // given a model trained, then the table gone
        MlProject project = MlProject.in(dir);
        insert(1, 10);
        train(training(project));
        database.sql("DROP TABLE labelled_events");

        // when
        ValidationReport report = new ValidateWorkflow(log)
                .run(project.validate(source(project)).folds(2).request());

        // then
        assertThat(report.evaluation().method()).isEqualTo("cv");
        assertThat(report.evaluation().rows()).isEqualTo(10);
        assertThat(log.text()).contains("reading the 1 snapshot part in target/ml/model/data as they are");
    }

    /**
     * The card names where the rows came from, down to each part's hash, and neither the card nor anything else the
     * build writes or logs holds the user name or password: given to the source, or written into the URL.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theCardRecordsTheExtractionAndCredentialsAppearNowhere(boolean inUrl) throws Exception {
        // given
        MlProject project = MlProject.in(dir);
        insert(1, 6);
        String url = inUrl ? database.url() + ";USER=labeller;PASSWORD=" + PASSWORD : database.url();
        JdbcSpec spec = JdbcSpec.of("trainingData/jdbc", url, null, "labelled_events", project.file("snapshots"))
                .withCredentials(inUrl ? null : "labeller", inUrl ? null : PASSWORD, inUrl ? "none" : "serverId db")
                .withWatermark(new JdbcSpec.Watermark("labelled_at", "id", Duration.ZERO));

        // when
        TrainWorkflow.Result result = train(project.train(SourceSpec.jdbc(spec)));
        new ValidateWorkflow(log)
                .run(project.validate(SourceSpec.jdbc(spec)).folds(2).request());

        // then
        ModelCard.Extraction extraction = result.card().data().extraction();
        assertThat(extraction.url()).isEqualTo(database.url());
        assertThat(extraction.querySha256()).isEqualTo(Sha256.ofString("SELECT * FROM labelled_events"));
        assertThat(extraction.driver()).startsWith("com.h2database:h2:");
        assertThat(extraction)
                .extracting(
                        ModelCard.Extraction::watermarkColumn,
                        ModelCard.Extraction::tieBreaker,
                        ModelCard.Extraction::watermarkFrom,
                        ModelCard.Extraction::watermarkTo,
                        ModelCard.Extraction::tieBreakerTo,
                        ModelCard.Extraction::rows)
                .containsExactly("labelled_at", "id", null, "2026-01-06T10:00:00", "6", 6L);
        Path part = project.file("snapshots/part-000001.csv");
        assertThat(extraction.parts())
                .containsExactly(new ModelCard.SnapshotPart("part-000001.csv", Sha256.ofFile(part), 6));
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file, StandardCharsets.ISO_8859_1))
                        .as(file.toString())
                        .doesNotContainIgnoringCase(PASSWORD)
                        .doesNotContainIgnoringCase("labeller");
            }
        }
        assertThat(log.text()).doesNotContainIgnoringCase(PASSWORD).doesNotContainIgnoringCase("labeller");
    }

    private static Map.Entry<String, Long> entry(String key, long value) {
        return Map.entry(key, value);
    }
}
