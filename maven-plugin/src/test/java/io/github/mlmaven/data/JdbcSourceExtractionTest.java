package io.github.mlmaven.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.data.jdbc.JdbcSpec;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.testing.Cards;
import io.github.mlmaven.testing.H2Database;
import io.github.mlmaven.testing.PublishedSnapshot;
import io.github.mlmaven.testing.RecordingLog;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code <jdbc>} source opened through {@link DataSources} against an in-memory H2 database: when it extracts (every
 * ml:train, ml:validate only into an empty folder), what it then reads, a query without rows, and a fresh checkout
 * that continues from the production card's watermark.
 */
class JdbcSourceExtractionTest {
    private static final ReadOptions OPTIONS = new ReadOptions(null, Map.of());

    @TempDir
    Path basedir;

    private H2Database database;
    private String url;
    private final RecordingLog log = new RecordingLog();

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    @BeforeEach
    void database() {
        database = H2Database.inMemory("source");
        url = database.url();
        sql("CREATE TABLE labelled_events (id INT, labelled_at TIMESTAMP, amount DOUBLE, colour VARCHAR(10),"
                + " label VARCHAR(10))");
    }

    private void sql(String... statements) {
        database.sql(statements);
    }

    /** Labelled rows {@code first..last}, one a day in January 2026, alternating classes. */
    private void insert(int first, int last) {
        database.insert(
                "labelled_events",
                first,
                last,
                id -> String.format(
                        "%d, TIMESTAMP '2026-01-%02d 10:00:00', %d.5, '%s', '%s'",
                        id, id, id, id % 3 == 0 ? "red" : "blue", id % 2 == 0 ? "good" : "bad"));
    }

    private JdbcSpec spec(Path snapshots) {
        return JdbcSpec.of("trainingData/jdbc", url, null, "labelled_events", snapshots)
                .withCredentials("sa", "", "none")
                .withWatermark(new JdbcSpec.Watermark("labelled_at", "id", Duration.ZERO));
    }

    private DataSource.Context context(DataSource.Extract extract) {
        return DataSource.Context.of(basedir, basedir.resolve("target/ml/m"), log)
                .withExtract(extract);
    }

    private DataSource open(DataSource.Context context, Path snapshots) {
        return DataSources.open(context, SourceSpec.jdbc(spec(snapshots)), "trainingData");
    }

    @Test
    void trainingExtractsNewRowsEachTimeAndValidationReadsThePartsAsTheyAre() {
        // given
        Path snapshots = basedir.resolve("target/ml/m/data");
        insert(1, 6);

        // when: a first train, three rows later a second, then one with no new rows
        DataSource first = open(context(DataSource.Extract.ALWAYS), snapshots);
        Dataset firstRows = first.read(OPTIONS);
        insert(7, 9);
        DataSource second = open(context(DataSource.Extract.ALWAYS), snapshots);
        Dataset secondRows = second.read(OPTIONS);
        DataSource unchanged = open(context(DataSource.Extract.ALWAYS), snapshots);
        insert(10, 10);
        DataSource validation = open(context(DataSource.Extract.WHEN_NO_PART), snapshots);

        // then
        assertThat(first.identities()).containsExactly("target/ml/m/data/part-000001.csv");
        assertThat(firstRows.rows()).isEqualTo(6);
        assertThat(firstRows.schema().attributeNames())
                .as("the watermark and tie-breaker columns, as the database labels them, are not attributes")
                .isEqualTo("AMOUNT, COLOUR, LABEL");
        assertThat(second.identities())
                .containsExactly("target/ml/m/data/part-000001.csv", "target/ml/m/data/part-000002.csv");
        assertThat(secondRows.rows()).isEqualTo(9);
        assertThat(unchanged.knownHashes()).isEqualTo(second.knownHashes());
        assertThat(log.text()).contains("no new rows; reading 2 parts, 9 rows");
        assertThat(validation.identities()).isEqualTo(second.identities());
        ModelCard.Extraction extraction = second.describe(secondRows).extraction();
        assertThat(extraction.watermarkTo()).isEqualTo("2026-01-09T10:00:00");
        assertThat(extraction.tieBreakerTo()).isEqualTo("9");
        assertThat(extraction.url()).isEqualTo(url);
        assertThat(extraction.parts()).extracting(ModelCard.SnapshotPart::rows).containsExactly(6L, 3L);
    }

    @Test
    void validationExtractsWhenThereIsNoPartYet() {
        // given
        insert(1, 4);

        // when
        DataSource source = open(context(DataSource.Extract.WHEN_NO_PART), basedir.resolve("snapshots"));

        // then
        assertThat(source.identities()).containsExactly("snapshots/part-000001.csv");
        assertThat(source.read(OPTIONS).rows()).isEqualTo(4);
    }

    @Test
    void aQueryWithoutRowsLeavesNoPartAndNothingToRead() {
        // when
        DataSource source = open(context(DataSource.Extract.ALWAYS), basedir.resolve("snapshots"));

        // then
        assertThat(source.identities()).isEmpty();
        assertThat(source.knownHashes()).isEmpty();
        assertThatThrownBy(() -> source.read(OPTIONS))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("<trainingData> " + url + ", query SHA-256 ")
                .hasMessageContaining("has returned no rows yet, so there is no snapshot part in ");
    }

    @Test
    void aFreshCheckoutContinuesFromTheWatermarkOnProductionsCard() {
        // given: production trained on rows 1-5, whose parts were not published
        insert(1, 8);
        ModelCard.Extraction recorded = new ModelCard.Extraction(
                url,
                spec(basedir).querySha256(),
                "com.h2database:h2:2.5.252",
                "labelled_at",
                "id",
                null,
                "2026-01-05T10:00:00",
                "5",
                5,
                List.of());
        ProductionData production = PublishedSnapshot.withoutParts(
                Cards.withData(new ModelCard.DataSection(List.of(), 5, 0, Map.of(), recorded)));

        // when
        DataSource source =
                open(context(DataSource.Extract.ALWAYS).withProduction(production), basedir.resolve("snapshots"));

        // then
        assertThat(source.read(OPTIONS).rows()).isEqualTo(3);
        assertThat(log.text())
                .contains("the production version's snapshot parts are not available, so only the rows"
                        + " after its watermark 2026-01-05T10:00:00 (tie-breaker 5) are extracted");
    }
}
