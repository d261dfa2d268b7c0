package io.github.mlmaven.api;

import java.util.Map;

/**
 * ml:validate's settings.
 *
 * @param thresholds {@code <thresholds>}: metric to bound as written, or null
 * @param thresholdsProperty {@code -Dml.thresholds} ({@code recall>=0.8,f1>=0.7}), or null
 * @param championMaxDrop {@code <champion><maxDrop>}: metric to largest allowed drop, or null
 * @param championSignificance {@code <champion><significance>}, or null
 * @param championSkip do not compare with the production model
 * @param reportSkip do not write report.html after validating
 */
public record ValidateParameters(
        GoalContext context,
        int folds,
        Map<String, String> thresholds,
        String thresholdsProperty,
        Map<String, String> championMaxDrop,
        String championSignificance,
        boolean championSkip,
        boolean reportSkip) {}
