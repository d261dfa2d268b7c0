package io.github.mlmaven.monitoring.drift;

import java.util.List;

/** Stand-in for the drift engineer's record (Contract 1) until branch i16-drift is merged. */
public record DriftReport(
        boolean datasetDrift,
        double driftShare,
        int driftedColumns,
        int columns,
        long referenceRows,
        long currentRows,
        List<ColumnDrift> attributes) {}
