package io.github.mlmaven.spark;

import io.github.mlmaven.engine.SparkJob;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * What the training and the evaluation job share on the driver: the job's files numbered by row
 * ({@link RowOrdinals}), split into the job's partitions by ordinal range ({@link OrdinalRanges}) so that both jobs
 * split the same data the same way, one task per partition, and the tasks' outcomes checked and logged in partition
 * order.
 */
final class PartitionedJob {
    private final JavaSparkContext sc;
    private final SparkJob job;
    private final DriverLog log;
    private final List<SourceFile> files;
    private final RowOrdinals ordinals;

    private PartitionedJob(
            JavaSparkContext sc, SparkJob job, DriverLog log, List<SourceFile> files, RowOrdinals ordinals) {
        this.sc = sc;
        this.job = job;
        this.log = log;
        this.files = files;
        this.ordinals = ordinals;
    }

    /** The one configuration error both jobs can tell before reading anything. */
    static void checkPartitions(SparkJob job) {
        if (job.partitions() < 1) {
            throw DriverFailure.invalidConfiguration(
                    "spark/partitions", "<spark><partitions> is " + job.partitions() + "; use 1 or more");
        }
    }

    /**
     * Opens the job's files and numbers their rows.
     *
     * @param dataName what the files are to the user ("training data"), for the message when they are too few rows
     */
    static PartitionedJob open(JavaSparkContext sc, SparkJob job, String dataName, DriverLog log) {
        List<SourceFile> files = new ArrayList<>();
        for (String location : job.files()) {
            files.add(SourceFile.open(location, sc.hadoopConfiguration(), ""));
        }
        RowOrdinals ordinals = RowOrdinals.count(sc, files, log);
        long rows = ordinals.rows();
        if (rows < job.partitions()) {
            throw DriverFailure.invalidConfiguration(
                    "spark/partitions",
                    "<spark><partitions> " + job.partitions() + " is more than the " + rows + " rows of the "
                            + dataName + " (" + String.join(", ", job.files()) + "); use at most " + Math.max(1, rows)
                            + " partitions");
        }
        return new PartitionedJob(sc, job, log, files, ordinals);
    }

    List<SourceFile> files() {
        return files;
    }

    /** Where each of {@link #files()} starts in the row ordinals. */
    long[] fileOffsets() {
        return ordinals.fileOffsets();
    }

    /**
     * Runs {@code task} on every partition and returns the outcomes in partition order, after logging each; the first
     * failed partition's failure is thrown.
     *
     * @param numberingSite the Spark call site the row numbering is shown under
     * @param taskSite the Spark call site the partitions' tasks are shown under
     * @param done what a task did with its rows, for the log ("fitted")
     */
    <T extends PartitionOutcome> List<T> run(
            String numberingSite,
            String taskSite,
            Function2<Integer, Iterator<Tuple2<Long, Tuple2<Integer, String>>>, Iterator<T>> task,
            String done) {
        sc.setCallSite(numberingSite);
        JavaRDD<Tuple2<Long, Tuple2<Integer, String>>> numbered = ordinals.numbered();
        sc.setCallSite(taskSite);
        List<T> outcomes = new ArrayList<>(JavaPairRDD.fromJavaRDD(numbered)
                .repartitionAndSortWithinPartitions(new OrdinalRanges(ordinals.rows(), job.partitions()))
                .mapPartitionsWithIndex(task, false)
                .collect());
        outcomes.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        for (T outcome : outcomes) {
            if (outcome.isFailure()) {
                throw new DriverFailure(outcome.failureKind(), outcome.failureParameter(), outcome.failureMessage());
            }
            log.info(String.format(
                    Locale.ROOT,
                    "partition %d: %s rows %s in %.1f s",
                    outcome.partition(),
                    ProgressListener.count(outcome.rows()),
                    done,
                    outcome.millis() / 1000.0));
        }
        return outcomes;
    }

    /** The rows the partitions read from each of the job's files, in the job's order. */
    static long[] fileRows(List<? extends PartitionOutcome> outcomes, int fileCount) {
        long[] fileRows = new long[fileCount];
        for (PartitionOutcome outcome : outcomes) {
            for (int f = 0; f < fileCount; f++) {
                fileRows[f] += outcome.fileRows()[f];
            }
        }
        return fileRows;
    }
}
