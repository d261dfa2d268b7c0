package io.github.mlmaven.monitoring.drift;

import java.util.List;

/**
 * The drift of every compared attribute and the verdict on the data set: {@code datasetDrift} when at least {@code
 * driftShare} of the {@code columns} drifted (Evidently's rule, 0.5 by default).
 *
 * @param driftShare the share of drifted columns that makes the data set drift (from {@link DriftSettings})
 * @param driftedColumns how many of {@code attributes} drifted
 * @param columns how many attributes were compared (the class attribute is not one of them)
 */
public record DriftReport(
        boolean datasetDrift,
        double driftShare,
        int driftedColumns,
        int columns,
        long referenceRows,
        long currentRows,
        List<ColumnDrift> attributes) {
    public DriftReport {
        attributes = List.copyOf(attributes);
    }
}
