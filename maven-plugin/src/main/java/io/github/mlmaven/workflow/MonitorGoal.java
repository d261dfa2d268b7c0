package io.github.mlmaven.workflow;

import io.github.mlmaven.api.ArtifactRepository;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.MonitorParameters;
import io.github.mlmaven.artifact.ChampionLoader;
import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.ci.GitHubEnvironment;
import io.github.mlmaven.ci.GitHubOutputs;
import io.github.mlmaven.ci.RetryPolicy;
import io.github.mlmaven.common.GateFailedException;
import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.DataSource;
import io.github.mlmaven.data.DataSources;
import io.github.mlmaven.data.ProductionData;
import io.github.mlmaven.data.SourceSpec;
import io.github.mlmaven.evaluation.MetricName;
import io.github.mlmaven.monitoring.drift.ColumnDrift;
import io.github.mlmaven.monitoring.drift.DataProfile;
import io.github.mlmaven.monitoring.drift.DriftAnalysis;
import io.github.mlmaven.monitoring.drift.DriftReport;
import io.github.mlmaven.monitoring.drift.DriftSettings;
import io.github.mlmaven.monitoring.live.DecayResult;
import io.github.mlmaven.monitoring.live.DecayRules;
import io.github.mlmaven.monitoring.live.MonitoringHistory;
import io.github.mlmaven.monitoring.live.MonitoringReport;
import io.github.mlmaven.monitoring.mlflow.MlflowSteps;
import io.github.mlmaven.monitoring.prometheus.PrometheusSteps;
import io.github.mlmaven.registry.GitModelRegistry;
import io.github.mlmaven.registry.ModelVersion;
import io.github.mlmaven.registry.RegistryDocument;
import io.github.mlmaven.registry.RegistryException;
import io.github.mlmaven.retrain.ProductionModel;
import io.github.mlmaven.runtime.BundleLayout;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.runtime.SafeModelReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * ml:monitor: finds the production version in the registry, resolves its promoted jar and loads the model through the
 * verified path, measures it on the rows that came after its training data ({@link LiveRows}), judges the
 * {@code <decay>} rules and compares the rows with the training-data profile; then writes monitoring.json and appends
 * the pass to the history kept with the registry. It never changes the production pointer: the registry's model
 * documents are only read.
 */
final class MonitorGoal {
    private final MlLog log;
    private final ArtifactRepository repository;
    private final RetryPolicy mlflowRetry;

    /** @param mlflowRetry how MLflow is retried; null for the standard policy */
    MonitorGoal(MlLog log, ArtifactRepository repository, RetryPolicy mlflowRetry) {
        this.log = log;
        this.repository = repository;
        this.mlflowRetry = mlflowRetry;
    }

    void run(MonitorParameters p) {
        GoalContext c = p.context();
        // every mistake in the configuration before the registry, the jar or a row is touched
        DecayRules rules = DecayRules.parse(p.decayMaxDrop(), p.decayMinLabelledRows(), p.decayFailBuild());
        DriftSettings driftSettings = driftSettings(p);
        SourceSpec monitorData =
                p.monitorData() == null || p.monitorData().isEmpty() ? null : SourceSpec.files(p.monitorData());
        // a pass that stops half-way must not leave the previous pass's figures looking current
        remove(c.modelDirectory().resolve(MonitoringReport.FILE));

        GitModelRegistry registry = Registries.open(c, log);
        RegistryDocument document;
        try {
            document = registry.read(c.modelName());
        } catch (RegistryException e) {
            String why = e.reason() == RegistryException.Reason.NOT_A_REPOSITORY
                    ? "the project is not in a git repository, so there is no model registry"
                    : "the model registry cannot be read (" + e.getMessage() + ")";
            log.warn("Not monitoring " + c.modelName() + ": " + why + ". Without it the production version is"
                    + " unknown, so nothing was measured and the model is not judged degraded");
            noOutcome(p);
            return;
        }
        Optional<ModelVersion> production = document.productionVersion();
        if (production.isEmpty()) {
            log.warn("No production version of " + c.modelName() + " in the registry (branch "
                    + c.registry().branch() + "): nothing to monitor. ml:promote a model first");
            noOutcome(p);
            return;
        }
        ModelVersion version = production.get();
        Path jar = resolve(version);
        ChampionLoader.Loaded loaded = ChampionLoader.load(
                jar,
                c.modelName(),
                version.modelSha256(),
                MonitorGoal.class.getClassLoader(),
                SafeModelReader.loadedFrom(c.classpath()));
        ModelCard card = loaded.card();
        log.info("Monitoring production " + c.modelName() + " " + version.version() + " (" + jar + ")");

        LiveRows.Rows rows = readRows(c, monitorData, version, jar, card);
        LiveRows.Scored scored = LiveRows.score(loaded.classifier(), card, rows);
        MonitoringReport report = report(c, version, card, rules, driftSettings, jar, rows, scored);
        report.writeTo(c.modelDirectory());
        logReport(report, rows);
        record(registry, report);
        // published before the verdict, so that a build failed on decay still shows it everywhere
        PrometheusSteps.afterMonitor(c, log, report);
        MlflowSteps.afterMonitor(c, mlflowRetry, log, report);
        ReportSteps.afterMonitor(c, log);
        GitHubOutputs.appendMonitorOutputs(
                GitHubEnvironment.from(p.github()), report.degraded(), report.datasetDrift(), log);
        verdict(report, rules, p.driftFailBuild());
    }

    /** A pass that measured nothing tells a workflow that nothing needs retraining. */
    private void noOutcome(MonitorParameters p) {
        GitHubOutputs.appendMonitorOutputs(GitHubEnvironment.from(p.github()), false, false, log);
    }

    private Path resolve(ModelVersion version) {
        String coordinates = version.groupId() + ":" + version.artifactId() + ":" + version.version();
        try {
            return repository.resolve(version.groupId(), version.artifactId(), version.version());
        } catch (ArtifactRepository.RepositoryException e) {
            throw new InvalidInputException(
                    "the registry names " + coordinates + " as the production model, but it cannot be resolved ("
                            + e.getMessage() + "); check the repositories the build resolves from",
                    e);
        }
    }

    /** The current rows: all of {@code <monitorData>}, or those of the training data production was not trained on. */
    private LiveRows.Rows readRows(
            GoalContext c, SourceSpec monitorData, ModelVersion version, Path jar, ModelCard card) {
        ProductionData productionData = monitorData != null
                ? ProductionData.NONE
                : new PublishedSnapshots(
                        log,
                        repository,
                        version.groupId(),
                        version.artifactId(),
                        new ProductionModel("found", version.version(), jar, version.modelSha256(), null),
                        c.modelName());
        String parameter = monitorData != null ? "monitorData" : "trainingData";
        DataSource source = DataSources.open(
                DataSource.Context.of(c.basedir(), c.modelDirectory(), log)
                        .withProduction(productionData)
                        .withExclude(c.exclude()),
                monitorData != null ? monitorData : JdbcSources.source(parameter, c.trainingData(), c.trainingJdbc()),
                parameter);
        return LiveRows.read(source, card, version.version(), monitorData == null, log);
    }

    private MonitoringReport report(
            GoalContext c,
            ModelVersion version,
            ModelCard card,
            DecayRules rules,
            DriftSettings driftSettings,
            Path jar,
            LiveRows.Rows rows,
            LiveRows.Scored scored) {
        List<String> notes = new ArrayList<>();
        Map<String, Double> promotion = new LinkedHashMap<>(version.metrics());
        if (promotion.isEmpty()) {
            promotion.putAll(validatedMetrics(jar, c.modelName()));
        }
        if (promotion.isEmpty()) {
            notes.add("neither the registry nor the promoted jar records metrics for " + version.version()
                    + ", so no decay rule can judge");
        }
        if (rows.newRows() == 0) {
            notes.add("no new rows since production " + version.version() + " was trained");
        } else if (rows.labelled().numInstances() == 0) {
            notes.add("none of the " + rows.newRows() + " new rows is labelled, so no live metric is measured");
        }
        List<DecayResult> decay = rules.judge(
                MetricName.ClassType.of(card.schema().classType()),
                promotion,
                scored.liveMetrics(),
                rows.labelled().numInstances());
        String degradedReason = DecayRules.describe(decay);

        DriftReport drift = null;
        ColumnDrift predictionDrift = null;
        Optional<DataProfile> profile = DataProfile.readFromJar(jar, c.modelName());
        if (profile.isEmpty()) {
            String note = "production " + version.version() + " was promoted without a training-data profile ("
                    + DataProfile.FILE + "; models trained before ml:monitor existed have none), so data drift is"
                    + " not measured: it will be once a newer model is promoted";
            log.warn(note);
            notes.add(note);
        } else if (rows.newRows() > 0) {
            drift = DriftAnalysis.compare(profile.get(), rows.current(), driftSettings);
            if (!scored.predictedClassCounts().isEmpty()) {
                predictionDrift =
                        DriftAnalysis.predictionDrift(profile.get(), scored.predictedClassCounts(), driftSettings);
            }
        }
        return new MonitoringReport(
                MonitoringReport.CURRENT_SCHEMA_VERSION,
                c.modelName(),
                version.version(),
                version.modelSha256(),
                Registries.now().toString(),
                rows.newRows(),
                rows.labelled().numInstances(),
                rows.unseenClassRows(),
                promotion,
                scored.liveMetrics(),
                decay,
                degradedReason != null,
                degradedReason,
                drift,
                predictionDrift,
                notes.isEmpty() ? null : String.join("; ", notes));
    }

    /**
     * The metrics of the validation packed in the promoted jar: the figures at promotion when the registry recorded
     * none (an entry written by hand, or an older plugin). A jar without one gives none.
     */
    private static Map<String, Double> validatedMetrics(Path jar, String modelName) {
        String entryName = BundleLayout.directory(modelName) + ModelBundle.VALIDATION_FILE;
        Map<String, Double> metrics = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(entryName);
            if (entry == null) {
                return metrics;
            }
            try (InputStream in = zip.getInputStream(entry)) {
                Json.MAPPER.readTree(in).path("metrics").fields().forEachRemaining(field -> {
                    if (field.getValue().isNumber()
                            && Double.isFinite(field.getValue().asDouble())) {
                        metrics.put(field.getKey(), field.getValue().asDouble());
                    }
                });
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + entryName + " from " + jar + ": " + e.getMessage(), e);
        }
        return metrics;
    }

    private void logReport(MonitoringReport report, LiveRows.Rows rows) {
        log.info(String.format(
                Locale.ROOT,
                "%,d new rows since production %s, %,d of them labelled with a class the model knows",
                report.newRows(),
                report.productionVersion(),
                report.newLabelledRows()));
        for (DecayResult r : report.decay()) {
            log.info("Decay rule " + r.metric() + ": " + r.status() + " (live " + figure(r.live()) + ", at promotion "
                    + figure(r.promotion()) + ", maxDrop " + r.maxDrop() + ", minLabelledRows " + r.minRows() + ")");
        }
        if (report.degraded()) {
            log.warn("Production " + report.modelName() + " " + report.productionVersion() + " is degraded: "
                    + report.degradedReason());
        }
        if (report.drift() != null) {
            DriftReport d = report.drift();
            String drifted = d.attributes().stream()
                    .filter(ColumnDrift::drifted)
                    .map(a -> a.attribute() + " (" + a.test() + " " + figure(a.score()) + ")")
                    .collect(Collectors.joining(", "));
            String line = String.format(
                    Locale.ROOT,
                    "Data drift: %d of %d attributes drifted%s; data set drift %s (share %s)",
                    d.driftedColumns(),
                    d.columns(),
                    drifted.isEmpty() ? "" : ": " + drifted,
                    d.datasetDrift() ? "detected" : "not detected",
                    d.driftShare());
            if (d.datasetDrift()) {
                log.warn(line);
            } else {
                log.info(line);
            }
        }
        if (report.predictionDrift() != null && report.predictionDrift().drifted()) {
            log.warn("The predicted class distribution drifted from the training labels' ("
                    + report.predictionDrift().test() + " "
                    + figure(report.predictionDrift().score()) + ")");
        }
    }

    private static String figure(Double value) {
        return value == null || value.isNaN() ? "undefined" : String.format(Locale.ROOT, "%.4f", value);
    }

    /**
     * Appends the pass to the history on the registry branch. A registry that cannot be written is a warning: the pass
     * was measured and monitoring.json holds it; only the trend misses it.
     */
    private void record(GitModelRegistry registry, MonitoringReport report) {
        MonitoringHistory.Entry entry = MonitoringHistory.Entry.of(report);
        String message = "monitor " + report.modelName() + " " + report.productionVersion() + ": "
                + (report.degraded() ? "degraded" : "not degraded")
                + (report.drift() == null ? "" : report.datasetDrift() ? ", data drift" : ", no data drift");
        try {
            registry.updateMonitoring(
                    report.modelName(),
                    json -> MonitoringHistory.fromJson(json, report.modelName())
                            .append(entry)
                            .toJson(),
                    message);
        } catch (InvalidInputException e) {
            log.warn("The monitoring history could not be recorded in the registry (" + e.getMessage() + "); "
                    + MonitoringReport.FILE + " holds this pass, but the trend and <retrainWhen><degraded/> miss it");
        }
    }

    /** A degraded model or drifted data fails the build only when configured to; otherwise the warnings above stand. */
    private static void verdict(MonitoringReport report, DecayRules rules, boolean driftFailBuild) {
        List<String> failures = new ArrayList<>();
        if (report.degraded() && rules.failBuild()) {
            failures.add("production " + report.modelName() + " " + report.productionVersion() + " is degraded: "
                    + report.degradedReason());
        }
        if (report.datasetDrift() && driftFailBuild) {
            failures.add("the data drifted from production " + report.productionVersion() + "'s training data ("
                    + report.drift().driftedColumns() + " of " + report.drift().columns() + " attributes: "
                    + String.join(", ", report.driftedAttributes()) + ")");
        }
        if (!failures.isEmpty()) {
            throw new GateFailedException(String.join("; ", failures) + " (see " + MonitoringReport.FILE + ")");
        }
    }

    /** {@code <drift>} parsed: the numbers here, the rest checked by {@link DriftSettings}, naming each element. */
    static DriftSettings driftSettings(MonitorParameters p) {
        double share = p.driftShare() == null || p.driftShare().isBlank()
                ? DriftSettings.DEFAULT_DRIFT_SHARE
                : number(p.driftShare(), "drift/share");
        Map<String, Double> thresholds = new LinkedHashMap<>();
        if (p.driftThresholds() != null) {
            p.driftThresholds()
                    .forEach((attribute, value) ->
                            thresholds.put(attribute, number(value, "drift/thresholds/" + attribute)));
        }
        return new DriftSettings(share, p.driftTests() == null ? Map.of() : p.driftTests(), thresholds, null, null);
    }

    private static double number(String text, String element) {
        try {
            double value = Double.parseDouble(text == null ? "" : text.strip());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new InvalidConfigurationException(
                element, "<" + element.replace("/", "><") + "> is '" + text + "', which is not a number");
    }

    private static void remove(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file + ": " + e.getMessage(), e);
        }
    }
}
