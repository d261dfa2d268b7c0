package io.github.mlmaven.retrain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.mlmaven.common.AtomicFiles;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.runtime.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * retrain-decision.json beside the model: what ml:train's {@code <retrainWhen>} policy decided and why. ml:validate
 * skips and ml:promote refuses when {@code retrain} is false. Documented in docs/retraining.md.
 *
 * @param retrain whether this build trains
 * @param reason the conditions that held (or, when skipping, why none did)
 * @param productionVersion the production version compared with, when there is one
 */
public record RetrainDecision(
        int schemaVersion,
        String modelName,
        boolean retrain,
        String reason,
        @JsonInclude(JsonInclude.Include.NON_NULL) String productionVersion,
        Figures figures,
        String decidedAt) {

    public static final int CURRENT_SCHEMA_VERSION = 1;
    public static final String FILE = "retrain-decision.json";

    /**
     * The figures the decision was made on; null where not measured.
     *
     * @param rows rows of the training data
     * @param newRows new labelled rows since the production model
     * @param newRowsPerClass those rows per class value
     * @param newRowsThreshold the configured {@code newRows}
     * @param codeChanged whether the configuration key differs from production's (when {@code codeChanged} is set)
     * @param productionAgeDays whole days since the production model was trained (when {@code maxAgeDays} is set)
     * @param maxAgeDays the configured {@code maxAgeDays}
     * @param monitoredAt when ml:monitor's latest pass over production ran (when {@code degraded} or {@code drift} is
     *     set and a pass is recorded)
     * @param degraded whether that pass judged production degraded (when {@code degraded} is set)
     * @param dataDrift whether that pass found data drift (when {@code drift} is set and it measured drift)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Figures(
            Long rows,
            Long newRows,
            Map<String, Long> newRowsPerClass,
            Long newRowsThreshold,
            Boolean codeChanged,
            Long productionAgeDays,
            Integer maxAgeDays,
            String monitoredAt,
            Boolean degraded,
            Boolean dataDrift) {}

    /** The one log line of the decision. */
    public String logLine() {
        return (retrain ? "Retraining " : "Skipping training of ") + modelName + " (<retrainWhen>): " + reason;
    }

    /** The short summary.md of a build that skipped training. */
    public String skippedSummary() {
        StringBuilder md = new StringBuilder();
        md.append("### Model `").append(modelName).append("`: ⏭️ training skipped\n\n");
        md.append(capitalize(reason)).append(".\n\n");
        if (figures != null && figures.rows() != null) {
            md.append(dataLine(figures.rows(), figures.newRows(), figures.newRowsPerClass(), productionVersion))
                    .append("\n\n");
        }
        md.append("Nothing was trained, validated or promoted in this build; production stays ")
                .append(productionVersion)
                .append(".\n");
        return md.toString();
    }

    /** "1,234 rows, 200 new labelled rows since production 1.3.0 (bad 40, good 160)." */
    public static String dataLine(long rows, Long newRows, Map<String, Long> perClass, String productionVersion) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%,d rows", rows));
        if (newRows != null && productionVersion != null) {
            line.append(String.format(
                    Locale.ROOT, ", %,d new labelled rows since production %s", newRows, productionVersion));
            if (perClass != null && !perClass.isEmpty()) {
                line.append(perClass.entrySet().stream()
                        .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%,d", e.getValue()))
                        .collect(Collectors.joining(", ", " (", ")")));
            }
        } else {
            line.append(", no production version to compare with");
        }
        return line.append('.').toString();
    }

    public void writeTo(Path directory) {
        try {
            Files.createDirectories(directory);
            AtomicFiles.writeString(directory.resolve(FILE), Json.MAPPER.writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    public static Optional<RetrainDecision> read(Path directory) {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(file.toFile(), RetrainDecision.class));
        } catch (IOException e) {
            throw new InvalidInputException(file + " cannot be read (" + e.getMessage() + "); run ml:train again");
        }
    }

    /** The decision of the last ml:train when it skipped training. */
    public static Optional<RetrainDecision> skipped(Path directory) {
        return read(directory).filter(d -> !d.retrain());
    }

    public static void remove(Path directory) {
        try {
            Files.deleteIfExists(directory.resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + directory.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
