package io.github.mlmaven.workflow;

import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.PromoteParameters;
import io.github.mlmaven.artifact.ModelArtifactPackager;
import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.common.RefusedException;
import io.github.mlmaven.registry.Candidate;
import io.github.mlmaven.registry.GitModelRegistry;
import io.github.mlmaven.registry.ModelVersion;
import io.github.mlmaven.registry.RegistryCommit;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The registry-backed steps of ml:promote, ml:history, ml:rollback and the production lookup of ml:validate. Deploying
 * is the Maven layer's job; these steps reserve a version before it, and record the promotion (or the failure) after.
 */
final class PromotionSteps {
    private PromotionSteps() {}

    /**
     * Checks that exactly the validated model is promoted, reserves its version in the registry (compare-and-swap:
     * two promotions never get the same one) and packages the artifact. Returns the coordinates and the files.
     */
    static Prepared prepare(PromoteParameters p, MlLog log) {
        GoalContext context = p.context();
        GitModelRegistry registry = Registries.open(context, log);
        String modelName = context.modelName();
        ModelBundle bundle = Registries.bundle(context);
        // a promotion.json from an earlier promotion must not be reported as this run's (ml:ci-report)
        try {
            java.nio.file.Files.deleteIfExists(bundle.directory().resolve(PromotionReport.FILE));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot remove the previous " + PromotionReport.FILE, e);
        }
        // on GitHub Actions without -Dml.promote.approver: who approved the run
        CiSteps.Approval approval = CiSteps.approval(
                p.github(),
                p.requireApproval(),
                context.pluginVersion(),
                blankToNull(p.approver()),
                blankToNull(p.reason()),
                log);
        RegistryDocument current;
        try {
            current = registry.read(modelName);
        } catch (RegistryException e) {
            if (e.reason() == RegistryException.Reason.NOT_A_REPOSITORY) {
                throw new InvalidInputException("ml:promote records promotions on a branch of the project's git"
                        + " repository, but " + context.basedir() + " is not in one; run git init and commit first");
            }
            throw e;
        }
        reportUnfinished(registry, current, log);
        PromotionChecks.Candidate checked = PromotionChecks.check(
                bundle,
                current.productionVersion().map(ModelVersion::version).orElse(null),
                p.requireApproval(),
                approval.approver(),
                p.allowDirty());
        Candidate candidate = candidate(p, current, checked, approval, log);
        String version = reserve(registry, modelName, candidate, p, log);
        ModelCard card = checked.card();
        ModelArtifactPackager.Packaged packaged = ModelArtifactPackager.pack(
                bundle,
                card,
                new ModelArtifactPackager.Coordinates(p.groupId(), p.artifactId(), version),
                bundle.directory().resolve("promotion"));
        return new Prepared(p.groupId(), p.artifactId(), version, packaged.jar(), packaged.pom());
    }

    /**
     * A version reserved for the validated model, and its artifact.
     *
     * @param jar the packaged artifact, to deploy
     */
    record Prepared(String groupId, String artifactId, String version, Path jar, Path pom) {
        String coordinates() {
            return groupId + ":" + artifactId + ":" + version;
        }
    }

    /** What the registry records of the candidate: its model, source commit, metrics, approval and inputs. */
    private static Candidate candidate(
            PromoteParameters p,
            RegistryDocument current,
            PromotionChecks.Candidate checked,
            CiSteps.Approval approval,
            MlLog log) {
        ModelCard card = checked.card();
        String modelName = p.context().modelName();
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
        requireSameCoordinatesAsBefore(current, p.groupId(), p.artifactId(), p.artifactIdConfigured(), modelName);
        String validatedAgainst = validatedAgainst(checked.validation());
        return new Candidate(
                p.groupId(),
                p.artifactId(),
                card.modelSha256(),
                card.git().commit(),
                metrics,
                approval.approver(),
                approval.reason(),
                trainingInputs(card),
                dirty,
                validatedAgainst == null ? ModelVersion.NO_PRODUCTION : validatedAgainst);
    }

    /** Reserves the version asked for, or the next free one, in the registry's compare-and-swap. */
    private static String reserve(
            GitModelRegistry registry, String modelName, Candidate candidate, PromoteParameters p, MlLog log) {
        String validatedAgainst =
                ModelVersion.NO_PRODUCTION.equals(candidate.validatedAgainst()) ? null : candidate.validatedAgainst();
        String requested = blankToNull(p.version());
        String projectVersion = p.context().projectVersion();
        RegistryCommit commit;
        try {
            commit = registry.update(
                    modelName,
                    document -> {
                        requireProductionUnchanged(document, validatedAgainst, modelName);
                        RegistryDocument reserved = requested != null
                                ? document.reserve(requested, candidate, Registries.now())
                                : document.reserveNext(projectVersion, candidate, Registries.now());
                        // after the reservation, so that a version asked for that exists is refused as such first
                        document.requireNoTwinOf(candidate);
                        return reserved;
                    },
                    RegistryDocument::describeLastEvent);
        } catch (RegistryException e) {
            throw Registries.translate(e);
        }
        String version = commit.document()
                .lastEvent()
                .map(RegistryEvent::version)
                .orElseThrow(() -> new IllegalStateException("the reservation recorded no event"));
        log.info("Reserved version " + version + " of " + modelName + " in the registry (" + registry.location() + ")");
        return version;
    }

    /** Records that a reserved version was not deployed; the version stays taken, so releases stay immutable. */
    static void abort(GoalContext context, String version, String failure, boolean mustRecord, MlLog log) {
        try {
            Registries.open(context, log)
                    .update(
                            context.modelName(),
                            document -> document.fail(version, failure, Registries.now()),
                            RegistryDocument::describeLastEvent);
            log.warn("Recorded version " + version + " of " + context.modelName() + " as failed: " + failure);
        } catch (RegistryException e) {
            if (mustRecord) {
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
    static void complete(GoalContext context, String version, MlLog log) {
        String modelName = context.modelName();
        String finish = finishCommand(version);
        // after a deployment, the same command again would deploy another version: only the finish completes this one
        GitModelRegistry registry = Registries.open(context, log)
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
                        requireProductionUnchanged(document, validatedAgainst(context, entry), modelName);
                        return document.promote(version, Registries.now());
                    },
                    RegistryDocument::describeLastEvent);
        } catch (RefusedException e) {
            // deployed, but another promotion changed production meanwhile: this version never becomes production
            try {
                registry.update(
                        modelName,
                        document -> document.fail(version, e.getMessage(), Registries.now()),
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
            writePromotion(context, promoted, log);
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
    static State state(GoalContext context, String requested, MlLog log) {
        String modelName = context.modelName();
        String version = Versions.requireWellFormed(requested);
        RegistryDocument document = Registries.open(context, log).read(modelName);
        ModelVersion entry = document.version(version)
                .orElseThrow(() -> new RefusedException("there is no version " + version + " of " + modelName
                        + " in the registry to finish; the versions are " + document.versionNames()));
        ModelBundle bundle = Registries.bundle(context);
        String localSha = null;
        if (java.nio.file.Files.isRegularFile(bundle.modelFile())) {
            localSha = io.github.mlmaven.runtime.Sha256.ofFile(bundle.modelFile());
        }
        return new State(
                entry.status(),
                entry.groupId(),
                entry.artifactId(),
                entry.modelSha256() == null ? "" : entry.modelSha256(),
                localSha != null && localSha.equals(entry.modelSha256()));
    }

    /**
     * What a stopped promotion of a version left.
     *
     * @param localModelMatches target/ml still holds the very model the version was reserved for
     */
    record State(
            ModelVersion.Status status,
            String groupId,
            String artifactId,
            String modelSha256,
            boolean localModelMatches) {}

    /**
     * Packages the model in target/ml as the artifact of a version reserved for it, to deploy a promotion that stopped
     * before its deployment. The model must still be the reserved one, and validated.
     */
    static ModelArtifactPackager.Packaged packageReserved(GoalContext context, String version, MlLog log) {
        String modelName = context.modelName();
        ModelVersion entry = Registries.open(context, log)
                .read(modelName)
                .version(version)
                .orElseThrow(() -> new RefusedException("there is no version " + version + " of " + modelName));
        ModelBundle bundle = Registries.bundle(context);
        ModelCard card = bundle.readCard();
        ValidationReport validation = readValidation(bundle);
        if (!Objects.equals(card.modelSha256(), entry.modelSha256())
                || !Objects.equals(validation.modelSha256(), entry.modelSha256())
                || !validation.passed()) {
            throw new RefusedException("version " + version + " was reserved for the model with SHA-256 "
                    + entry.modelSha256() + ", but " + bundle.directory() + " holds " + card.modelSha256()
                    + (validation.passed() ? "" : " (which failed its validation)") + "; it cannot be deployed here");
        }
        return ModelArtifactPackager.pack(
                bundle,
                card,
                new ModelArtifactPackager.Coordinates(entry.groupId(), entry.artifactId(), version),
                bundle.directory().resolve("promotion"));
    }

    /**
     * Checks that a deployed artifact holds the very model its version was reserved for, before a stopped promotion is
     * recorded: the model entry named by the jar's card is hashed as it is read, never held whole.
     */
    static void verifyDeployed(GoalContext context, String version, Path jar, MlLog log) {
        String modelName = context.modelName();
        ModelVersion entry = Registries.open(context, log)
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

    static void reportUnfinished(GitModelRegistry registry, RegistryDocument document, MlLog log) {
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
    private static String validatedAgainst(GoalContext context, ModelVersion entry) {
        if (entry != null && entry.validatedAgainst() != null) {
            return ModelVersion.NO_PRODUCTION.equals(entry.validatedAgainst()) ? null : entry.validatedAgainst();
        }
        return validatedAgainst(readValidation(Registries.bundle(context)));
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
    private static void writePromotion(GoalContext context, ModelVersion promoted, MlLog log) {
        PromotionReport report = new PromotionReport(
                PromotionReport.CURRENT_SCHEMA_VERSION,
                context.modelName(),
                promoted.version(),
                promoted.groupId(),
                promoted.artifactId(),
                promoted.approver(),
                promoted.reason(),
                promoted.promotedAt(),
                promoted.sourceCommit(),
                promoted.modelSha256());
        try {
            report.writeTo(Registries.bundle(context).directory());
        } catch (java.io.IOException e) {
            log.warn("The promotion is recorded, but " + PromotionReport.FILE + " could not be written to "
                    + Registries.bundle(context).directory() + ": " + e);
        }
    }

    private static String blankToNull(String text) {
        return Registries.blankToNull(text);
    }
}
