package io.github.mlmaven.spark;

import io.github.mlmaven.engine.SparkJob;
import io.github.mlmaven.engine.SparkResult;
import io.github.mlmaven.evaluation.ClassPriors;
import io.github.mlmaven.evaluation.PartitionEvaluation;
import io.github.mlmaven.runtime.ModelIntegrityException;
import io.github.mlmaven.runtime.SafeModelReader;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Evaluation of a trained model on Spark: the test files split by row ordinal into the job's partitions as training
 * splits them ({@link RowOrdinals}, {@link OrdinalRanges}), each partition read against the model card's schema and
 * evaluated with Weka's {@code Evaluation} ({@link PartitionScore}), the partitions' evaluations collected in partition
 * order and written for the plugin, which merges them with Weka's {@code AggregateableEvaluation}.
 */
final class EvaluateJob {
    /** The file the partitions' evaluations are written to, in the job's work directory. */
    static final String EVALUATION_FILE = "partition-evaluations.ser";

    private EvaluateJob() {}

    static SparkResult run(JavaSparkContext sc, SparkJob job, DriverLog log) throws Exception {
        long start = System.nanoTime();
        PartitionedJob.checkPartitions(job);
        byte[] model = readModel(job);
        PartitionedJob data = PartitionedJob.open(sc, job, "test data", log);
        Broadcast<byte[]> broadcast = sc.broadcast(model);
        PartitionScore score = new PartitionScore(
                data.files(),
                data.fileOffsets(),
                job.schema(),
                job.exclude(),
                Path.of(job.workDirectory()).resolve("partitions").toString(),
                broadcast,
                "model file " + job.modelFile(),
                priors(job),
                job.positiveIndex(),
                job.executorJars());
        // the numbering shows under the evaluation's call site: the evaluation job has no stage of its own for it
        List<PartitionScore.Scored> scored = data.run("evaluate", "evaluate", score, "evaluated");
        broadcast.destroy();
        return result(sc, job, scored, start);
    }

    private static SparkResult result(JavaSparkContext sc, SparkJob job, List<PartitionScore.Scored> scored, long start)
            throws IOException {
        long[] fileRows = PartitionedJob.fileRows(scored, job.files().size());
        long rows = 0;
        ArrayList<PartitionEvaluation> evaluations = new ArrayList<>();
        for (PartitionScore.Scored partition : scored) {
            rows += partition.rows();
            evaluations.add(partition.evaluation());
        }
        Path file = Path.of(job.workDirectory()).resolve(EVALUATION_FILE);
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(file))) {
            out.writeObject(evaluations);
        }
        return new SparkResult(
                1,
                SparkResult.OK,
                sc.version(),
                job.master(),
                job.partitions(),
                rows,
                Arrays.stream(fileRows).boxed().toList(),
                List.of(),
                null,
                null,
                scored.stream().map(PartitionScore.Scored::millis).toList(),
                (System.nanoTime() - start) / 1_000_000,
                null,
                file.toString());
    }

    /**
     * The model file's bytes, read once on the driver and checked against the card's SHA-256 (the plugin checked the
     * file's size and hash before the job): the executors get these very bytes, deserialized there through the runtime
     * library's allow-list and limits.
     */
    private static byte[] readModel(SparkJob job) {
        Path file = Path.of(job.modelFile());
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw DriverFailure.invalidInput("cannot read model file " + file + " on the Spark driver: "
                    + e.getMessage() + "; run ml:train, then ml:validate");
        }
        if (job.modelSha256() != null) {
            try {
                SafeModelReader.verifySha256(bytes, job.modelSha256(), "model file " + file);
            } catch (ModelIntegrityException e) {
                throw DriverFailure.invalidInput(e.getMessage());
            }
        }
        return bytes;
    }

    /**
     * The class priors every partition starts from: the training set's class counts from the model card, as Weka's
     * command line evaluates a test set ({@code -t train -T test}). No figure of the plugin's metrics depends on them
     * (Weka's relative errors do). A numeric class has no such counts on the card: its priors are empty, which leaves
     * only Weka's relative errors undefined.
     */
    static ClassPriors priors(SparkJob job) {
        weka.core.Instances header = job.schema().emptyInstances("priors", 0);
        if (!header.classAttribute().isNominal()) {
            return ClassPriors.numeric(0, 0, Double.MAX_VALUE, -Double.MAX_VALUE);
        }
        int classes = header.numClasses();
        if (job.classCounts().size() != classes) {
            throw DriverFailure.failed("the job gives " + job.classCounts().size() + " class counts for the "
                    + classes + " class values of '" + job.schema().classAttribute() + "'; the plugin and"
                    + " ml-spark-driver must be of the same version");
        }
        return ClassPriors.nominal(
                job.classCounts().stream().mapToDouble(Double::doubleValue).toArray());
    }
}
