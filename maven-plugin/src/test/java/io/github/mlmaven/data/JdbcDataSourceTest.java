package io.github.mlmaven.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.data.jdbc.JdbcSpec;
import io.github.mlmaven.data.jdbc.PartSidecar;
import io.github.mlmaven.data.jdbc.SnapshotExtractor;
import io.github.mlmaven.data.jdbc.SnapshotStore;
import io.github.mlmaven.data.jdbc.WatermarkPosition;
import io.github.mlmaven.data.jdbc.WatermarkRange;
import io.github.mlmaven.retrain.DataChangeCounter;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.runtime.Sha256;
import io.github.mlmaven.testing.Cards;
import io.github.mlmaven.testing.PublishedSnapshot;
import io.github.mlmaven.testing.RecordingLog;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code <jdbc>} source read from the snapshot parts in its folder, as ml:validate reads them (nothing is extracted
 * while parts exist): which parts, which columns, the card's extraction section, the parts production published, new
 * rows against production, and errors that name the query. Extraction itself is data.jdbc's, tested there and in
 * {@code JdbcSourceExtractionTest}.
 */
class JdbcDataSourceTest {
    private static final String URL = "jdbc:h2:mem:labels";
    private static final String QUERY = "SELECT * FROM labelled_events";
    private static final String HEADER = "id,labelled_at,amount,colour,label\n";

    @TempDir
    Path basedir;

    private final RecordingLog log = new RecordingLog();

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    private Path snapshots() {
        return basedir.resolve("target/ml/m/data");
    }

    private JdbcSpec spec(boolean watermark) {
        JdbcSpec spec = JdbcSpec.of("trainingData/jdbc", URL, QUERY, null, snapshots());
        return watermark ? spec.withWatermark(new JdbcSpec.Watermark("labelled_at", "id", Duration.ZERO)) : spec;
    }

    private DataSource.Context context(ProductionData production) {
        return DataSource.Context.of(basedir, basedir.resolve("target/ml/m"), log)
                .withProduction(production)
                .withExtract(DataSource.Extract.WHEN_NO_PART);
    }

    private JdbcDataSource open(JdbcSpec spec, DataSource.Context context) {
        return JdbcDataSource.open(context, spec, "trainingData", new SnapshotExtractor(log));
    }

    /** Writes a part and its sidecar as an extraction does; rows are lines after the header. */
    private static Path part(Path folder, int sequence, String rows, String from, String to, boolean watermark) {
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve(SnapshotStore.partFileName(sequence, "csv"));
            byte[] bytes = (HEADER + rows).getBytes(StandardCharsets.UTF_8);
            Files.write(file, bytes);
            long count = rows.lines().count();
            String lastId = rows.lines().reduce((a, b) -> b).orElseThrow().split(",")[0];
            PartSidecar sidecar = new PartSidecar(
                    PartSidecar.SCHEMA_VERSION,
                    Sha256.ofFile(file),
                    count,
                    bytes.length,
                    Instant.parse("2026-12-07T06:00:00Z").toString(),
                    URL,
                    Sha256.ofString(QUERY),
                    "com.h2database:h2:2.5.252",
                    "csv",
                    watermark ? "labelled_at" : null,
                    watermark ? "id" : null,
                    watermark
                            ? new WatermarkRange(
                                    from == null ? null : new WatermarkPosition(from, null),
                                    new WatermarkPosition(to, lastId))
                            : null,
                    List.of("id", "labelled_at", "amount", "colour", "label"));
            Files.writeString(SnapshotStore.sidecarOf(file), Json.MAPPER.writeValueAsString(sidecar));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String PART_1 = """
            1,2026-12-01T10:00:00,10.5,red,good
            2,2026-12-01T11:00:00,3.0,blue,bad
            3,2026-12-01T12:00:00,7.25,red,good
            """;
    private static final String PART_2 = """
            4,2026-12-02T09:00:00,1.0,green,bad
            5,2026-12-02T10:00:00,12.0,red,good
            """;
    private static final String PART_3 = """
            6,2026-12-03T08:00:00,2.0,blue,bad
            7,2026-12-03T09:00:00,9.0,green,good
            8,2026-12-03T10:00:00,4.0,red,bad
            9,2026-12-03T11:00:00,5.5,blue,maybe
            """;

    private void threeParts() {
        part(snapshots(), 1, PART_1, null, "2026-12-01T12:00:00", true);
        part(snapshots(), 2, PART_2, "2026-12-01T12:00:00", "2026-12-02T10:00:00", true);
        part(snapshots(), 3, PART_3, "2026-12-02T10:00:00", "2026-12-03T11:00:00", true);
    }

    @Test
    void inWatermarkModeEveryPartIsReadWithoutTheWatermarkColumns() {
        // given
        threeParts();

        // when
        JdbcDataSource source = open(spec(true), context(ProductionData.NONE));
        Dataset data = source.read(new ReadOptions(null, Map.of()));

        // then
        assertThat(source.identities())
                .containsExactly(
                        "target/ml/m/data/part-000001.csv",
                        "target/ml/m/data/part-000002.csv",
                        "target/ml/m/data/part-000003.csv");
        assertThat(data.rows()).isEqualTo(9);
        assertThat(data.schema().attributeNames()).isEqualTo("amount, colour, label");
        assertThat(data.schema().classSpec().values())
                .as("a label that first appears in a later part is one of the class's values")
                .containsExactly("good", "bad", "maybe");
        assertThat(source.knownHashes())
                .hasValueSatisfying(hashes -> assertThat(hashes)
                        .isEqualTo(data.files().stream().map(DataFile::sha256).toList()));
        assertThat(log.text()).contains("reading the 3 snapshot parts in target/ml/m/data as they are");
    }

    @Test
    void excludedColumnsAreDroppedBesideTheWatermarkColumns() {
        // given
        threeParts();

        // when
        JdbcDataSource source = open(spec(true), context(ProductionData.NONE).withExclude(List.of("colour")));
        Dataset data = source.read(new ReadOptions(null, Map.of()));
        List<double[]> streamed = new ArrayList<>();
        List<DataFile> parts = source.stream(data.schema(), "trainingData", (values, weight) -> streamed.add(values));

        // then
        assertThat(data.schema().attributeNames()).isEqualTo("amount, label");
        assertThat(parts).hasSize(3);
        assertThat(streamed).hasSize(9);
        assertThat(streamed.get(8)).containsExactly(5.5, 2.0);
    }

    @Test
    void inFullModeOnlyTheNewestPartIsRead() {
        // given: two full snapshots, the second holding every row again
        part(snapshots(), 1, PART_1, null, null, false);
        part(snapshots(), 2, PART_1 + PART_2, null, null, false);

        // when
        JdbcDataSource source = open(spec(false), context(ProductionData.NONE));
        Dataset data = source.read(new ReadOptions(null, Map.of()));

        // then
        assertThat(source.identities()).containsExactly("target/ml/m/data/part-000002.csv");
        assertThat(data.rows()).isEqualTo(5);
        assertThat(data.schema().attributeNames())
                .as("without a watermark only <exclude> drops columns")
                .isEqualTo("id, labelled_at, amount, colour, label");
    }

    @Test
    void theCardRecordsWhereTheRowsCameFromWithoutCredentials() throws Exception {
        // given
        threeParts();
        JdbcDataSource source = open(spec(true), context(ProductionData.NONE));
        Dataset data = source.read(new ReadOptions(null, Map.of()));

        // when
        ModelCard.DataSection section = source.describe(data);

        // then
        assertThat(section.files())
                .extracting(ModelCard.FileEntry::path)
                .containsExactlyElementsOf(source.identities());
        assertThat(section.totalRows()).isEqualTo(9);
        ModelCard.Extraction extraction = section.extraction();
        assertThat(extraction.url()).isEqualTo(URL);
        assertThat(extraction.querySha256()).isEqualTo(Sha256.ofString(QUERY));
        assertThat(extraction.driver()).isEqualTo("com.h2database:h2:2.5.252");
        assertThat(extraction.watermarkColumn()).isEqualTo("labelled_at");
        assertThat(extraction.tieBreaker()).isEqualTo("id");
        assertThat(extraction.watermarkFrom()).isNull();
        assertThat(extraction.watermarkTo()).isEqualTo("2026-12-03T11:00:00");
        assertThat(extraction.tieBreakerTo()).isEqualTo("9");
        assertThat(extraction.rows()).isEqualTo(9);
        assertThat(extraction.parts())
                .containsExactly(
                        new ModelCard.SnapshotPart(
                                "part-000001.csv", section.files().get(0).sha256(), 3),
                        new ModelCard.SnapshotPart(
                                "part-000002.csv", section.files().get(1).sha256(), 2),
                        new ModelCard.SnapshotPart(
                                "part-000003.csv", section.files().get(2).sha256(), 4));
        assertThat(Json.MAPPER.writeValueAsString(section))
                .doesNotContain("password")
                .doesNotContain("user");
    }

    @Test
    void newRowsAgainstProductionAreTheRowsOfThePartsItDidNotSee() {
        // given: production trained on parts 1 and 2; part 3 came later
        part(snapshots(), 1, PART_1, null, "2026-12-01T12:00:00", true);
        part(snapshots(), 2, PART_2, "2026-12-01T12:00:00", "2026-12-02T10:00:00", true);
        JdbcDataSource then = open(spec(true), context(ProductionData.NONE));
        ModelCard production = card(then.describe(then.read(new ReadOptions(null, Map.of()))));
        part(snapshots(), 3, PART_3, "2026-12-02T10:00:00", "2026-12-03T11:00:00", true);
        JdbcDataSource now = open(spec(true), context(ProductionData.NONE));
        Dataset data = now.read(new ReadOptions(null, Map.of()));

        // when
        ModelCard.DataChanges changes = DataChangeCounter.count(data, now, production, "1.0.0");

        // then
        assertThat(changes.newRows()).isEqualTo(4);
        assertThat(changes.newRowsPerClass())
                .containsExactly(Map.entry("good", 1L), Map.entry("bad", 2L), Map.entry("maybe", 1L));
        assertThat(changes.files())
                .extracting(ModelCard.FileChange::change)
                .containsExactly("unchanged", "unchanged", "new");
    }

    @Test
    void inFullModeNewRowsAreThoseBeyondTheRowsProductionRead() {
        // given: production read the first full snapshot (3 rows); the newest holds those and 2 more
        Path first = part(snapshots(), 1, PART_1, null, null, false);
        JdbcDataSource then = open(spec(false), context(ProductionData.NONE));
        ModelCard production = card(then.describe(then.read(new ReadOptions(null, Map.of()))));
        part(snapshots(), 2, PART_1 + PART_2, null, null, false);
        JdbcDataSource now = open(spec(false), context(ProductionData.NONE));
        Dataset data = now.read(new ReadOptions(null, Map.of()));

        // when
        ModelCard.DataChanges changes = DataChangeCounter.count(data, now, production, "1.0.0");

        // then
        assertThat(first).exists();
        assertThat(changes.newRows()).isEqualTo(2);
        assertThat(changes.newRowsPerClass()).containsExactly(Map.entry("good", 1L), Map.entry("bad", 1L));
        assertThat(changes.files()).extracting(ModelCard.FileChange::change).containsExactly("grown");
    }

    @Test
    void anEmptyFolderGetsThePartsPublishedWithProduction() {
        // given: production's parts published elsewhere, and its card
        Path published = basedir.resolve("published");
        part(published, 1, PART_1, null, "2026-12-01T12:00:00", true);
        part(published, 2, PART_2, "2026-12-01T12:00:00", "2026-12-02T10:00:00", true);
        ProductionData production = publishing(published, cardOf(published));

        // when
        JdbcDataSource source = open(spec(true), context(production));

        // then
        assertThat(source.identities())
                .containsExactly("target/ml/m/data/part-000001.csv", "target/ml/m/data/part-000002.csv");
        assertThat(source.read(new ReadOptions(null, Map.of())).rows()).isEqualTo(5);
        assertThat(log.text()).contains("restored 2 snapshot parts of the production version into target/ml/m/data");
    }

    @Test
    void anotherQueryStartsANewHistoryInsteadOfRestoringProductionsParts() throws Exception {
        // given: production trained on two parts of QUERY; the query is now another text (a reset of the history)
        Path published = basedir.resolve("published");
        part(published, 1, PART_1, null, "2026-12-01T12:00:00", true);
        part(published, 2, PART_2, "2026-12-01T12:00:00", "2026-12-02T10:00:00", true);
        ProductionData production = publishing(published, cardOf(published));
        String url = "jdbc:h2:mem:reset";
        try (java.sql.Connection database = java.sql.DriverManager.getConnection(url);
                java.sql.Statement sql = database.createStatement()) {
            sql.execute("CREATE TABLE labelled_events (id INT, labelled_at TIMESTAMP, amount DOUBLE,"
                    + " colour VARCHAR, label VARCHAR)");
            sql.execute("INSERT INTO labelled_events VALUES (1, TIMESTAMP '2026-11-30 08:00:00', 1.0, 'red', 'good'),"
                    + " (2, TIMESTAMP '2026-12-01 10:00:00', 10.5, 'red', 'good'),"
                    + " (4, TIMESTAMP '2026-12-02 09:00:00', 1.0, 'green', 'bad')");
            JdbcSpec reset = JdbcSpec.of(
                            "trainingData/jdbc", url, QUERY + " -- history from 2026-12-07", null, snapshots())
                    .withWatermark(new JdbcSpec.Watermark("labelled_at", "id", Duration.ZERO));

            // when
            JdbcDataSource source = open(reset, context(production));

            // then: every row of the new query, production's parts neither restored nor continued from
            assertThat(source.identities()).containsExactly("target/ml/m/data/part-000001.csv");
            assertThat(source.read(new ReadOptions(null, Map.of())).rows()).isEqualTo(3);
            assertThat(log.text())
                    .doesNotContain("restored")
                    .contains("the production version was extracted with another query or watermark column");
        }
    }

    @Test
    void publishedPartsThatDoNotMatchProductionsCardAreRemovedAndRefused() throws IOException {
        // given: the card was written for other bytes of part 2
        Path published = basedir.resolve("published");
        part(published, 1, PART_1, null, "2026-12-01T12:00:00", true);
        part(published, 2, PART_2, "2026-12-01T12:00:00", "2026-12-02T10:00:00", true);
        ModelCard card = cardOf(published);
        part(published, 2, PART_3, "2026-12-01T12:00:00", "2026-12-03T11:00:00", true);
        ProductionData production = publishing(published, card);

        // when / then
        assertThatThrownBy(() -> open(spec(true), context(production)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("The snapshot parts published with the production version do not match its"
                        + " model card: part-000002.csv has SHA-256 ")
                .hasMessageContaining("The restored files were removed from " + snapshots());
        try (var left = Files.list(snapshots())) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void anErrorAboutAPartNamesTheQueryItCameFrom() {
        // given
        threeParts();
        JdbcDataSource source = open(spec(true), context(ProductionData.NONE));
        String query = Sha256.ofString(QUERY).substring(0, 12);

        // when / then
        assertThatThrownBy(() -> source.read(new ReadOptions("outcome", Map.of())))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("class attribute 'outcome' not found in target/ml/m/data/part-000001.csv (extracted for"
                        + " <trainingData> from jdbc:h2:mem:labels, query SHA-256 " + query + "); its columns are:"
                        + " amount, colour, label")
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).parameter())
                        .isEqualTo("classAttribute"));
    }

    @Test
    void sourceSpecsGoToTheirOwnProvider() {
        // given
        threeParts();
        io.github.mlmaven.testing.Datasets.writeCsv(basedir, "data/train.csv", HEADER + PART_1);

        // when
        DataSource files = DataSources.open(
                DataSource.Context.of(basedir, basedir.resolve("target/ml/m"), log),
                SourceSpec.files(List.of("data/train.csv")),
                "trainingData");
        DataSource jdbc = DataSources.open(context(ProductionData.NONE), SourceSpec.jdbc(spec(true)), "trainingData");

        // then
        assertThat(files).isInstanceOf(FileDataSource.class);
        assertThat(jdbc).isInstanceOf(JdbcDataSource.class);
        assertThat(jdbc.identities()).hasSize(3);
        assertThat(SourceSpec.files(null).isEmpty()).isTrue();
        assertThat(SourceSpec.jdbc(spec(false)).isEmpty()).isFalse();
    }

    // ---------------------------------------------------------------- fixtures

    /** The production data of a version whose parts were published into {@code published}. */
    private static ProductionData publishing(Path published, ModelCard card) {
        return new PublishedSnapshot(card, published);
    }

    /** The card of a model trained on the parts in {@code folder}. */
    private ModelCard cardOf(Path folder) {
        JdbcSpec spec = JdbcSpec.of("trainingData/jdbc", URL, QUERY, null, folder)
                .withWatermark(new JdbcSpec.Watermark("labelled_at", "id", Duration.ZERO));
        JdbcDataSource source = JdbcDataSource.open(
                DataSource.Context.of(basedir, basedir.resolve("target/ml/other"), log)
                        .withExtract(DataSource.Extract.WHEN_NO_PART),
                spec,
                "trainingData",
                new SnapshotExtractor(log));
        return card(source.describe(source.read(new ReadOptions(null, Map.of()))));
    }

    private static ModelCard card(ModelCard.DataSection data) {
        return Cards.withData(data);
    }
}
