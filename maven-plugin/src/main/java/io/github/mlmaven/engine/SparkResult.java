package io.github.mlmaven.engine;

import io.github.mlmaven.monitoring.drift.DataProfile;
import java.util.List;

/**
 * What the forked Spark driver reports when its job succeeded ({@code result.json}, {@code "outcome": "ok"}).
 *
 * @param sparkVersion Spark's version as the driver's {@code SparkContext} reports it
 * @param master the master URL the job ran on
 * @param partitions the number of partitions the rows were split into
 * @param rows the rows read
 * @param fileRows the rows read from each of the job's files, in the job's order
 * @param classCounts the rows per class value in class value order (empty for a numeric class)
 * @param aggregation how the partition models were combined, for the log and the card (e.g. "estimators summed")
 * @param effectiveOptions the options of the combined model as Weka prints them
 * @param partitionMillis the time each partition took to read and fit (or evaluate) its rows, in partition order
 * @param millis the job's wall time in the driver
 * @param profile train: the training data's profile (for drift), merged from the partitions; null for evaluate
 * @param evaluationFile evaluate: the partitions' {@code io.github.mlmaven.evaluation.PartitionEvaluation}s in
 *     partition order, Java-serialized as one {@code java.util.ArrayList}, for the plugin to merge; null for train
 */
public record SparkResult(
        int schemaVersion,
        String outcome,
        String sparkVersion,
        String master,
        int partitions,
        long rows,
        List<Long> fileRows,
        List<Long> classCounts,
        String aggregation,
        String effectiveOptions,
        List<Long> partitionMillis,
        long millis,
        DataProfile profile,
        String evaluationFile) {

    public static final String OK = "ok";

    public SparkResult {
        fileRows = List.copyOf(fileRows);
        classCounts = List.copyOf(classCounts);
        partitionMillis = List.copyOf(partitionMillis);
    }
}
