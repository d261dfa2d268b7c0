package io.github.mlmaven.api;

/**
 * ml:extract's settings: the JDBC sources of {@code <trainingData>} and {@code <testData>} are in the context.
 *
 * @param context what every goal shares
 */
public record ExtractParameters(GoalContext context) {}
