package io.github.mlmaven.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.mlmaven.registry.ModelVersion.Status;
import io.github.mlmaven.registry.RegistryEvent.Type;
import io.github.mlmaven.registry.RegistryException.Reason;
import io.github.mlmaven.runtime.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code models/<modelName>.json} on the registry branch: every version of one model and which one is in production,
 * with the events that led there. Immutable: each change returns a new document with one more event, and nothing is
 * ever removed. The format, with an example, is described in {@link io.github.mlmaven.registry the package}.
 *
 * @param schemaVersion {@value #CURRENT_SCHEMA_VERSION}; a reader refuses a newer one
 * @param production the version in production, or null before the first promotion
 * @param versions every version ever reserved, in the order they were reserved
 * @param events everything that happened, oldest first
 */
public record RegistryDocument(
        int schemaVersion,
        String modelName,
        String production,
        List<ModelVersion> versions,
        List<RegistryEvent> events) {

    public static final int CURRENT_SCHEMA_VERSION = 1;

    /** Model names become a file name and part of a tag name: letters, digits, '.', '_' and '-'. */
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** What Maven accepts as a groupId or artifactId. */
    static final Pattern COORDINATE = Pattern.compile("[A-Za-z0-9_.-]+");

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** A full commit id, SHA-1 or SHA-256: it is resolved in the repository and must not be a revision expression. */
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    public RegistryDocument {
        Objects.requireNonNull(modelName, "modelName");
        versions = versions == null ? List.of() : List.copyOf(versions);
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** The document of a model the registry has never seen. */
    public static RegistryDocument empty(String modelName) {
        return new RegistryDocument(
                CURRENT_SCHEMA_VERSION, requireValidModelName(modelName), null, List.of(), List.of());
    }

    /** The version in production, if any. */
    public Optional<ModelVersion> productionVersion() {
        return production == null ? Optional.empty() : version(production);
    }

    public Optional<ModelVersion> version(String version) {
        return versions.stream().filter(v -> v.version().equals(version)).findFirst();
    }

    /** Every version in any status: all of them are taken for good. */
    public List<String> versionNames() {
        return versions.stream().map(ModelVersion::version).toList();
    }

    public List<ModelVersion> promotedVersions() {
        return versions.stream().filter(v -> v.hasStatus(Status.PROMOTED)).toList();
    }

    /** The next free version for this project version, see {@link Versions#next}. */
    public String nextVersion(String projectVersion) {
        return Versions.next(projectVersion, versionNames());
    }

    public Optional<RegistryEvent> lastEvent() {
        return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1));
    }

    /**
     * What the last event was, as one line: the registry commit's message. Pass {@code RegistryDocument::describeLastEvent}
     * as the message of {@link GitModelRegistry#update}.
     */
    public String describeLastEvent() {
        return lastEvent().map(e -> e.describe(modelName)).orElse("update " + modelName);
    }

    /** Takes the next free version for the project version, see {@link Versions#next}. */
    public RegistryDocument reserveNext(String projectVersion, Candidate candidate, Instant at) {
        return reserve(nextVersion(projectVersion), candidate, at);
    }

    /**
     * Takes a version for a candidate that is about to be deployed.
     *
     * @throws RegistryException when the version is malformed or exists already in any status
     */
    public RegistryDocument reserve(String version, Candidate candidate, Instant at) {
        String checked = Versions.requireNew(version, versionNames());
        List<ModelVersion> newVersions = new ArrayList<>(versions);
        newVersions.add(ModelVersion.reserved(checked, candidate, at));
        RegistryEvent event =
                new RegistryEvent(Type.RESERVE, checked, null, candidate.approver(), candidate.reason(), timestamp(at));
        return new RegistryDocument(schemaVersion, modelName, production, newVersions, append(event));
    }

    /**
     * The versions trained from the same source commit alike (the same model, or the same configuration and data): one
     * commit may give several versions only when something else tells them apart.
     */
    public List<ModelVersion> trainedAlike(Candidate candidate) {
        return versions.stream()
                .filter(v -> v.sourceCommit() != null && v.sourceCommit().equals(candidate.sourceCommit()))
                .filter(v -> Objects.equals(v.modelSha256(), candidate.modelSha256())
                        || (v.training() != null
                                && candidate.training() != null
                                && v.training().sameAs(candidate.training())))
                .toList();
    }

    /**
     * Refuses a candidate trained alike from the same source commit as a promoted version (it would be one model under
     * two versions) or a reserved one (its stopped promotion is to be finished, not repeated). Failed versions do not
     * count: their model was never published.
     *
     * @throws RegistryException ({@link Reason#INVALID_STATE}) naming the version, and the command for a reserved one
     */
    public void requireNoTwinOf(Candidate candidate) {
        for (ModelVersion v : trainedAlike(candidate)) {
            String commit = candidate
                    .sourceCommit()
                    .substring(0, Math.min(10, candidate.sourceCommit().length()));
            if (v.hasStatus(Status.PROMOTED)) {
                throw new RegistryException(
                        Reason.INVALID_STATE,
                        "version " + v.version() + " of " + modelName + " was promoted from the same commit " + commit
                                + " with the same configuration and data; promoting again would publish one model"
                                + " under two versions. Change the configuration or the data (and commit), or roll"
                                + " back to " + v.version() + " with -Dml.rollback.version=" + v.version());
            }
            if (v.hasStatus(Status.RESERVED)) {
                throw new RegistryException(
                        Reason.INVALID_STATE,
                        "version " + v.version() + " of " + modelName + " was reserved for this same model (commit "
                                + commit + ", reserved at " + v.reservedAt() + ") and its promotion never finished;"
                                + " complete it with: mvn ml:promote -Dml.promote.finish=" + v.version());
            }
        }
    }

    /**
     * Marks a reserved version as deployed and puts it in production. The event carries the approver and reason given
     * at reservation.
     *
     * @throws RegistryException when the version is unknown or not reserved
     */
    public RegistryDocument promote(String version, Instant at) {
        ModelVersion entry = requireStatus(version, Status.RESERVED, "promote");
        ModelVersion promoted = entry.promotedAt(at);
        RegistryEvent event =
                new RegistryEvent(Type.PROMOTE, version, null, entry.approver(), entry.reason(), promoted.promotedAt());
        return new RegistryDocument(schemaVersion, modelName, version, replace(promoted), append(event));
    }

    /**
     * Marks a reserved version as failed (its deployment did not happen). The version stays taken; production does not
     * change.
     *
     * @throws RegistryException when the version is unknown or not reserved
     */
    public RegistryDocument fail(String version, String reason, Instant at) {
        ModelVersion entry = requireStatus(version, Status.RESERVED, "mark as failed");
        RegistryEvent event = new RegistryEvent(Type.FAIL, version, null, null, reason, timestamp(at));
        return new RegistryDocument(schemaVersion, modelName, production, replace(entry.failed()), append(event));
    }

    /**
     * Points production at another promoted version, recorded as its own event; nothing is removed or re-deployed.
     *
     * @throws RegistryException ({@link Reason#UNKNOWN_VERSION}) listing the promoted versions when the version was
     *     never promoted; ({@link Reason#INVALID_STATE}) when it is in production already
     */
    public RegistryDocument rollback(String version, String approver, String reason, Instant at) {
        ModelVersion entry = version(version)
                .filter(v -> v.hasStatus(Status.PROMOTED))
                .orElseThrow(() -> new RegistryException(
                        Reason.UNKNOWN_VERSION,
                        "cannot roll " + modelName + " back to " + version + ": "
                                + version(version)
                                        .map(v -> "that version was never promoted (it is "
                                                + v.status().json() + ")")
                                        .orElse("no such version")
                                + "; " + promotedList()));
        if (entry.version().equals(production)) {
            throw new RegistryException(
                    Reason.INVALID_STATE,
                    version + " of " + modelName + " is in production already; " + promotedList());
        }
        RegistryEvent event = new RegistryEvent(Type.ROLLBACK, version, production, approver, reason, timestamp(at));
        return new RegistryDocument(schemaVersion, modelName, version, versions, append(event));
    }

    /** The document as written to the branch: indented JSON ending with a newline. */
    public String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the registry document of " + modelName, e);
        }
    }

    /**
     * Reads a document written by {@link #toJson()}.
     *
     * @param where where the text came from, for the message
     * @throws RegistryException ({@link Reason#CORRUPT_DOCUMENT}) for broken JSON, a newer schema or another model
     */
    public static RegistryDocument fromJson(String json, String expectedModelName, String where) {
        RegistryDocument document;
        try {
            document = Json.MAPPER.readValue(json, RegistryDocument.class);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new RegistryException(
                    Reason.CORRUPT_DOCUMENT,
                    where + " is not a registry document: "
                            + e.getMessage().lines().findFirst().orElse("")
                            + "; fix or revert the last commit on the registry branch",
                    e);
        }
        if (document == null) {
            throw new RegistryException(
                    Reason.CORRUPT_DOCUMENT, where + " is empty; revert the commit that emptied it");
        }
        if (document.schemaVersion() > CURRENT_SCHEMA_VERSION) {
            throw new RegistryException(
                    Reason.CORRUPT_DOCUMENT,
                    where + " has schemaVersion " + document.schemaVersion() + ", written by a newer ml-maven-plugin"
                            + " (this one reads " + CURRENT_SCHEMA_VERSION + "); upgrade the plugin");
        }
        if (document.schemaVersion() < 1) {
            throw new RegistryException(Reason.CORRUPT_DOCUMENT, where + " has no schemaVersion");
        }
        if (!document.modelName().equals(expectedModelName)) {
            throw new RegistryException(
                    Reason.CORRUPT_DOCUMENT,
                    where + " is about model '" + document.modelName() + "', not '" + expectedModelName + "'");
        }
        List<String> problems = document.problems();
        if (!problems.isEmpty()) {
            throw new RegistryException(
                    Reason.CORRUPT_DOCUMENT,
                    where + " is not a valid registry document: " + String.join("; ", problems)
                            + ". Nothing was read from it; fix the document with a new commit on the registry branch,"
                            + " or revert the commit that broke it (git log -p on the branch, path "
                            + GitModelRegistry.MODELS_FOLDER + "/" + expectedModelName + ".json, shows which)");
        }
        return document;
    }

    /**
     * What makes a document unusable, each as a phrase: strings that reach file names, tags and Maven's resolver
     * must be what they claim to be, a version is listed once, and production names a promoted version.
     */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ModelVersion v : versions) {
            if (v == null) {
                problems.add("an entry of \"versions\" is null");
                continue;
            }
            String label = "version '" + excerpt(v.version()) + "'";
            if (!Versions.MODEL_VERSION.matcher(v.version()).matches()) {
                problems.add(label + " is not a version (<major>.<minor>.<patch>)");
            } else if (!seen.add(v.version())) {
                problems.add(label + " is listed twice");
            }
            if (v.groupId() == null || !COORDINATE.matcher(v.groupId()).matches()) {
                problems.add(label + " has groupId '" + excerpt(v.groupId()) + "', not a Maven groupId");
            }
            if (v.artifactId() == null || !COORDINATE.matcher(v.artifactId()).matches()) {
                problems.add(label + " has artifactId '" + excerpt(v.artifactId()) + "', not a Maven artifactId");
            }
            if (v.modelSha256() != null && !SHA256.matcher(v.modelSha256()).matches()) {
                problems.add(label + " has modelSha256 '" + excerpt(v.modelSha256()) + "', not a SHA-256");
            }
            if (v.sourceCommit() != null && !COMMIT.matcher(v.sourceCommit()).matches()) {
                problems.add(label + " has sourceCommit '" + excerpt(v.sourceCommit()) + "', not a commit id");
            }
        }
        if (production != null) {
            Optional<ModelVersion> inProduction = versions.stream()
                    .filter(v -> v != null && production.equals(v.version()))
                    .findFirst();
            if (inProduction.isEmpty()) {
                problems.add("production is '" + excerpt(production) + "', which is not one of the versions "
                        + versions.stream()
                                .filter(Objects::nonNull)
                                .map(v -> excerpt(v.version()))
                                .toList());
            } else if (!inProduction.get().hasStatus(Status.PROMOTED)) {
                problems.add("production is " + production + ", which is "
                        + inProduction.get().status().json() + ", not promoted");
            }
        }
        for (RegistryEvent e : events) {
            if (e == null) {
                problems.add("an entry of \"events\" is null");
            } else if (!Versions.MODEL_VERSION.matcher(e.version()).matches()
                    || (e.from() != null
                            && !Versions.MODEL_VERSION.matcher(e.from()).matches())) {
                problems.add("a " + e.type().json() + " event names '" + excerpt(e.version())
                        + (e.from() == null ? "" : "' (from '" + excerpt(e.from()) + ")") + "', not a version");
            }
        }
        return problems;
    }

    /** A value quoted in a message: at most 40 characters, on one line. */
    private static String excerpt(String value) {
        if (value == null) {
            return "null";
        }
        String line = value.replaceAll("\\p{Cntrl}", "?");
        return line.length() <= 40 ? line : line.substring(0, 40) + "...";
    }

    /**
     * @return the name
     * @throws RegistryException ({@link Reason#INVALID_NAME}) unless the name can be a file name and part of a tag
     */
    public static String requireValidModelName(String modelName) {
        if (modelName == null
                || !MODEL_NAME.matcher(modelName).matches()
                || modelName.contains("..")
                || modelName.endsWith(".lock")
                || modelName.endsWith(".")) {
            throw new RegistryException(
                    Reason.INVALID_NAME,
                    "model name '" + modelName + "' cannot name a registry file and tag: use letters, digits, '.', '_'"
                            + " and '-', starting with a letter or digit");
        }
        return modelName;
    }

    static String timestamp(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private ModelVersion requireStatus(String version, Status expected, String action) {
        ModelVersion entry = version(version)
                .orElseThrow(() -> new RegistryException(
                        Reason.UNKNOWN_VERSION,
                        "cannot " + action + " " + modelName + " " + version + ": no such version; the versions are "
                                + versionNames()));
        if (!entry.hasStatus(expected)) {
            throw new RegistryException(
                    Reason.INVALID_STATE,
                    "cannot " + action + " " + modelName + " " + version + ": it is "
                            + entry.status().json() + ", not " + expected.json());
        }
        return entry;
    }

    private String promotedList() {
        List<String> promoted =
                promotedVersions().stream().map(ModelVersion::version).toList();
        return promoted.isEmpty()
                ? "no version of " + modelName + " has been promoted"
                : "the promoted versions are " + String.join(", ", promoted)
                        + (production == null ? "" : " (" + production + " in production)");
    }

    private List<ModelVersion> replace(ModelVersion changed) {
        return versions.stream()
                .map(v -> v.version().equals(changed.version()) ? changed : v)
                .toList();
    }

    private List<RegistryEvent> append(RegistryEvent event) {
        List<RegistryEvent> all = new ArrayList<>(events);
        all.add(event);
        return all;
    }
}
