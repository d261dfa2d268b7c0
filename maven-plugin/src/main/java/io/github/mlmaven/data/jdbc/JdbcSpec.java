package io.github.mlmaven.data.jdbc;

import io.github.mlmaven.common.InvalidConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One {@code <jdbc>} source as configured: where to connect, what to read, and where its snapshot parts go. Checked
 * when built, so a wrong value fails before any connection is opened.
 *
 * @param element the configuration path of the {@code <jdbc>} element, such as {@code trainingData/jdbc}: every
 *     configuration error names a parameter below it ({@code trainingData/jdbc/url})
 * @param url the JDBC URL as configured; shown only through {@link JdbcUrls#sanitize(String)}
 * @param query the query, or null when {@code table} is given
 * @param table a table name, or null when {@code query} is given; read as {@code SELECT * FROM <table>}
 * @param username null for none
 * @param password null for none; never shown, not even by {@link #toString()}
 * @param credentialsSource where the user name and password came from, for error messages: {@code serverId
 *     labels-db}, {@code environment variables LABELS_DB_USER, LABELS_DB_PASSWORD}, or {@code none}
 * @param fetchSize rows the driver fetches per round trip (PostgreSQL streams only with a fetch size and autocommit
 *     off)
 * @param properties driver properties, passed to the driver as given
 * @param watermark null to extract the query's full result each time
 * @param snapshotDirectory the absolute folder of the snapshot parts
 * @param format {@code csv}, the only snapshot format (null or blank for it)
 */
public record JdbcSpec(
        String element,
        String url,
        @Nullable String query,
        @Nullable String table,
        @Nullable String username,
        @Nullable String password,
        String credentialsSource,
        int fetchSize,
        Map<String, String> properties,
        @Nullable Watermark watermark,
        Path snapshotDirectory,
        String format) {

    public static final int DEFAULT_FETCH_SIZE = 10_000;
    public static final String CSV = "csv";

    /** A name that needs no quoting: letters, digits, {@code _} and {@code $}, optionally schema-qualified. */
    private static final Pattern PLAIN_NAME =
            Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*){0,2}");

    /**
     * The {@code <watermark>} element: the column that bounds each increment, the column that orders rows with equal
     * watermark values (null for none), and how long to wait for rows that commit late.
     */
    public record Watermark(String column, @Nullable String tieBreaker, Duration delay) {
        public Watermark {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(delay, "delay");
        }
    }

    public JdbcSpec {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(credentialsSource, "credentialsSource");
        properties = Map.copyOf(properties);
        if (url == null || url.isBlank()) {
            throw new InvalidConfigurationException(
                    element + "/url", "the JDBC URL is missing; set it, e.g. jdbc:postgresql://localhost:5432/labels");
        }
        url = url.strip();
        if (!url.regionMatches(true, 0, "jdbc:", 0, 5)) {
            throw new InvalidConfigurationException(
                    element + "/url",
                    "'" + JdbcUrls.sanitize(url) + "' is not a JDBC URL: it must start with jdbc:, e.g."
                            + " jdbc:postgresql://localhost:5432/labels");
        }
        query = blankToNull(query);
        table = blankToNull(table);
        if ((query == null) == (table == null)) {
            throw new InvalidConfigurationException(
                    element + "/query",
                    query == null
                            ? "give either <query> or <table> of the <jdbc> source"
                            : "give either <query> or <table> of the <jdbc> source, not both");
        }
        if (fetchSize <= 0) {
            throw new InvalidConfigurationException(
                    element + "/fetchSize", "must be a positive number of rows, not " + fetchSize);
        }
        format = format == null || format.isBlank() ? CSV : format.strip().toLowerCase(Locale.ROOT);
        if (format.equals("arff")) {
            // an ARFF header must list a text column's labels before the first row, which a stream does not know
            throw new InvalidConfigurationException(
                    element + "/format",
                    "arff snapshot parts are not supported; remove <format> (parts are CSV, read with the same type"
                            + " inference as a CSV file, and <attributeTypes> overrides it)");
        }
        if (!format.equals(CSV)) {
            throw new InvalidConfigurationException(
                    element + "/format",
                    "'" + format + "' is not a snapshot format; remove <format> (csv is the only one)");
        }
        Objects.requireNonNull(snapshotDirectory, "snapshotDirectory");
        if (!snapshotDirectory.isAbsolute()) {
            throw new IllegalArgumentException("the snapshot directory must be resolved first: " + snapshotDirectory);
        }
        if (watermark != null) {
            if (watermark.column().isBlank()) {
                throw new InvalidConfigurationException(
                        element + "/watermark/column", "name the column whose values grow, e.g. labelled_at or id");
            }
            if (watermark.delay().isNegative()) {
                throw new InvalidConfigurationException(
                        element + "/watermark/delay",
                        "must not be negative, was " + watermark.delay() + "; e.g. PT5M waits five minutes");
            }
        }
    }

    /** A spec with the defaults: no credentials, fetch size 10000, no properties, no watermark, CSV parts. */
    public static JdbcSpec of(String element, String url, @Nullable String query, @Nullable String table, Path dir) {
        return new JdbcSpec(
                element, url, query, table, null, null, "none", DEFAULT_FETCH_SIZE, Map.of(), null, dir, CSV);
    }

    public JdbcSpec withCredentials(@Nullable String user, @Nullable String secret, String source) {
        return new JdbcSpec(
                element,
                url,
                query,
                table,
                user,
                secret,
                source,
                fetchSize,
                properties,
                watermark,
                snapshotDirectory,
                format);
    }

    public JdbcSpec withWatermark(@Nullable Watermark mark) {
        return new JdbcSpec(
                element,
                url,
                query,
                table,
                username,
                password,
                credentialsSource,
                fetchSize,
                properties,
                mark,
                snapshotDirectory,
                format);
    }

    public JdbcSpec withFetchSize(int rows) {
        return new JdbcSpec(
                element,
                url,
                query,
                table,
                username,
                password,
                credentialsSource,
                rows,
                properties,
                watermark,
                snapshotDirectory,
                format);
    }

    public JdbcSpec withProperties(Map<String, String> driverProperties) {
        return new JdbcSpec(
                element,
                url,
                query,
                table,
                username,
                password,
                credentialsSource,
                fetchSize,
                driverProperties,
                watermark,
                snapshotDirectory,
                format);
    }

    public JdbcSpec withFormat(String partFormat) {
        return new JdbcSpec(
                element,
                url,
                query,
                table,
                username,
                password,
                credentialsSource,
                fetchSize,
                properties,
                watermark,
                snapshotDirectory,
                partFormat);
    }

    /**
     * The query as it is recorded and hashed: the configured query without trailing semicolons, or {@code SELECT *
     * FROM <table>} with the table name quoted in standard SQL when it is not a plain name.
     */
    public String sql() {
        return sql("\"");
    }

    /** {@link #sql()} with a table name quoted by the database's own quote (MySQL's backquote). */
    String sql(String quote) {
        if (table != null) {
            return "SELECT * FROM " + quoteName(table, quote);
        }
        String text = Objects.requireNonNull(query).strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).stripTrailing();
        }
        return text;
    }

    /** The SHA-256 of {@link #sql()}, as the card records it. */
    public String querySha256() {
        return io.github.mlmaven.runtime.Sha256.ofString(sql());
    }

    /** The URL without credentials, as every message, sidecar and card shows it. */
    public String sanitizedUrl() {
        return JdbcUrls.sanitize(url);
    }

    /** A plain name as given (the database folds its case as in any query); anything else quoted. */
    static String quoteName(String name, String quote) {
        if (PLAIN_NAME.matcher(name).matches()) {
            return name;
        }
        String q = quote.isBlank() ? "\"" : quote;
        return q + name.replace(q, q + q) + q;
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** Everything but the password, and the URL without credentials. */
    @Override
    public String toString() {
        Map<String, String> shownProperties = new TreeMap<>();
        properties.forEach((k, v) -> shownProperties.put(k, JdbcUrls.isSecretName(k) ? "***" : v));
        return "JdbcSpec[element=" + element + ", url=" + sanitizedUrl() + ", query=" + query + ", table=" + table
                + ", username=" + username + ", password=" + (password == null ? "none" : "***")
                + ", credentialsSource=" + credentialsSource + ", fetchSize=" + fetchSize + ", properties="
                + shownProperties + ", watermark=" + watermark + ", snapshotDirectory=" + snapshotDirectory
                + ", format=" + format + "]";
    }
}
