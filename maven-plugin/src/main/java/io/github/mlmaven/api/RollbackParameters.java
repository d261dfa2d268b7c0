package io.github.mlmaven.api;

import java.util.Map;

/**
 * ml:rollback's settings.
 *
 * @param version the promoted version to put back in production, as written; null when not given
 * @param github the GitHub Actions variables of the run (empty elsewhere), to read who approved it
 */
public record RollbackParameters(
        GoalContext context,
        String version,
        String approver,
        String reason,
        boolean requireApproval,
        Map<String, String> github) {}
