package io.github.mlmaven.workflow;

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
import java.util.Map;

/** ml:report (issue 5 §5): renders report.html from validation.json, curves.json, the card and the registry. */
final class ReportSteps {
    private ReportSteps() {}

    static void report(Map<String, Object> p, MlLog log) {
        String modelName = (String) p.get("modelName");
        ModelBundle bundle =
                new ModelBundle(Path.of((String) p.get("outputDirectory")).resolve(modelName), modelName);
        if (!Files.isRegularFile(bundle.validationFile())) {
            throw new InvalidInputException("no " + bundle.validationFile() + " to report on; run ml:validate first");
        }
        try {
            ValidationReport report =
                    Json.MAPPER.readValue(bundle.validationFile().toFile(), ValidationReport.class);
            Curves curves = Curves.readFrom(bundle.directory()).orElse(null);
            ModelCard card = bundle.readCardIfPresent().orElse(null);
            HtmlReport.History history = history(p, modelName, log);
            Path target = bundle.directory().resolve(HtmlReport.FILE);
            AtomicFiles.writeString(target, HtmlReport.render(report, curves, card, history));
            log.info("Wrote the model report " + target);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write " + HtmlReport.FILE + " in " + bundle.directory() + ": " + e.getMessage(), e);
        }
    }

    /** The promoted versions from the registry branch; a registry that cannot be read only leaves a note. */
    private static HtmlReport.History history(Map<String, Object> p, String modelName, MlLog log) {
        if (p.get("registryBranch") == null) {
            return HtmlReport.History.none("no registry is configured");
        }
        try {
            RegistryDocument document =
                    RegistrySteps.registry(p, debugOnly(log)).read(modelName);
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

    private static MlLog debugOnly(MlLog log) {
        return new MlLog() {
            @Override
            public void info(String message) {
                log.debug(message);
            }

            @Override
            public void warn(String message) {
                log.debug(message);
            }

            @Override
            public void debug(String message) {
                log.debug(message);
            }
        };
    }
}
