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
     * After ml:validate (passed or not): a run with the params, metrics and tags of this train+validate.
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

    /** After ml:promote: the model version with the Maven coordinates as its source, and the alias production. */
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
                steps -> steps.logMonitoring(monitoring, context.modelName()));
    }

    /** {@link #afterMonitor(GoalContext, RetryPolicy, MlLog, JsonNode)} with the pass as ml:monitor holds it. */
    public static void afterMonitor(GoalContext context, RetryPolicy retry, MlLog log, MonitoringReport monitoring) {
        afterMonitor(context, retry, log, monitoring == null ? null : Json.MAPPER.<JsonNode>valueToTree(monitoring));
    }

    void logMonitoring(JsonNode monitoring, String modelName) {
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
        String runId = api.createRun(experimentId, data.tags().get("mlflow.runName"), monitored, Map.of());
        List<RunData.Batch> batches = data.batches(runId, monitored);
        api.logBatches(batches);
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
        String runId = api.createRun(experimentId, ValidationRun.runName(card), start, Map.of());
        List<RunData.Batch> batches = data.batches(runId, validated);
        api.logBatches(batches);
        api.finishRun(runId, "FINISHED", Math.max(start, System.currentTimeMillis()));
        String link = Urls.redactUserInfo(settings.trackingUri()) + "/#/experiments/" + experimentId + "/runs/" + runId;
        log.info("Logged " + data.params().size() + " params, " + data.metrics().size() + " metrics and "
                + data.tags().size() + " tags to MLflow run " + runId + " in experiment " + experiment + " ("
                + batches.size() + " log-batch request" + (batches.size() == 1 ? "" : "s") + "): " + link);
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

    void register(ModelBundle bundle, String groupId, String artifactId, String version) {
        ModelCard card = bundle.readCard();
        String name = card.modelName();
        String runId = RunRecord.readFrom(bundle.directory())
                .filter(r -> card.modelSha256().equals(r.modelSha256()))
                .filter(r -> Urls.redactUserInfo(settings.trackingUri()).equals(r.trackingUri()))
                .map(RunRecord::runId)
                .orElse(null);
        api.ensureRegisteredModel(name);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(VERSION_TAG, version);
        tags.put("ml.modelSha256", card.modelSha256());
        if (card.git() != null && card.git().commit() != null) {
            tags.put("mlflow.source.git.commit", card.git().commit());
        }
        String source = "maven:" + groupId + ":" + artifactId + ":" + version;
        String mlflowVersion = api.createModelVersion(name, source, runId, tags);
        api.setAlias(name, PRODUCTION_ALIAS, mlflowVersion);
        if (runId != null) {
            api.setTag(runId, VERSION_TAG, version); // the validation run shows which release it became
        }
        log.info("Registered " + source + " as version " + mlflowVersion + " of the MLflow model " + name
                + (runId == null ? "" : " (run " + runId + ")") + "; alias " + PRODUCTION_ALIAS + " points at it");
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
