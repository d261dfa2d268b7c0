package io.github.mlmaven.monitoring.mlflow;

import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.ci.RetryPolicy;
import io.github.mlmaven.evaluation.Metrics;
import io.github.mlmaven.evaluation.Verdict;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.runtime.GitLineage;
import io.github.mlmaven.runtime.ModelCard;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated model's folder as ml:validate leaves it (model file, model-card.json, validation.json, summary.md),
 * written without Weka for the MLflow step tests, and the step parameters of a build that tracks to a server.
 */
final class MlflowBundles {
    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    private MlflowBundles() {}

    /**
     * The folder of model {@code model} under {@code outputDirectory}: a model file of 40 kB of distinct bytes, its
     * card (options {@code effectiveOptions}, SHA-256 of that file), validation.json and summary.md.
     */
    static ModelBundle write(Path outputDirectory, String model, String effectiveOptions, ValidationReport report)
            throws IOException {
        ModelBundle bundle = new ModelBundle(outputDirectory.resolve(model), model);
        Files.createDirectories(bundle.directory());
        byte[] bytes = new byte[40_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + model.hashCode());
        }
        Files.write(bundle.modelFile(), bytes);
        bundle.writeJson(bundle.cardFile(), card(model, effectiveOptions, ModelBundle.sha256(bundle.modelFile())));
        bundle.writeJson(bundle.validationFile(), report);
        Files.writeString(bundle.summaryFile(), "# " + model + "\n\nPassed.\n", StandardCharsets.UTF_8);
        return bundle;
    }

    static ModelCard card(String model, String effectiveOptions, String sha256) {
        return new ModelCard(
                ModelCard.CURRENT_SCHEMA_VERSION,
                model,
                "weka.classifiers.trees.J48",
                "",
                effectiveOptions,
                "3.8.7",
                "3.8.7",
                "17",
                "0.1.0-test",
                1,
                "2024-03-01T12:00:00Z",
                5,
                new ModelCard.TrainedOn("all", null, 1000),
                new ModelCard.SchemaSection(
                        List.of(new ModelCard.AttributeEntry("risk", "nominal", List.of("good", "bad"))),
                        "risk",
                        "nominal",
                        "bad"),
                new ModelCard.DataSection(
                        List.of(new ModelCard.FileEntry("data/credit.csv", "ab".repeat(32), 1000, 50_000)),
                        1000,
                        50_000,
                        Map.of("good", 700L, "bad", 300L)),
                new GitLineage(COMMIT, "main", false, "2024-03-01T11:00:00Z", "Alice"),
                model + ".model",
                sha256,
                "key");
    }

    /** validation.json of a 10-fold cross-validation, with per-class figures for {@code bad}. */
    static ValidationReport report(
            String model,
            Map<String, Double> metrics,
            List<Verdict.ThresholdResult> thresholds,
            ValidationReport.ChampionSection champion) {
        boolean passed = thresholds.stream().allMatch(Verdict.ThresholdResult::passed)
                && (champion == null || champion.passed());
        return new ValidationReport(
                ValidationReport.CURRENT_SCHEMA_VERSION,
                model,
                "5f".repeat(32),
                "weka.classifiers.trees.J48",
                "2024-03-01T12:05:00Z",
                new ValidationReport.EvaluationInfo(
                        "cv",
                        1000,
                        10,
                        null,
                        1,
                        List.of(new ValidationReport.DataRef("data/credit.csv", "ab".repeat(32), 1000))),
                "risk",
                "nominal",
                "bad",
                metrics,
                Map.of("bad", new Metrics.ClassMetrics(0.7, 0.8, 0.75, 300)),
                null,
                thresholds,
                !thresholds.isEmpty(),
                passed,
                champion);
    }

    /** A passing report with {@code metrics} and no gate. */
    static ValidationReport report(String model, Map<String, Double> metrics) {
        return report(model, metrics, List.of(), null);
    }

    /** The step parameters of a build of {@code model} into {@code outputDirectory} that tracks to {@code uri}. */
    static Map<String, Object> parameters(URI uri, String model, Path outputDirectory, boolean failOnError) {
        Map<String, Object> p = new HashMap<>();
        p.put("modelName", model);
        p.put("outputDirectory", outputDirectory.toString());
        p.put("pluginVersion", "0.1.0-test");
        p.put("mlflowTrackingUri", uri.toString());
        p.put("monitoringFailOnError", failOnError);
        p.put("mlflowRetry", new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1), d -> {}));
        return p;
    }
}
