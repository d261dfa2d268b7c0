package io.github.mlmaven.data.jdbc;

import static io.github.mlmaven.data.jdbc.JdbcTestSupport.files;
import static io.github.mlmaven.data.jdbc.JdbcTestSupport.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.runtime.Sha256;
import io.github.mlmaven.testing.RecordingLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extraction against an in-memory H2 database: the formats, the watermark logic and the history on disk. */
class SnapshotExtractorH2Test {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;

    private String url;
    private final RecordingLog log = new RecordingLog();
    private final JdbcTestSupport.MovableClock clock = new JdbcTestSupport.MovableClock(NOW);
    private SnapshotExtractor extractor;

    @BeforeEach
    void database() {
        // DB_CLOSE_DELAY keeps the in-memory database between the test's connections
        url = "jdbc:h2:mem:extract" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        extractor = new SnapshotExtractor(new JdbcConnector(getClass().getClassLoader()), clock, log);
    }

    private void sql(String... statements) {
        JdbcTestSupport.sql(url, "sa", "", statements);
    }

    private JdbcSpec query(String query) {
        return JdbcSpec.of("trainingData/jdbc", url, query, null, dir).withCredentials("sa", "", "none");
    }

    private Extraction extract(JdbcSpec spec) {
        return extractor.extract(spec, SnapshotStore.open(dir, log), Optional.empty());
    }

    @Test
    void aFullExtractionWritesOnePartWithItsSidecarAndKeepsItWhileTheResultIsUnchanged() throws Exception {
        // given
        sql(
                "CREATE TABLE labels (id INT PRIMARY KEY, amount DECIMAL(10,2), score DOUBLE, label VARCHAR(20))",
                "INSERT INTO labels VALUES (1, 10.50, 0.25, 'fraud'), (2, 3.00, 1.0E10, 'ok')");
        JdbcSpec spec =
                JdbcSpec.of("trainingData/jdbc", url, null, "labels", dir).withCredentials("sa", "", "none");

        // when
        Extraction first = extract(spec);

        // then
        Path part = dir.resolve("part-000001.csv");
        assertThat(first.newPart()).map(SnapshotPart::file).contains(part);
        assertThat(read(part)).isEqualTo("ID,AMOUNT,SCORE,LABEL\n1,10.50,0.25,fraud\n2,3.00,1.0E10,ok\n");
        PartSidecar sidecar =
                Json.MAPPER.readValue(dir.resolve("part-000001.json").toFile(), PartSidecar.class);
        assertThat(sidecar.sha256()).isEqualTo(Sha256.ofFile(part));
        assertThat(sidecar.rows()).isEqualTo(2);
        assertThat(sidecar.sizeBytes()).isEqualTo(Files.size(part));
        assertThat(sidecar.querySha256()).isEqualTo(Sha256.ofString("SELECT * FROM labels"));
        // H2's jar carries no pom.properties: the coordinates come from the repository it was resolved from
        assertThat(sidecar.driver()).isEqualTo("com.h2database:h2:2.5.252");
        assertThat(sidecar.columns()).containsExactly("ID", "AMOUNT", "SCORE", "LABEL");
        assertThat(sidecar.range()).isNull();
        assertThat(sidecar.extractedAt()).isEqualTo(NOW.toString());
        assertThat(first.rows()).isEqualTo(2);
        assertThat(first.parts()).hasSize(1);

        // when: nothing changed, then a row is added
        Extraction same = extract(spec);
        sql("INSERT INTO labels VALUES (3, 1.25, -2.5, 'ok')");
        Extraction changed = extract(spec);

        // then: the unchanged result is no new part; the changed one is, and only it is read
        assertThat(same.newPart()).isEmpty();
        assertThat(same.parts()).extracting(SnapshotPart::file).containsExactly(part);
        assertThat(changed.newPart())
                .map(p -> p.file().getFileName().toString())
                .contains("part-000002.csv");
        assertThat(changed.parts())
                .extracting(p -> p.file().getFileName().toString())
                .containsExactly("part-000002.csv");
        assertThat(files(dir))
                .containsExactly("part-000001.csv", "part-000001.json", "part-000002.csv", "part-000002.json");
    }

    @Test
    void threeIncrementalExtractionsEachTakeOnlyTheRowsInsertedSinceTheLast() {
        // given
        sql(
                "CREATE TABLE events (id BIGINT PRIMARY KEY, label VARCHAR(10))",
                "INSERT INTO events VALUES (1, 'a'), (2, 'b')");
        JdbcSpec spec =
                query("SELECT id, label FROM events;").withWatermark(new JdbcSpec.Watermark("id", null, Duration.ZERO));

        // when
        Extraction first = extract(spec);
        sql("INSERT INTO events VALUES (3, 'c'), (4, 'a')");
        Extraction second = extract(spec);
        sql("INSERT INTO events VALUES (5, 'b')");
        Extraction third = extract(spec);
        Extraction none = extract(spec);

        // then
        assertThat(read(dir.resolve("part-000001.csv"))).isEqualTo("ID,LABEL\n1,a\n2,b\n");
        assertThat(read(dir.resolve("part-000002.csv"))).isEqualTo("ID,LABEL\n3,c\n4,a\n");
        assertThat(read(dir.resolve("part-000003.csv"))).isEqualTo("ID,LABEL\n5,b\n");
        assertThat(first.range()).isEqualTo(new WatermarkRange(null, new WatermarkPosition("2", null)));
        assertThat(second.range())
                .isEqualTo(new WatermarkRange(new WatermarkPosition("2", null), new WatermarkPosition("4", null)));
        assertThat(third.recordedWatermark()).contains(new WatermarkPosition("5", null));
        assertThat(third.parts()).hasSize(3);
        assertThat(none.newPart()).isEmpty();
        assertThat(none.parts()).hasSize(3);
        assertThat(none.recordedWatermark()).contains(new WatermarkPosition("5", null));
        assertThat(SnapshotStore.open(dir, log).recordedWatermark()).contains(new WatermarkPosition("5", null));
    }

    @Test
    void aFreshCheckoutStartsFromTheProductionWatermark() {
        sql(
                "CREATE TABLE events (id INT, label VARCHAR(10))",
                "INSERT INTO events VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        JdbcSpec spec = query("SELECT * FROM events").withWatermark(new JdbcSpec.Watermark("id", null, Duration.ZERO));

        Extraction extraction =
                extractor.extract(spec, SnapshotStore.open(dir, log), Optional.of(new WatermarkPosition("2", null)));

        assertThat(read(dir.resolve("part-000001.csv"))).isEqualTo("ID,LABEL\n3,c\n");
        assertThat(extraction.range().fromExclusive()).isEqualTo(new WatermarkPosition("2", null));
    }

    @Test
    void rowsWithinTheDelayWaitForTheNextExtractionSoLateCommitsAreNotLost() {
        // given: the clock at 12:00, a delay of five minutes
        sql(
                "CREATE TABLE labels (id INT, labelled_at TIMESTAMP, label VARCHAR(10))",
                "INSERT INTO labels VALUES (1, TIMESTAMP '2026-03-01 11:50:00', 'a'),"
                        + " (2, TIMESTAMP '2026-03-01 11:58:00.123456', 'b')");
        JdbcSpec spec = query("SELECT * FROM labels")
                .withWatermark(new JdbcSpec.Watermark("labelled_at", null, Duration.ofMinutes(5)));

        // when: the row of 11:58 is too young; then a row of 11:56 commits late, and the clock moves on
        Extraction first = extract(spec);
        sql("INSERT INTO labels VALUES (3, TIMESTAMP '2026-03-01 11:56:00', 'c')");
        clock.set(NOW.plus(Duration.ofMinutes(10)));
        Extraction second = extract(spec);

        // then: nothing is lost or read twice, and the watermark keeps every fractional digit
        assertThat(read(dir.resolve("part-000001.csv"))).isEqualTo("ID,LABELLED_AT,LABEL\n1,2026-03-01T11:50:00,a\n");
        assertThat(first.recordedWatermark()).contains(new WatermarkPosition("2026-03-01T11:50:00", null));
        assertThat(read(dir.resolve("part-000002.csv")))
                .isEqualTo("ID,LABELLED_AT,LABEL\n3,2026-03-01T11:56:00,c\n2,2026-03-01T11:58:00.123,b\n");
        assertThat(second.recordedWatermark()).contains(new WatermarkPosition("2026-03-01T11:58:00.123456", null));
        assertThat(log.text()).doesNotContain("WARN");
    }

    @Test
    void aTieBreakerKeepsRowsWithTheSameWatermarkValueAcrossTheBoundary() {
        // given: rows 1 and 2 share the batch number 7 with the row 3 that is inserted after the first extraction
        sql(
                "CREATE TABLE labels (batch INT, id INT, label VARCHAR(10))",
                "INSERT INTO labels VALUES (7, 2, 'b'), (7, 1, 'a'), (6, 9, 'z')");
        JdbcSpec spec =
                query("SELECT * FROM labels").withWatermark(new JdbcSpec.Watermark("batch", "id", Duration.ZERO));

        // when
        Extraction first = extract(spec);
        sql("INSERT INTO labels VALUES (7, 3, 'c'), (8, 0, 'd')");
        Extraction second = extract(spec);

        // then: ordered by batch then id; the second part starts after (7, 2)
        assertThat(read(dir.resolve("part-000001.csv"))).isEqualTo("BATCH,ID,LABEL\n6,9,z\n7,1,a\n7,2,b\n");
        assertThat(first.recordedWatermark()).contains(new WatermarkPosition("7", "2"));
        assertThat(read(dir.resolve("part-000002.csv"))).isEqualTo("BATCH,ID,LABEL\n7,3,c\n8,0,d\n");
        assertThat(second.range().fromExclusive()).isEqualTo(new WatermarkPosition("7", "2"));
    }

    @Test
    void rowsAppearingBelowTheRecordedWatermarkAreCountedInAWarning() {
        sql("CREATE TABLE labels (id INT, label VARCHAR(10))", "INSERT INTO labels VALUES (10, 'a'), (20, 'b')");
        JdbcSpec spec = query("SELECT * FROM labels").withWatermark(new JdbcSpec.Watermark("id", null, Duration.ZERO));
        extract(spec);

        sql("INSERT INTO labels VALUES (5, 'late'), (15, 'late'), (30, 'new')");
        Extraction second = extract(spec);

        assertThat(second.rowsBelowWatermark()).isEqualTo(2);
        assertThat(log.text())
                .contains("WARN 2 rows of " + url + " appeared at or below the recorded watermark ID = 20");
        assertThat(read(dir.resolve("part-000002.csv"))).isEqualTo("ID,LABEL\n30,new\n");
    }

    @Test
    void aQueryWithoutRowsWritesNoPart() {
        sql("CREATE TABLE labels (id INT, label VARCHAR(10))");

        Extraction full = extract(query("SELECT * FROM labels"));
        Extraction incremental =
                extract(query("SELECT * FROM labels").withWatermark(new JdbcSpec.Watermark("id", null, Duration.ZERO)));
        sql("INSERT INTO labels VALUES (1, 'a')");
        Extraction bounded = extract(query("SELECT * FROM labels WHERE id > 5")
                .withWatermark(new JdbcSpec.Watermark("id", null, Duration.ZERO)));

        assertThat(full.newPart()).isEmpty();
        assertThat(full.parts()).isEmpty();
        assertThat(incremental.newPart()).isEmpty();
        assertThat(bounded.newPart()).isEmpty();
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void nullsOfEveryTypeAreWrittenAsMissingValues() {
        sql(
                "CREATE TABLE t (i INT, b BIGINT, s SMALLINT, d DECIMAL(8,3), f DOUBLE, r REAL, ok BOOLEAN, dt DATE,"
                        + " ts TIMESTAMP, tz TIMESTAMP WITH TIME ZONE, tm TIME, txt VARCHAR(9), big CLOB, c CHAR(2))",
                "INSERT INTO t VALUES (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                        + " NULL)",
                "INSERT INTO t VALUES (1, 9000000000, 3, 1.500, 2.5, 0.1, TRUE, DATE '2026-02-28',"
                        + " TIMESTAMP '2026-02-28 23:59:59', TIMESTAMP WITH TIME ZONE '2026-02-28 23:00:00+02:00',"
                        + " TIME '08:30:00', 'x', 'long text', 'ab')");

        extract(query("SELECT * FROM t ORDER BY i NULLS FIRST"));

        assertThat(read(dir.resolve("part-000001.csv")))
                .isEqualTo("I,B,S,D,F,R,OK,DT,TS,TZ,TM,TXT,BIG,C\n"
                        + "?,?,?,?,?,?,?,?,?,?,?,?,?,?\n"
                        + "1,9000000000,3,1.500,2.5,0.1,true,2026-02-28,2026-02-28T23:59:59,2026-02-28T21:00:00,"
                        + "08:30:00,x,long text,ab\n");
    }

    @Test
    void unicodeAndSeparatorsInTextAreQuotedAsRfc4180Says() {
        sql(
                "CREATE TABLE t (id INT, txt VARCHAR(40))",
                "INSERT INTO t VALUES (1, 'Zürich'), (2, '東京 🚀'), (3, 'a,b'), (4, 'say \"hi\"'),"
                        + " (5, 'two' || CHAR(10) || 'lines'), (6, ' padded ')");

        extract(query("SELECT * FROM t ORDER BY id"));

        Path part = dir.resolve("part-000001.csv");
        assertThat(read(part))
                .isEqualTo("ID,TXT\n1,Zürich\n2,東京 🚀\n3,\"a,b\"\n4,\"say \"\"hi\"\"\"\n5,\"two\nlines\"\n"
                        + "6,\" padded \"\n");
        assertThat(Sha256.ofFile(part))
                .isEqualTo(Sha256.hex(Sha256.newDigest().digest(read(part).getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aWatermarkColumnMissingFromTheResultNamesTheColumnsFound() {
        sql("CREATE TABLE t (id INT, label VARCHAR(9))");

        assertThatThrownBy(() -> extract(query("SELECT * FROM t")
                        .withWatermark(new JdbcSpec.Watermark("labelled_at", null, Duration.ZERO))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("the query's result has no column 'labelled_at'; its columns are ID, LABEL. Name one of"
                        + " them, or add the column to the query's SELECT list.")
                .extracting(e -> ((InvalidConfigurationException) e).parameter())
                .isEqualTo("trainingData/jdbc/watermark/column");
        assertThatThrownBy(() -> extract(
                        query("SELECT * FROM t").withWatermark(new JdbcSpec.Watermark("id", "seq", Duration.ZERO))))
                .hasMessageStartingWith("the query's result has no column 'seq'")
                .extracting(e -> ((InvalidConfigurationException) e).parameter())
                .isEqualTo("trainingData/jdbc/watermark/tieBreaker");
    }

    @Test
    void aDelayOnANumericWatermarkIsAConfigurationError() {
        sql("CREATE TABLE t (id INT)", "INSERT INTO t VALUES (1)");

        assertThatThrownBy(() -> extract(query("SELECT * FROM t")
                        .withWatermark(new JdbcSpec.Watermark("id", null, Duration.ofMinutes(5)))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("<delay> applies to a date or timestamp watermark column, and ID is INTEGER")
                .extracting(e -> ((InvalidConfigurationException) e).parameter())
                .isEqualTo("trainingData/jdbc/watermark/delay");
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void aSyntaxErrorQuotesTheDatabaseMessageAndNamesTheQueryElement() {
        assertThatThrownBy(() -> extract(query("SELECT id FORM t")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("the database at " + url + " refused the query: Syntax error in SQL statement")
                .hasMessageContaining("Fix the <query>")
                .extracting(e -> ((InvalidConfigurationException) e).parameter())
                .isEqualTo("trainingData/jdbc/query");
    }

    @Test
    void aBinaryColumnIsRefusedBeforeAnythingIsWritten() {
        sql("CREATE TABLE t (id INT, photo VARBINARY(10))", "INSERT INTO t VALUES (1, X'01')");

        assertThatThrownBy(() -> extract(query("SELECT * FROM t")))
                .hasMessageStartingWith("column 'PHOTO' is binary (");
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void aChangedPartOrOneWithoutSidecarIsIgnoredWithAWarningAndItsNumberNotReused() throws Exception {
        sql("CREATE TABLE t (id INT)", "INSERT INTO t VALUES (1)");
        JdbcSpec spec = query("SELECT * FROM t").withWatermark(new JdbcSpec.Watermark("id", null, Duration.ZERO));
        extract(spec);
        Files.writeString(dir.resolve("part-000001.csv"), "ID\n2\n");
        Files.writeString(dir.resolve("part-000002.csv"), "ID\n3\n");

        Extraction again = extract(spec);

        assertThat(log.text())
                .contains("WARN Ignoring " + dir.resolve("part-000001.csv") + ": its SHA-256 is")
                .contains("WARN Ignoring " + dir.resolve("part-000002.csv") + ": it has no sidecar");
        // the damaged history is not a recorded watermark: everything is extracted again, into a new number
        assertThat(again.newPart()).map(p -> p.file().getFileName().toString()).contains("part-000003.csv");
        assertThat(again.parts()).hasSize(1);
        assertThat(read(dir.resolve("part-000001.csv"))).isEqualTo("ID\n2\n");
    }

    @Test
    void aHistoryOfOtherColumnsCannotContinue() {
        sql("CREATE TABLE t (id INT, a INT, b INT)", "INSERT INTO t VALUES (1, 1, 1)");
        extract(query("SELECT id, a FROM t").withWatermark(new JdbcSpec.Watermark("id", null, Duration.ZERO)));

        assertThatThrownBy(() -> extract(
                        query("SELECT id, b FROM t").withWatermark(new JdbcSpec.Watermark("id", null, Duration.ZERO))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("holds the columns [ID, A] while the query now returns [ID, B]")
                .hasMessageContaining("reset the history: move " + dir + " away");
    }

    @Test
    void aUrlWithoutDriverNamesTheDependencyToAdd() {
        JdbcSpec duck = JdbcSpec.of("testData/jdbc", "jdbc:duckdb:/tmp/labels.db", "SELECT 1", null, dir);
        JdbcSpec unknown = JdbcSpec.of("testData/jdbc", "jdbc:nosuchdb://host/db", "SELECT 1", null, dir);

        assertThatThrownBy(() -> extract(duck))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("no JDBC driver on the plugin's class path accepts jdbc:duckdb:/tmp/labels.db."
                        + " Add org.duckdb:duckdb_jdbc to the <dependencies> of the ml-maven-plugin")
                .extracting(e -> ((InvalidConfigurationException) e).parameter())
                .isEqualTo("testData/jdbc/url");
        assertThatThrownBy(() -> extract(unknown))
                .hasMessageContaining("Add the database's JDBC driver to the <dependencies> of the ml-maven-plugin");
    }

    @Test
    void theConnectionRunsInATransactionThatIsNeverCommitted() throws Exception {
        sql("CREATE TABLE t (id INT)");
        JdbcSpec spec = query("SELECT * FROM t");
        JdbcConnector connector = new JdbcConnector(getClass().getClassLoader());

        try (var connection = connector.open(spec, connector.driverFor(spec))) {
            // H2 takes read-only as a hint only; PostgreSQL's refusal to write is tested against a real server
            assertThat(connection.getAutoCommit()).isFalse();
        }
    }
}
