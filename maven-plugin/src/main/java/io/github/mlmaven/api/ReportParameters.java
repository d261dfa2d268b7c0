package io.github.mlmaven.api;

/** ml:report's settings: those every goal has. */
public record ReportParameters(GoalContext context) {}
