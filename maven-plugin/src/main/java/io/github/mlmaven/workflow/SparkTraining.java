package io.github.mlmaven.workflow;

import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.common.AtomicFiles;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.DataFile;
import io.github.mlmaven.data.DataSource;
import io.github.mlmaven.data.Dataset;
import io.github.mlmaven.data.Schema;
import io.github.mlmaven.engine.DirectoryJar;
import io.github.mlmaven.engine.SparkDriverProcess;
import io.github.mlmaven.engine.SparkJob;
import io.github.mlmaven.engine.SparkJobFailedException;
import io.github.mlmaven.engine.SparkResult;
import io.github.mlmaven.engine.SparkSettings;
import io.github.mlmaven.monitoring.drift.DataProfile;
import io.github.mlmaven.retrain.RetrainDecision;
import io.github.mlmaven.runtime.GitLineage;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.runtime.Sha256;
import io.github.mlmaven.workflow.TrainWorkflow.Plan;
import io.github.mlmaven.workflow.TrainWorkflow.Production;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import weka.core.Instances;

/**
 * ml:train's fit and write steps on the Spark engine: the schema decided here with the plugin's readers (one pass, no
 * rows kept), the rows read and fitted by the forked driver, and the model and card written from its result as the
 * local engine writes them. The driver writes the model to a temporary file in the model's folder, moved into place
 * only once the job succeeded, so that a failed job leaves the previous model and card as they were.
 */
final class SparkTraining {
    /** The job's own folder in the model's folder: job.json, result.json, spark-driver.log. */
    static final String WORK_DIRECTORY = "spark";

    private final MlLog log;
    private final SparkDriverProcess driver;

    SparkTraining(MlLog log, SparkDriverProcess driver) {
        this.log = log;
        this.driver = driver;
    }

    /** Trains on Spark and writes the model and its card; returns the card. */
    ModelCard train(
            Plan plan,
            Production production,
            ModelCard.DataChanges knownChanges,
            GitLineage lineage,
            String inputsKey) {
        TrainRequest request = plan.request();
        SparkSettings settings = request.spark();
        ModelBundle bundle = plan.bundle();
        DataSource source = plan.source();
        // a master that does not answer fails before the schema pass over the data, which may be long
        driver.checkMasterReachable();
        Schema schema = source.schema(request.readOptions());
        Instances header = schema.emptyInstances(request.modelName(), 0);
        // a <positiveClass> that is not a class value fails before the job, not after it
        // (the class values from the schema, not yet counted)
        Map<String, Long> classValues = new java.util.LinkedHashMap<>();
        schema.classSpec().values().forEach(value -> classValues.put(value, 0L));
        TrainWorkflow.positiveClass(
                Dataset.streamed(header, schema, List.of(), 0, classValues), request.positiveClass());
        List<Path> files = source.partFiles();
        List<String> hashes = source.knownHashes().orElseGet(source::hashes);
        Path work = bundle.directory().resolve(WORK_DIRECTORY);
        Path model = temporaryModel(bundle);
        try {
            SparkJob job = job(request, settings, schema, files, dropped(request, source), work, model);
            log.info(String.format(
                    Locale.ROOT,
                    "Training %s on Spark (%s, %d partitions); the driver's log is %s",
                    request.algorithm(),
                    settings.master(),
                    settings.partitions(),
                    request.basedir().relativize(work.resolve(SparkDriverProcess.LOG_FILE))));
            Instant trainedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            SparkResult result = driver.run(job);
            Dataset dataset = dataset(header, schema, source, files, hashes, result);
            String positiveClass = TrainWorkflow.positiveClass(dataset, request.positiveClass());
            ModelCard.DataChanges changes =
                    knownChanges != null ? knownChanges : TrainWorkflow.changes(plan, production, dataset);
            ModelCard card = card(plan, dataset, result, trainedAt, positiveClass, lineage, inputsKey, changes);
            ModelCard written = install(bundle, model, card, result);
            if (changes.newRows() != null) {
                log.info("Data: "
                        + RetrainDecision.dataLine(
                                changes.rows(), changes.newRows(), changes.newRowsPerClass(), changes.comparedWith()));
            }
            return written;
        } finally {
            try {
                Files.deleteIfExists(model);
            } catch (IOException e) {
                log.debug("Cannot delete " + model + ": " + e.getMessage());
            }
        }
    }

    private static Path temporaryModel(ModelBundle bundle) {
        try {
            Files.createDirectories(bundle.directory());
            Path model = Files.createTempFile(bundle.directory(), "." + bundle.modelName(), ".spark.model.tmp");
            Files.delete(model); // the driver creates it; an empty file would pass for a written model
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + bundle.directory() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The jars executors are sent: those the Maven side chose, and each class directory of the project's classpath
     * packed as a jar in the job's folder (Spark sends jars only).
     */
    static List<String> executorJars(SparkSettings settings, List<Path> projectClasspath, Path work) {
        java.util.Set<String> jars = new java.util.LinkedHashSet<>();
        settings.executorJars().forEach(jar -> jars.add(jar.toAbsolutePath().toString()));
        int n = 0;
        for (Path entry : projectClasspath) {
            if (Files.isDirectory(entry)) {
                Path jar = work.resolve("project-classes-" + n++ + ".jar");
                if (DirectoryJar.write(entry, jar)) {
                    jars.add(jar.toAbsolutePath().toString());
                }
            }
        }
        return List.copyOf(jars);
    }

    /** The columns {@code <exclude>} names and those the source drops itself (a database's watermark columns). */
    private static List<String> dropped(TrainRequest request, DataSource source) {
        return dropped(request.readOptions().exclude(), source);
    }

    /** The columns {@code exclude} names and those the source drops itself. */
    static List<String> dropped(java.util.Collection<String> exclude, DataSource source) {
        java.util.Set<String> columns = new java.util.LinkedHashSet<>(exclude);
        columns.addAll(source.droppedColumns());
        return List.copyOf(columns);
    }

    private static SparkJob job(
            TrainRequest request,
            SparkSettings settings,
            Schema schema,
            List<Path> files,
            List<String> exclude,
            Path work,
            Path model) {
        return new SparkJob(
                SparkJob.SCHEMA_VERSION,
                SparkJob.TRAIN,
                settings.master(),
                settings.sparkConf(),
                settings.partitions(),
                settings.executorWaitSeconds(),
                executorJars(settings, request.classpath(), work),
                files.stream().map(f -> f.toAbsolutePath().toString()).toList(),
                schema,
                exclude,
                request.algorithm().strip(),
                request.options() == null || request.options().isBlank()
                        ? null
                        : request.options().strip(),
                request.seed(),
                model.toString(),
                work.resolve(SparkDriverProcess.RESULT_FILE).toString(),
                work.toString(),
                List.of(),
                -1);
    }

    /** The rows the driver read, described as a streamed read is: counts and each part's fingerprint, no rows. */
    private static Dataset dataset(
            Instances header,
            Schema schema,
            DataSource source,
            List<Path> files,
            List<String> hashes,
            SparkResult result) {
        if (result.fileRows().size() != files.size()) {
            throw new SparkJobFailedException(
                    "the Spark driver reported rows for " + result.fileRows().size() + " files, but the job had "
                            + files.size() + "; the driver does not fit this plugin version");
        }
        List<String> identities = source.identities();
        List<DataFile> parts = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            long size;
            try {
                size = Files.size(files.get(i));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + files.get(i) + ": " + e.getMessage(), e);
            }
            parts.add(new DataFile(
                    identities.get(i),
                    files.get(i),
                    hashes.get(i),
                    result.fileRows().get(i),
                    size));
        }
        Map<String, Long> distribution = new LinkedHashMap<>();
        if (header.classAttribute().isNominal()) {
            for (int v = 0; v < header.classAttribute().numValues(); v++) {
                distribution.put(
                        header.classAttribute().value(v),
                        v < result.classCounts().size() ? result.classCounts().get(v) : 0L);
            }
        }
        return Dataset.streamed(header, schema, parts, result.rows(), distribution);
    }

    private static ModelCard card(
            Plan plan,
            Dataset dataset,
            SparkResult result,
            Instant trainedAt,
            String positiveClass,
            GitLineage lineage,
            String inputsKey,
            ModelCard.DataChanges changes) {
        return TrainWorkflow.card(
                        plan,
                        dataset,
                        result.effectiveOptions() == null ? "" : result.effectiveOptions(),
                        trainedAt,
                        result.millis(),
                        new ModelCard.TrainedOn("all", null, result.rows()),
                        positiveClass,
                        lineage,
                        inputsKey,
                        changes)
                .withEngine(new ModelCard.Engine(
                        "spark", result.master(), result.partitions(), result.sparkVersion(), result.aggregation()));
    }

    /** Moves the driver's model into place, then writes the card that names it and the training data's profile. */
    private ModelCard install(ModelBundle bundle, Path model, ModelCard card, SparkResult result) {
        try {
            if (!Files.isRegularFile(model) || Files.size(model) == 0) {
                throw new SparkJobFailedException("the Spark driver reported success but wrote no model to " + model);
            }
            ModelCard complete = card.withModel(
                    bundle.modelFile().getFileName().toString(), Sha256.ofFile(model), Files.size(model));
            AtomicFiles.makeReadable(model);
            AtomicFiles.move(model, bundle.modelFile());
            bundle.writeJson(bundle.cardFile(), complete);
            Path profile = bundle.directory().resolve(DataProfile.FILE);
            if (result.profile() != null) {
                result.profile().writeTo(bundle.directory());
            } else {
                Files.deleteIfExists(profile);
            }
            log.info(String.format(
                    Locale.ROOT,
                    "Trained %s on Spark %s (%s, %d partitions, %s) on %,d rows in %.2f s; wrote %s and %s",
                    bundle.modelName(),
                    result.sparkVersion(),
                    result.master(),
                    result.partitions(),
                    result.aggregation(),
                    result.rows(),
                    result.millis() / 1000.0,
                    bundle.modelFile().getFileName(),
                    ModelBundle.CARD_FILE));
            return complete;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the model to " + bundle.directory() + ": " + e.getMessage(), e);
        }
    }
}
