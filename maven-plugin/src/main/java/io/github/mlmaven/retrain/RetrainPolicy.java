package io.github.mlmaven.retrain;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.runtime.ModelCard;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code <retrainWhen>} of ml:train: with a production version, train only when at least one configured condition
 * holds. A condition left out is not checked.
 *
 * @param newRows train when at least this many new labelled rows arrived since the production model
 * @param codeChanged when true, train when the training configuration or the project's classes differ from those of
 *     the production model
 * @param maxAgeDays train when the production model was trained more than this many days ago
 */
public record RetrainPolicy(Long newRows, Boolean codeChanged, Integer maxAgeDays) {
    public RetrainPolicy {
        if (newRows != null && newRows < 1) {
            throw new InvalidConfigurationException(
                    "retrainWhen/newRows", "<retrainWhen><newRows> is " + newRows + "; it must be at least 1");
        }
        if (maxAgeDays != null && maxAgeDays < 0) {
            throw new InvalidConfigurationException(
                    "retrainWhen/maxAgeDays", "<retrainWhen><maxAgeDays> is " + maxAgeDays + "; it must be 0 or more");
        }
    }

    public static RetrainPolicy none() {
        return new RetrainPolicy(null, null, null);
    }

    /** Whether any condition is configured; {@code <codeChanged>false</codeChanged>} alone is none. */
    public boolean configured() {
        return newRows != null || Boolean.TRUE.equals(codeChanged) || maxAgeDays != null;
    }

    /**
     * Decides against a production model whose card could be read.
     *
     * @param configurationKey the configuration key of this run (algorithm, options, seed, project classes)
     */
    public RetrainDecision decide(
            String modelName,
            ModelCard production,
            String productionVersion,
            ModelCard.DataChanges changes,
            String configurationKey,
            Instant now) {
        List<String> holding = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        long fresh = changes.newRows() == null ? 0 : changes.newRows();
        if (newRows != null) {
            String text = String.format(Locale.ROOT, "%,d new labelled rows", fresh);
            if (fresh >= newRows) {
                holding.add(String.format(Locale.ROOT, "%s ≥ newRows %,d", text, newRows));
            } else {
                failing.add(String.format(Locale.ROOT, "%s < newRows %,d", text, newRows));
            }
        }
        Boolean codeDiffers = null;
        if (Boolean.TRUE.equals(codeChanged)) {
            codeDiffers = production.configurationKey() == null
                    || !Objects.equals(production.configurationKey(), configurationKey);
            if (production.configurationKey() == null) {
                holding.add("the production card records no configuration key, so code changes cannot be ruled out");
            } else if (codeDiffers) {
                holding.add("the training configuration or project classes changed");
            } else {
                failing.add("training configuration and project classes unchanged");
            }
        }
        Long ageDays = null;
        if (maxAgeDays != null) {
            try {
                Instant trainedAt = Instant.parse(production.trainedAt());
                Duration age = Duration.between(trainedAt, now);
                ageDays = age.toDays();
                if (age.compareTo(Duration.ofDays(maxAgeDays)) > 0) {
                    holding.add("the production model is " + ageDays + " days old > maxAgeDays " + maxAgeDays);
                } else {
                    failing.add("the production model is " + ageDays + " days old ≤ maxAgeDays " + maxAgeDays);
                }
            } catch (DateTimeParseException | NullPointerException e) {
                holding.add("the production card has no readable trainedAt (" + production.trainedAt() + ")");
            }
        }
        boolean retrain = !holding.isEmpty();
        String reason = retrain
                ? "against production " + productionVersion + ": " + String.join("; ", holding)
                : "no retrain condition holds against production " + productionVersion + ": "
                        + String.join("; ", failing);
        return new RetrainDecision(
                RetrainDecision.CURRENT_SCHEMA_VERSION,
                modelName,
                retrain,
                reason,
                productionVersion,
                new RetrainDecision.Figures(
                        changes.rows(),
                        changes.newRows(),
                        changes.newRowsPerClass(),
                        newRows,
                        codeDiffers,
                        ageDays,
                        maxAgeDays),
                now.toString());
    }

    /** A decision that needs no comparison: forced, no production yet, or production unreadable. */
    public RetrainDecision train(String modelName, String reason, String productionVersion, Instant now) {
        return new RetrainDecision(
                RetrainDecision.CURRENT_SCHEMA_VERSION,
                modelName,
                true,
                reason,
                productionVersion,
                new RetrainDecision.Figures(null, null, null, newRows, null, null, maxAgeDays),
                now.toString());
    }
}
