package io.github.mlmaven.api;

import java.util.List;
import java.util.Map;

/**
 * ml:monitor's settings.
 *
 * @param monitorData {@code <monitorData>}: files whose rows are all current rows, in place of the rows of
 *     {@code <trainingData>} that production was not trained on; null or empty for those
 * @param decayMaxDrop {@code <decay><maxDrop>}: metric to the largest drop allowed below its promotion figure, as
 *     written; null for no decay rule
 * @param decayMinLabelledRows {@code <decay><minLabelledRows>}, as written; null for the default
 * @param decayFailBuild fail the build when the model is degraded ({@code <decay><failBuild>} or
 *     {@code -Dml.monitor.failOnDecay})
 * @param driftShare {@code <drift><share>}, as written; null for the default (0.5)
 * @param driftTests {@code <drift><tests>}: attribute to test name; null for Evidently's default selection
 * @param driftThresholds {@code <drift><thresholds>}: attribute to threshold, as written; null for the tests' defaults
 * @param driftFailBuild fail the build when the data drifted as a whole ({@code <drift><failBuild>})
 * @param github the GitHub Actions variables of the build's environment, for the step outputs {@code degraded} and
 *     {@code drift}; empty off GitHub Actions
 */
public record MonitorParameters(
        GoalContext context,
        List<String> monitorData,
        Map<String, String> decayMaxDrop,
        String decayMinLabelledRows,
        boolean decayFailBuild,
        String driftShare,
        Map<String, String> driftTests,
        Map<String, String> driftThresholds,
        boolean driftFailBuild,
        Map<String, String> github) {}
