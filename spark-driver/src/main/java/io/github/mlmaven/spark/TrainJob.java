package io.github.mlmaven.spark;

import io.github.mlmaven.engine.SparkJob;
import io.github.mlmaven.engine.SparkResult;
import io.github.mlmaven.monitoring.drift.DataProfile;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.training.ClassifierFactory;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import weka.classifiers.Classifier;
import weka.classifiers.meta.Bagging;
import weka.core.Instances;

/**
 * Training on Spark: every partition fits the configured classifier on a fixed range of row ordinals, the driver
 * combines the partition models in partition order ({@link ModelReduction}) and writes the model file.
 */
final class TrainJob {
    private TrainJob() {}

    static SparkResult run(JavaSparkContext sc, SparkJob job, DriverLog log) throws Exception {
        long start = System.nanoTime();
        checkConfiguration(job);
        PartitionedJob data = PartitionedJob.open(sc, job, "training data", log);
        PartitionFit fit = new PartitionFit(
                data.files(),
                data.fileOffsets(),
                job.schema(),
                job.exclude(),
                job.algorithm(),
                job.options(),
                job.seed(),
                job.partitions(),
                Path.of(job.workDirectory()).resolve("partitions").toString());
        List<PartitionModel> models = data.run("number rows", "fit", fit, "fitted");
        return combine(sc, job, models, start, log);
    }

    private static SparkResult combine(
            JavaSparkContext sc, SparkJob job, List<PartitionModel> models, long start, DriverLog log)
            throws Exception {
        long[] classCounts = new long[models.get(0).classCounts().length];
        long[] fileRows = PartitionedJob.fileRows(models, job.files().size());
        long rows = 0;
        List<DataProfile> profiles = new ArrayList<>();
        for (PartitionModel model : models) {
            rows += model.rows();
            for (int c = 0; c < classCounts.length; c++) {
                classCounts[c] += model.classCounts()[c];
            }
            profiles.add(Json.MAPPER.readValue(model.profileJson(), DataProfile.class));
        }
        checkTrainable(job, classCounts);
        ModelReduction.Reduced reduced =
                ModelReduction.reduce(models.stream().map(PartitionModel::model).toList(), log);
        Classifier model = writeModel(reduced.model(), job);
        log.info("model combined: " + reduced.aggregation());
        return new SparkResult(
                1,
                SparkResult.OK,
                sc.version(),
                job.master(),
                job.partitions(),
                rows,
                Arrays.stream(fileRows).boxed().toList(),
                Arrays.stream(classCounts).boxed().toList(),
                reduced.aggregation(),
                ClassifierFactory.effectiveOptions(model),
                models.stream().map(PartitionModel::millis).toList(),
                (System.nanoTime() - start) / 1_000_000,
                ProfileMerge.merge(profiles),
                null);
    }

    /** The configuration errors that can be told before any data is read. */
    private static void checkConfiguration(SparkJob job) {
        PartitionedJob.checkPartitions(job);
        // a wrong algorithm or option fails here, before Spark reads anything
        Classifier classifier = ClassifierFactory.create(
                job.algorithm(),
                job.options(),
                job.seed(),
                Thread.currentThread().getContextClassLoader());
        if (classifier instanceof Bagging bagging && bagging.getNumIterations() < job.partitions()) {
            throw DriverFailure.invalidConfiguration(
                    "spark/partitions",
                    "<spark><partitions> " + job.partitions() + " cannot share the " + bagging.getNumIterations()
                            + " members (-I) of " + job.algorithm() + ": every partition builds at least one; use at"
                            + " most " + bagging.getNumIterations() + " partitions or raise -I in <options>");
        }
    }

    private static void checkTrainable(SparkJob job, long[] classCounts) {
        if (classCounts.length == 0) {
            return;
        }
        long present = Arrays.stream(classCounts).filter(c -> c > 0).count();
        if (present < 2) {
            throw DriverFailure.invalidInput("the training data (" + String.join(", ", job.files()) + ") has "
                    + (present == 0 ? "no class value" : "only one class value") + " in class attribute '"
                    + job.schema().classAttribute() + "'; a classifier needs rows of at least two classes");
        }
    }

    /**
     * Writes the model file as the plugin's bundle holds it (the classifier, then the empty training header), after
     * one serialization round trip, so that the file is what a reload of it would write again.
     */
    private static Classifier writeModel(Classifier combined, SparkJob job) throws Exception {
        Classifier model = (Classifier) ModelReduction.deserialize(ModelReduction.serialize(combined));
        Instances header = job.schema().emptyInstances(relationName(job.files().get(0)), 0);
        Path target = Path.of(job.modelFile());
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(target))) {
            out.writeObject(model);
            out.writeObject(header);
        }
        return model;
    }

    /** The relation the plugin's reader names a data set after: its first file's name without its extension. */
    static String relationName(String location) {
        String name = new org.apache.hadoop.fs.Path(location).getName();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
