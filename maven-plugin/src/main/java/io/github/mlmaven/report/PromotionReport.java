package io.github.mlmaven.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.mlmaven.common.AtomicFiles;
import io.github.mlmaven.runtime.Json;
import java.io.IOException;
import java.nio.file.Path;

/**
 * promotion.json, written beside the model by ml:promote once a promotion is recorded, so that later steps of the same
 * CI job (ml:ci-report) can say what was promoted without reading the registry. Documented in docs/ci-report.md.
 *
 * @param modelSha256 the promoted model's SHA-256, to tell this promotion from one of an earlier model in the folder
 * @param promotedAt ISO-8601 instant
 */
public record PromotionReport(
        int schemaVersion,
        String modelName,
        String version,
        String groupId,
        String artifactId,
        @JsonInclude(JsonInclude.Include.ALWAYS) String approver,
        @JsonInclude(JsonInclude.Include.ALWAYS) String reason,
        String promotedAt,
        String sourceCommit,
        String modelSha256) {

    public static final int CURRENT_SCHEMA_VERSION = 1;
    public static final String FILE = "promotion.json";

    /** Maven coordinates {@code groupId:artifactId:version}. */
    public String coordinates() {
        return groupId + ":" + artifactId + ":" + version;
    }

    /** Writes {@code promotion.json} into the model's folder, atomically. */
    public void writeTo(Path modelDirectory) throws IOException {
        AtomicFiles.write(modelDirectory.resolve(FILE), out -> Json.MAPPER.writeValue(out, this));
    }

    public static PromotionReport read(Path file) throws IOException {
        return Json.MAPPER.readValue(file.toFile(), PromotionReport.class);
    }
}
