package io.github.mlmaven.data.jdbc;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one extraction did.
 *
 * @param newPart the part written by this extraction; empty when there were no new rows (watermark mode) or the
 *     result was byte-identical to the newest part (full mode)
 * @param parts the parts a model trains on after this extraction, in order: every part in watermark mode, only the
 *     newest in full mode (empty if the query has never returned a row)
 * @param range the rows this extraction covered (watermark mode, with a new part); null otherwise
 * @param recordedWatermark the watermark after this extraction: where the next one starts (empty in full mode, or
 *     when nothing was ever extracted)
 * @param rows rows in the new part (0 without one)
 * @param url the JDBC URL without credentials
 * @param querySha256 SHA-256 of the query text ({@link JdbcSpec#sql()})
 * @param driver the driver's Maven coordinates, else its jar's name, else its class name
 * @param rowsBelowWatermark rows the database now holds at or below the recorded watermark beyond those in the
 *     parts: rows that committed late or whose watermark value does not grow (they are not extracted); 0 when not
 *     known
 */
public record Extraction(
        Optional<SnapshotPart> newPart,
        List<SnapshotPart> parts,
        @Nullable WatermarkRange range,
        Optional<WatermarkPosition> recordedWatermark,
        long rows,
        String url,
        String querySha256,
        String driver,
        long rowsBelowWatermark) {
    public Extraction {
        parts = List.copyOf(parts);
    }
}
