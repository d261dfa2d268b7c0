package io.github.mlmaven.spark;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.engine.SparkFailure;
import io.github.mlmaven.runtime.ModelIntegrityException;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.util.Iterator;
import java.util.List;
import scala.Tuple2;

/**
 * What the training and the evaluation task do around their work on an executor. The plugin's failures of the data or
 * the configuration are returned as a failed outcome rather than thrown, so that Spark does not retry a task that would
 * fail again the same way, and their kind and parameter reach the driver intact.
 */
final class PartitionTask {
    private PartitionTask() {}

    /** A task's work on its partition's rows. */
    interface Work<T> {
        /**
         * @param start when the task started, in {@link System#nanoTime()}'s terms, for the task's own duration
         */
        T run(PartitionRows.Read read, long start) throws Exception;
    }

    /** How a task's outcome type records a failure. */
    interface Failed<T> {
        T of(int partition, String kind, String parameter, String message);
    }

    /**
     * Reads {@code partition}'s rows with {@code reader}, runs {@code work} on them and returns its outcome, the
     * failures of the data or the configuration as {@code failed} outcomes.
     *
     * @param doing what the task does, for the message of an out-of-memory error ("trained J48")
     */
    static <T extends PartitionOutcome> Iterator<T> run(
            int partition,
            Iterator<Tuple2<Long, Tuple2<Integer, String>>> rows,
            PartitionRows reader,
            String doing,
            Work<T> work,
            Failed<T> failed)
            throws Exception {
        long start = System.nanoTime();
        // an executor is a JVM of its own: Weka must stay offline and on pure-Java matrices there as well
        WekaEnvironment.prepare();
        try {
            T outcome = reader.read(partition, rows, read -> work.run(read, start));
            return List.of(outcome).iterator();
        } catch (InvalidInputException | ModelIntegrityException e) {
            return List.of(failed.of(partition, SparkFailure.INVALID_INPUT, null, e.getMessage()))
                    .iterator();
        } catch (InvalidConfigurationException e) {
            return List.of(failed.of(partition, SparkFailure.INVALID_CONFIGURATION, e.parameter(), e.getMessage()))
                    .iterator();
        } catch (OutOfMemoryError e) {
            // an ordinary exception, without the error as its cause: Spark ends an executor's JVM on a fatal error (in
            // the cause chain too), and on a cluster the driver then sees only lost shuffle outputs, not the memory
            throw new IllegalStateException(
                    "java.lang.OutOfMemoryError (" + e.getMessage() + ") while partition " + partition + " " + doing);
        }
    }
}
