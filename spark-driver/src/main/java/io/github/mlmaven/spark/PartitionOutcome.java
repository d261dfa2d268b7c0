package io.github.mlmaven.spark;

/**
 * What every partition's task returns to the driver, whatever its work: what it read and how long it took, or the
 * failure that stopped it. One shape for training and evaluation, so that the driver checks, logs and sums the
 * partitions' outcomes one way ({@link PartitionedJob}).
 */
interface PartitionOutcome {
    int partition();

    long rows();

    /** Rows read from each of the job's files, in the job's order (0 for the files it had no rows of). */
    long[] fileRows();

    long millis();

    /** Null when the task succeeded, else a {@code SparkFailure} kind. */
    String failureKind();

    String failureParameter();

    String failureMessage();

    default boolean isFailure() {
        return failureKind() != null;
    }
}
