package io.github.mlmaven.spark;

import org.apache.spark.Partitioner;

/**
 * Rows by ordinal into {@code partitions} contiguous ranges: partition {@code p} holds the ordinals
 * {@code [p*n/P, (p+1)*n/P)}. The split depends on the row count alone, so any master gives the same partitions.
 */
final class OrdinalRanges extends Partitioner {
    private static final long serialVersionUID = 1L;

    private final long rows;
    private final int partitions;

    OrdinalRanges(long rows, int partitions) {
        if (rows < partitions) {
            throw new IllegalArgumentException(rows + " rows cannot fill " + partitions + " partitions");
        }
        this.rows = rows;
        this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    @Override
    public int getPartition(Object key) {
        return partitionOf((Long) key);
    }

    /** The last partition whose first ordinal is at most {@code ordinal}. */
    int partitionOf(long ordinal) {
        // floor(p*n/P) <= o  <=>  p < (o+1)*P/n
        return (int) (((ordinal + 1) * partitions + rows - 1) / rows - 1);
    }

    long firstOrdinal(int partition) {
        return partition * rows / partitions;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OrdinalRanges o && o.rows == rows && o.partitions == partitions;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(rows) * 31 + partitions;
    }
}
