package io.github.mlmaven.spark;

import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.Dataset;
import io.github.mlmaven.data.DatasetReader;
import io.github.mlmaven.data.ReadOptions;
import io.github.mlmaven.data.Schema;
import io.github.mlmaven.engine.SparkFailure;
import io.github.mlmaven.engine.SparkJob;
import io.github.mlmaven.engine.SparkResult;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.runtime.SafeModelReader;
import io.github.mlmaven.training.ClassifierFactory;
import io.github.mlmaven.training.Training;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import weka.classifiers.Classifier;
import weka.core.Instances;

/** One in-process run of the driver on a job built for a test, and the local engine's fit to compare with. */
final class DriverRun {
    static final Path DATASETS =
            Path.of(System.getProperty("ml.test.datasets", "../maven-plugin/src/test/resources/datasets"));
    static final long SEED = 1;

    final int exitCode;
    final String output;
    final SparkJob job;

    private DriverRun(int exitCode, String output, SparkJob job) {
        this.exitCode = exitCode;
        this.output = output;
        this.job = job;
    }

    static Path dataset(String name) {
        return DATASETS.resolve(name).toAbsolutePath().normalize();
    }

    static Schema schema(List<Path> files) {
        return new DatasetReader(DATASETS, MlLog.SILENT)
                .trainingSchema(files, new ReadOptions(null, Map.of()), "trainingData");
    }

    static SparkJob job(
            Path workDirectory,
            String master,
            int partitions,
            List<String> files,
            Schema schema,
            String algorithm,
            String options) {
        return new SparkJob(
                SparkJob.SCHEMA_VERSION,
                SparkJob.TRAIN,
                master,
                Map.of(),
                partitions,
                10,
                List.of(),
                files,
                schema,
                List.of(),
                algorithm,
                options,
                SEED,
                workDirectory.resolve("out/model.model").toString(),
                workDirectory.resolve("out/result.json").toString(),
                workDirectory.resolve("work").toString(),
                List.of(),
                -1);
    }

    static DriverRun train(
            Path workDirectory, String master, int partitions, List<Path> files, String algorithm, String options)
            throws IOException {
        SparkJob job = job(
                workDirectory,
                master,
                partitions,
                files.stream().map(Path::toString).toList(),
                schema(files),
                algorithm,
                options);
        return run(workDirectory, job);
    }

    /**
     * A training run in local[2] over 2 partitions of {@code file}, read against {@code schema}: a schema the file
     * need not match, so that a test can hand the driver rows the plugin's reader would have refused.
     */
    static DriverRun trainAgainst(Path workDirectory, Path file, Schema schema, String algorithm) throws IOException {
        return run(workDirectory, job(workDirectory, "local[2]", 2, List.of(file.toString()), schema, algorithm, null));
    }

    static DriverRun run(Path workDirectory, SparkJob job) throws IOException {
        Files.createDirectories(workDirectory);
        Path jobFile = workDirectory.resolve("job.json");
        Json.MAPPER.writeValue(jobFile.toFile(), job);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            code = SparkDriverMain.run(jobFile, out);
        }
        String output = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        return new DriverRun(code, output, job);
    }

    SparkResult result() throws IOException {
        return Json.MAPPER.readValue(Path.of(job.resultFile()).toFile(), SparkResult.class);
    }

    SparkFailure failure() throws IOException {
        return Json.MAPPER.readValue(Path.of(job.resultFile()).toFile(), SparkFailure.class);
    }

    byte[] modelBytes() throws IOException {
        return Files.readAllBytes(Path.of(job.modelFile()));
    }

    /**
     * The model file's classifier; its header must follow it, as in a bundle, and the runtime library's allow-listed
     * reader must load it too.
     */
    Classifier model() throws Exception {
        Classifier checked =
                SafeModelReader.read(Path.of(job.modelFile()), DriverRun.class.getClassLoader(), c -> false);
        if (checked == null) {
            throw new IllegalStateException("the runtime library read no model");
        }
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(Path.of(job.modelFile())))) {
            Classifier classifier = (Classifier) in.readObject();
            Instances header = (Instances) in.readObject();
            if (header.numInstances() != 0 || header.classIndex() < 0) {
                throw new IllegalStateException("the model's header is not an empty header with a class");
            }
            return classifier;
        }
    }

    /** The local engine's model: the plugin's reader and training on all the rows. */
    static Classifier localFit(List<Path> files, String algorithm, String options) throws Exception {
        Dataset data = new DatasetReader(DATASETS, MlLog.SILENT)
                .readTraining(files, new ReadOptions(null, Map.of()), "trainingData");
        Classifier classifier = ClassifierFactory.create(algorithm, options, SEED, DriverRun.class.getClassLoader());
        Training.standard().fit(classifier, data.instances());
        return classifier;
    }

    static Instances read(List<Path> files, Schema schema) {
        return new DatasetReader(DATASETS, MlLog.SILENT)
                .readWithSchema(files, schema, "testData")
                .instances();
    }

    static double accuracy(Classifier model, Instances test) throws Exception {
        int right = 0;
        for (int i = 0; i < test.numInstances(); i++) {
            right +=
                    model.classifyInstance(test.instance(i)) == test.instance(i).classValue() ? 1 : 0;
        }
        return (double) right / test.numInstances();
    }

    static double maxProbabilityDifference(Classifier a, Classifier b, Instances test) throws Exception {
        double max = 0;
        for (int i = 0; i < test.numInstances(); i++) {
            double[] pa = a.distributionForInstance(test.instance(i));
            double[] pb = b.distributionForInstance(test.instance(i));
            for (int c = 0; c < pa.length; c++) {
                max = Math.max(max, Math.abs(pa[c] - pb[c]));
            }
        }
        return max;
    }
}
