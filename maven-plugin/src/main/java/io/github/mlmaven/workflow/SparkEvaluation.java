package io.github.mlmaven.workflow;

import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.DataSource;
import io.github.mlmaven.engine.SparkDriverProcess;
import io.github.mlmaven.engine.SparkJob;
import io.github.mlmaven.engine.SparkJobFailedException;
import io.github.mlmaven.engine.SparkResult;
import io.github.mlmaven.engine.SparkSettings;
import io.github.mlmaven.evaluation.MergedEvaluation;
import io.github.mlmaven.evaluation.Metrics;
import io.github.mlmaven.evaluation.PartitionEvaluation;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.workflow.CandidateEvaluation.Evaluation;
import io.github.mlmaven.workflow.ValidateWorkflow.Verified;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ml:validate's evaluation on test data on the Spark engine: the forked driver splits the test rows by row ordinal into
 * partitions, each partition evaluates the model with Weka's {@code Evaluation}, and the partitions' evaluations come
 * back to be merged here with Weka's {@code AggregateableEvaluation} ({@link MergedEvaluation}), so that the metrics,
 * the threshold curve and everything after them (gates, reports, MLflow, Prometheus) are the local engine's.
 */
final class SparkEvaluation {
    /** The job's own folder in the model's folder: job.json, result.json, spark-driver.log, the partitions' file. */
    static final String WORK_DIRECTORY = "spark-validate";

    /**
     * What the partitions' file may hold: the plugin's evaluation records, Weka's evaluation and header, and the JDK's
     * collections and boxes they use; nothing else is deserialized, however the file was made.
     */
    static final ObjectInputFilter PARTIALS_FILTER = ObjectInputFilter.Config.createFilter(
            "maxdepth=64;maxrefs=10000000;io.github.mlmaven.evaluation.*;weka.**;java.lang.*;java.util.*;!*");

    private final MlLog log;
    private final SparkDriverProcess driver;
    private final ValidateRequest request;
    private final Verified verified;

    SparkEvaluation(MlLog log, SparkDriverProcess driver, ValidateRequest request, Verified verified) {
        this.log = log;
        this.driver = driver;
        this.request = request;
        this.verified = verified;
    }

    /**
     * The checks of a Spark evaluation that need no data: what a partition cannot give yet (per-row predictions) is
     * refused, never computed some other way in silence.
     */
    static void checkSupported(ValidateRequest request, boolean onTestData) {
        checkSupported(
                request.spark() != null,
                onTestData,
                request.slices().configured(),
                request.champion() != null && request.champion().rules().significance() != null);
    }

    /**
     * {@link #checkSupported(ValidateRequest, boolean)} on the settings as written, so that ml:train's configuration
     * check refuses them before a long training too.
     */
    static void checkSupported(boolean spark, boolean onTestData, boolean slices, boolean significance) {
        if (!spark || !onTestData) {
            return;
        }
        if (slices) {
            throw new InvalidConfigurationException(
                    "slices",
                    "<slices> cannot be evaluated with <engine>spark</engine>: the per-row predictions the slices are"
                            + " cut from stay in Spark's partitions; validate with <engine>local</engine> for"
                            + " ml:validate (e.g. -Dml.engine=local, or <engine> in ml:train's execution only), or"
                            + " remove <slices>");
        }
        if (significance) {
            throw new InvalidConfigurationException(
                    "champion/significance",
                    "<champion><significance> (McNemar's test) cannot be applied with <engine>spark</engine>: it"
                            + " pairs the candidate's and the production model's prediction of every row, which stay"
                            + " in Spark's partitions; validate with <engine>local</engine> for ml:validate, or keep"
                            + " only <champion><maxDrop> rules (they use the merged metrics)");
        }
    }

    /** Evaluates the verified model on the test data's files in a Spark job, and merges the partitions' evaluations. */
    Evaluation evaluate(DataSource source) {
        SparkSettings settings = request.spark();
        ModelCard card = verified.card();
        ModelBundle bundle = verified.bundle();
        driver.checkMasterReachable();
        List<Path> files = source.partFiles();
        List<String> hashes = source.knownHashes().orElseGet(source::hashes);
        Path work = bundle.directory().resolve(WORK_DIRECTORY);
        SparkJob job = job(settings, source, files, work);
        log.info(String.format(
                Locale.ROOT,
                "Evaluating %s on Spark (%s, %d partitions); the driver's log is %s",
                card.modelName(),
                settings.master(),
                settings.partitions(),
                request.basedir().relativize(work.resolve(SparkDriverProcess.LOG_FILE))));
        long start = System.nanoTime();
        SparkResult result = driver.run(job);
        List<PartitionEvaluation> partials = readPartials(result);
        MergedEvaluation merged = MergedEvaluation.of(partials);
        Metrics metrics = merged.metrics();
        log.info(String.format(
                Locale.ROOT,
                "Evaluated %s on Spark (%s, %d partitions) on %,d test rows in %.2f s (the driver's job %.2f s)",
                card.modelName(),
                result.master(),
                result.partitions(),
                result.rows(),
                (System.nanoTime() - start) / 1e9,
                result.millis() / 1000.0));
        ValidationReport.EvaluationInfo info = new ValidationReport.EvaluationInfo(
                "test",
                metrics.rows(),
                null,
                null,
                card.seed(),
                refs(source, files, hashes, result),
                new ValidationReport.EngineInfo("spark", result.master(), result.partitions(), result.sparkVersion()));
        // no per-row predictions: the production model is compared on the merged metrics, as for streamed test data
        return new Evaluation(metrics, info, source, null, null, null, merged.thresholdCurve(), true, null);
    }

    private SparkJob job(SparkSettings settings, DataSource source, List<Path> files, Path work) {
        ModelCard card = verified.card();
        return new SparkJob(
                SparkJob.SCHEMA_VERSION,
                SparkJob.EVALUATE,
                settings.master(),
                settings.sparkConf(),
                settings.partitions(),
                settings.executorWaitSeconds(),
                SparkTraining.executorJars(settings, request.classpath(), work),
                files.stream().map(f -> f.toAbsolutePath().toString()).toList(),
                verified.schema(),
                SparkTraining.dropped(request.exclude(), source),
                card.algorithm(),
                card.options() == null || card.options().isBlank() ? null : card.options(),
                card.seed(),
                verified.bundle().modelFile().toAbsolutePath().toString(),
                work.resolve(SparkDriverProcess.RESULT_FILE).toString(),
                work.toString(),
                trainingClassCounts(card, verified),
                verified.positiveIndex(),
                card.modelSha256());
    }

    /**
     * The training set's rows per class value in class value order, from the card: the priors every partition's
     * evaluation starts from (no metric depends on them); empty for a numeric class.
     */
    static List<Double> trainingClassCounts(ModelCard card, Verified verified) {
        if (!"nominal".equals(card.schema().classType())) {
            return List.of();
        }
        Map<String, Long> counts = card.data() == null || card.data().classDistribution() == null
                ? Map.of()
                : card.data().classDistribution();
        return verified.schema().classSpec().values().stream()
                .map(value -> (double) counts.getOrDefault(value, 0L))
                .toList();
    }

    private static List<ValidationReport.DataRef> refs(
            DataSource source, List<Path> files, List<String> hashes, SparkResult result) {
        if (result.fileRows().size() != files.size()) {
            throw new SparkJobFailedException(
                    "the Spark driver reported rows for " + result.fileRows().size() + " files, but the job had "
                            + files.size() + "; the driver does not fit this plugin version");
        }
        List<String> identities = source.identities();
        List<ValidationReport.DataRef> refs = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            refs.add(new ValidationReport.DataRef(
                    identities.get(i), hashes.get(i), result.fileRows().get(i)));
        }
        return refs;
    }

    /** The partitions' evaluations the driver wrote, in partition order, read through {@link #PARTIALS_FILTER}. */
    static List<PartitionEvaluation> readPartials(SparkResult result) {
        if (result.evaluationFile() == null) {
            throw new SparkJobFailedException(
                    "the Spark driver reported success but named no evaluation file; the driver does not fit this"
                            + " plugin version");
        }
        Path file = Path.of(result.evaluationFile());
        try (InputStream bytes = Files.newInputStream(file);
                ObjectInputStream in = new ObjectInputStream(bytes)) {
            in.setObjectInputFilter(PARTIALS_FILTER);
            Object read = in.readObject();
            List<PartitionEvaluation> partials = new ArrayList<>();
            if (read instanceof List<?> list) {
                for (Object item : list) {
                    if (!(item instanceof PartitionEvaluation partial)) {
                        throw new SparkJobFailedException(file + " holds a " + item + " where a partition's evaluation"
                                + " belongs; the driver does not fit this plugin version");
                    }
                    partials.add(partial);
                }
            }
            if (partials.isEmpty()) {
                throw new SparkJobFailedException(
                        file + " holds no partition's evaluation; the driver does not fit" + " this plugin version");
            }
            return partials;
        } catch (ClassNotFoundException | java.io.InvalidClassException e) {
            throw new SparkJobFailedException("cannot read the partitions' evaluations in " + file + ": " + e
                    + "; the driver does not fit this plugin version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the partitions' evaluations in " + file + ": " + e, e);
        }
    }
}
