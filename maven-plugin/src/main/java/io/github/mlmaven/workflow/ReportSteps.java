package io.github.mlmaven.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.common.AtomicFiles;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.registry.ModelVersion;
import io.github.mlmaven.registry.RegistryDocument;
import io.github.mlmaven.report.Curves;
import io.github.mlmaven.report.HtmlReport;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.runtime.ModelCard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** ml:report: renders report.html from validation.json, curves.json, the card and the registry. */
final class ReportSteps {
    private static final String MONITORING_FILE = "monitoring.json";

    private ReportSteps() {}

    static void report(GoalContext context, MlLog log) {
        String modelName = context.modelName();
        ModelBundle bundle = Registries.bundle(context);
        if (!Files.isRegularFile(bundle.validationFile())) {
            throw new InvalidInputException("no " + bundle.validationFile() + " to report on; run ml:validate first");
        }
        try {
            ValidationReport report =
                    Json.MAPPER.readValue(bundle.validationFile().toFile(), ValidationReport.class);
            Curves curves = Curves.readFrom(bundle.directory()).orElse(null);
            ModelCard card = bundle.readCardIfPresent().orElse(null);
            HtmlReport.History history = history(context, modelName, log);
            Path target = bundle.directory().resolve(HtmlReport.FILE);
            AtomicFiles.writeString(
                    target, HtmlReport.render(report, curves, card, history, monitoring(context, bundle, log)));
            log.info("Wrote the model report " + target);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write " + HtmlReport.FILE + " in " + bundle.directory() + ": " + e.getMessage(), e);
        }
    }

    /**
     * After ml:monitor wrote monitoring.json: report.html again, with its monitoring and drift sections, when there is
     * a validation to report on; without one (a checkout that only monitors) nothing is written.
     */
    static void afterMonitor(GoalContext context, MlLog log) {
        ModelBundle bundle = Registries.bundle(context);
        if (!Files.isRegularFile(bundle.validationFile())) {
            log.info("No " + HtmlReport.FILE + " with the monitoring: there is no " + bundle.validationFile()
                    + " in this build (run ml:validate or ml:report in the same build to get one)");
            return;
        }
        report(context, log);
    }

    /** monitoring.json and the monitoring history, or null when ml:monitor has not run in this build. */
    private static HtmlReport.Monitoring monitoring(GoalContext context, ModelBundle bundle, MlLog log)
            throws IOException {
        Path file = bundle.directory().resolve(MONITORING_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        JsonNode monitoring;
        try {
            monitoring = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(file + " cannot be read (" + e.getMessage() + "); run ml:monitor again", e);
        }
        return new HtmlReport.Monitoring(monitoring, monitoringHistory(context, log));
    }

    /** The monitoring history kept with the registry; null when it cannot be read. */
    private static JsonNode monitoringHistory(GoalContext context, MlLog log) {
        if (context.registry() == null || context.registry().branch() == null) {
            return null;
        }
        try {
            Optional<String> json =
                    Registries.open(context, Goals.debugOnly(log)).readMonitoring(context.modelName());
            return json.isPresent() ? Json.MAPPER.readTree(json.get()) : Json.MAPPER.createObjectNode();
        } catch (IOException | RuntimeException e) {
            log.debug("The report shows this monitoring pass only: the history could not be read: " + e.getMessage());
            return null;
        }
    }

    /** The promoted versions from the registry branch; a registry that cannot be read only leaves a note. */
    private static HtmlReport.History history(GoalContext context, String modelName, MlLog log) {
        if (context.registry() == null || context.registry().branch() == null) {
            return HtmlReport.History.none("no registry is configured");
        }
        try {
            RegistryDocument document =
                    Registries.open(context, Goals.debugOnly(log)).read(modelName);
            List<ModelVersion> promoted = document.promotedVersions();
            if (promoted.isEmpty()) {
                return HtmlReport.History.none("no version of " + modelName + " has been promoted yet");
            }
            String production =
                    document.productionVersion().map(ModelVersion::version).orElse(null);
            return new HtmlReport.History(
                    promoted.stream()
                            .map(v -> new HtmlReport.HistoryPoint(
                                    v.version(),
                                    v.promotedAt(),
                                    v.metrics(),
                                    v.version().equals(production)))
                            .toList(),
                    null);
        } catch (RuntimeException e) {
            log.debug("The report shows no history: the registry could not be read: " + e.getMessage());
            return HtmlReport.History.none("the registry could not be read (" + e.getMessage() + ")");
        }
    }
}
