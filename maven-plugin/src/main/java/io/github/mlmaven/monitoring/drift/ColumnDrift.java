package io.github.mlmaven.monitoring.drift;

/** Stand-in for the drift engineer's record (Contract 1) until branch i16-drift is merged. */
public record ColumnDrift(
        String attribute,
        String kind,
        String test,
        double score,
        double threshold,
        boolean drifted,
        double referenceMissingShare,
        double currentMissingShare,
        Double unseenShare,
        Histogram reference,
        Histogram current) {}
