package io.github.mlmaven.data.jdbc;

import static io.github.mlmaven.data.jdbc.JdbcTestSupport.files;
import static io.github.mlmaven.data.jdbc.JdbcTestSupport.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.testing.RecordingLog;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extraction against a real PostgreSQL server (zonky's embedded binaries, started once for the class): password
 * authentication, the server's error positions, a read-only transaction, its types, and a backend terminated while
 * rows stream.
 */
class SnapshotExtractorPostgresTest {
    private static final String USER = "labeler";
    private static final String PASSWORD = "Pg-S3cret-Word";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();
    private final JdbcTestSupport.MovableClock clock =
            new JdbcTestSupport.MovableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private SnapshotExtractor extractor;
    private String url;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder()
                // the superuser over trust for the fixtures; the user under test must give its password
                .setDataDirectoryCustomizer(data -> writeHba(data.toPath()))
                .start();
        admin("postgres", "CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
    }

    private static void writeHba(Path data) {
        try {
            Files.writeString(
                    data.resolve("pg_hba.conf"),
                    "local all all trust\n"
                            + "host all postgres 127.0.0.1/32 trust\nhost all postgres ::1/128 trust\n"
                            + "host all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static void admin(String database, String... statements) {
        JdbcTestSupport.sql(postgres.getJdbcUrl("postgres", database), "postgres", "", statements);
    }

    @BeforeEach
    void database() {
        String name = "labels" + DATABASES.incrementAndGet();
        admin("postgres", "CREATE DATABASE " + name + " OWNER " + USER);
        url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name;
        extractor = new SnapshotExtractor(new JdbcConnector(getClass().getClassLoader()), clock, log);
    }

    private void sql(String... statements) {
        JdbcTestSupport.sql(url, USER, PASSWORD, statements);
    }

    private JdbcSpec query(String query) {
        return JdbcSpec.of("trainingData/jdbc", url, query, null, dir)
                .withCredentials(USER, PASSWORD, "serverId labels-db");
    }

    private Extraction extract(JdbcSpec spec) {
        return extractor.extract(spec, SnapshotStore.open(dir, log), Optional.empty());
    }

    @Test
    void aWrongPasswordNamesTheUserAndWhereTheCredentialsCameFromButNeverThePassword() {
        sql("CREATE TABLE t (id int)");
        JdbcSpec wrong = JdbcSpec.of("trainingData/jdbc", url, "SELECT * FROM t", null, dir)
                .withCredentials(USER, "Not-The-Passw0rd", "environment variables DB_USER, DB_PASSWORD");

        assertThatThrownBy(() -> extract(wrong))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("the database at " + url + " refused the credentials of user 'labeler', taken"
                        + " from environment variables DB_USER, DB_PASSWORD: FATAL: password authentication failed")
                .hasMessageNotContaining("Not-The-Passw0rd")
                .hasMessageNotContaining(PASSWORD)
                .satisfies(e -> assertThat(String.valueOf(e.getCause())).doesNotContain("Not-The-Passw0rd"));
        assertThat(wrong.toString()).doesNotContain("Not-The-Passw0rd").contains("password=***");
    }

    @Test
    void aPasswordInTheUrlIsNeitherShownNorRecorded() throws Exception {
        sql("CREATE TABLE t (id int)", "INSERT INTO t VALUES (1)");
        String withSecrets = url + "?user=" + USER + "&password=" + PASSWORD + "&ApplicationName=ml";

        Extraction extraction = extract(JdbcSpec.of("trainingData/jdbc", withSecrets, "SELECT * FROM t", null, dir));

        assertThat(extraction.url()).isEqualTo(url + "?ApplicationName=ml");
        assertThat(read(dir.resolve("part-000001.json")))
                .doesNotContain(PASSWORD)
                .doesNotContain("user=");
        assertThat(log.text()).doesNotContain(PASSWORD);
    }

    @Test
    void aSyntaxErrorShowsTheServersMessageAndWhereInTheQueryItIs() {
        sql("CREATE TABLE events (id int, label text)");

        assertThatThrownBy(() -> extract(query("SELECT id,\n       label, FROM events")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("the database at " + url + " refused the query: ERROR: syntax error at or near \"FROM\"\n"
                        + "  Position: 42\n"
                        + "  at line 2, column 15 of the query:\n"
                        + "           label, FROM events\n"
                        + "                  ^\n"
                        + "Fix the <query>; it runs as a subquery, so it must be a single SELECT.");
    }

    @Test
    void anUnknownTableIsNamedWithTheTableElement() {
        assertThatThrownBy(() -> extract(JdbcSpec.of("testData/jdbc", url, null, "missing_table", dir)
                        .withCredentials(USER, PASSWORD, "serverId labels-db")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("relation \"missing_table\" does not exist")
                .hasMessageContaining("Fix the <table>")
                .extracting(e -> ((InvalidConfigurationException) e).parameter())
                .isEqualTo("testData/jdbc/table");
    }

    @Test
    void anUnreachableServerSaysSoAndNamesTheUrl() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String nowhere = "jdbc:postgresql://127.0.0.1:" + closedPort + "/labels";

        assertThatThrownBy(() -> extract(JdbcSpec.of("trainingData/jdbc", nowhere, "SELECT 1", null, dir)
                        .withCredentials(USER, PASSWORD, "serverId labels-db")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Cannot reach the database at " + nowhere + ": ")
                .hasMessageContaining("Check that the server runs")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void theTransactionIsReadOnlySoNothingCanBeWritten() throws SQLException {
        sql("CREATE TABLE t (id int)");
        JdbcSpec spec = query("SELECT * FROM t");
        JdbcConnector connector = new JdbcConnector(getClass().getClassLoader());

        try (Connection connection = connector.open(spec, connector.driverFor(spec));
                Statement statement = connection.createStatement()) {
            assertThat(connection.isReadOnly()).isTrue();
            assertThat(connection.getAutoCommit()).isFalse();
            assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO t VALUES (1)"))
                    .hasMessageContaining("read-only transaction");
        }
    }

    /**
     * Doubles are written as the server's text (not parsed and printed again): the CSV reader must still read back
     * exactly the database's values, and whole numbers in a class column must stay the labels they were ({@code 1.0}).
     */
    @Test
    void doublesReadBackBitForBitAsTheDatabaseHoldsThem() throws Exception {
        String[] values = {
            "0.1",
            "1e-300",
            "1.7976931348623157E308",
            "-1.7976931348623157E308",
            "4.9e-324",
            "2.2250738585072014E-308",
            "-0.0",
            "0",
            "123456789.123456789",
            "1e20",
            "1e15",
            "12345678",
            "1234567",
            "-3",
            "2.5e-5",
            "-1e-10",
            "1/3.0",
            "pi()",
            "'NaN'",
            "NULL"
        };
        sql("CREATE TABLE t (id int4, d float8, c float8)");
        for (int i = 0; i < values.length; i++) {
            sql("INSERT INTO t VALUES (" + i + ", " + values[i] + ", " + (i % 2) + ")");
        }
        java.util.List<Double> expected = new java.util.ArrayList<>();
        try (Connection connection = java.sql.DriverManager.getConnection(url, USER, PASSWORD);
                Statement statement = connection.createStatement();
                java.sql.ResultSet rs = statement.executeQuery("SELECT d FROM t ORDER BY id")) {
            while (rs.next()) {
                double d = rs.getDouble(1);
                expected.add(rs.wasNull() || Double.isNaN(d) ? null : d);
            }
        }

        extract(query("SELECT * FROM t ORDER BY id"));

        weka.core.Instances data = new io.github.mlmaven.data.DatasetReader(dir, log)
                .readTraining(
                        java.util.List.of(dir.resolve("part-000001.csv")),
                        new io.github.mlmaven.data.ReadOptions("c", Map.of()),
                        "trainingData")
                .instances();
        assertThat(data.numInstances()).isEqualTo(values.length);
        for (int i = 0; i < values.length; i++) {
            weka.core.Instance row = data.instance(i);
            Double read = row.isMissing(1) ? null : row.value(1);
            Double want = expected.get(i);
            assertThat(read == null ? null : Double.doubleToRawLongBits(read))
                    .as("row %d, %s: read back %s, the database holds %s", i, values[i], read, want)
                    .isEqualTo(want == null ? null : Double.doubleToRawLongBits(want));
        }
        assertThat(java.util.Collections.list(data.classAttribute().enumerateValues()))
                .containsExactly("0.0", "1.0");
    }

    @Test
    void nullsOfEveryTypeUnicodeAndTheDriverCoordinates() throws Exception {
        sql(
                "CREATE TABLE t (i int4, b int8, n numeric(12,4), d float8, r float4, ok bool, dt date, ts timestamp,"
                        + " tz timestamptz, tm time, txt text, v varchar(20), u uuid, j jsonb)",
                "INSERT INTO t VALUES (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                        + " NULL)",
                "INSERT INTO t VALUES (1, 9000000000, 12.5000, 0.1, 0.25, true, '2026-02-28', '2026-02-28 23:59:59.5',"
                        + " '2026-02-28 23:00:00+02', '08:30', 'Ærøskøbing, 東京 🚀', 'x', "
                        + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"k\": 1}')");

        Extraction extraction = extract(query("SELECT * FROM t ORDER BY i NULLS FIRST"));

        assertThat(read(dir.resolve("part-000001.csv")))
                .isEqualTo("i,b,n,d,r,ok,dt,ts,tz,tm,txt,v,u,j\n"
                        + "?,?,?,?,?,?,?,?,?,?,?,?,?,?\n"
                        + "1,9000000000,12.5000,0.1,0.25,true,2026-02-28,2026-02-28T23:59:59.500,2026-02-28T21:00:00,"
                        + "08:30:00,\"Ærøskøbing, 東京 🚀\",x,a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,\"{\"\"k\"\": 1}\"\n");
        assertThat(extraction.driver()).isEqualTo("org.postgresql:postgresql:42.7.14");
    }

    @Test
    void duplicateColumnNamesAreRefused() {
        assertThatThrownBy(() -> extract(query("SELECT 1 AS id, 2 AS id")))
                .hasMessageStartingWith("the query's result has two columns named 'id'");
    }

    @Test
    void incrementalExtractionsOverATimestampWithTimeZoneAndATieBreaker() {
        // given: the clock at 12:00 UTC, a delay of five minutes; rows 1 and 2 share one instant
        sql(
                "CREATE TABLE labels (id int PRIMARY KEY, labelled_at timestamptz, label text)",
                "INSERT INTO labels VALUES (2, '2026-03-01 13:50:00.000001+02', 'a'),"
                        + " (1, '2026-03-01 11:50:00.000001Z', 'b'), (3, '2026-03-01 11:59:00Z', 'young')");
        JdbcSpec spec = query("SELECT id, labelled_at, label FROM labels")
                .withWatermark(new JdbcSpec.Watermark("labelled_at", "id", Duration.ofMinutes(5)));

        // when: three builds; a row with the same instant as 1 and 2 commits late, then another hour passes
        Extraction first = extract(spec);
        sql("INSERT INTO labels VALUES (4, '2026-03-01 11:50:00.000001Z', 'late but same instant')");
        Extraction second = extract(spec);
        clock.set(Instant.parse("2026-03-01T13:00:00Z"));
        sql("INSERT INTO labels VALUES (5, '2026-03-01 12:30:00Z', 'c')");
        Extraction third = extract(spec);

        // then
        assertThat(read(dir.resolve("part-000001.csv")))
                .isEqualTo("id,labelled_at,label\n1,2026-03-01T11:50:00.000,b\n2,2026-03-01T11:50:00.000,a\n");
        assertThat(first.recordedWatermark()).contains(new WatermarkPosition("2026-03-01T11:50:00.000001Z", "2"));
        assertThat(read(dir.resolve("part-000002.csv")))
                .isEqualTo("id,labelled_at,label\n4,2026-03-01T11:50:00.000,late but same instant\n");
        assertThat(second.range().fromExclusive())
                .isEqualTo(first.recordedWatermark().orElseThrow());
        assertThat(read(dir.resolve("part-000003.csv")))
                .isEqualTo("id,labelled_at,label\n3,2026-03-01T11:59:00,young\n5,2026-03-01T12:30:00,c\n");
        assertThat(third.parts()).hasSize(3);
        assertThat(log.text()).doesNotContain("WARN");
    }

    @Test
    void aConnectionTerminatedWhileRowsStreamLeavesNoPartAndTheWatermarkWhereItWas() throws Exception {
        // given: one part extracted, then a million new rows
        sql(
                "CREATE TABLE events (id int8 PRIMARY KEY, payload text)",
                "INSERT INTO events SELECT g, md5(g::text) FROM generate_series(1, 10) g");
        JdbcSpec spec = query("SELECT * FROM events")
                .withWatermark(new JdbcSpec.Watermark("id", null, Duration.ZERO))
                .withFetchSize(500)
                .withProperties(Map.of("ApplicationName", "ml-extract-under-test"));
        extract(spec);
        sql("INSERT INTO events SELECT g, md5(g::text) FROM generate_series(11, 1000010) g");

        // when: the server ends the extracting session once rows reach the part
        CompletableFuture<Extraction> running = CompletableFuture.supplyAsync(() -> extract(spec));
        Path temp = waitForRowsInATemporaryPart();
        admin(
                url.substring(url.lastIndexOf('/') + 1),
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE application_name = 'ml-extract-under-test'");

        // then
        assertThatThrownBy(() -> running.get(60, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Reading from the database at " + url + " failed after ")
                .hasMessageContaining("No snapshot part was written and the recorded watermark did not move");
        assertThat(temp).doesNotExist();
        assertThat(files(dir)).containsExactly("part-000001.csv", "part-000001.json");
        assertThat(SnapshotStore.open(dir, log).recordedWatermark()).contains(new WatermarkPosition("10", null));

        // and the next build extracts the same range again
        Extraction retry = extract(spec);
        assertThat(retry.range())
                .isEqualTo(
                        new WatermarkRange(new WatermarkPosition("10", null), new WatermarkPosition("1000010", null)));
        assertThat(retry.rows()).isEqualTo(1_000_000);
    }

    /**
     * A temporary part that already holds rows while the query still runs: also the proof that rows stream to the
     * file rather than being fetched whole first.
     */
    private Path waitForRowsInATemporaryPart() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (String name : files(dir)) {
                Path file = dir.resolve(name);
                if (name.endsWith(".tmp") && Files.exists(file) && Files.size(file) > 1 << 16) {
                    return file;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no temporary part with rows appeared in " + dir);
    }
}
