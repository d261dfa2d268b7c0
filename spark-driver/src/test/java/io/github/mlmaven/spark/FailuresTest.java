package io.github.mlmaven.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.engine.SparkFailure;
import io.github.mlmaven.engine.SparkJob;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

/** Spark's failures as a real standalone cluster reports them, mapped to the one line a user gets. */
class FailuresTest {
    private static final SparkJob JOB = new SparkJob(
            SparkJob.SCHEMA_VERSION,
            SparkJob.TRAIN,
            "spark://127.0.0.1:7077",
            Map.of("spark.executor.memory", "512m"),
            2,
            10,
            List.of(),
            List.of("/data/rows.csv"),
            null,
            List.of(),
            "weka.classifiers.trees.J48",
            null,
            1,
            "/out/model.model",
            "/out/result.json",
            Path.of("target", "failures-test").toAbsolutePath().toString(),
            List.of(),
            -1);

    @Test
    void aTrainingOutOfMemoryRethrownByThePartitionNamesExecutorMemory() {
        // what the driver gets after the task failed spark.task.maxFailures times (its stack trace in the message)
        SparkException aborted = new SparkException("Job aborted due to stage failure: Task 1 in stage 2.0 failed 4"
                + " times, most recent failure: Lost task 1.3 in stage 2.0 (TID 11) (127.0.0.1 executor 0):"
                + " java.lang.IllegalStateException: java.lang.OutOfMemoryError (Java heap space) while partition 1"
                + " trained weka.classifiers.trees.J48\n\tat io.github.mlmaven.spark.PartitionFit.call(...)");

        SparkFailure failure = Failures.describe(aborted, JOB);

        assertThat(failure.kind()).isEqualTo(SparkFailure.FAILED);
        assertThat(failure.message())
                .doesNotContain("\n")
                .contains("ran out of memory", "<spark><executorMemory>", "now 512m");
    }

    @Test
    void executorsLostWithTheirShuffleOutputsAreNamedAsLostExecutors() {
        // a fatal error outside the training ends the executor's JVM; the fit stage then misses its input
        SparkException aborted = new SparkException("Job aborted due to stage failure: ResultStage 2 (fit) has failed"
                + " the maximum allowable number of times: 4. Most recent failure reason:"
                + " org.apache.spark.shuffle.MetadataFetchFailedException: Missing an output location for shuffle 0"
                + " partition 1");

        SparkFailure failure = Failures.describe(aborted, JOB);

        assertThat(failure.message())
                .doesNotContain("\n")
                .startsWith("Spark lost the executors running the training")
                .contains("<spark><executorMemory>", "spark-driver.log");
    }
}
