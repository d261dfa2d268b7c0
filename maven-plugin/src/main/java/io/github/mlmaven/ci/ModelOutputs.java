package io.github.mlmaven.ci;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.common.Urls;
import io.github.mlmaven.report.PromotionReport;
import io.github.mlmaven.report.SummaryMarkdown;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.retrain.RetrainDecision;
import io.github.mlmaven.runtime.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What the goals of a build left in {@code target/ml/}: one folder per model, with its validation (validation.json,
 * summary.md) and, when ml:promote ran, its promotion (promotion.json).
 */
public final class ModelOutputs {
    private ModelOutputs() {}

    /**
     * One model's outputs.
     *
     * @param validation null when ml:validate wrote no report for the current model
     * @param summary summary.md, or rendered from validation.json when it is missing; null without a validation
     * @param promotion null when the model was not promoted (in this folder, for this model)
     * @param note why there is no validation, or null
     */
    public record Model(
            String name,
            Path directory,
            ValidationReport validation,
            String summary,
            PromotionReport promotion,
            String note) {

        public boolean validated() {
            return validation != null;
        }

        public boolean passed() {
            return validation != null && validation.passed();
        }
    }

    /** Every folder under {@code outputDirectory} that holds a model card or any report, in name order. */
    public static List<Model> scan(Path outputDirectory, MlLog log) {
        if (!Files.isDirectory(outputDirectory)) {
            return List.of();
        }
        List<Model> models = new ArrayList<>();
        try (Stream<Path> entries = Files.list(outputDirectory)) {
            for (Path dir : entries.filter(Files::isDirectory).sorted().toList()) {
                if (Stream.of(
                                ModelBundle.CARD_FILE,
                                ModelBundle.VALIDATION_FILE,
                                ModelBundle.SUMMARY_FILE,
                                PromotionReport.FILE)
                        .anyMatch(f -> Files.isRegularFile(dir.resolve(f)))) {
                    models.add(read(dir, log));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + outputDirectory + ": " + e.getMessage(), e);
        }
        return models;
    }

    static Model read(Path dir, MlLog log) {
        String name = dir.getFileName().toString();
        ModelBundle bundle = new ModelBundle(dir, name);
        String cardSha = cardSha256(bundle.cardFile());
        ValidationReport validation = null;
        String note = null;
        var skipped = RetrainDecision.skipped(dir);
        if (skipped.isPresent()) {
            // an earlier validation.json in the folder is not this build's
            note = "training skipped by <retrainWhen>: " + skipped.get().reason();
        } else if (Files.isRegularFile(bundle.validationFile())) {
            try {
                validation = Json.MAPPER.readValue(bundle.validationFile().toFile(), ValidationReport.class);
            } catch (IOException e) {
                throw new InvalidInputException(bundle.validationFile() + " cannot be read ("
                        + GitHubClient.oneLine(e.getMessage(), 160) + "); run ml:validate again (mvn verify)");
            }
            if (cardSha != null && !cardSha.equals(validation.modelSha256())) {
                log.info("Ignoring " + bundle.validationFile() + ": it validated an earlier model (SHA-256 "
                        + validation.modelSha256() + ", the current model has " + cardSha + ")");
                validation = null;
                note = "ml:validate did not validate the current model (its validation.json is of an earlier one)";
            }
        } else {
            note = Files.isRegularFile(bundle.cardFile())
                    ? "trained, but ml:validate wrote no report (the build failed or stopped before it, or it was"
                            + " skipped)"
                    : "no validation.json";
        }
        String summary = null;
        if (validation != null) {
            summary = Files.isRegularFile(bundle.summaryFile())
                    // the job summary, the step output and the comment are public: no URL's password in them
                    ? Urls.redactAll(readString(bundle.summaryFile()))
                    : SummaryMarkdown.render(validation);
        }
        PromotionReport promotion = null;
        Path promotionFile = dir.resolve(PromotionReport.FILE);
        if (Files.isRegularFile(promotionFile)) {
            try {
                promotion = PromotionReport.read(promotionFile);
            } catch (IOException e) {
                throw new InvalidInputException(promotionFile + " cannot be read ("
                        + GitHubClient.oneLine(e.getMessage(), 160) + "); delete it, or run ml:promote again");
            }
            String current = validation != null ? validation.modelSha256() : cardSha;
            if (promotion.modelSha256() != null
                    && current != null
                    && !Objects.equals(promotion.modelSha256(), current)) {
                log.info("Ignoring " + promotionFile + ": it records the promotion of an earlier model");
                promotion = null;
            }
        }
        return new Model(name, dir, validation, summary, promotion, note);
    }

    private static String cardSha256(Path card) {
        if (!Files.isRegularFile(card)) {
            return null;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(card.toFile());
            return node != null && node.hasNonNull("modelSha256")
                    ? node.get("modelSha256").asText()
                    : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
