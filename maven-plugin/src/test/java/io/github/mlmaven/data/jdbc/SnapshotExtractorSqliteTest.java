package io.github.mlmaven.data.jdbc;

import static io.github.mlmaven.data.jdbc.JdbcTestSupport.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.testing.RecordingLog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extraction from an SQLite file, the embedded default of the example: a database without fixed column types, whose
 * driver will not switch a connection to read-only once it is open.
 */
class SnapshotExtractorSqliteTest {
    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();
    private String url;
    private Path dir;
    private SnapshotExtractor extractor;

    @BeforeEach
    void database() {
        url = "jdbc:sqlite:" + tmp.resolve("labels.db");
        dir = tmp.resolve("snapshots");
        extractor = new SnapshotExtractor(
                new JdbcConnector(getClass().getClassLoader()),
                new JdbcTestSupport.MovableClock(Instant.parse("2026-03-01T12:00:00Z")),
                log);
    }

    private void sql(String... statements) {
        JdbcTestSupport.sql(url, null, null, statements);
    }

    private Extraction extract(JdbcSpec spec) {
        return extractor.extract(spec, SnapshotStore.open(dir, log), Optional.empty());
    }

    private JdbcSpec query(String query) {
        return JdbcSpec.of("trainingData/jdbc", url, query, null, dir);
    }

    @Test
    void valuesArePrintedAsWhatTheyAreEvenInAColumnDeclaredOtherwise() {
        sql(
                "CREATE TABLE labels (id INTEGER, amount REAL, note TEXT, labelled_at TEXT, label TEXT)",
                "INSERT INTO labels VALUES (1, 10.5, 'Zürich, CH', '2026-02-01 10:00:00', 'fraud')",
                "INSERT INTO labels VALUES (2, NULL, NULL, NULL, 'ok')",
                "INSERT INTO labels VALUES (3, 'n/a', 7, '2026-02-02', 'ok')");

        Extraction extraction = extract(JdbcSpec.of("trainingData/jdbc", url, null, "labels", dir));

        assertThat(extraction.rows()).isEqualTo(3);
        assertThat(read(dir.resolve("part-000001.csv")))
                .isEqualTo("id,amount,note,labelled_at,label\n"
                        + "1,10.5,\"Zürich, CH\",2026-02-01 10:00:00,fraud\n"
                        + "2,?,?,?,ok\n"
                        + "3,n/a,7,2026-02-02,ok\n");
        assertThat(extraction.driver()).isEqualTo("org.xerial:sqlite-jdbc:3.54.1.0");
    }

    @Test
    void incrementalExtractionsOverAnIntegerId() {
        sql("CREATE TABLE labels (id INTEGER PRIMARY KEY, label TEXT)", "INSERT INTO labels VALUES (1, 'a'), (2, 'b')");
        JdbcSpec spec = query("SELECT id, label FROM labels -- the labelling tool's table")
                .withWatermark(new JdbcSpec.Watermark("ID", null, Duration.ZERO));

        Extraction first = extract(spec);
        sql("INSERT INTO labels VALUES (3, 'c')");
        Extraction second = extract(spec);

        assertThat(first.recordedWatermark()).contains(new WatermarkPosition("2", null));
        assertThat(read(dir.resolve("part-000002.csv"))).isEqualTo("id,label\n3,c\n");
        assertThat(second.parts()).hasSize(2);
    }
}
