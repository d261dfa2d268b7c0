package io.github.mlmaven.monitoring.mlflow;

import io.github.mlmaven.common.AtomicFiles;
import io.github.mlmaven.runtime.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code target/ml/<model>/mlflow-run.json}: the MLflow run that ml:validate logged, so that ml:promote can link the
 * model version it registers to that run. Only used when its {@code modelSha256} is the promoted model's.
 */
public record RunRecord(int schemaVersion, String trackingUri, String experimentId, String runId, String modelSha256) {
    public static final String FILE = "mlflow-run.json";
    public static final int CURRENT_SCHEMA_VERSION = 1;

    public void writeTo(Path modelDirectory) throws IOException {
        AtomicFiles.writeString(modelDirectory.resolve(FILE), Json.MAPPER.writeValueAsString(this) + "\n");
    }

    /** The record in {@code modelDirectory}, if present and readable. */
    public static Optional<RunRecord> readFrom(Path modelDirectory) {
        Path file = modelDirectory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(file.toFile(), RunRecord.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
