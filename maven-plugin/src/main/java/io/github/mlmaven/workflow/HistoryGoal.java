package io.github.mlmaven.workflow;

import io.github.mlmaven.api.HistoryParameters;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.evaluation.MetricName;
import io.github.mlmaven.registry.GitModelRegistry;
import io.github.mlmaven.registry.ModelVersion;
import io.github.mlmaven.registry.RegistryDocument;
import io.github.mlmaven.registry.RegistryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** ml:history: the promotion history of the model as a table in the log, with what stopped promotions left behind. */
final class HistoryGoal {
    private static final List<String> KEY_METRICS = MetricName.keyMetrics();

    private HistoryGoal() {}

    /** The promotion history of the model as a table in the log. */
    static void run(HistoryParameters parameters, MlLog log) {
        GitModelRegistry registry = Registries.open(parameters.context(), log);
        String modelName = parameters.context().modelName();
        RegistryDocument document = registry.read(modelName);
        if (document.versions().isEmpty()) {
            log.info("No version of " + modelName + " has been promoted yet (" + registry.location() + ")");
            PromotionSteps.reportUnfinished(registry, document, log);
            return;
        }
        log.info("Model " + modelName + " (" + registry.location() + "), production: "
                + document.productionVersion().map(ModelVersion::version).orElse("none"));
        log.info(String.format(
                Locale.ROOT,
                "  %-3s %-10s %-9s %-24s %-18s %-10s %s",
                "",
                "version",
                "status",
                "time",
                "approver",
                "commit",
                "metrics"));
        for (ModelVersion v : document.versions()) {
            String metrics = v.metrics() == null
                    ? ""
                    : KEY_METRICS.stream()
                            .filter(m -> v.metrics().get(m) != null)
                            .limit(4)
                            .map(m -> String.format(
                                    Locale.ROOT, "%s=%.4f", m, v.metrics().get(m)))
                            .collect(Collectors.joining(" "));
            String time = v.promotedAt() != null ? v.promotedAt() : v.reservedAt();
            log.info(String.format(
                    Locale.ROOT,
                    "  %-3s %-10s %-9s %-24s %-18s %-10s %s",
                    v.version().equals(document.production()) ? "*" : "",
                    v.version(),
                    v.status().name().toLowerCase(Locale.ROOT),
                    time == null ? "" : time,
                    v.approver() == null ? "" : v.approver(),
                    v.sourceCommit() == null
                            ? ""
                            : v.sourceCommit()
                                    .substring(0, Math.min(10, v.sourceCommit().length())),
                    metrics));
        }
        List<String> notes = versionNotes(document);
        if (!notes.isEmpty()) {
            log.info("Notes:");
            notes.forEach(note -> log.info("  " + note));
        }
        log.info("Events, oldest first:");
        for (RegistryEvent event : document.events()) {
            log.info("  " + (event.at() == null ? "" : event.at() + " ") + event.describe(modelName));
        }
        PromotionSteps.reportUnfinished(registry, document, log);
    }

    /**
     * What the table does not show: versions promoted from uncommitted changes, and how a version differs from an
     * earlier one of the same source commit (one commit gives several versions only when something tells them apart).
     */
    static List<String> versionNotes(RegistryDocument document) {
        List<String> notes = new ArrayList<>();
        List<ModelVersion> versions = document.versions();
        for (int i = 0; i < versions.size(); i++) {
            ModelVersion v = versions.get(i);
            if (v.fromUncommittedChanges()) {
                notes.add(v.version() + ": trained from a working tree with uncommitted changes (promoted with"
                        + " allowDirty); commit " + shortCommit(v.sourceCommit()) + " does not hold exactly its code");
            }
            for (int j = i - 1; j >= 0; j--) {
                ModelVersion earlier = versions.get(j);
                if (earlier.sourceCommit() == null || !earlier.sourceCommit().equals(v.sourceCommit())) {
                    continue;
                }
                String how = earlier.training() == null || v.training() == null
                        ? "the model differs (SHA-256 " + shortCommit(earlier.modelSha256()) + " -> "
                                + shortCommit(v.modelSha256()) + "; the training inputs of one were not recorded)"
                        : String.join("; ", earlier.training().differences(v.training()));
                notes.add(v.version() + ": same commit " + shortCommit(v.sourceCommit()) + " as " + earlier.version()
                        + ", differs in " + (how.isEmpty() ? "nothing recorded" : how));
                break;
            }
        }
        return notes;
    }

    private static String shortCommit(String id) {
        return id == null ? "?" : id.substring(0, Math.min(10, id.length()));
    }
}
