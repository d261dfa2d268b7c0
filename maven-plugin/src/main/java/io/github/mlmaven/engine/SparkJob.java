package io.github.mlmaven.engine;

import io.github.mlmaven.data.Schema;
import java.util.List;
import java.util.Map;

/**
 * One job for the forked Spark driver: written by the plugin as JSON ({@code job.json}), read by
 * {@code io.github.mlmaven.spark.SparkDriverMain}. Plain values only, so that the Maven side needs no Spark class.
 *
 * @param kind {@link #TRAIN} or {@link #EVALUATE}
 * @param master Spark's master URL as configured ({@code local[*]}, {@code spark://host:7077}, {@code k8s://...},
 *     {@code yarn})
 * @param conf every Spark property to set, executor memory and cores included (as {@code spark.executor.memory},
 *     {@code spark.executor.cores}); the user's {@code <conf>} entries win over the plugin's
 * @param partitions how many partitions the rows are split into, by row ordinal: the same number gives the same model
 *     on every master
 * @param executorWaitSeconds how long the driver waits for a first executor before it fails (a master without live
 *     workers would otherwise leave the job waiting forever)
 * @param executorJars the jars executors need besides Spark's (the plugin's, Weka's, the project's), as absolute paths
 * @param files the data files in the source's part order, as absolute local paths or Hadoop file system URIs
 * @param schema the training data's schema, decided by the plugin's readers before the job (train) or the model card's
 *     (evaluate): every partition reads its rows against it
 * @param exclude the columns {@code <exclude>} drops, as configured
 * @param algorithm Weka's class name (or short name) as configured
 * @param options Weka's options as configured, or null
 * @param seed the user's seed; partition {@code p} trains with a seed derived from it and {@code p}
 * @param modelFile train: where the driver writes the aggregated model (a temporary file the plugin moves into place);
 *     evaluate: the model to score
 * @param resultFile where the driver writes its {@link SparkResult} when it succeeds, or its {@link SparkFailure} when
 *     it fails
 * @param workDirectory a folder of the job's own (Spark's log file, partition scratch files)
 * @param classCounts evaluate: the training set's class counts in class value order (the priors every partition's
 *     evaluation starts from); empty for train
 * @param positiveIndex evaluate: the index of the positive class value, or -1
 * @param modelSha256 evaluate: the model file's SHA-256 as its card records it, checked by the driver on the bytes it
 *     sends the executors (the plugin checked the file before the job); null for train
 */
public record SparkJob(
        int schemaVersion,
        String kind,
        String master,
        Map<String, String> conf,
        int partitions,
        int executorWaitSeconds,
        List<String> executorJars,
        List<String> files,
        Schema schema,
        List<String> exclude,
        String algorithm,
        String options,
        long seed,
        String modelFile,
        String resultFile,
        String workDirectory,
        List<Double> classCounts,
        int positiveIndex,
        String modelSha256) {

    public static final int SCHEMA_VERSION = 1;
    public static final String TRAIN = "train";
    public static final String EVALUATE = "evaluate";

    public SparkJob {
        conf = Map.copyOf(conf);
        executorJars = List.copyOf(executorJars);
        files = List.copyOf(files);
        exclude = List.copyOf(exclude);
        classCounts = List.copyOf(classCounts);
    }

    /** A job without a model to check: training. */
    public SparkJob(
            int schemaVersion,
            String kind,
            String master,
            Map<String, String> conf,
            int partitions,
            int executorWaitSeconds,
            List<String> executorJars,
            List<String> files,
            Schema schema,
            List<String> exclude,
            String algorithm,
            String options,
            long seed,
            String modelFile,
            String resultFile,
            String workDirectory,
            List<Double> classCounts,
            int positiveIndex) {
        this(
                schemaVersion,
                kind,
                master,
                conf,
                partitions,
                executorWaitSeconds,
                executorJars,
                files,
                schema,
                exclude,
                algorithm,
                options,
                seed,
                modelFile,
                resultFile,
                workDirectory,
                classCounts,
                positiveIndex,
                null);
    }
}
