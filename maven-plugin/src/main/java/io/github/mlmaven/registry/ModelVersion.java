package io.github.mlmaven.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One version of a model in the registry: its Maven coordinates, what was promoted (the model's sha256 and the source
 * commit), the validation metrics, who approved it and why, and when it was reserved and promoted.
 *
 * @param version {@code <major>.<minor>.<n>}
 * @param status reserved (taken, not deployed yet), promoted (deployed and recorded) or failed (never deployed)
 * @param metrics metric name to value, in the order given; values that are not finite numbers are left out
 * @param promotedAt ISO-8601 instant, null until promoted
 * @param reservedAt ISO-8601 instant
 * @param training what it was trained with; null in entries written before it was recorded
 * @param uncommittedChanges true when the model was trained from a working tree with uncommitted changes and promoted
 *     with {@code allowDirty}, so its source commit does not hold exactly the code it was trained with; null otherwise
 * @param validatedAgainst the production version its validation compared it with, {@value #NO_PRODUCTION} when there
 *     was none; it becomes production only in place of that version. Null in entries written before it was recorded
 */
public record ModelVersion(
        String version,
        Status status,
        String groupId,
        String artifactId,
        String modelSha256,
        String sourceCommit,
        Map<String, Double> metrics,
        String approver,
        String reason,
        String promotedAt,
        String reservedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) TrainingInputs training,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean uncommittedChanges,
        @JsonInclude(JsonInclude.Include.NON_NULL) String validatedAgainst) {

    /** {@link #validatedAgainst} of a candidate validated when no version was in production. */
    public static final String NO_PRODUCTION = "none";

    /** The life of a version: reserved, then promoted or failed. A version never goes back to reserved. */
    public enum Status {
        RESERVED,
        PROMOTED,
        FAILED;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Status fromJson(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    public ModelVersion {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(status, "status");
        Map<String, Double> finite = new LinkedHashMap<>();
        if (metrics != null) {
            metrics.forEach((name, value) -> {
                if (name != null && value != null && Double.isFinite(value)) {
                    finite.put(name, value);
                }
            });
        }
        metrics = Collections.unmodifiableMap(finite);
    }

    /** A newly reserved version of a candidate. */
    public static ModelVersion reserved(String version, Candidate candidate, Instant at) {
        return new ModelVersion(
                version,
                Status.RESERVED,
                candidate.groupId(),
                candidate.artifactId(),
                candidate.modelSha256(),
                candidate.sourceCommit(),
                candidate.metrics(),
                candidate.approver(),
                candidate.reason(),
                null,
                RegistryDocument.timestamp(at),
                candidate.training(),
                candidate.uncommittedChanges() ? Boolean.TRUE : null,
                candidate.validatedAgainst());
    }

    public boolean hasStatus(Status expected) {
        return status == expected;
    }

    /** Whether it was promoted from a working tree with uncommitted changes. */
    public boolean fromUncommittedChanges() {
        return Boolean.TRUE.equals(uncommittedChanges);
    }

    /** Maven coordinates {@code groupId:artifactId:version}. */
    public String coordinates() {
        return groupId + ":" + artifactId + ":" + version;
    }

    ModelVersion promotedAt(Instant at) {
        return new ModelVersion(
                version,
                Status.PROMOTED,
                groupId,
                artifactId,
                modelSha256,
                sourceCommit,
                metrics,
                approver,
                reason,
                RegistryDocument.timestamp(at),
                reservedAt,
                training,
                uncommittedChanges,
                validatedAgainst);
    }

    ModelVersion failed() {
        return new ModelVersion(
                version,
                Status.FAILED,
                groupId,
                artifactId,
                modelSha256,
                sourceCommit,
                metrics,
                approver,
                reason,
                null,
                reservedAt,
                training,
                uncommittedChanges,
                validatedAgainst);
    }
}
