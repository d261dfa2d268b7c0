package io.github.mlmaven.data.jdbc;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The JSON file beside each snapshot part ({@code part-000001.json} beside {@code part-000001.csv}): what the part
 * holds and where it came from. A part is only a part with its sidecar, and only while its bytes hash to {@link
 * #sha256()}.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param sha256 of the part's bytes
 * @param rows data rows in the part (the header not counted)
 * @param sizeBytes the part's size
 * @param extractedAt ISO-8601 instant of the extraction
 * @param url the JDBC URL without credentials
 * @param querySha256 SHA-256 of the query as configured ({@link JdbcSpec#sql()})
 * @param driver the driver's Maven coordinates {@code groupId:artifactId:version}, else its jar's name, else its class
 * @param format {@code csv}, the one format parts are written in
 * @param watermarkColumn null in full mode
 * @param tieBreaker null without one
 * @param range null in full mode
 * @param columns the result's column labels, in order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartSidecar(
        int schemaVersion,
        String sha256,
        long rows,
        long sizeBytes,
        String extractedAt,
        String url,
        String querySha256,
        String driver,
        String format,
        @Nullable String watermarkColumn,
        @Nullable String tieBreaker,
        @Nullable WatermarkRange range,
        List<String> columns) {
    public static final int SCHEMA_VERSION = 1;

    public PartSidecar {
        columns = List.copyOf(columns);
    }
}
