package io.github.mlmaven.engine;

import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.Dataset;
import io.github.mlmaven.data.DatasetReader;
import io.github.mlmaven.monitoring.drift.DataProfile;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.training.ClassifierFactory;
import io.github.mlmaven.training.Training;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import weka.classifiers.Classifier;
import weka.core.Instances;

/**
 * A stand-in for {@code io.github.mlmaven.spark.SparkDriverMain} that speaks its process protocol (job.json in,
 * result.json out, exit 0 or 2, {@code ml-spark:} progress lines) without Spark: it trains on one machine with the
 * plugin's own code, so the plugin's side of the protocol can be tested in this module. What it does is chosen by the
 * job's {@code spark.fake.behaviour} property: {@code ok} (the default), {@code invalidConfiguration},
 * {@code invalidInput}, {@code failed}, {@code crash} (prints and exits 3 without a result) or {@code hang}.
 */
public final class FakeSparkDriver {
    static final String BEHAVIOUR = "spark.fake.behaviour";

    private FakeSparkDriver() {}

    public static void main(String[] args) throws Exception {
        io.github.mlmaven.workflow.WekaEnvironment.prepare();
        SparkJob job = Json.MAPPER.readValue(Path.of(args[0]).toFile(), SparkJob.class);
        String behaviour = job.conf().getOrDefault(BEHAVIOUR, "ok");
        Path result = Path.of(job.resultFile());
        System.out.println("ml-spark:info:Spark job on " + job.master() + " with " + job.partitions() + " partitions");
        System.out.println("ml-spark:debug:job read from " + args[0]);
        System.out.println("INFO SparkContext: a line of Spark's own log");
        System.err.println("WARN NativeCodeLoader: a line of Spark's own log on stderr");
        switch (behaviour) {
            case "ok" -> {
                System.out.println("ml-spark:warn:one partition is empty");
                Json.MAPPER.writeValue(
                        result.toFile(), job.kind().equals(SparkJob.EVALUATE) ? evaluate(job) : train(job));
                System.exit(0);
            }
            case "crash" -> {
                for (int i = 1; i <= 30; i++) {
                    System.out.println("log line " + i);
                }
                System.err.println("java.lang.IllegalStateException: the driver broke");
                System.exit(3);
            }
            case "hang" -> {
                Files.writeString(
                        Path.of(job.workDirectory()).resolve("driver.pid"),
                        ProcessHandle.current().pid() + "");
                Thread.sleep(600_000);
            }
            default -> {
                String parameter = behaviour.equals(SparkFailure.INVALID_CONFIGURATION) ? "spark/executorMemory" : null;
                Json.MAPPER.writeValue(
                        result.toFile(),
                        new SparkFailure(
                                1, "failed", behaviour, parameter, "the fake driver failed as told: " + behaviour));
                System.exit(2);
            }
        }
    }

    /**
     * Evaluates as the real driver's partitions do: the test rows cut into {@code job.partitions()} contiguous ranges,
     * each evaluated apart with the card's priors, the evaluations written in partition order.
     */
    private static SparkResult evaluate(SparkJob job) throws Exception {
        List<Path> files = job.files().stream().map(Path::of).toList();
        Dataset data = new DatasetReader(Path.of(job.workDirectory()), MlLog.SILENT)
                .readWithSchema(files, job.schema(), "testData", new java.util.LinkedHashSet<>(job.exclude()));
        byte[] bytes = Files.readAllBytes(Path.of(job.modelFile()));
        Classifier model = io.github.mlmaven.runtime.SafeModelReader.readVerified(
                bytes, job.modelSha256(), job.modelFile(), FakeSparkDriver.class.getClassLoader(), c -> false);
        Instances rows = data.instances();
        io.github.mlmaven.evaluation.ClassPriors priors = io.github.mlmaven.evaluation.ClassPriors.nominal(
                job.classCounts().stream().mapToDouble(Double::doubleValue).toArray());
        ArrayList<io.github.mlmaven.evaluation.PartitionEvaluation> partitions = new ArrayList<>();
        int n = rows.numInstances();
        for (int p = 0; p < job.partitions(); p++) {
            int from = (int) ((long) p * n / job.partitions());
            int to = (int) ((long) (p + 1) * n / job.partitions());
            partitions.add(io.github.mlmaven.evaluation.PartitionEvaluation.of(
                    model, new Instances(rows, from, to - from), priors, job.positiveIndex()));
        }
        Path file = Path.of(job.workDirectory()).resolve("partitions.ser");
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(file))) {
            out.writeObject(partitions);
        }
        List<Long> fileRows = new ArrayList<>();
        data.files().forEach(f -> fileRows.add(f.rows()));
        return new SparkResult(
                1,
                SparkResult.OK,
                "4.2.0-fake",
                job.master(),
                job.partitions(),
                data.rows(),
                fileRows,
                List.of(),
                null,
                null,
                java.util.Collections.nCopies(job.partitions(), 0L),
                0,
                null,
                file.toString());
    }

    /** Trains as one partition would, on all rows, and writes the model as ModelBundle does. */
    private static SparkResult train(SparkJob job) throws Exception {
        long start = System.currentTimeMillis();
        List<Path> files = job.files().stream().map(Path::of).toList();
        Dataset data = new DatasetReader(Path.of(job.workDirectory()), MlLog.SILENT)
                .readWithSchema(files, job.schema(), "trainingData", new java.util.LinkedHashSet<>(job.exclude()));
        Classifier classifier = ClassifierFactory.create(
                job.algorithm(), job.options(), job.seed(), FakeSparkDriver.class.getClassLoader());
        Training.standard().fit(classifier, data.instances());
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(Path.of(job.modelFile())))) {
            out.writeObject(classifier);
            out.writeObject(new Instances(data.instances(), 0));
        }
        List<Long> fileRows = new ArrayList<>();
        data.files().forEach(f -> fileRows.add(f.rows()));
        List<Long> classCounts = new ArrayList<>(data.classDistribution().values());
        long millis = System.currentTimeMillis() - start;
        return new SparkResult(
                1,
                SparkResult.OK,
                "4.2.0-fake",
                job.master(),
                job.partitions(),
                data.rows(),
                fileRows,
                classCounts,
                "one model (fake driver)",
                ClassifierFactory.effectiveOptions(classifier),
                List.of(millis),
                millis,
                DataProfile.of(data.instances()),
                null);
    }
}
