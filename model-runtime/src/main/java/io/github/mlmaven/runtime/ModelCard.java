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
        String inputsKey,
        @JsonInclude(JsonInclude.Include.NON_NULL) String configurationKey,
        @JsonInclude(JsonInclude.Include.NON_NULL) DataChanges dataChanges,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long modelSizeBytes,
        @JsonInclude(JsonInclude.Include.NON_NULL) Engine engine) {

    public static final int CURRENT_SCHEMA_VERSION = 1;

    /**
     * A card of a model trained in the build's JVM (the local engine): no engine section. Also the card of every model
     * written before the section existed.
     */
    public ModelCard(
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
            GitLineage git,
            String modelFile,
            String modelSha256,
            String inputsKey,
            String configurationKey,
            DataChanges dataChanges,
            Long modelSizeBytes) {
        this(
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
                inputsKey,
                configurationKey,
                dataChanges,
                modelSizeBytes,
                null);
    }

    /**
     * Where a model was trained when not in the build's JVM (docs/outputs.md); absent for the local engine.
     *
     * @param name the engine: {@code spark}
     * @param master Spark's master URL the job ran on ({@code local[2]}, {@code spark://host:7077})
     * @param partitions how many partitions the rows were split into: the same number gives the same model on every
     *     master
     * @param sparkVersion the version of Spark that ran the job
     * @param aggregation how the partitions' models were combined into one (e.g. {@code estimators summed})
     */
    public record Engine(String name, String master, int partitions, String sparkVersion, String aggregation) {}

    /** This card with an engine section. */
    public ModelCard withEngine(Engine value) {
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
                inputsKey,
                configurationKey,
                dataChanges,
                modelSizeBytes,
                value);
    }

    /** A card without the model's size (cards written before it was recorded; the model is then bounded by the
     * limits of {@link ModelLimits} alone). */
    public ModelCard(
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
            GitLineage git,
            String modelFile,
            String modelSha256,
            String inputsKey,
            String configurationKey,
            DataChanges dataChanges) {
        this(
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
                inputsKey,
                configurationKey,
                dataChanges,
                null);
    }

    /** A card without a configuration key or data changes (cards written before they were recorded). */
    public ModelCard(
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
            GitLineage git,
            String modelFile,
            String modelSha256,
            String inputsKey) {
        this(
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
                inputsKey,
                null,
                null,
                null);
    }

    /**
     * The training data compared with the data of the model in production (docs/retraining.md).
     *
     * @param rows rows of the training data
     * @param status {@code compared}, {@code noProduction} (nothing promoted yet) or {@code unknown} (the production
     *     card could not be read; see note)
     * @param comparedWith the production version compared with
     * @param newRows labelled rows that the production model was not trained on
     * @param newRowsPerClass the new rows per class value (nominal class only)
     * @param files each training file: {@code new}, {@code grown}, {@code changed} or {@code unchanged}
     * @param note why the comparison could not be made
     */
    public record DataChanges(
            long rows,
            String status,
            @JsonInclude(JsonInclude.Include.NON_NULL) String comparedWith,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long newRows,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> newRowsPerClass,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FileChange> files,
            @JsonInclude(JsonInclude.Include.NON_NULL) String note) {
        public DataChanges {
            newRowsPerClass = newRowsPerClass == null ? Map.of() : newRowsPerClass;
            files = files == null ? List.of() : List.copyOf(files);
        }
    }

    /** One training file against production: its rows, and how many of them are new. */
    public record FileChange(String path, String change, long rows, long newRows) {}

    /** Which rows the model was fitted on: {@code all}, or the training part of a {@code holdout} split. */
    public record TrainedOn(
            String rows,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer holdoutPercent,
            long rowCount) {}

    public record SchemaSection(
            List<AttributeEntry> attributes, String classAttribute, String classType, String positiveClass) {}

    /**
     * One attribute of the schema; {@code format} is the date pattern ({@link java.text.SimpleDateFormat}'s, values
     * without an offset in UTC) of a {@code date} attribute, absent for every other type.
     */
    public record AttributeEntry(
            String name,
            String type,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> values,
            @JsonInclude(JsonInclude.Include.NON_NULL) String format) {
        public AttributeEntry {
            values = values == null ? List.of() : List.copyOf(values);
        }

        /** An attribute that is not a date. */
        public AttributeEntry(String name, String type, List<String> values) {
            this(name, type, values, null);
        }
    }

    /**
     * The data the model was trained on.
     *
     * @param extraction where the rows were extracted from, for a database source; null (and absent from the JSON)
     *     for files
     */
    public record DataSection(
            List<FileEntry> files,
            long totalRows,
            long totalBytes,
            Map<String, Long> classDistribution,
            @JsonInclude(JsonInclude.Include.NON_NULL) Extraction extraction) {

        /** The data section of files, which were not extracted from a database. */
        public DataSection(
                List<FileEntry> files, long totalRows, long totalBytes, Map<String, Long> classDistribution) {
            this(files, totalRows, totalBytes, classDistribution, null);
        }
    }

    /**
     * Where the rows of a database source came from (docs/outputs.md): enough to trace the model to its rows and,
     * with the published snapshot parts, to rebuild it without the database. Never a credential.
     *
     * @param url the JDBC URL without user name, password or other secrets
     * @param querySha256 the SHA-256 of the query as configured (or of {@code SELECT * FROM <table>})
     * @param driver the driver's Maven coordinates, else its jar's name, else its class
     * @param watermarkColumn null without a watermark (the query's full result is one snapshot)
     * @param watermarkFrom the watermark the first part trained on was extracted above (exclusive); null when it
     *     started from the beginning
     * @param watermarkTo the watermark of the last row trained on (inclusive): where the next extraction starts
     * @param tieBreakerTo the tie-breaker value of that last row, so rows with the same watermark that arrive later are
     *     still extracted
     * @param rows the rows of the parts trained on
     * @param parts the snapshot parts trained on, in reading order, by file name within the snapshot folder
     */
    public record Extraction(
            String url,
            String querySha256,
            String driver,
            @JsonInclude(JsonInclude.Include.NON_NULL) String watermarkColumn,
            @JsonInclude(JsonInclude.Include.NON_NULL) String tieBreaker,
            @JsonInclude(JsonInclude.Include.NON_NULL) String watermarkFrom,
            @JsonInclude(JsonInclude.Include.NON_NULL) String watermarkTo,
            @JsonInclude(JsonInclude.Include.NON_NULL) String tieBreakerTo,
            long rows,
            List<SnapshotPart> parts) {
        public Extraction {
            parts = parts == null ? List.of() : List.copyOf(parts);
        }
    }

    /** One snapshot part of a database source: its file name in the snapshot folder, its SHA-256 and rows. */
    public record SnapshotPart(String path, String sha256, long rows) {}

    public record FileEntry(String path, String sha256, long rows, long sizeBytes) {}

    /** The card of another model file, whose size is not recorded. */
    public ModelCard withModel(String modelFile, String modelSha256) {
        return withModel(modelFile, modelSha256, null);
    }

    /** The card of another model file: its name, SHA-256 and size in bytes (null when unknown). */
    public ModelCard withModel(String modelFile, String modelSha256, Long modelSizeBytes) {
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
                inputsKey,
                configurationKey,
                dataChanges,
                modelSizeBytes,
                engine);
    }
}
