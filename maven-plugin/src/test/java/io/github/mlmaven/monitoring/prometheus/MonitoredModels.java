package io.github.mlmaven.monitoring.prometheus;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mlmaven.runtime.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A model's folder as ml:train and ml:validate leave it, reduced to what the push reads: validation.json (metrics,
 * thresholds, verdict, champion section) and model-card.json (rows, training time, commit), plus summary.md.
 */
final class MonitoredModels {
    private MonitoredModels() {}

    /** Writes the folder {@code <outputDirectory>/<model>/} and returns it. */
    static Path write(
            Path outputDirectory,
            String model,
            Map<String, Double> metrics,
            Map<String, Double> production,
            boolean passed,
            String validatedAt)
            throws IOException {
        Path folder = outputDirectory.resolve(model);
        Files.createDirectories(folder);
        ObjectNode validation = Json.MAPPER.createObjectNode();
        validation.put("schemaVersion", 1);
        validation.put("modelName", model);
        validation.put("algorithm", "weka.classifiers.trees.J48");
        validation.put("validatedAt", validatedAt);
        validation.putObject("evaluation").put("method", "test").put("rows", 200);
        ObjectNode values = validation.putObject("metrics");
        metrics.forEach(values::put);
        validation
                .putArray("thresholds")
                .addObject()
                .put("metric", "recall")
                .put("comparator", ">=")
                .put("bound", 0.8)
                .put("actual", metrics.get("recall"))
                .put("passed", passed);
        validation.put("gateConfigured", true);
        validation.put("passed", passed);
        if (production != null) {
            ObjectNode champion = validation.putObject("champion");
            champion.put("status", "compared");
            champion.put("version", "1.0.0");
            ObjectNode theirs = champion.putObject("metrics");
            production.forEach(theirs::put);
            champion.putArray("rules");
            champion.put("passed", passed);
        }
        Json.MAPPER.writeValue(folder.resolve("validation.json").toFile(), validation);

        ObjectNode card = Json.MAPPER.createObjectNode();
        card.put("schemaVersion", 1);
        card.put("modelName", model);
        card.put("algorithm", "weka.classifiers.trees.J48");
        card.put("trainingMillis", 1500);
        card.putObject("data").put("totalRows", 1000);
        ObjectNode changes = card.putObject("dataChanges").put("rows", 1000).put("status", "compared");
        changes.put("comparedWith", "1.0.0").put("newRows", 250);
        changes.putObject("newRowsPerClass").put("good", 200).put("bad", 50);
        card.putObject("git").put("commit", "0123456789abcdef0123456789abcdef01234567");
        Json.MAPPER.writeValue(folder.resolve("model-card.json").toFile(), card);
        Files.writeString(folder.resolve("summary.md"), "# " + model + "\n\nPassed: " + passed + "\n");
        return folder;
    }
}
