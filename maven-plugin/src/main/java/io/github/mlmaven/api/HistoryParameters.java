package io.github.mlmaven.api;

/** ml:history's settings: those every goal has. */
public record HistoryParameters(GoalContext context) {}
