package io.github.mlmaven.spark;

import java.io.Serializable;

/**
 * What one partition's task returns to the driver: its fitted model and what it read, or the failure that stopped
 * it. Failures of the data or the configuration are returned rather than thrown, so that Spark does not retry a task
 * that would fail again the same way, and their kind and parameter reach the driver intact.
 *
 * @param model the fitted classifier, Java-serialized
 * @param fileRows rows read from each of the job's files, in the job's order (0 for the files it had no rows of)
 * @param classCounts rows per class value in class value order (empty for a numeric class)
 * @param profileJson the {@code DataProfile} of the partition's rows, as JSON
 * @param failureKind null when the fit succeeded, else a {@code SparkFailure} kind
 */
record PartitionModel(
        int partition,
        byte[] model,
        long rows,
        long[] fileRows,
        long[] classCounts,
        String profileJson,
        long millis,
        String failureKind,
        String failureParameter,
        String failureMessage)
        implements PartitionOutcome, Serializable {
    private static final long serialVersionUID = 1L;

    static PartitionModel failed(int partition, String kind, String parameter, String message) {
        return new PartitionModel(partition, null, 0, null, null, null, 0, kind, parameter, message);
    }
}
