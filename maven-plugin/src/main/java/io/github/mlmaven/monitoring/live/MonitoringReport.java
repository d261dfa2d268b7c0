package io.github.mlmaven.monitoring.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.mlmaven.common.AtomicFiles;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.monitoring.drift.ColumnDrift;
import io.github.mlmaven.monitoring.drift.DriftReport;
import io.github.mlmaven.runtime.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * monitoring.json beside the model: one ml:monitor pass over the production model. Documented in docs/outputs.md.
 *
 * @param productionVersion the registry's production version that was monitored
 * @param modelSha256 the SHA-256 of that version's model, as the registry records it
 * @param monitoredAt ISO-8601 instant of the pass
 * @param newRows rows the production model was not trained on (labelled or not)
 * @param newLabelledRows those of them with a class value the model knows; the live metrics are computed on these
 * @param unseenClassRows new rows whose class value the model has never seen: counted here, left out of the metrics
 * @param promotionMetrics the figures recorded in the registry when the version was promoted
 * @param liveMetrics the same metrics on the new labelled rows, computed by ml:validate's code; empty without rows
 * @param decay one result per {@code <decay><maxDrop>} rule
 * @param degraded whether any decay rule judged the model degraded
 * @param degradedReason which metrics dropped, and by how much; null when not degraded
 * @param drift the new rows against the training-data profile; null when the promoted model has no profile (an older
 *     model) or there are no new rows
 * @param predictionDrift the predicted class distribution against the training labels'; null as {@code drift}
 * @param note what was skipped and why (no new rows, no profile, ...); null when nothing was
 */
public record MonitoringReport(
        int schemaVersion,
        String modelName,
        String productionVersion,
        String modelSha256,
        String monitoredAt,
        long newRows,
        long newLabelledRows,
        long unseenClassRows,
        Map<String, Double> promotionMetrics,
        Map<String, Double> liveMetrics,
        List<DecayResult> decay,
        boolean degraded,
        @JsonInclude(JsonInclude.Include.NON_NULL) String degradedReason,
        @JsonInclude(JsonInclude.Include.NON_NULL) DriftReport drift,
        @JsonInclude(JsonInclude.Include.NON_NULL) ColumnDrift predictionDrift,
        @JsonInclude(JsonInclude.Include.NON_NULL) String note) {

    public static final int CURRENT_SCHEMA_VERSION = 1;
    public static final String FILE = "monitoring.json";

    /** Whether the data drifted as a whole (at least the configured share of columns); false without a drift report. */
    public boolean datasetDrift() {
        return drift != null && drift.datasetDrift();
    }

    /** The attributes whose drift test fired, in the profile's order. */
    public List<String> driftedAttributes() {
        return drift == null
                ? List.of()
                : drift.attributes().stream()
                        .filter(ColumnDrift::drifted)
                        .map(ColumnDrift::attribute)
                        .toList();
    }

    /** Writes {@value #FILE} into {@code directory}, atomically. */
    public void writeTo(Path directory) {
        Path file = directory.resolve(FILE);
        try {
            Files.createDirectories(directory);
            AtomicFiles.writeString(file, Json.MAPPER.writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The last pass's {@value #FILE} in {@code directory}; empty when ml:monitor has not run there. */
    public static Optional<MonitoringReport> read(Path directory) {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Json.MAPPER.readValue(file.toFile(), MonitoringReport.class));
        } catch (IOException e) {
            throw new InvalidInputException(file + " cannot be read (" + e.getMessage() + "); run ml:monitor again");
        }
    }
}
