package io.github.mlmaven.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * model-card.json: what was trained, from which data, with what, where. Field names are documented in
 * docs/model-card.md; {@link #CURRENT_SCHEMA_VERSION} changes when a field changes meaning.
 */
public record ModelCard(
        int schemaVersion,
        String modelName,
        String algorithm,
        String options,
        String effectiveOptions,
        String wekaVersion,
        String wekaReportedVersion,
        String javaVersion,
        String pluginVersion,
        long seed,
        String trainedAt,
        long trainingMillis,
        TrainedOn trainedOn,
        SchemaSection schema,
        DataSection data,
        @JsonInclude(JsonInclude.Include.NON_NULL) GitLineage git,
        String modelFile,
        String modelSha256,
        String inputsKey) {

    public static final int CURRENT_SCHEMA_VERSION = 1;

    /** Which rows the model was fitted on: {@code all}, or the training part of a {@code holdout} split. */
    public record TrainedOn(
            String rows,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer holdoutPercent,
            long rowCount) {}

    public record SchemaSection(
            List<AttributeEntry> attributes, String classAttribute, String classType, String positiveClass) {}

    public record AttributeEntry(
            String name,
            String type,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> values) {
        public AttributeEntry {
            values = values == null ? List.of() : List.copyOf(values);
        }
    }

    public record DataSection(
            List<FileEntry> files, long totalRows, long totalBytes, Map<String, Long> classDistribution) {}

    public record FileEntry(String path, String sha256, long rows, long sizeBytes) {}

    public ModelCard withModel(String modelFile, String modelSha256) {
        return new ModelCard(
                schemaVersion,
                modelName,
                algorithm,
                options,
                effectiveOptions,
                wekaVersion,
                wekaReportedVersion,
                javaVersion,
                pluginVersion,
                seed,
                trainedAt,
                trainingMillis,
                trainedOn,
                schema,
                data,
                git,
                modelFile,
                modelSha256,
                inputsKey);
    }
}
