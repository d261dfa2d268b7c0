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
import io.github.mlmaven.registry.TrainingInputs;
import io.github.mlmaven.registry.Versions;
import io.github.mlmaven.report.PromotionReport;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.runtime.ModelCard;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The registry-backed steps of ml:promote, ml:history, ml:rollback and the production lookup of ml:validate. Deploying
 * is the Maven layer's job; these steps reserve a version before it, and record the promotion (or the failure) after.
 */
final class RegistrySteps {
    private static final List<String> KEY_METRICS = io.github.mlmaven.evaluation.MetricName.keyMetrics();

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
        reportUnfinished(registry, current, log);
        boolean allowDirty = Boolean.TRUE.equals(p.get("allowDirty"));
        PromotionChecks.Candidate checked = PromotionChecks.check(
                bundle,
                current.productionVersion().map(ModelVersion::version).orElse(null),
                Boolean.TRUE.equals(p.get("requireApproval")),
                approver,
                allowDirty);
        ModelCard card = checked.card();
        if (card.git() == null || card.git().commit() == null) {
            throw new InvalidInputException("the model card of " + modelName + " names no git commit (it was trained"
                    + " outside a git repository or before the first commit); commit and run mvn verify again");
        }
        boolean dirty = card.git().dirty();
        if (dirty) {
            log.warn("The model was trained from a working tree with uncommitted changes, so its source commit "
                    + card.git().commit() + " does not hold exactly the code it was trained with; promoted anyway"
                    + " (allowDirty), and recorded so in the registry and on the tag");
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        checked.validation().metrics().forEach((k, v) -> {
            if (v != null) {
                metrics.put(k, v);
            }
        });
        String groupId = (String) p.get("groupId");
        String artifactId = (String) p.get("artifactId");
        requireSameCoordinatesAsBefore(
                current, groupId, artifactId, Boolean.TRUE.equals(p.get("artifactIdConfigured")), modelName);
        String validatedAgainst = validatedAgainst(checked.validation());
        Candidate candidate = new Candidate(
                groupId,
                artifactId,
                card.modelSha256(),
                card.git().commit(),
                metrics,
                approver,
                reason,
                trainingInputs(card),
                dirty,
                validatedAgainst == null ? ModelVersion.NO_PRODUCTION : validatedAgainst);
        String requested = blankToNull((String) p.get("version"));
        String projectVersion = (String) p.get("projectVersion");
        RegistryCommit commit;
        try {
            commit = registry.update(
                    modelName,
                    document -> {
                        requireProductionUnchanged(document, validatedAgainst, modelName);
                        RegistryDocument reserved = requested != null
                                ? document.reserve(requested, candidate, now())
                                : document.reserveNext(projectVersion, candidate, now());
                        // after the reservation, so that a version asked for that exists is refused as such first
                        document.requireNoTwinOf(candidate);
                        return reserved;
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
            if (Boolean.TRUE.equals(p.get("mustRecord"))) {
                throw e;
            }
            log.warn("Could not record the failed promotion of " + version + " in the registry: " + e.getMessage()
                    + ". It stays reserved; ml:promote and ml:history will report it");
        }
    }

    /** The command that finishes a promotion of this version, whatever state a stopped run left it in. */
    static String finishCommand(String version) {
        return "mvn ml:promote -Dml.promote.finish=" + version;
    }

    /**
     * After the deploy, or to finish a promotion a stopped run left behind: the version is promoted and production moved
     * to it (unless that was recorded already), then the source commit is tagged (unless it is already). Each step
     * that was done is not done again, so this completes every state between reservation and tag.
     */
    static void promoteComplete(Map<String, Object> p, MlLog log) {
        String modelName = modelName(p);
        String version = (String) p.get("version");
        String finish = finishCommand(version);
        // after a deployment, the same command again would deploy another version: only the finish completes this one
        GitModelRegistry registry = registry(p, log)
                .whenNotRecorded("the artifact is deployed, so do not run ml:promote again (it would deploy another"
                        + " version); finish this one with: " + finish);
        RegistryCommit commit;
        try {
            commit = registry.update(
                    modelName,
                    document -> {
                        ModelVersion entry = document.version(version).orElse(null);
                        if (entry != null && entry.hasStatus(ModelVersion.Status.PROMOTED)) {
                            return document; // recorded by an earlier run: only the tag may be missing
                        }
                        requireProductionUnchanged(document, validatedAgainst(p, entry), modelName);
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
            throw notRecorded(modelName, version, e);
        }
        try {
            ModelVersion promoted = commit.document()
                    .version(version)
                    .orElseThrow(() -> new IllegalStateException("version " + version + " vanished"));
            String tag = registry.tag(modelName, version, promoted.sourceCommit(), tagMessage(modelName, promoted));
            log.info("Promoted " + promoted.coordinates() + ": "
                    + (version.equals(commit.document().production())
                            ? "production is now " + version
                            : "production is " + commit.document().production())
                    + "; tagged " + tag + " on " + promoted.sourceCommit() + " (" + registry.location() + ")");
            writePromotion(p, promoted, log);
        } catch (RegistryException e) {
            throw notRecorded(modelName, version, e);
        }
    }

    private static InvalidInputException notRecorded(String modelName, String version, RegistryException e) {
        String finish = finishCommand(version);
        return new InvalidInputException(
                "the artifact of " + modelName + " " + version + " was deployed, but recording the promotion in the"
                        + " registry failed: " + e.getMessage()
                        + (e.getMessage().contains(finish)
                                ? ""
                                : ". Do not run ml:promote again (it would deploy another version); finish this one"
                                        + " with: " + finish),
                e);
    }

    /** The tag's message: who approved it, and that the source commit is not all there was, when so. */
    static String tagMessage(String modelName, ModelVersion promoted) {
        return "ml-maven-plugin: " + modelName + " " + promoted.version() + " promoted"
                + (promoted.approver() == null ? "" : " (approved by " + promoted.approver() + ")")
                + (promoted.fromUncommittedChanges()
                        ? "\n\nTrained from a working tree with uncommitted changes (promoted with allowDirty):"
                                + " this commit does not hold exactly the code the model was trained with."
                        : "");
    }

    /**
     * What a promotion of this version left behind, for {@code -Dml.promote.finish}: its status and coordinates, the
     * SHA-256 it was reserved for, and whether the model in target/ml is that very model (so it can still be deployed).
     */
    static Map<String, String> promoteState(Map<String, Object> p, MlLog log) {
        String modelName = modelName(p);
        String version = Versions.requireWellFormed((String) p.get("version"));
        RegistryDocument document = registry(p, log).read(modelName);
        ModelVersion entry = document.version(version)
                .orElseThrow(() -> new RefusedException("there is no version " + version + " of " + modelName
                        + " in the registry to finish; the versions are " + document.versionNames()));
        ModelBundle bundle = bundle(p);
        String localSha = null;
        if (java.nio.file.Files.isRegularFile(bundle.modelFile())) {
            localSha = io.github.mlmaven.runtime.Sha256.ofFile(bundle.modelFile());
        }
        Map<String, String> state = new LinkedHashMap<>();
        state.put("status", entry.status().json());
        state.put("groupId", entry.groupId());
        state.put("artifactId", entry.artifactId());
        state.put("modelSha256", entry.modelSha256() == null ? "" : entry.modelSha256());
        state.put("localModelMatches", String.valueOf(localSha != null && localSha.equals(entry.modelSha256())));
        return state;
    }

    /**
     * Packages the model in target/ml as the artifact of a version reserved for it, to deploy a promotion that stopped
     * before its deployment. The model must still be the reserved one, and validated.
     */
    static Map<String, String> promotePackage(Map<String, Object> p, MlLog log) {
        String modelName = modelName(p);
        String version = (String) p.get("version");
        ModelVersion entry = registry(p, log)
                .read(modelName)
                .version(version)
                .orElseThrow(() -> new RefusedException("there is no version " + version + " of " + modelName));
        ModelBundle bundle = bundle(p);
        ModelCard card = bundle.readCard();
        ValidationReport validation = readValidation(bundle);
        if (!Objects.equals(card.modelSha256(), entry.modelSha256())
                || !Objects.equals(validation.modelSha256(), entry.modelSha256())
                || !validation.passed()) {
            throw new RefusedException("version " + version + " was reserved for the model with SHA-256 "
                    + entry.modelSha256() + ", but " + bundle.directory() + " holds " + card.modelSha256()
                    + (validation.passed() ? "" : " (which failed its validation)") + "; it cannot be deployed here");
        }
        ModelArtifactPackager.Packaged packaged = ModelArtifactPackager.pack(
                bundle,
                card,
                new ModelArtifactPackager.Coordinates(entry.groupId(), entry.artifactId(), version),
                bundle.directory().resolve("promotion"));
        return Map.of("jar", packaged.jar().toString(), "pom", packaged.pom().toString());
    }

    /**
     * Checks that a deployed artifact holds the very model its version was reserved for, before a stopped promotion is
     * recorded: the model entry named by the jar's card is hashed as it is read, never held whole.
     */
    static void promoteVerify(Map<String, Object> p, MlLog log) {
        String modelName = modelName(p);
        String version = (String) p.get("version");
        Path jar = Path.of((String) p.get("jar"));
        ModelVersion entry = registry(p, log)
                .read(modelName)
                .version(version)
                .orElseThrow(() -> new RefusedException("there is no version " + version + " of " + modelName));
        String folder = io.github.mlmaven.runtime.BundleLayout.directory(modelName);
        String actual;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            java.util.zip.ZipEntry cardEntry = zip.getEntry(folder + ModelBundle.CARD_FILE);
            if (cardEntry == null) {
                throw new RefusedException(
                        jar + " holds no " + folder + ModelBundle.CARD_FILE + "; the deployed " + entry.coordinates()
                                + " is not a model artifact of " + modelName + ", so it was not recorded");
            }
            ModelCard card;
            try (java.io.InputStream in = zip.getInputStream(cardEntry)) {
                card = Json.MAPPER.readValue(in, ModelCard.class);
            }
            java.util.zip.ZipEntry modelEntry =
                    card.modelFile() == null ? null : zip.getEntry(folder + card.modelFile());
            if (modelEntry == null) {
                throw new RefusedException(jar + " holds no model file named by its card; the deployed "
                        + entry.coordinates() + " was not recorded");
            }
            java.security.MessageDigest digest = io.github.mlmaven.runtime.Sha256.newDigest();
            try (java.io.InputStream in = new java.security.DigestInputStream(zip.getInputStream(modelEntry), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            actual = io.github.mlmaven.runtime.Sha256.hex(digest.digest());
        } catch (java.io.IOException e) {
            throw new InvalidInputException(
                    "cannot read the deployed " + entry.coordinates() + " (" + jar + "): " + e.getMessage(), e);
        }
        if (!actual.equals(entry.modelSha256())) {
            throw new RefusedException("the deployed " + entry.coordinates() + " holds a model with SHA-256 " + actual
                    + ", but version " + version + " was reserved for " + entry.modelSha256() + ": it is not the"
                    + " reserved model (altered, or deployed by something else), so it was not recorded. Find out"
                    + " what wrote it before anything is promoted under this version");
        }
        log.info("The deployed " + entry.coordinates() + " holds the reserved model (SHA-256 " + actual + ")");
    }

    /**
     * What stopped promotions left behind, each with the command that completes it: versions reserved and never
     * recorded as promoted or failed (deployed or not), promoted versions whose tag is missing, and lock files in a
     * local origin. Reported by ml:promote and ml:history.
     */
    static List<String> unfinished(GitModelRegistry registry, RegistryDocument document) {
        List<String> found = new ArrayList<>();
        String modelName = document.modelName();
        for (ModelVersion v : document.versions()) {
            if (v.hasStatus(ModelVersion.Status.RESERVED)) {
                found.add("version " + v.version() + " of " + modelName + " was reserved at " + v.reservedAt()
                        + " and never recorded as promoted or failed: its ml:promote stopped (or is still running)"
                        + " before or after deploying " + v.coordinates() + ". Complete it with: "
                        + finishCommand(v.version()) + " (it deploys the model if it is not deployed yet, checks the"
                        + " deployed one's SHA-256 if it is, and records the promotion; it records the version as"
                        + " failed when the model is neither deployed nor here any more)");
            }
        }
        List<ModelVersion> promoted = document.promotedVersions();
        if (!promoted.isEmpty()) {
            java.util.Set<String> tagged = registry.taggedVersions(modelName);
            for (ModelVersion v : promoted) {
                if (!tagged.contains(v.version())) {
                    found.add("version " + v.version() + " of " + modelName + " is promoted"
                            + (v.version().equals(document.production()) ? " and in production" : "")
                            + ", but its tag " + GitModelRegistry.tagName(modelName, v.version())
                            + " is missing (its ml:promote stopped before tagging). Complete it with: "
                            + finishCommand(v.version()));
                }
            }
        }
        List<String> locks = registry.staleLocks();
        if (!locks.isEmpty()) {
            found.add(GitModelRegistry.describeLocks(registry.remote(), locks));
        }
        return found;
    }

    private static void reportUnfinished(GitModelRegistry registry, RegistryDocument document, MlLog log) {
        for (String problem : unfinished(registry, document)) {
            log.warn("Registry: " + problem);
        }
    }

    /**
     * An existing registry whose versions were published under other coordinates keeps them unless the configuration
     * says otherwise: the default artifactId changed (it once was the model name, which could be the project's own),
     * and a consumer that depends on the old coordinates would silently stop seeing new versions.
     */
    private static void requireSameCoordinatesAsBefore(
            RegistryDocument document, String groupId, String artifactId, boolean configured, String modelName) {
        if (configured || document.versions().isEmpty()) {
            return;
        }
        ModelVersion last = document.versions().get(document.versions().size() - 1);
        if (last.groupId().equals(groupId) && last.artifactId().equals(artifactId)) {
            return;
        }
        throw new RefusedException("the versions of " + modelName + " in the registry were published as "
                + last.groupId() + ":" + last.artifactId() + ", and this promotion would publish "
                + groupId + ":" + artifactId + " (the default artifactId is the model name followed by -model, so"
                + " that the model never takes the project's own coordinates). Say which to use:"
                + " <modelArtifactId>" + last.artifactId() + "</modelArtifactId> (or -Dml.promote.artifactId="
                + last.artifactId() + ") to keep the old coordinates, unless they are the project's own,"
                + " or <modelArtifactId>" + artifactId + "</modelArtifactId> to move to the new ones (then point"
                + " the applications' dependency at them); see docs/promotion.md, 'Model coordinates'");
    }

    /** What the model was trained with, from its card, to tell versions of one commit apart. */
    private static TrainingInputs trainingInputs(ModelCard card) {
        Map<String, String> data = new LinkedHashMap<>();
        if (card.data() != null && card.data().files() != null) {
            card.data().files().forEach(f -> data.put(f.path(), f.sha256()));
        }
        return new TrainingInputs(card.algorithm(), card.options(), card.configurationKey(), data);
    }

    /**
     * The production version a candidate must replace: the one recorded when its version was reserved, or (for an
     * entry written before that was recorded) the one its validation.json in target/ml compared it with.
     */
    private static String validatedAgainst(Map<String, Object> p, ModelVersion entry) {
        if (entry != null && entry.validatedAgainst() != null) {
            return ModelVersion.NO_PRODUCTION.equals(entry.validatedAgainst()) ? null : entry.validatedAgainst();
        }
        return validatedAgainst(readValidation(bundle(p)));
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
            reportUnfinished(registry, document, log);
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
        reportUnfinished(registry, document, log);
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
