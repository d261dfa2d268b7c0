package io.github.mlmaven.api;

import java.nio.file.Path;
import java.util.Map;

/**
 * ml:ci-report's settings.
 *
 * @param pom the project's POM, or null for {@code pom.xml} in the base directory
 * @param buildOutcome how the Maven step before ended ({@code success}, {@code failure}), or null
 * @param reactorSize the number of projects in the build
 * @param github the GitHub Actions variables of the run (empty elsewhere)
 */
public record CiReportParameters(
        GoalContext context,
        Path pom,
        boolean commentOnPr,
        boolean failOnGate,
        String buildOutcome,
        int reactorSize,
        Map<String, String> github) {

    /**
     * What the report found.
     *
     * @param modelVersion the version of the model reported on, or an empty string
     */
    public record Result(boolean passed, String modelVersion) {}
}
