package io.github.mlmaven.workflow;

import io.github.mlmaven.artifact.ModelArtifactPackager;
import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.common.RefusedException;
import io.github.mlmaven.registry.Candidate;
import io.github.mlmaven.registry.GitModelRegistry;
import io.github.mlmaven.registry.ModelVersion;
import io.github.mlmaven.registry.RegistryCommit;
import io.github.mlmaven.registry.RegistryCredentials;
import io.github.mlmaven.registry.RegistryDocument;
import io.github.mlmaven.registry.RegistryEvent;
import io.github.mlmaven.registry.RegistryException;
import io.github.mlmaven.report.PromotionReport;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.runtime.ModelCard;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The registry-backed steps of ml:promote, ml:history, ml:rollback and the production lookup of ml:validate. Deploying
 * is the Maven layer's job; these steps reserve a version before it, and record the promotion (or the failure) after.
 */
final class RegistrySteps {
    private static final List<String> KEY_METRICS =
            List.of("accuracy", "recall", "precision", "f1", "rocAuc", "prAuc", "mcc", "rmse", "mae", "r2");

    private RegistrySteps() {}

    static GitModelRegistry registry(Map<String, Object> p, MlLog log) {
        String username = (String) p.get("registryUsername");
        RegistryCredentials credentials = username == null
                ? null
                : new RegistryCredentials(
                        username, (String) p.get("registryPassword"), (String) p.get("registryCredentialsSource"));
        return new GitModelRegistry(
                Path.of((String) p.get("basedir")),
                (String) p.get("registryBranch"),
                (String) p.get("registryRemote"),
                credentials,
                log);
    }

    private static String modelName(Map<String, Object> p) {
        return (String) p.get("modelName");
    }

    private static ModelBundle bundle(Map<String, Object> p) {
        return new ModelBundle(Path.of((String) p.get("outputDirectory")).resolve(modelName(p)), modelName(p));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Versions that exist already, or are unknown to a rollback, are refusals (verdicts), not breakages. */
    private static RuntimeException translate(RegistryException e) {
        return switch (e.reason()) {
            case VERSION_EXISTS, UNKNOWN_VERSION, INVALID_VERSION, INVALID_STATE ->
                new RefusedException(e.getMessage());
            default -> e;
        };
    }

    /** Which model is in production: {@code championStatus} found, none or unknown, with its coordinates. */
    static Map<String, String> championLookup(Map<String, Object> p, MlLog log) {
        RegistryDocument document;
        try {
            document = registry(p, log).read(modelName(p));
        } catch (RegistryException e) {
            if (e.reason() == RegistryException.Reason.NOT_A_REPOSITORY) {
                log.info("The project is not in a git repository, so there is no model registry: gating on the"
                        + " thresholds alone");
            } else {
                log.warn("Could not read the model registry (" + e.getMessage() + "); validating without comparing"
                        + " with production. ml:promote will refuse this validation if a production version exists");
            }
            return Map.of("championStatus", "unknown");
        }
        Optional<ModelVersion> production = document.productionVersion();
        if (production.isEmpty()) {
            return Map.of("championStatus", "none");
        }
        ModelVersion v = production.get();
        return Map.of(
                "championStatus", "found",
                "championVersion", v.version(),
                "groupId", v.groupId(),
                "artifactId", v.artifactId(),
                "modelSha256", v.modelSha256());
    }

    /**
     * Checks that exactly the validated model is promoted, reserves its version in the registry (compare-and-swap:
     * two promotions never get the same one) and packages the artifact. Returns the coordinates and the files.
     */
    static Map<String, String> promotePrepare(Map<String, Object> p, MlLog log) {
        GitModelRegistry registry = registry(p, log);
        String modelName = modelName(p);
        ModelBundle bundle = bundle(p);
        // on GitHub Actions without -Dml.promote.approver: who approved the run
        // a promotion.json from an earlier promotion must not be reported as this run's (ml:ci-report)
        try {
            java.nio.file.Files.deleteIfExists(bundle.directory().resolve(PromotionReport.FILE));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot remove the previous " + PromotionReport.FILE, e);
        }
        CiSteps.Approval approval = CiSteps.approval(
                p, blankToNull((String) p.get("approver")), blankToNull((String) p.get("reason")), log);
        String approver = approval.approver();
        String reason = approval.reason();
        RegistryDocument current;
        try {
            current = registry.read(modelName);
        } catch (RegistryException e) {
            if (e.reason() == RegistryException.Reason.NOT_A_REPOSITORY) {
                throw new InvalidInputException("ml:promote records promotions on a branch of the project's git"
                        + " repository, but " + p.get("basedir") + " is not in one; run git init and commit first");
            }
            throw e;
        }
        PromotionChecks.Candidate checked = PromotionChecks.check(
                bundle,
                current.productionVersion().map(ModelVersion::version).orElse(null),
                Boolean.TRUE.equals(p.get("requireApproval")),
                approver);
        ModelCard card = checked.card();
        if (card.git() == null || card.git().commit() == null) {
            throw new InvalidInputException("the model card of " + modelName + " names no git commit (it was trained"
                    + " outside a git repository or before the first commit); commit and run mvn verify again");
        }
        if (card.git().dirty()) {
            log.warn("The model was trained from a working tree with uncommitted changes; its source commit "
                    + card.git().commit() + " does not hold exactly the code and data it was trained with");
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        checked.validation().metrics().forEach((k, v) -> {
            if (v != null) {
                metrics.put(k, v);
            }
        });
        String groupId = (String) p.get("groupId");
        String artifactId = (String) p.get("artifactId");
        Candidate candidate = new Candidate(
                groupId, artifactId, card.modelSha256(), card.git().commit(), metrics, approver, reason);
        String requested = blankToNull((String) p.get("version"));
        String projectVersion = (String) p.get("projectVersion");
        RegistryCommit commit;
        try {
            String validatedAgainst = validatedAgainst(checked.validation());
            commit = registry.update(
                    modelName,
                    document -> {
                        requireProductionUnchanged(document, validatedAgainst, modelName);
                        return requested != null
                                ? document.reserve(requested, candidate, now())
                                : document.reserveNext(projectVersion, candidate, now());
                    },
                    RegistryDocument::describeLastEvent);
        } catch (RegistryException e) {
            throw translate(e);
        }
        String version = commit.document()
                .lastEvent()
                .map(RegistryEvent::version)
                .orElseThrow(() -> new IllegalStateException("the reservation recorded no event"));
        log.info("Reserved version " + version + " of " + modelName + " in the registry (" + registry.location() + ")");
        ModelArtifactPackager.Coordinates coordinates =
                new ModelArtifactPackager.Coordinates(groupId, artifactId, version);
        ModelArtifactPackager.Packaged packaged = ModelArtifactPackager.pack(
                bundle, card, coordinates, bundle.directory().resolve("promotion"));
        return Map.of(
                "groupId", groupId,
                "artifactId", artifactId,
                "version", version,
                "jar", packaged.jar().toString(),
                "pom", packaged.pom().toString());
    }

    /** Records that a reserved version was not deployed; the version stays taken, so releases stay immutable. */
    static void promoteAbort(Map<String, Object> p, MlLog log) {
        String version = (String) p.get("version");
        String failure = String.valueOf(p.get("failure"));
        try {
            registry(p, log)
                    .update(
                            modelName(p),
                            document -> document.fail(version, failure, now()),
                            RegistryDocument::describeLastEvent);
            log.warn("Recorded version " + version + " of " + modelName(p) + " as failed: " + failure);
        } catch (RegistryException e) {
            log.warn("Could not record the failed promotion of " + version + " in the registry: " + e.getMessage());
        }
    }

    /** After the deploy: version promoted, production moved to it, source commit tagged. */
    static void promoteComplete(Map<String, Object> p, MlLog log) {
        GitModelRegistry registry = registry(p, log);
        String modelName = modelName(p);
        String version = (String) p.get("version");
        String finish = "mvn ml:promote -D" + "ml.promote.finish=" + version;
        String validatedAgainst = validatedAgainst(readValidation(bundle(p)));
        RegistryCommit commit;
        try {
            commit = registry.update(
                    modelName,
                    document -> {
                        requireProductionUnchanged(document, validatedAgainst, modelName);
                        return document.promote(version, now());
                    },
                    RegistryDocument::describeLastEvent);
        } catch (RefusedException e) {
            // deployed, but another promotion changed production meanwhile: this version never becomes production
            try {
                registry.update(
                        modelName,
                        document -> document.fail(version, e.getMessage(), now()),
                        RegistryDocument::describeLastEvent);
            } catch (RegistryException recordFailure) {
                log.warn("Could not record " + version + " as failed: " + recordFailure.getMessage());
            }
            throw new RefusedException("version " + version + " was deployed but not promoted: " + e.getMessage());
        } catch (RegistryException e) {
            throw new InvalidInputException(
                    "the artifact of " + modelName + " " + version + " was deployed, but"
                            + " recording the promotion in the registry failed: " + e.getMessage() + " Finish it with: "
                            + finish,
                    e);
        }
        try {
            ModelVersion promoted = commit.document()
                    .version(version)
                    .orElseThrow(() -> new IllegalStateException("version " + version + " vanished"));
            String tag = registry.tag(
                    modelName,
                    version,
                    promoted.sourceCommit(),
                    "ml-maven-plugin: " + modelName + " " + version + " promoted"
                            + (promoted.approver() == null ? "" : " (approved by " + promoted.approver() + ")"));
            log.info("Promoted " + promoted.coordinates() + ": production is now " + version + "; tagged " + tag
                    + " on " + promoted.sourceCommit() + " (" + registry.location() + ")");
            writePromotion(p, promoted, log);
        } catch (RegistryException e) {
            throw new InvalidInputException(
                    "the artifact of " + modelName + " " + version + " was deployed, but"
                            + " recording the promotion in the registry failed: " + e.getMessage()
                            + ". Finish it with: "
                            + finish,
                    e);
        }
    }

    /** The production version the validation compared the candidate with; null when there was none. */
    private static String validatedAgainst(ValidationReport validation) {
        ValidationReport.ChampionSection champion = validation.champion();
        return champion == null || "none".equals(champion.status()) ? null : champion.version();
    }

    private static ValidationReport readValidation(ModelBundle bundle) {
        try {
            return Json.MAPPER.readValue(bundle.validationFile().toFile(), ValidationReport.class);
        } catch (java.io.IOException e) {
            throw new InvalidInputException(bundle.validationFile() + " cannot be read (" + e.getMessage() + ")");
        }
    }

    /**
     * Checked inside the registry's compare-and-swap, so that it holds at the moment of the write: a candidate becomes
     * production only in place of the very version it was compared with. Another promotion (or a rollback) in the
     * meantime makes this one a refusal.
     */
    private static void requireProductionUnchanged(RegistryDocument document, String validatedAgainst, String model) {
        String production = document.production();
        if (!java.util.Objects.equals(production, validatedAgainst)) {
            throw new RefusedException("production of " + model + " is now "
                    + (production == null ? "no version" : production) + ", but this model was validated against "
                    + (validatedAgainst == null ? "no production version" : validatedAgainst)
                    + " (another promotion or a rollback happened meanwhile); run ml:validate and ml:promote again");
        }
    }

    /** promotion.json beside the model, for later steps of the job (ml:ci-report); the promotion stands without it. */
    private static void writePromotion(Map<String, Object> p, ModelVersion promoted, MlLog log) {
        PromotionReport report = new PromotionReport(
                PromotionReport.CURRENT_SCHEMA_VERSION,
                modelName(p),
                promoted.version(),
                promoted.groupId(),
                promoted.artifactId(),
                promoted.approver(),
                promoted.reason(),
                promoted.promotedAt(),
                promoted.sourceCommit(),
                promoted.modelSha256());
        try {
            report.writeTo(bundle(p).directory());
        } catch (java.io.IOException e) {
            log.warn("The promotion is recorded, but " + PromotionReport.FILE + " could not be written to "
                    + bundle(p).directory() + ": " + e);
        }
    }

    /** The promotion history of the model as a table in the log. */
    static void history(Map<String, Object> p, MlLog log) {
        GitModelRegistry registry = registry(p, log);
        String modelName = modelName(p);
        RegistryDocument document = registry.read(modelName);
        if (document.versions().isEmpty()) {
            log.info("No version of " + modelName + " has been promoted yet (" + registry.location() + ")");
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
        log.info("Events, oldest first:");
        for (RegistryEvent event : document.events()) {
            log.info("  " + (event.at() == null ? "" : event.at() + " ") + event.describe(modelName));
        }
    }

    /** Points production back at an earlier promoted version, as an event of its own; nothing is deleted. */
    static void rollback(Map<String, Object> p, MlLog log) {
        String version = blankToNull((String) p.get("rollbackVersion"));
        if (version == null) {
            throw new io.github.mlmaven.common.InvalidConfigurationException(
                    "ml.rollback.version",
                    "name the version to put back in production: mvn ml:rollback -Dml.rollback.version=<version>; "
                            + rollbackCandidates(p, log));
        }
        CiSteps.Approval approval = CiSteps.approval(
                p, blankToNull((String) p.get("approver")), blankToNull((String) p.get("reason")), log);
        String approver = approval.approver();
        String reason = approval.reason();
        if (Boolean.TRUE.equals(p.get("requireApproval")) && approver == null) {
            throw new RefusedException("the rollback requires an approver (ml.promote.requireApproval is true);"
                    + " pass -Dml.promote.approver=<who approved it>");
        }
        GitModelRegistry registry = registry(p, log);
        try {
            RegistryCommit commit = registry.update(
                    modelName(p),
                    document -> document.rollback(version, approver, reason, now()),
                    RegistryDocument::describeLastEvent);
            log.info("Rolled back " + modelName(p) + ": production is now "
                    + commit.document().production() + " (" + registry.location() + ")");
        } catch (RegistryException e) {
            throw translate(e);
        }
    }

    /** The versions a rollback may name, as a sentence; what the registry says when it cannot be read. */
    private static String rollbackCandidates(Map<String, Object> p, MlLog log) {
        String modelName = modelName(p);
        try {
            RegistryDocument document = registry(p, log).read(modelName);
            List<String> promoted = document.promotedVersions().stream()
                    .map(v -> v.version() + (v.version().equals(document.production()) ? " (in production)" : ""))
                    .toList();
            return promoted.isEmpty()
                    ? "no version of " + modelName + " has been promoted yet, so there is none to roll back to"
                    : "the promoted versions of " + modelName + " are " + String.join(", ", promoted);
        } catch (RuntimeException e) {
            return "the registry could not be read to list the promoted versions (" + e.getMessage()
                    + "); mvn ml:history lists them";
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
