package io.github.mlmaven.data.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.common.MlLog;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1M-row PostgreSQL table (about 140 MB as CSV) extracted by a separate JVM with a 32 MB heap: it only completes if
 * the rows stream from the server to the file. Heavy (a server, a million inserts, a second JVM), so it runs only with
 * {@code -Dml.bigTests=true}, and {@code -Dml.bigTests.rows=10000000} for the ten million rows the heap must not grow
 * with; the fast suite shows streaming by a part that fills while its query still runs ({@link
 * SnapshotExtractorPostgresTest}).
 */
@EnabledIfSystemProperty(named = "ml.bigTests", matches = "true")
class BigExtractionTest {
    static final int ROWS = Integer.getInteger("ml.bigTests.rows", 1_000_000);
    static final String HEAP = "-Xmx32m";

    @TempDir
    Path dir;

    @Test
    void aMillionRowsStreamThroughASmallHeap() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            JdbcTestSupport.sql(
                    url,
                    "postgres",
                    "",
                    "CREATE TABLE events (id int8 PRIMARY KEY, labelled_at timestamptz, amount numeric(12,2),"
                            + " a text, b text, c text, label text)",
                    "INSERT INTO events SELECT g, TIMESTAMPTZ '2026-01-01 00:00:00Z' + g * INTERVAL '1 second',"
                            + " g / 100.0, md5(g::text), md5((g + 1)::text), md5((g + 2)::text),"
                            + " CASE WHEN g % 10 = 0 THEN 'fraud' ELSE 'ok' END FROM generate_series(1, " + ROWS
                            + ") g");

            String output = extractInAnotherJvm(url);
            assertThat(output).contains("rows=" + ROWS);
            Path part = dir.resolve("part-000001.csv");
            try (var lines = Files.lines(part)) {
                assertThat(lines.count()).isEqualTo(ROWS + 1L);
            }
            assertThat(Files.size(part)).isGreaterThan(ROWS * 134L);
        }
    }

    /**
     * The benchmark's table shape (20 {@code double precision} columns and 2 text ones, benchmarks/jdbc/run.sh) fully
     * extracted in a separate JVM, which prints its seconds: the extraction's own time, without Maven or training.
     * {@code -Dml.bigTests.jvmArgs=...} passes options to that JVM (a flight recording, say). No assertion on the time,
     * which depends on the machine; docs/performance.md gives measured ones.
     */
    @Test
    void theBenchmarksShapeOfDoublesExtractsAndPrintsItsTime() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            StringBuilder columns = new StringBuilder();
            StringBuilder values = new StringBuilder();
            for (int i = 1; i <= 20; i++) {
                columns.append("f").append(i).append(" double precision, ");
                values.append("(random() - 0.5) * power(10, (random() * 12)::int - 4), ");
            }
            JdbcTestSupport.sql(
                    url,
                    "postgres",
                    "",
                    "CREATE TABLE events (" + columns + "channel text, fraud text)",
                    "INSERT INTO events SELECT " + values
                            + " CASE WHEN g % 3 = 0 THEN 'web' ELSE 'pos' END,"
                            + " CASE WHEN g % 50 = 0 THEN 'yes' ELSE 'no' END FROM generate_series(1, " + ROWS + ") g");

            String output = extractInAnotherJvm(url, "full");
            assertThat(output).contains("rows=" + ROWS);
        }
    }

    /** Runs {@link Main} in a JVM with a small heap, and returns its output once it succeeded. */
    private String extractInAnotherJvm(String url, String... mode) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP));
        String jvmArgs = System.getProperty("ml.bigTests.jvmArgs", "").strip();
        if (!jvmArgs.isEmpty()) {
            command.addAll(List.of(jvmArgs.split("\\s+")));
        }
        command.addAll(
                List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), url, dir.toString()));
        command.addAll(List.of(mode));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.MINUTES)).isTrue();
        System.out.println(output);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    /** The extraction in the small-heap JVM; prints rows, seconds and its peak resident memory. */
    public static final class Main {
        public static void main(String[] args) throws IOException {
            long start = System.nanoTime();
            JdbcSpec spec = JdbcSpec.of("trainingData/jdbc", args[0], "SELECT * FROM events", null, Path.of(args[1]))
                    .withCredentials("postgres", "", "none");
            if (args.length < 3) {
                spec = spec.withWatermark(new JdbcSpec.Watermark("labelled_at", "id", Duration.ZERO));
            }
            Extraction extraction = new SnapshotExtractor(new JdbcConnector(), Clock.systemUTC(), MlLog.SILENT)
                    .extract(spec, SnapshotStore.open(spec.snapshotDirectory(), MlLog.SILENT), Optional.empty());
            String peak = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("VmHWM"))
                    .findFirst()
                    .orElse("VmHWM: unknown");
            long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP)
                    .mapToLong(pool -> pool.getPeakUsage().getUsed())
                    .sum();
            System.out.printf(
                    "rows=%d seconds=%.1f heap=%s peakHeapUsed=%d kB %s%n",
                    extraction.rows(),
                    (System.nanoTime() - start) / 1e9,
                    HEAP,
                    peakHeap >> 10,
                    peak.replaceAll("\\s+", " "));
        }
    }
}
