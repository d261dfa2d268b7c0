package io.github.mlmaven.monitoring.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.ci.RetryPolicy;
import io.github.mlmaven.common.AtomicFiles;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.common.Urls;
import io.github.mlmaven.monitoring.live.MonitoringReport;
import io.github.mlmaven.report.HtmlReport;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.runtime.ModelCard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The MLflow steps of ml:validate, ml:promote, ml:rollback and ml:monitor, each run after the goal's own work when a tracking URI
 * is configured. A failing MLflow never changes a verdict and never loses a model: it is a warning in the log (and in
 * summary.md after validate), unless {@code ml.monitoring.failOnError} is true, when it is a build error.
 */
public final class MlflowSteps {
    /** The alias that names the production version in MLflow's model registry. */
    public static final String PRODUCTION_ALIAS = "production";
    /** The model-version tag that holds the plugin's version (e.g. 1.3.2); rollback finds MLflow's version by it. */
    public static final String VERSION_TAG = "ml.version";
    /** The model-version tag that holds the promoted Maven coordinates, {@code groupId:artifactId:version}. */
    public static final String COORDINATES_TAG = "ml.maven.coordinates";
    /** The artifact folder of a run that holds the model file and its card; model versions point at it. */
    public static final String MODEL_FOLDER = "model";

    public static final String FAIL_ON_ERROR_PROPERTY = "ml.monitoring.failOnError";

    /** Three attempts, waiting 1 then 2 seconds; no wait longer than 10 s. */
    static final RetryPolicy RETRY =
            new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(10), d -> Thread.sleep(d.toMillis()));

    private final MlflowSettings settings;
    private final MlflowApi api;
    private final MlLog log;

    MlflowSteps(MlflowSettings settings, MlflowApi api, MlLog log) {
        this.settings = settings;
        this.api = api;
        this.log = log;
    }

    /** Opens a client for the settings, runs {@code step}, closes it; failures as described above. */
    private static void run(
            GoalContext context, RetryPolicy retry, MlLog log, String what, ModelBundle summaryOf, Step step) {
        MlflowSettings settings = MlflowSettings.from(context);
        if (settings == null) {
            return;
        }
        String agent = "ml-maven-plugin/" + (context.pluginVersion() == null ? "dev" : context.pluginVersion());
        try (MlflowClient client = new MlflowClient(settings, agent, retry == null ? RETRY : retry, log)) {
            step.run(new MlflowSteps(settings, new MlflowApi(client, log), log));
        } catch (MlflowException e) {
            failed(settings, what, e, log, summaryOf);
        } catch (RuntimeException e) { // whatever else goes wrong here, the model and the verdict stand
            failed(settings, what, new MlflowException(String.valueOf(e.getMessage()), -1, null, e), log, summaryOf);
        }
    }

    @FunctionalInterface
    interface Step {
        void run(MlflowSteps steps);
    }

    /**
     * After ml:validate (passed or not): a run with the params, metrics and tags of this train+validate, and the model
     * file, its card, validation.json, report.html and summary.md as its artifacts.
     *
     * @param retry how MLflow is retried; null for three attempts, waiting 1 then 2 seconds
     */
    public static void afterValidate(GoalContext context, RetryPolicy retry, MlLog log) {
        ModelBundle bundle = bundle(context);
        run(
                context,
                retry,
                log,
                "log the validation of " + context.modelName() + " to MLflow",
                bundle,
                steps -> steps.logValidation(bundle));
    }

    /**
     * After ml:promote: a model version from the run that holds the model file (the validation run, or one of
     * ml:promote's own), tagged with the Maven coordinates, and the alias production on it.
     */
    public static void afterPromote(
            GoalContext context, String groupId, String artifactId, String version, RetryPolicy retry, MlLog log) {
        ModelBundle bundle = bundle(context);
        run(
                context,
                retry,
                log,
                "register " + context.modelName() + " " + version + " in MLflow",
                null,
                steps -> steps.register(bundle, groupId, artifactId, version));
    }

    /** After ml:rollback: the alias production moved to the MLflow version registered for the rolled-back version. */
    public static void afterRollback(GoalContext context, String version, RetryPolicy retry, MlLog log) {
        run(
                context,
                retry,
                log,
                "move the MLflow alias production of " + context.modelName() + " to " + version,
                null,
                steps -> steps.moveProduction(context.modelName(), version == null ? "" : version.strip()));
    }

    /**
     * After ml:monitor: a run in the model's monitoring experiment ({@code <experiment>-monitoring}, the experiment
     * being {@code <mlflow><experiment>} or the model name) with the figures of {@code monitoring} (monitoring.json as
     * written), tagged with the production version and, when MLflow's registry has that version, its MLflow version.
     * Failures as for the other steps, without a line in summary.md, which belongs to the validation.
     */
    public static void afterMonitor(GoalContext context, RetryPolicy retry, MlLog log, JsonNode monitoring) {
        if (monitoring == null) {
            return;
        }
        run(
                context,
                retry,
                log,
                "log the monitoring of " + context.modelName() + " to MLflow",
                null,
                steps -> steps.logMonitoring(
                        monitoring,
                        context.modelName(),
                        context.modelDirectory().resolve(MonitoringReport.FILE)));
    }

    /** {@link #afterMonitor(GoalContext, RetryPolicy, MlLog, JsonNode)} with the pass as ml:monitor holds it. */
    public static void afterMonitor(GoalContext context, RetryPolicy retry, MlLog log, MonitoringReport monitoring) {
        afterMonitor(context, retry, log, monitoring == null ? null : Json.MAPPER.<JsonNode>valueToTree(monitoring));
    }

    void logMonitoring(JsonNode monitoring, String modelName, Path monitoringFile) {
        RunData data = MonitoringRun.of(monitoring, modelName);
        String model = data.tags().get("ml.modelName");
        String version = data.tags().get(VERSION_TAG);
        if (version != null) {
            try {
                // the link a user follows from the model version's page: its MLflow version number
                api.findVersionByTag(model, VERSION_TAG, version)
                        .ifPresent(v -> data.tag("ml.registeredModelVersion", v));
            } catch (MlflowException e) {
                if (e.status() >= 500 || e.status() < 0) {
                    throw e; // the server is out, not only its registry: the run would not be logged either
                }
                // a tracking server without a model registry, or one that refuses the search: the run stands alone
                log.debug("Could not look up the MLflow version of " + model + " " + version + ": " + e.getMessage());
            }
        }
        String experiment = MonitoringRun.experiment(settings.experiment() == null ? model : settings.experiment());
        String experimentId = api.experimentId(experiment);
        long now = System.currentTimeMillis();
        long monitored = millis(monitoring.path("monitoredAt").asText(null), now);
        MlflowApi.Run run = api.createRun(experimentId, data.tags().get("mlflow.runName"), monitored, Map.of());
        String runId = run.runId();
        List<RunData.Batch> batches = data.batches(runId, monitored);
        api.logBatches(batches);
        uploadArtifacts(run, artifacts(Map.of(MonitoringReport.FILE, monitoringFile)), "monitoring.json");
        api.finishRun(runId, "FINISHED", Math.max(monitored, now));
        String link = Urls.redactUserInfo(settings.trackingUri()) + "/#/experiments/" + experimentId + "/runs/" + runId;
        log.info("Logged the monitoring of " + model + " " + (version == null ? "" : version + " ") + "("
                + data.metrics().size() + " metrics) to MLflow run " + runId + " in experiment " + experiment + ": "
                + link);
    }

    void logValidation(ModelBundle bundle) {
        ModelCard card = bundle.readCard();
        ValidationReport report;
        try {
            report = Json.MAPPER.readValue(bundle.validationFile().toFile(), ValidationReport.class);
        } catch (IOException e) {
            throw new MlflowException(
                    bundle.validationFile() + " cannot be read (" + e.getMessage() + "); nothing was logged",
                    -1,
                    null,
                    e);
        }
        RunData data = ValidationRun.of(card, report);
        for (String key : data.truncated()) {
            log.warn("The MLflow param " + key + " is longer than " + RunData.MAX_PARAM_VALUE
                    + " characters and was cut; the model card holds it whole");
        }
        String experiment = settings.experiment() == null ? card.modelName() : settings.experiment();
        String experimentId = api.experimentId(experiment);
        long start = millis(card.trainedAt(), System.currentTimeMillis());
        long validated = millis(report.validatedAt(), System.currentTimeMillis());
        MlflowApi.Run run = api.createRun(experimentId, ValidationRun.runName(card), start, Map.of());
        String runId = run.runId();
        List<RunData.Batch> batches = data.batches(runId, validated);
        api.logBatches(batches);
        Map<String, Path> files = modelArtifacts(bundle);
        files.put(ModelBundle.VALIDATION_FILE, bundle.validationFile());
        files.put(HtmlReport.FILE, bundle.directory().resolve(HtmlReport.FILE));
        files.put(ModelBundle.SUMMARY_FILE, bundle.summaryFile());
        int uploaded = uploadArtifacts(run, artifacts(files), "the model file and its card");
        api.finishRun(runId, "FINISHED", Math.max(start, System.currentTimeMillis()));
        String link = Urls.redactUserInfo(settings.trackingUri()) + "/#/experiments/" + experimentId + "/runs/" + runId;
        log.info("Logged " + data.params().size() + " params, " + data.metrics().size() + " metrics and "
                + data.tags().size() + " tags to MLflow run " + runId + " in experiment " + experiment + " ("
                + batches.size() + " log-batch request" + (batches.size() == 1 ? "" : "s") + ", " + uploaded
                + " artifact" + (uploaded == 1 ? "" : "s") + "): " + link);
        try {
            new RunRecord(
                            RunRecord.CURRENT_SCHEMA_VERSION,
                            Urls.redactUserInfo(settings.trackingUri()),
                            experimentId,
                            runId,
                            card.modelSha256())
                    .writeTo(bundle.directory());
        } catch (IOException e) {
            log.warn("Could not write " + RunRecord.FILE + " (" + e.getMessage() + "); ml:promote will register the"
                    + " model version without a link to run " + runId);
        }
        appendToSummary(bundle, "MLflow: run [" + runId + "](" + link + ") in experiment `" + experiment + "`.", log);
    }

    /**
     * Registers the promoted model as a version of the MLflow model: its source is the {@code model} folder of a run
     * that holds the exact model file (MLflow refuses any other source), the validation run when it is this model's
     * and its artifacts were uploaded, else a run of ml:promote's own; the Maven coordinates are a tag and the
     * description.
     */
    void register(ModelBundle bundle, String groupId, String artifactId, String version) {
        ModelCard card = bundle.readCard();
        String name = card.modelName();
        String modelArtifact = MODEL_FOLDER + "/" + bundle.modelFile().getFileName();
        String validationRun = RunRecord.readFrom(bundle.directory())
                .filter(r -> card.modelSha256().equals(r.modelSha256()))
                .filter(r -> Urls.redactUserInfo(settings.trackingUri()).equals(r.trackingUri()))
                .map(RunRecord::runId)
                .filter(r -> holds(r, modelArtifact))
                .orElse(null);
        String runId = validationRun != null ? validationRun : logPromotion(bundle, card, version);
        api.ensureRegisteredModel(name);
        String coordinates = groupId + ":" + artifactId + ":" + version;
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(VERSION_TAG, version);
        tags.put("ml.modelSha256", card.modelSha256());
        if (card.git() != null && card.git().commit() != null) {
            tags.put("mlflow.source.git.commit", card.git().commit());
        }
        tags.put(COORDINATES_TAG, coordinates);
        String source = "runs:/" + runId + "/" + MODEL_FOLDER;
        String description = "Promoted as maven " + coordinates + " by ml-maven-plugin (model SHA-256 "
                + card.modelSha256() + "); the same model file is in the Maven repository.";
        String mlflowVersion = api.createModelVersion(name, source, runId, tags, description);
        api.setAlias(name, PRODUCTION_ALIAS, mlflowVersion);
        if (validationRun != null) {
            api.setTag(validationRun, VERSION_TAG, version); // the validation run shows which release it became
        }
        log.info("Registered " + coordinates + " as version " + mlflowVersion + " of the MLflow model " + name
                + " (source " + source + (validationRun == null ? ", a run of ml:promote" : ", the validation run")
                + "); alias " + PRODUCTION_ALIAS + " points at it");
    }

    /** True when run {@code runId} holds the artifact {@code path}; false when MLflow does not know the run. */
    private boolean holds(String runId, String path) {
        try {
            return api.listArtifacts(runId, MODEL_FOLDER).contains(path);
        } catch (MlflowException e) {
            if (e.status() >= 500 || e.status() < 0) {
                throw e; // the server is out: registering would fail as well
            }
            // a deleted run, a server that serves no artifacts: ml:promote logs a run of its own
            log.debug("Could not list the artifacts of MLflow run " + runId + ": " + e.getMessage());
            return false;
        }
    }

    /**
     * A run of ml:promote in the model's experiment, holding the model file and its card, for a model whose validation
     * was not logged to this server (MLflow was configured after ml:validate, or the run lost its artifacts).
     */
    private String logPromotion(ModelBundle bundle, ModelCard card, String version) {
        String experiment = settings.experiment() == null ? card.modelName() : settings.experiment();
        String experimentId = api.experimentId(experiment);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("mlflow.source.type", "JOB");
        tags.put("ml.modelName", card.modelName());
        tags.put("ml.modelSha256", card.modelSha256());
        tags.put(VERSION_TAG, version);
        if (card.git() != null && card.git().commit() != null) {
            tags.put("mlflow.source.git.commit", card.git().commit());
        }
        long now = System.currentTimeMillis();
        MlflowApi.Run run = api.createRun(experimentId, card.modelName() + "-" + version + "-promote", now, tags);
        uploadArtifacts(run, artifacts(modelArtifacts(bundle)), "the model file and its card");
        api.finishRun(run.runId(), "FINISHED", System.currentTimeMillis());
        log.info("Logged MLflow run " + run.runId() + " in experiment " + experiment + " with the model file of "
                + card.modelName() + " " + version + " (no validation run of this model on the server to register"
                + " from)");
        return run.runId();
    }

    /** The model file and its card, under {@code model/}. */
    private static Map<String, Path> modelArtifacts(ModelBundle bundle) {
        Map<String, Path> files = new LinkedHashMap<>();
        files.put(MODEL_FOLDER + "/" + bundle.modelFile().getFileName(), bundle.modelFile());
        files.put(MODEL_FOLDER + "/" + ModelBundle.CARD_FILE, bundle.cardFile());
        return files;
    }

    /** The files of {@code candidates} that exist, in order. */
    private static Map<String, Path> artifacts(Map<String, Path> candidates) {
        Map<String, Path> present = new LinkedHashMap<>();
        candidates.forEach((path, file) -> {
            if (Files.isRegularFile(file)) {
                present.put(path, file);
            }
        });
        return present;
    }

    /**
     * Uploads {@code files} (artifact path to file) to the run through the server's proxied artifact API; returns
     * how many. A run whose artifacts the server does not serve (started with --no-serve-artifacts, or an experiment
     * with an s3:// or file location) gets none, with one warning: the plugin has no credentials for that store.
     */
    private int uploadArtifacts(MlflowApi.Run run, Map<String, Path> files, String what) {
        if (!run.proxiedArtifacts()) {
            log.warn("MLflow run " + run.runId()
                    + (run.artifactUri() == null
                            ? " names no artifact URI"
                            : " keeps its artifacts at " + Urls.redactAll(run.artifactUri()))
                    + ", not on the tracking server: " + what + " were not uploaded; start the server with"
                    + " --serve-artifacts (the default) so that the plugin can upload through it");
            return 0;
        }
        files.forEach((path, file) -> api.uploadArtifact(run, path, file));
        return files.size();
    }

    void moveProduction(String name, String version) {
        Optional<String> mlflowVersion = api.findVersionByTag(name, VERSION_TAG, version);
        if (mlflowVersion.isEmpty()) {
            log.warn("Version " + version + " of " + name + " was never registered in MLflow (no model version"
                    + " tagged " + VERSION_TAG + "=" + version + "); the MLflow alias " + PRODUCTION_ALIAS
                    + " was left where it is");
            return;
        }
        api.setAlias(name, PRODUCTION_ALIAS, mlflowVersion.get());
        log.info("Moved the MLflow alias " + PRODUCTION_ALIAS + " of " + name + " to version " + mlflowVersion.get()
                + " (" + version + ")");
    }

    /**
     * A failed MLflow step: a warning, and a line in summary.md when there is one, or with failOnError a build error
     * (INVALID_INPUT becomes a MojoExecutionException).
     */
    static void failed(MlflowSettings settings, String what, MlflowException e, MlLog log, ModelBundle summaryOf) {
        // the server's answer may quote the URL it was sent to; the message goes into summary.md
        String message = Urls.redactAll("Could not " + what + ": " + e.getMessage());
        if (settings.failOnError()) {
            throw new InvalidInputException(
                    message + " (the build fails because " + FAIL_ON_ERROR_PROPERTY + " is true)", e);
        }
        log.warn(message + ". The build's result is unaffected; set -D" + FAIL_ON_ERROR_PROPERTY
                + "=true to fail it instead");
        if (summaryOf != null) {
            appendToSummary(
                    summaryOf, "> **Warning:** " + message.replace("\n", " ") + " (the verdict above stands).", log);
        }
    }

    private static ModelBundle bundle(GoalContext context) {
        return new ModelBundle(context.modelDirectory(), context.modelName());
    }

    private static long millis(String instant, long fallback) {
        try {
            return instant == null ? fallback : Instant.parse(instant).toEpochMilli();
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    /** Adds a paragraph to summary.md; the summary stands without it. */
    static void appendToSummary(ModelBundle bundle, String line, MlLog log) {
        Path summary = bundle.summaryFile();
        try {
            if (Files.isRegularFile(summary)) {
                String text = Files.readString(summary, StandardCharsets.UTF_8);
                AtomicFiles.writeString(summary, text + (text.endsWith("\n") ? "" : "\n") + "\n" + line + "\n");
            }
        } catch (IOException e) {
            log.debug("Could not add to " + summary + ": " + e);
        }
    }
}
