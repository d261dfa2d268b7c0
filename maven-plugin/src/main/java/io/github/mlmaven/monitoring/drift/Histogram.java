package io.github.mlmaven.monitoring.drift;

import java.util.List;

/** Stand-in for the drift engineer's record (Contract 1) until branch i16-drift is merged. */
public record Histogram(List<String> labels, List<Double> shares) {}
