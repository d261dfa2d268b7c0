package io.github.mlmaven.ci;

import io.github.mlmaven.evaluation.ChampionGate;
import io.github.mlmaven.evaluation.Verdict;
import io.github.mlmaven.report.PromotionReport;
import io.github.mlmaven.report.SummaryMarkdown;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.runtime.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code target/ml/<model>/} folders as ml:train, ml:validate and ml:promote leave them, built by hand: a model card
 * (only its SHA-256 matters here), validation.json, summary.md and promotion.json.
 */
final class ModelFolders {
    static final String SHA = "1335875cc8a92756641d346cb2886b01fd512018e472e9a6d6db97755fe84dad";

    private final Path outputDirectory;

    ModelFolders(Path outputDirectory) {
        this.outputDirectory = outputDirectory;
    }

    /** A model that met accuracy >= 0.7 (0.715) and rocAuc >= 0.6 (0.658). */
    ModelFolders passing(String model) {
        return validated(
                model,
                List.of(
                        new Verdict.ThresholdResult("accuracy", ">=", 0.7, 0.715, true),
                        new Verdict.ThresholdResult("rocAuc", ">=", 0.6, 0.658, true)),
                null);
    }

    /** A model whose recall 0.4219 breached recall >= 0.8, while accuracy 0.715 met >= 0.7. */
    ModelFolders breaching(String model) {
        return validated(
                model,
                List.of(
                        new Verdict.ThresholdResult("accuracy", ">=", 0.7, 0.715, true),
                        new Verdict.ThresholdResult("recall", ">=", 0.8, 0.421875, false)),
                null);
    }

    /** A model that met its thresholds but dropped recall by 0.0312 against production 1.0.3 (allowed 0.02). */
    ModelFolders worseThanProduction(String model) {
        ValidationReport.ChampionSection champion = new ValidationReport.ChampionSection(
                "compared",
                "1.0.3",
                Map.of("recall", 0.453125),
                Map.of("recall", -0.03125),
                null,
                List.of(new ChampionGate.RuleResult("maxDrop", "recall", 0.02, 0.03125, false)),
                false,
                null);
        return validated(model, List.of(new Verdict.ThresholdResult("accuracy", ">=", 0.7, 0.715, true)), champion);
    }

    /** Trained (a card) but never validated. */
    ModelFolders trainedOnly(String model) {
        card(model);
        return this;
    }

    ModelFolders promoted(String model, String version, String approver) {
        try {
            new PromotionReport(
                            PromotionReport.CURRENT_SCHEMA_VERSION,
                            model,
                            version,
                            "com.example",
                            model + "-model",
                            approver,
                            "better recall",
                            "2024-03-01T12:00:00Z",
                            "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
                            SHA)
                    .writeTo(outputDirectory.resolve(model));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Path summaryFile(String model) {
        return outputDirectory.resolve(model).resolve("summary.md");
    }

    private ModelFolders validated(
            String model, List<Verdict.ThresholdResult> thresholds, ValidationReport.ChampionSection champion) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", 0.715);
        metrics.put("precision", null);
        metrics.put("recall", 0.421875);
        metrics.put("f1", 0.486);
        metrics.put("rocAuc", 0.658);
        boolean passed = thresholds.stream().allMatch(Verdict.ThresholdResult::passed)
                && (champion == null || champion.passed());
        ValidationReport report = new ValidationReport(
                ValidationReport.CURRENT_SCHEMA_VERSION,
                model,
                SHA,
                "weka.classifiers.trees.J48",
                "2024-03-01T12:00:00Z",
                new ValidationReport.EvaluationInfo(
                        "test", 200, null, null, 1, List.of(new ValidationReport.DataRef("data/test.csv", "abc", 200))),
                "class",
                "nominal",
                "bad",
                metrics,
                Map.of(),
                null,
                thresholds,
                true,
                passed,
                champion);
        card(model);
        Path dir = outputDirectory.resolve(model);
        try {
            Json.MAPPER.writeValue(dir.resolve("validation.json").toFile(), report);
            Files.writeString(dir.resolve("summary.md"), SummaryMarkdown.render(report));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private void card(String model) {
        Path dir = outputDirectory.resolve(model);
        try {
            Files.createDirectories(dir);
            Files.writeString(
                    dir.resolve("model-card.json"),
                    "{\"schemaVersion\":1,\"modelName\":\"" + model + "\",\"modelSha256\":\"" + SHA + "\"}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
