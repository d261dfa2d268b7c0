package io.github.mlmaven.data.jdbc;

import io.github.mlmaven.common.Heartbeat;
import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Extracts a {@link JdbcSpec}'s rows into a new immutable part of a {@link SnapshotStore}: in watermark mode the rows
 * after the recorded watermark up to {@code min(max(column), now - delay)}, in full mode the whole result (kept only
 * when it differs from the newest part). The rows stream from the result set into the part file, never held in
 * memory; a failure leaves no part and the recorded watermark where it was.
 */
public final class SnapshotExtractor {
    /** The alias of the configured query, which runs as a subquery so the plugin can bound and order it. */
    static final String ALIAS = "ml_source";

    private final JdbcConnector connector;
    private final Clock clock;
    private final MlLog log;

    public SnapshotExtractor(JdbcConnector connector, Clock clock, MlLog log) {
        this.connector = connector;
        this.clock = clock;
        this.log = log;
    }

    /** An extractor with the thread's context class loader for drivers and the system clock. */
    public SnapshotExtractor(MlLog log) {
        this(new JdbcConnector(), Clock.systemDefaultZone(), log);
    }

    /**
     * Runs one extraction.
     *
     * @param production the production model's recorded watermark, used when the store has no incremental part yet
     *     (a fresh checkout extracts only what production has not seen)
     */
    public Extraction extract(JdbcSpec spec, SnapshotStore store, Optional<WatermarkPosition> production) {
        Driver driver = connector.driverFor(spec);
        String coordinates = JdbcConnector.coordinates(driver);
        store.parts(); // warns about damaged parts before the connection is opened
        Connection connection = connector.open(spec, driver);
        try {
            Query query = new Query(spec, quoteOf(connection));
            List<ResultColumn> columns = probe(spec, connection, query);
            if (exactNumberText(driver)) {
                for (ResultColumn column : columns) {
                    // a real (float4) printed as the server's shortest text of the float and Float.toString's text
                    // may parse to different doubles; only double precision and integers are exact
                    column.numbersAsText =
                            (column.kind == ResultColumn.Kind.FLOATING && !column.typeName.equalsIgnoreCase("float4"))
                                    || column.kind == ResultColumn.Kind.INTEGER;
                }
            }
            Extraction extraction = spec.watermark() == null
                    ? full(spec, store, connection, query, columns, coordinates)
                    : new Incremental(spec, store, connection, query, columns, coordinates).run(production);
            return extraction;
        } finally {
            JdbcConnector.closeQuietly(connection);
        }
    }

    /**
     * Whether the driver's {@code getString} of a number is the text its {@code getObject} parses: PostgreSQL's, whose
     * text protocol hands over the server's text ({@code extra_float_digits} set so that a double round-trips), and
     * whose binary transfer prints Java's. Other drivers may format numbers their own way (locale, fewer digits), so
     * their numbers go through Java objects.
     */
    static boolean exactNumberText(Driver driver) {
        return driver.getClass().getName().startsWith("org.postgresql.");
    }

    /** The configured query wrapped as {@code SELECT * FROM (<query>) ml_source}, and the names quoted for it. */
    static final class Query {
        final JdbcSpec spec;
        final String quote;
        final String sql;
        final String from;
        /** Where the configured query starts in every statement built on {@link #from}. */
        final int offset;

        Query(JdbcSpec spec, String quote) {
            this.spec = spec;
            this.quote = quote;
            this.sql = spec.sql(quote);
            String head = "SELECT * FROM (\n";
            // the line break before ')' ends a trailing -- comment of the query
            this.from = head + sql + "\n) " + ALIAS;
            this.offset = head.length();
        }

        /** A column label quoted exactly as the database reported it. */
        String name(ResultColumn column) {
            String q = quote.isBlank() ? "" : quote;
            return q + column.label.replace(q.isEmpty() ? "\u0000" : q, q + q) + q;
        }
    }

    private static String quoteOf(Connection connection) {
        try {
            String quote = connection.getMetaData().getIdentifierQuoteString();
            return quote == null ? "\"" : quote.strip();
        } catch (SQLException | RuntimeException e) {
            return "\"";
        }
    }

    static PreparedStatement prepare(Connection connection, JdbcSpec spec, String statement) throws SQLException {
        PreparedStatement prepared =
                connection.prepareStatement(statement, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        prepared.setFetchSize(spec.fetchSize());
        return prepared;
    }

    /** The result's columns, from a statement that returns no row; binary and duplicate columns refused. */
    private static List<ResultColumn> probe(JdbcSpec spec, Connection connection, Query query) {
        String statement = query.from + " WHERE 1 = 0";
        List<ResultColumn> columns = new ArrayList<>();
        try (PreparedStatement prepared = prepare(connection, spec, statement);
                ResultSet rs = prepared.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(ResultColumn.of(meta, i));
            }
        } catch (SQLException e) {
            throw JdbcErrors.queryFailed(spec, statement, query.offset, e);
        }
        String parameter = spec.element() + (spec.table() != null ? "/table" : "/query");
        Set<String> seen = new HashSet<>();
        for (ResultColumn column : columns) {
            if (column.kind == ResultColumn.Kind.BINARY) {
                throw new InvalidConfigurationException(parameter, binaryColumn(column));
            }
            if (!seen.add(column.label)) {
                throw new InvalidConfigurationException(
                        parameter,
                        "the query's result has two columns named '" + column.label
                                + "'; give them distinct names with AS, e.g. SELECT a.id AS a_id, b.id AS b_id");
            }
        }
        return columns;
    }

    static String binaryColumn(ResultColumn column) {
        return "column '" + column.label + "' is binary (" + column.typeName + "), which a snapshot part cannot hold;"
                + " leave it out of the query by listing the columns you need in its SELECT";
    }

    private Extraction full(
            JdbcSpec spec,
            SnapshotStore store,
            Connection connection,
            Query query,
            List<ResultColumn> columns,
            String driver) {
        String url = spec.sanitizedUrl();
        Optional<SnapshotPart> newest = store.newest();
        Written written = stream(spec, store, connection, query, query.from, List.of(), columns, null, null);
        try {
            if (written.result.rows() == 0) {
                log.warn("The query of " + url + " returned no rows; no snapshot part is written, and there is"
                        + " nothing to read until it returns rows");
                return new Extraction(
                        Optional.empty(), List.of(), null, Optional.empty(), 0, url, spec.querySha256(), driver, 0);
            }
            if (newest.isPresent() && newest.get().sha256().equals(written.result.sha256())) {
                Files.deleteIfExists(written.temp);
                log.info("The result of " + url + " is unchanged since "
                        + newest.get().file().getFileName() + " (" + written.result.rows()
                        + " rows); no new snapshot part");
                return new Extraction(
                        Optional.empty(),
                        List.of(newest.get()),
                        null,
                        Optional.empty(),
                        0,
                        url,
                        spec.querySha256(),
                        driver,
                        0);
            }
            SnapshotPart part = commit(spec, store, written, columns, driver, null);
            log.info("Extracted " + part.rows() + " rows from " + url + " into " + part.file());
            return new Extraction(
                    Optional.of(part),
                    List.of(part),
                    null,
                    Optional.empty(),
                    part.rows(),
                    url,
                    spec.querySha256(),
                    driver,
                    0);
        } catch (IOException e) {
            throw writeFailed(store, e);
        } finally {
            deleteQuietly(written.temp);
        }
    }

    /** A finished temporary part, the value of the watermark and tie-breaker columns in its last row. */
    record Written(
            Path temp,
            CsvPartWriter.Written result,
            @Nullable Object lastWatermark,
            @Nullable Object lastTieBreaker) {}

    /**
     * Runs {@code statement} and streams its rows into a new temporary file in the store's folder. On any failure the
     * temporary file is deleted and nothing else is touched.
     */
    Written stream(
            JdbcSpec spec,
            SnapshotStore store,
            Connection connection,
            Query query,
            String statement,
            List<Object> parameters,
            List<ResultColumn> columns,
            @Nullable ResultColumn watermark,
            @Nullable ResultColumn tieBreaker) {
        Path temp;
        try {
            Files.createDirectories(store.directory());
            temp = Files.createTempFile(store.directory(), ".part-", ".tmp");
        } catch (IOException e) {
            throw writeFailed(store, e);
        }
        long rows = 0;
        boolean done = false;
        try (Heartbeat heartbeat = Heartbeat.start(log, "extracting from " + spec.sanitizedUrl(), 30);
                CsvPartWriter writer = new CsvPartWriter(temp);
                PreparedStatement prepared = prepare(connection, spec, statement)) {
            bind(prepared, parameters);
            ResultSet rs;
            try {
                rs = prepared.executeQuery();
            } catch (SQLException e) {
                throw JdbcErrors.queryFailed(spec, statement, query.offset, e);
            }
            List<String> labels = new ArrayList<>();
            columns.forEach(c -> labels.add(c.label));
            writer.header(labels);
            int n = columns.size();
            ResultColumn[] row = columns.toArray(ResultColumn[]::new);
            // text and numbers are read as text; the rest, and the watermark columns, whose values are kept, as objects
            boolean[] asText = new boolean[n];
            for (int i = 0; i < n; i++) {
                ResultColumn column = row[i];
                asText[i] = column != watermark
                        && column != tieBreaker
                        && (column.kind == ResultColumn.Kind.TEXT || column.numbersAsText);
            }
            Object lastWatermark = null;
            Object lastTieBreaker = null;
            try (rs) {
                while (rs.next()) {
                    for (int i = 0; i < n; i++) {
                        ResultColumn column = row[i];
                        if (asText[i]) {
                            writer.value(column.text(rs));
                            continue;
                        }
                        Object value = column.read(rs);
                        if (value instanceof byte[] || value instanceof Blob) {
                            throw new InvalidInputException("Cannot extract from " + spec.sanitizedUrl() + ": "
                                    + binaryColumn(column) + ". No snapshot part was written.");
                        }
                        writer.value(value == null ? null : ResultColumn.format(value));
                        if (column == watermark) {
                            lastWatermark = value;
                        } else if (column == tieBreaker) {
                            lastTieBreaker = value;
                        }
                    }
                    writer.endRow();
                    rows++;
                }
            } catch (SQLException e) {
                throw JdbcErrors.readFailed(spec, rows, e);
            }
            Written written = new Written(temp, writer.finish(), lastWatermark, lastTieBreaker);
            done = true;
            return written;
        } catch (SQLException e) {
            throw JdbcErrors.readFailed(spec, rows, e);
        } catch (IOException e) {
            throw writeFailed(store, e);
        } finally {
            if (!done) {
                deleteQuietly(temp);
            }
        }
    }

    /**
     * Binds watermark values. A date or timestamp without zone goes through {@code setDate}/{@code setTimestamp},
     * which every driver implements, rather than {@code setObject} with a java.time value, which some drivers turn
     * into text: SQLite's then compares that text with its own dates (milliseconds since 1970), and text is greater
     * than every number there, so no row would ever come after the recorded watermark.
     */
    static void bind(PreparedStatement prepared, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            if (value instanceof LocalDateTime t) {
                prepared.setTimestamp(i + 1, Timestamp.valueOf(t));
            } else if (value instanceof LocalDate d) {
                prepared.setDate(i + 1, java.sql.Date.valueOf(d));
            } else {
                prepared.setObject(i + 1, value);
            }
        }
    }

    SnapshotPart commit(
            JdbcSpec spec,
            SnapshotStore store,
            Written written,
            List<ResultColumn> columns,
            String driver,
            @Nullable WatermarkRange range)
            throws IOException {
        JdbcSpec.Watermark mark = spec.watermark();
        List<String> labels = columns.stream().map(c -> c.label).toList();
        PartSidecar sidecar = new PartSidecar(
                PartSidecar.SCHEMA_VERSION,
                written.result.sha256(),
                written.result.rows(),
                written.result.sizeBytes(),
                Instant.now(clock).toString(),
                spec.sanitizedUrl(),
                spec.querySha256(),
                driver,
                spec.format(),
                mark == null ? null : mark.column(),
                mark == null ? null : mark.tieBreaker(),
                range,
                labels);
        return store.commit(written.temp, store.nextSequence(), sidecar);
    }

    static UncheckedIOException writeFailed(SnapshotStore store, IOException e) {
        return new UncheckedIOException(
                "Cannot write a snapshot part into " + store.directory() + ": " + e.getMessage()
                        + ". No snapshot part was written; check the folder's permissions and free space.",
                e);
    }

    static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // a leftover temporary file starts with '.', so it is never taken for a part
        }
    }

    /** One watermark extraction: the bound, the keyset condition, the late-row check, the new part. */
    private final class Incremental {
        private final JdbcSpec spec;
        private final JdbcSpec.Watermark mark;
        private final SnapshotStore store;
        private final Connection connection;
        private final Query query;
        private final List<ResultColumn> columns;
        private final String driver;
        private final ResultColumn watermark;
        private final @Nullable ResultColumn tieBreaker;

        Incremental(
                JdbcSpec spec,
                SnapshotStore store,
                Connection connection,
                Query query,
                List<ResultColumn> columns,
                String driver) {
            this.spec = spec;
            this.mark = java.util.Objects.requireNonNull(spec.watermark());
            this.store = store;
            this.connection = connection;
            this.query = query;
            this.columns = columns;
            this.driver = driver;
            this.watermark = column(mark.column(), "watermark/column");
            this.tieBreaker = mark.tieBreaker() == null ? null : column(mark.tieBreaker(), "watermark/tieBreaker");
        }

        /** The result's column of that name: exactly, else ignoring case (databases fold unquoted names). */
        private ResultColumn column(String name, String parameter) {
            for (ResultColumn column : columns) {
                if (column.label.equals(name)) {
                    return column;
                }
            }
            List<ResultColumn> folded =
                    columns.stream().filter(c -> c.label.equalsIgnoreCase(name)).toList();
            if (folded.size() == 1) {
                return folded.get(0);
            }
            throw new InvalidConfigurationException(
                    spec.element() + "/" + parameter,
                    "the query's result has no column '" + name + "'; its columns are "
                            + String.join(
                                    ", ", columns.stream().map(c -> c.label).toList())
                            + ". Name one of them, or add the column to the query's SELECT list.");
        }

        Extraction run(Optional<WatermarkPosition> production) {
            checkConfiguration();
            List<SnapshotPart> parts = checkHistory();
            Optional<WatermarkPosition> fromStore = store.recordedWatermark();
            Optional<WatermarkPosition> start = fromStore.isPresent() ? fromStore : production;
            String startSource = fromStore.isPresent()
                    ? parts.get(parts.size() - 1).sidecarFile().toString()
                    : "the production model's card";
            Object startValue = null;
            Object startTie = null;
            if (start.isPresent()) {
                startValue = parse(watermark, start.get().value(), startSource);
                if (tieBreaker != null && start.get().tieBreaker() != null) {
                    startTie = parse(tieBreaker, start.get().tieBreaker(), startSource);
                }
            }
            Object bound = bound();
            String url = spec.sanitizedUrl();
            if (bound == null) {
                log.info("No rows in " + url + " have a " + watermark.label + " value; no new snapshot part");
                return unchanged(parts, start);
            }
            long late = start.isPresent() && coversFromTheStart(parts)
                    ? rowsBelow(startValue, startTie)
                            - parts.stream().mapToLong(SnapshotPart::rows).sum()
                    : 0;
            if (late > 0) {
                log.warn(late + " rows of " + url + " appeared at or below the recorded watermark " + watermark.label
                        + " = " + start.get() + " after it was extracted: they committed late, or " + watermark.label
                        + " does not grow with every new row. They are not extracted; raise <delay> for rows that"
                        + " commit late, or reset the history (move " + store.directory()
                        + " away) to extract them.");
            }
            List<Object> parameters = new ArrayList<>();
            String where = keyset(startValue, startTie, parameters) + query.name(watermark) + " <= ?";
            parameters.add(bound);
            String order =
                    " ORDER BY " + query.name(watermark) + (tieBreaker == null ? "" : ", " + query.name(tieBreaker));
            Written written = stream(
                    spec,
                    store,
                    connection,
                    query,
                    query.from + " WHERE " + where + order,
                    parameters,
                    columns,
                    watermark,
                    tieBreaker);
            try {
                if (written.result.rows() == 0 || written.lastWatermark == null) {
                    log.info("No new rows in " + url + " after " + (start.isPresent() ? start.get() : "the start")
                            + " up to " + watermark.label + " = " + text(bound) + "; no new snapshot part");
                    return new Extraction(
                            Optional.empty(),
                            parts,
                            null,
                            start,
                            0,
                            url,
                            spec.querySha256(),
                            driver,
                            Math.max(0, late));
                }
                WatermarkPosition to = new WatermarkPosition(
                        ResultColumn.watermarkText(written.lastWatermark),
                        tieBreaker == null || written.lastTieBreaker == null
                                ? null
                                : ResultColumn.watermarkText(written.lastTieBreaker));
                WatermarkRange range = new WatermarkRange(start.orElse(null), to);
                SnapshotPart part = commit(spec, store, written, columns, driver, range);
                log.info("Extracted " + part.rows() + " rows from " + url + " into " + part.file() + " ("
                        + watermark.label + " after " + (start.isPresent() ? start.get() : "the start") + " up to "
                        + to + ")");
                List<SnapshotPart> all = new ArrayList<>(parts);
                all.add(part);
                return new Extraction(
                        Optional.of(part),
                        all,
                        range,
                        Optional.of(to),
                        part.rows(),
                        url,
                        spec.querySha256(),
                        driver,
                        Math.max(0, late));
            } catch (IOException | SQLException e) {
                throw e instanceof IOException io
                        ? writeFailed(store, io)
                        : JdbcErrors.readFailed(spec, 0, (SQLException) e);
            } finally {
                deleteQuietly(written.temp);
            }
        }

        private Extraction unchanged(List<SnapshotPart> parts, Optional<WatermarkPosition> start) {
            return new Extraction(
                    Optional.empty(), parts, null, start, 0, spec.sanitizedUrl(), spec.querySha256(), driver, 0);
        }

        private void checkConfiguration() {
            if (!watermark.kind.temporal() && !mark.delay().isZero()) {
                throw new InvalidConfigurationException(
                        spec.element() + "/watermark/delay",
                        "<delay> applies to a date or timestamp watermark column, and " + watermark.label + " is "
                                + watermark.typeName + "; remove <delay> (rows are bounded by the column's maximum)");
            }
        }

        /** The parts so far, checked to be one history of this query's columns and watermark column. */
        private List<SnapshotPart> checkHistory() {
            List<SnapshotPart> parts = store.parts();
            List<String> labels = columns.stream().map(c -> c.label).toList();
            for (SnapshotPart part : parts) {
                String problem = null;
                if (part.range().isEmpty()) {
                    problem = "was a full extraction (no <watermark>)";
                } else if (!watermark.label.equalsIgnoreCase(
                        String.valueOf(part.sidecar().watermarkColumn()))) {
                    problem = "was extracted with the watermark column "
                            + part.sidecar().watermarkColumn();
                } else if (!part.sidecar().columns().equals(labels)) {
                    problem =
                            "holds the columns " + part.sidecar().columns() + " while the query now returns " + labels;
                }
                if (problem != null) {
                    throw new InvalidInputException("The snapshot part " + part.file() + " " + problem
                            + ", so it cannot continue as one history with this configuration. Restore the"
                            + " configuration, or reset the history: move " + store.directory()
                            + " away (the next build extracts everything again).");
                }
            }
            return parts;
        }

        /** The incremental parts hold every row from the first one on, so their sum can be compared. */
        private boolean coversFromTheStart(List<SnapshotPart> parts) {
            return !parts.isEmpty()
                    && parts.get(0).range().map(r -> r.fromExclusive() == null).orElse(false);
        }

        private Object parse(ResultColumn column, String text, String source) {
            Object value = column.parse(text);
            if (value == null) {
                throw new InvalidInputException("The recorded watermark '" + text + "' (from " + source
                        + ") is not a value of the column " + column + "; did the column's type change? Reset the"
                        + " history: move " + store.directory() + " away.");
            }
            return value;
        }

        /** {@code min(max(column), now - delay)} for a date or timestamp column, else the maximum; null: no rows. */
        private @Nullable Object bound() {
            String column = query.name(watermark);
            String statement = "SELECT MAX(" + column + "), COUNT(*) - COUNT(" + column + ") FROM (\n" + query.sql
                    + "\n) " + ALIAS;
            Object max;
            long nulls;
            try (PreparedStatement prepared = prepare(connection, spec, statement);
                    ResultSet rs = executeQuery(prepared, statement)) {
                rs.next();
                max = new ResultColumn(1, watermark.label, watermark.typeName, watermark.kind).read(rs);
                nulls = rs.getLong(2);
            } catch (SQLException e) {
                throw JdbcErrors.readFailed(spec, 0, e);
            }
            if (nulls > 0) {
                log.warn(nulls + " rows of " + spec.sanitizedUrl() + " have no " + watermark.label
                        + " value (NULL); a watermark extraction never reads them");
            }
            if (max == null || !watermark.kind.temporal()) {
                return max;
            }
            Instant cutoff = clock.instant().minus(mark.delay());
            Object limit = switch (watermark.kind) {
                case DATE -> LocalDate.ofInstant(cutoff, clock.getZone());
                case TIMESTAMP -> LocalDateTime.ofInstant(cutoff, clock.getZone());
                default -> OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC);
            };
            return earlier(max, limit);
        }

        private ResultSet executeQuery(PreparedStatement prepared, String statement) {
            try {
                return prepared.executeQuery();
            } catch (SQLException e) {
                throw JdbcErrors.queryFailed(spec, statement, query.offset, e);
            }
        }

        /** Rows at or below the recorded watermark now. */
        private long rowsBelow(@Nullable Object value, @Nullable Object tie) {
            List<Object> parameters = new ArrayList<>();
            String w = query.name(watermark);
            String condition;
            if (tieBreaker != null && tie != null) {
                condition = "(" + w + " < ? OR (" + w + " = ? AND " + query.name(tieBreaker) + " <= ?))";
                parameters.add(value);
                parameters.add(value);
                parameters.add(tie);
            } else {
                condition = w + " <= ?";
                parameters.add(value);
            }
            String statement = "SELECT COUNT(*) FROM (\n" + query.sql + "\n) " + ALIAS + " WHERE " + condition;
            try (PreparedStatement prepared = prepare(connection, spec, statement)) {
                bind(prepared, parameters);
                try (ResultSet rs = executeQuery(prepared, statement)) {
                    rs.next();
                    return rs.getLong(1);
                }
            } catch (SQLException e) {
                throw JdbcErrors.readFailed(spec, 0, e);
            }
        }

        /** {@code (w > ? OR (w = ? AND t > ?)) AND } after a recorded position; empty from the start. */
        private String keyset(@Nullable Object value, @Nullable Object tie, List<Object> parameters) {
            if (value == null) {
                return "";
            }
            String w = query.name(watermark);
            if (tieBreaker != null && tie != null) {
                parameters.add(value);
                parameters.add(value);
                parameters.add(tie);
                return "(" + w + " > ? OR (" + w + " = ? AND " + query.name(tieBreaker) + " > ?)) AND ";
            }
            parameters.add(value);
            return w + " > ? AND ";
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object earlier(Object max, Object limit) {
        if (max instanceof OffsetDateTime a && limit instanceof OffsetDateTime b) {
            return a.isAfter(b) ? b : a;
        }
        if (max.getClass() == limit.getClass() && max instanceof Comparable comparable) {
            return comparable.compareTo(limit) > 0 ? limit : max;
        }
        return max; // a value the driver gave as text: bounded by the maximum only
    }

    static String text(Object value) {
        try {
            return ResultColumn.watermarkText(value);
        } catch (SQLException e) {
            return String.valueOf(value);
        }
    }
}
