package io.github.mlmaven.api;

import java.nio.file.Path;
import java.util.Map;

/**
 * A {@code <jdbc>} source of {@code <trainingData>} or {@code <testData>} as the POM gives it, its credentials already
 * read (settings.xml server or environment variables). The core parses and checks the values.
 *
 * @param url the JDBC URL as written
 * @param query the query as written, or null when {@code table} is given
 * @param table the table as written, or null when {@code query} is given
 * @param username null when no credentials are configured
 * @param password null when no credentials are configured; never printed
 * @param credentialsSource where the username and password came from, for messages (never the secret), or null
 * @param fetchSize the rows fetched per round trip, or null for the default
 * @param properties the driver properties, or null
 * @param watermarkColumn {@code <watermark><column>}, or null for a full extraction
 * @param tieBreaker {@code <watermark><tieBreaker>}, or null
 * @param delay {@code <watermark><delay>} as written (an ISO-8601 duration), or null for none
 * @param snapshotDirectory where the snapshot parts are kept: absolute, the configured folder resolved against the
 *     project, else {@code <outputDirectory>/<model>/data} (training) or {@code <outputDirectory>/<model>/test-data}
 * @param format {@code csv} or {@code arff} as written, or null for the default
 */
public record JdbcSourceParameters(
        String url,
        String query,
        String table,
        String username,
        String password,
        String credentialsSource,
        Integer fetchSize,
        Map<String, String> properties,
        String watermarkColumn,
        String tieBreaker,
        String delay,
        Path snapshotDirectory,
        String format) {

    /** Leaves the password out, since a stack trace or a debug line may print the record. */
    @Override
    public String toString() {
        return "JdbcSourceParameters[url=" + masked(url) + ", query=" + query + ", table=" + table + ", username="
                + username
                + ", credentials=" + credentialsSource + ", fetchSize=" + fetchSize + ", properties="
                + (properties == null ? null : properties.keySet()) + ", watermarkColumn=" + watermarkColumn
                + ", tieBreaker=" + tieBreaker + ", delay=" + delay + ", snapshotDirectory=" + snapshotDirectory
                + ", format=" + format + "]";
    }

    /** The URL without user-info and without the values of its parameters, where a password may hide. */
    private static String masked(String url) {
        if (url == null) {
            return null;
        }
        String plain = url.replaceAll("//[^/?;@]*@", "//***@");
        return plain.replaceAll("([?&;][^=?&;]+=)[^&;]*", "$1***");
    }
}
