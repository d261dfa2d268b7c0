package io.github.mlmaven.api;

import java.util.Map;

/**
 * ml:promote's settings.
 *
 * @param projectArtifactId the project's own artifactId, which the model may not take
 * @param artifactId the model artifact's artifactId: the one configured, else the model name followed by
 *     {@code -model}
 * @param artifactIdConfigured whether {@code artifactId} was configured rather than defaulted
 * @param version the version asked for, or null for the next free one
 * @param finish {@code -Dml.promote.finish}: the version whose stopped promotion to finish, or null
 * @param github the GitHub Actions variables of the run (empty elsewhere), to read who approved it
 */
public record PromoteParameters(
        GoalContext context,
        String groupId,
        String projectArtifactId,
        String artifactId,
        boolean artifactIdConfigured,
        boolean allowDirty,
        String version,
        String approver,
        String reason,
        boolean requireApproval,
        String finish,
        Map<String, String> github) {}
