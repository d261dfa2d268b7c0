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
 * @param degraded when true, train when ml:monitor's latest pass over the production version found it degraded
 * @param drift when true, train when ml:monitor's latest pass over the production version found data drift
 * @param monitoring that latest pass, as the registry's monitoring history records it; null when not looked up
 */
public record RetrainPolicy(
        Long newRows,
        Boolean codeChanged,
        Integer maxAgeDays,
        Boolean degraded,
        Boolean drift,
        MonitoringEvidence monitoring) {
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
        return new RetrainPolicy(null, null, null, null, null, null);
    }

    /** Whether any condition is configured; {@code <codeChanged>false</codeChanged>} alone is none. */
    public boolean configured() {
        return newRows != null
                || Boolean.TRUE.equals(codeChanged)
                || maxAgeDays != null
                || Boolean.TRUE.equals(degraded)
                || Boolean.TRUE.equals(drift);
    }

    /** Whether a condition is decided from ml:monitor's history, which then has to be looked up. */
    public boolean needsMonitoring() {
        return Boolean.TRUE.equals(degraded) || Boolean.TRUE.equals(drift);
    }

    /** This policy with the production version's latest monitoring pass. */
    public RetrainPolicy withMonitoring(MonitoringEvidence evidence) {
        return new RetrainPolicy(newRows, codeChanged, maxAgeDays, degraded, drift, evidence);
    }

    /**
     * {@code <degraded>} or {@code <drift>} as written: an empty element or {@code true} is on, {@code false} off, null
     * (absent) not configured.
     */
    public static Boolean flag(String text, String element) {
        if (text == null) {
            return null;
        }
        String value = text.strip();
        if (value.isEmpty() || value.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (value.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new InvalidConfigurationException(
                "retrainWhen/" + element,
                "<retrainWhen><" + element + "> is '" + text + "'; write <" + element
                        + "/> to retrain on it (or true or" + " false)");
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
        MonitoringEvidence evidence = judgeMonitoring(productionVersion, holding, failing);
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
                        maxAgeDays,
                        (needsMonitoring() && evidence.found()) ? evidence.at() : null,
                        (Boolean.TRUE.equals(degraded) && evidence.found()) ? evidence.degraded() : null,
                        (Boolean.TRUE.equals(drift) && evidence.found()) ? evidence.datasetDrift() : null),
                now.toString());
    }

    /**
     * Adds to {@code holding} or {@code failing} what ml:monitor's latest pass says of {@code <degraded>} and
     * {@code <drift>}, where either is configured; returns that pass, or why none is known.
     */
    private MonitoringEvidence judgeMonitoring(String productionVersion, List<String> holding, List<String> failing) {
        MonitoringEvidence evidence = monitoring == null
                ? MonitoringEvidence.missing("the registry's monitoring history was not looked up")
                : monitoring;
        if (needsMonitoring() && !evidence.found()) {
            failing.add("no ml:monitor pass over production " + productionVersion + " is known (" + evidence.note()
                    + "), so neither decay nor drift can be claimed");
        } else if (needsMonitoring()) {
            String pass = "ml:monitor at " + evidence.at();
            if (Boolean.TRUE.equals(degraded)) {
                if (evidence.degraded()) {
                    holding.add(pass + " found production " + productionVersion + " degraded ("
                            + evidence.degradedReason() + ")");
                } else {
                    failing.add(pass + " found production " + productionVersion + " not degraded");
                }
            }
            if (Boolean.TRUE.equals(drift)) {
                if (Boolean.TRUE.equals(evidence.datasetDrift())) {
                    holding.add(pass + " found data drift against production " + productionVersion
                            + "'s training data (drifted: " + String.join(", ", evidence.driftedAttributes()) + ")");
                } else if (evidence.datasetDrift() == null) {
                    failing.add(pass + " did not measure drift (production " + productionVersion
                            + " has no training-data profile, or there were no new rows)");
                } else {
                    failing.add(pass + " found no data drift");
                }
            }
        }
        return evidence;
    }

    /** A decision that needs no comparison: forced, no production yet, or production unreadable. */
    public RetrainDecision train(String modelName, String reason, String productionVersion, Instant now) {
        return new RetrainDecision(
                RetrainDecision.CURRENT_SCHEMA_VERSION,
                modelName,
                true,
                reason,
                productionVersion,
                new RetrainDecision.Figures(null, null, null, newRows, null, null, maxAgeDays, null, null, null),
                now.toString());
    }
}
