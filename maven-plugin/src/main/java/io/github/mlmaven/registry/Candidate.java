package io.github.mlmaven.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a promotion records about the model it promotes, before a version is chosen.
 *
 * @param groupId the project's groupId
 * @param artifactId the model artifact's artifactId (by default the model name followed by {@code -model})
 * @param modelSha256 sha256 of the model file, as in model-card.json and validation.json
 * @param sourceCommit the project's HEAD commit the model was trained from; the tag goes there
 * @param metrics the validation metrics, name to value
 * @param approver who approved the promotion, or null
 * @param reason free text, or null
 * @param training what the model was trained with, or null when the card does not say
 * @param uncommittedChanges whether it was trained from a working tree with uncommitted changes (allowed explicitly)
 * @param validatedAgainst the production version its validation compared it with, {@link ModelVersion#NO_PRODUCTION}
 *     when there was none, null when not known
 */
public record Candidate(
        String groupId,
        String artifactId,
        String modelSha256,
        String sourceCommit,
        Map<String, Double> metrics,
        String approver,
        String reason,
        TrainingInputs training,
        boolean uncommittedChanges,
        String validatedAgainst) {

    /** A candidate whose training inputs are not known, from a clean working tree. */
    public Candidate(
            String groupId,
            String artifactId,
            String modelSha256,
            String sourceCommit,
            Map<String, Double> metrics,
            String approver,
            String reason) {
        this(groupId, artifactId, modelSha256, sourceCommit, metrics, approver, reason, null, false, null);
    }

    public Candidate {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(artifactId, "artifactId");
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
