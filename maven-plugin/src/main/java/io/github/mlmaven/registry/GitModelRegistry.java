package io.github.mlmaven.registry;

import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.registry.RegistryException.Reason;
import io.github.mlmaven.registry.RegistryTransport.Outcome;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RemoteConfig;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathSuffixFilter;

/**
 * The model registry: one JSON document per model ({@code models/<modelName>.json}, see {@link RegistryDocument}) on a
 * branch of the project's git repository, one commit per event, so {@code git log ml-registry} is the audit trail.
 *
 * <p>Commits are written straight into the object database with JGit; the working tree, the index and HEAD are never
 * touched. When the repository has the remote (by default {@code origin}) every read fetches the branch first and every
 * change is pushed with compare-and-swap: the push says which commit it expects the branch to be at, and when another
 * writer moved it first, the document is re-read and the change applied again (so a version is recomputed), up to
 * {@link #DEFAULT_MAX_ATTEMPTS} times. Without the remote the registry is the local branch, updated with the same
 * compare-and-swap on the local ref, and the log says so once.
 *
 * <p>Instances are immutable and may be shared between threads; each call opens the repository anew.
 */
public final class GitModelRegistry {
    public static final String DEFAULT_BRANCH = "ml-registry";
    public static final String DEFAULT_REMOTE = "origin";
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(250);
    /** The folder on the branch that holds one {@code <modelName>.json} per model. */
    public static final String MODELS_FOLDER = "models";
    /** Where ml:monitor keeps each model's history of monitoring passes, beside {@value #MODELS_FOLDER}. */
    public static final String MONITORING_FOLDER = "monitoring";
    /** Tags are {@code ml/<modelName>/<version>}. */
    public static final String TAG_PREFIX = "ml/";

    static final String DEFAULT_COMMITTER_NAME = "ml-maven-plugin";
    static final String DEFAULT_COMMITTER_EMAIL = "ml-maven-plugin@localhost";
    private static final String RUN_AGAIN = "run the same command again: it re-reads the registry first";

    private final RegistryContext context;
    private final int maxAttempts;
    private final Duration backoff;
    private final RegistryTransport transports;
    private final RegistryTags tags;
    private final String branch;
    private final String remote;
    private final MlLog log;

    /**
     * @param projectDirectory a directory in the repository (the repository is found at or above it)
     * @param branch the registry branch, e.g. {@value #DEFAULT_BRANCH}
     * @param remote the remote to share it through, e.g. {@value #DEFAULT_REMOTE}; when the repository has no such
     *     remote the registry is local only
     * @param credentials for the remote, or null to send none
     * @throws RegistryException ({@link Reason#NOT_A_REPOSITORY}) when no repository is found; ({@link
     *     Reason#INVALID_NAME}) for a branch or remote name git does not allow
     */
    public GitModelRegistry(
            Path projectDirectory, String branch, String remote, RegistryCredentials credentials, MlLog log) {
        this(
                new RegistryContext(
                        findGitDir(projectDirectory),
                        requireValidBranch(branch),
                        requireValidRemote(remote),
                        credentials,
                        Objects.requireNonNull(log, "log"),
                        null,
                        new AtomicBoolean(),
                        RUN_AGAIN),
                DEFAULT_MAX_ATTEMPTS,
                DEFAULT_BACKOFF);
    }

    private GitModelRegistry(RegistryContext context, int maxAttempts, Duration backoff) {
        this.context = context;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.transports = new RegistryTransport(context);
        this.tags = new RegistryTags(context, transports);
        this.branch = context.branch();
        this.remote = context.remote();
        this.log = context.log();
    }

    /**
     * A registry that tries a contended update {@code maxAttempts} times, waiting about {@code backoff} times the
     * attempt number, plus up to {@code backoff} at random, between attempts.
     */
    public GitModelRegistry withRetry(int maxAttempts, Duration backoff) {
        if (maxAttempts < 1 || backoff.isNegative()) {
            throw new IllegalArgumentException("maxAttempts must be at least 1 and backoff not negative");
        }
        return new GitModelRegistry(context, maxAttempts, backoff);
    }

    /**
     * A registry whose messages, when a change could not be recorded, end with this advice instead of "run the same
     * command again": after a deployment, running ml:promote again would deploy another version, so the promotion
     * names the command that finishes it.
     */
    public GitModelRegistry whenNotRecorded(String advice) {
        return new GitModelRegistry(
                context.withNotRecordedAdvice(Objects.requireNonNull(advice, "advice")), maxAttempts, backoff);
    }

    /**
     * A registry whose commits and tags name this committer. By default they name the repository's {@code user.name}
     * and {@code user.email}, or {@value #DEFAULT_COMMITTER_NAME} when those are not configured (as on CI runners).
     */
    public GitModelRegistry withCommitter(String name, String email) {
        return new GitModelRegistry(context.withCommitter(new PersonIdent(name, email)), maxAttempts, backoff);
    }

    /** The repository's git directory. */
    public Path gitDirectory() {
        return context.gitDir().toPath();
    }

    public String branch() {
        return branch;
    }

    public String remote() {
        return remote;
    }

    /** Whether the repository has the remote, i.e. whether the registry is shared rather than local only. */
    public boolean isShared() {
        try (Repository repository = context.open()) {
            return context.remoteConfig(repository).isPresent();
        }
    }

    /** Where the registry lives, for messages: {@code branch ml-registry of origin (https://...)}. */
    public String location() {
        try (Repository repository = context.open()) {
            return context.remoteConfig(repository)
                    .map(context::describeRemoteBranch)
                    .orElse("local branch " + branch + " (no remote '" + remote + "')");
        }
    }

    /** The name of a version's tag: {@code ml/<modelName>/<version>}. */
    public static String tagName(String modelName, String version) {
        return TAG_PREFIX + RegistryDocument.requireValidModelName(modelName) + "/"
                + Versions.requireWellFormed(version);
    }

    /**
     * The document of a model at the tip of the registry branch, fetched from the remote first when there is one. A
     * branch or file that does not exist yet gives {@link RegistryDocument#empty}.
     */
    public RegistryDocument read(String modelName) {
        RegistryDocument.requireValidModelName(modelName);
        try (Repository repository = context.open()) {
            return snapshot(repository, modelName).document();
        }
    }

    /** The models the registry holds, sorted, at the tip of the branch (fetched first when there is a remote). */
    public List<String> modelNames() {
        try (Repository repository = context.open()) {
            ObjectId tip = tip(repository).base();
            List<String> names = new ArrayList<>();
            if (tip == null) {
                return names;
            }
            try (RevWalk walk = new RevWalk(repository);
                    TreeWalk tree = new TreeWalk(repository)) {
                tree.addTree(walk.parseCommit(tip).getTree());
                tree.setRecursive(true);
                tree.setFilter(PathSuffixFilter.create(".json"));
                while (tree.next()) {
                    String path = tree.getPathString();
                    String prefix = MODELS_FOLDER + "/";
                    if (path.startsWith(prefix) && path.indexOf('/', prefix.length()) < 0) {
                        names.add(path.substring(prefix.length(), path.length() - ".json".length()));
                    }
                }
            }
            names.sort(null);
            return names;
        } catch (IOException e) {
            throw context.gitFailure("list the models on branch " + branch, e);
        }
    }

    /**
     * Changes one model's document with one commit on the registry branch, pushed with compare-and-swap.
     *
     * <p>{@code change} is given the document at the tip and returns the new one; it is called again, with the newer
     * document, each time another writer moved the branch first, so it must be a pure function of its input (compute
     * the next version inside it, not before). It may throw to refuse the change; nothing is written then. When it
     * returns the document unchanged nothing is committed.
     *
     * @param message the commit message for the new document, e.g. {@code RegistryDocument::describeLastEvent}
     * @throws RegistryException ({@link Reason#CONFLICT}) when every attempt lost the race; nothing was recorded
     */
    public RegistryCommit update(
            String modelName,
            Function<RegistryDocument, RegistryDocument> change,
            Function<RegistryDocument, String> message) {
        RegistryDocument.requireValidModelName(modelName);
        String lastMessage = null;
        try (Repository repository = context.open()) {
            for (int attempt = 1; attempt <= maxAttempts; attempt++) {
                Snapshot snapshot = snapshot(repository, modelName);
                RegistryDocument changed = Objects.requireNonNull(
                        change.apply(snapshot.document()), "the change function returned no document");
                if (!changed.modelName().equals(modelName)) {
                    throw new IllegalArgumentException("the change function turned the document of " + modelName
                            + " into one of " + changed.modelName());
                }
                if (changed.equals(snapshot.document())) {
                    log.debug("Registry: nothing to record for " + modelName);
                    return new RegistryCommit(changed, name(snapshot.tip().base()), null, attempt, false);
                }
                lastMessage = message.apply(changed);
                ObjectId commit = writeCommit(
                        repository,
                        snapshot.tip().base(),
                        documentPath(modelName),
                        changed.toJson().getBytes(StandardCharsets.UTF_8),
                        lastMessage);
                Outcome outcome = snapshot.tip().remote() == null
                        ? compareAndSwapLocal(repository, snapshot.tip(), commit, lastMessage)
                        : transports.compareAndSwapRemote(
                                repository, snapshot.tip().remote(), commit, lastMessage);
                if (outcome == Outcome.DONE) {
                    log.info("Registry: " + lastMessage + "; commit "
                            + commit.abbreviate(7).name() + " on " + context.where(repository));
                    return new RegistryCommit(changed, commit.name(), lastMessage, attempt, true);
                }
                if (attempt < maxAttempts) {
                    log.info("Registry: branch " + branch + " moved while recording '" + lastMessage
                            + "' (another promotion?); re-reading it, attempt " + (attempt + 1) + " of " + maxAttempts);
                    pause(attempt);
                }
            }
            throw new RegistryException(
                    Reason.CONFLICT,
                    "could not record '" + lastMessage + "' on " + context.where(repository)
                            + ": the branch moved under"
                            + " each of " + maxAttempts + " attempts (others writing to the registry at the same"
                            + " time), so this change was not recorded"
                            + context.remoteConfig(repository)
                                    .map(transports::staleLockNote)
                                    .orElse("") + "; "
                            + context.notRecordedAdvice());
        }
    }

    /**
     * The monitoring history of a model ({@value #MONITORING_FOLDER}{@code /<modelName>.json} at the tip of the
     * registry branch, fetched first when there is a remote), as JSON text; empty when none was recorded yet.
     */
    public Optional<String> readMonitoring(String modelName) {
        RegistryDocument.requireValidModelName(modelName);
        try (Repository repository = context.open()) {
            return readBlob(repository, tip(repository).base(), monitoringPath(modelName));
        }
    }

    /**
     * Changes a model's monitoring history with one commit on the registry branch, pushed with the same
     * compare-and-swap and retries as {@link #update}: {@code change} gets the history at the tip (null when there is
     * none) and returns the new JSON text; it is called again on the newer history when another writer moved the
     * branch first. The model's registry document is never touched, so monitoring cannot move production.
     *
     * @return the commit written
     * @throws RegistryException ({@link Reason#CONFLICT}) when every attempt lost the race; nothing was recorded
     */
    public String updateMonitoring(String modelName, UnaryOperator<String> change, String message) {
        RegistryDocument.requireValidModelName(modelName);
        String path = monitoringPath(modelName);
        try (Repository repository = context.open()) {
            for (int attempt = 1; attempt <= maxAttempts; attempt++) {
                Tip tip = tip(repository);
                String changed = Objects.requireNonNull(
                        change.apply(readBlob(repository, tip.base(), path).orElse(null)),
                        "the change function returned no history");
                ObjectId commit =
                        writeCommit(repository, tip.base(), path, changed.getBytes(StandardCharsets.UTF_8), message);
                Outcome outcome = tip.remote() == null
                        ? compareAndSwapLocal(repository, tip, commit, message)
                        : transports.compareAndSwapRemote(repository, tip.remote(), commit, message);
                if (outcome == Outcome.DONE) {
                    log.info("Registry: " + message + "; commit "
                            + commit.abbreviate(7).name() + " on " + context.where(repository));
                    return commit.name();
                }
                if (attempt < maxAttempts) {
                    log.info("Registry: branch " + branch + " moved while recording '" + message
                            + "'; re-reading it, attempt " + (attempt + 1) + " of " + maxAttempts);
                    pause(attempt);
                }
            }
            throw new RegistryException(
                    Reason.CONFLICT,
                    "could not record '" + message + "' on " + context.where(repository)
                            + ": the branch moved under each of " + maxAttempts + " attempts, so this change was not"
                            + " recorded");
        }
    }

    /**
     * Creates the annotated tag {@code ml/<modelName>/<version>} on the source commit (the project commit the model was
     * trained from, not a registry commit) and pushes it when there is a remote. A tag that exists already on the same
     * commit is left as it is (so a half-finished promotion can be finished); on another commit it is refused, tags are
     * never moved.
     *
     * @return the tag's name
     * @throws RegistryException ({@link Reason#TAG_EXISTS}) when the tag exists on another commit, locally or on the
     *     remote; ({@link Reason#GIT_FAILURE}) when the source commit is not in the repository
     */
    public String tag(String modelName, String version, String sourceCommit, String message) {
        return tags.tag(modelName, version, sourceCommit, message);
    }

    /**
     * The versions of a model that have their tag {@code ml/<modelName>/<version>} where the registry lives: on the
     * remote when there is one (a tag made in this clone but never pushed does not count), else in this repository.
     */
    public java.util.Set<String> taggedVersions(String modelName) {
        return tags.taggedVersions(modelName);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // reading

    /**
     * @param base the commit to build on and read from, null when there is none
     * @param remote the commit the remote branch is expected at (zero id: it must not exist), null when local only
     */
    private record Tip(ObjectId base, ObjectId remote) {}

    private record Snapshot(Tip tip, RegistryDocument document) {}

    private Snapshot snapshot(Repository repository, String modelName) {
        Tip tip = tip(repository);
        return new Snapshot(tip, readDocument(repository, tip.base(), modelName));
    }

    private Tip tip(Repository repository) {
        Optional<RemoteConfig> remoteConfig = context.remoteConfig(repository);
        if (remoteConfig.isEmpty()) {
            context.noteLocalOnly();
            return new Tip(localBranch(repository), null);
        }
        ObjectId remoteTip = transports.fetch(repository, remoteConfig.get());
        if (!remoteTip.equals(ObjectId.zeroId())) {
            return new Tip(remoteTip, remoteTip);
        }
        ObjectId local = localBranch(repository);
        if (local != null) {
            log.info("Registry: " + remote + " has no branch " + branch + " yet; the local branch " + branch
                    + " is the starting point and will be pushed with the next change");
        }
        return new Tip(local, ObjectId.zeroId());
    }

    private RegistryDocument readDocument(Repository repository, ObjectId commitId, String modelName) {
        String path = documentPath(modelName);
        return readBlob(repository, commitId, path)
                .map(json -> RegistryDocument.fromJson(
                        json,
                        modelName,
                        path + " on branch " + branch + " at registry commit "
                                + commitId.abbreviate(7).name()))
                .orElseGet(() -> RegistryDocument.empty(modelName));
    }

    private Optional<String> readBlob(Repository repository, ObjectId commitId, String path) {
        if (commitId == null) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(repository);
                TreeWalk tree = TreeWalk.forPath(
                        repository, path, walk.parseCommit(commitId).getTree())) {
            if (tree == null) {
                return Optional.empty();
            }
            return Optional.of(new String(
                    repository.open(tree.getObjectId(0), Constants.OBJ_BLOB).getBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw context.gitFailure("read " + path + " from branch " + branch, e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // writing

    private ObjectId writeCommit(Repository repository, ObjectId parent, String path, byte[] content, String message) {
        try (ObjectInserter inserter = repository.newObjectInserter();
                ObjectReader reader = inserter.newReader();
                RevWalk walk = new RevWalk(reader)) {
            ObjectId blob = inserter.insert(Constants.OBJ_BLOB, content);
            DirCache tree = DirCache.newInCore();
            if (parent != null) {
                DirCacheBuilder builder = tree.builder();
                builder.addTree(
                        new byte[0],
                        DirCacheEntry.STAGE_0,
                        reader,
                        walk.parseCommit(parent).getTree());
                builder.finish();
            }
            DirCacheEditor editor = tree.editor();
            editor.add(new DirCacheEditor.PathEdit(path) {
                @Override
                public void apply(DirCacheEntry entry) {
                    entry.setFileMode(FileMode.REGULAR_FILE);
                    entry.setObjectId(blob);
                }
            });
            editor.finish();
            PersonIdent ident = context.ident(repository);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree.writeTree(inserter));
            if (parent != null) {
                commit.setParentId(parent);
            }
            commit.setAuthor(ident);
            commit.setCommitter(ident);
            commit.setEncoding(StandardCharsets.UTF_8);
            commit.setMessage(message.endsWith("\n") ? message : message + "\n");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        } catch (IOException e) {
            throw context.gitFailure("write a commit for " + path, e);
        }
    }

    private Outcome compareAndSwapLocal(Repository repository, Tip tip, ObjectId commit, String message) {
        String ref = Constants.R_HEADS + branch;
        try {
            if (ref.equals(repository.getFullBranch())) {
                throw new RegistryException(
                        Reason.GIT_FAILURE,
                        "branch " + branch + " is checked out, and the registry writes to it without touching the"
                                + " working tree; check out another branch and run again");
            }
            RefUpdate update = repository.updateRef(ref);
            update.setExpectedOldObjectId(tip.base() == null ? ObjectId.zeroId() : tip.base());
            update.setNewObjectId(commit);
            update.setRefLogMessage("ml-maven-plugin: " + message, false);
            RefUpdate.Result result = update.update();
            return switch (result) {
                case NEW, FAST_FORWARD -> Outcome.DONE;
                case LOCK_FAILURE -> Outcome.MOVED;
                default ->
                    throw new RegistryException(
                            Reason.GIT_FAILURE, "could not move the local branch " + branch + ": " + result);
            };
        } catch (IOException e) {
            throw context.gitFailure("move the local branch " + branch, e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // plumbing

    /**
     * Lock files in the remote's git directory, when the remote is a local directory: git and JGit leave them behind
     * when they are killed, and while they are there pushes that delete or pack refs fail. They are reported, never
     * removed: nothing tells a lock of a stopped process from one of a git command still running.
     *
     * @return each lock file with its age, e.g. {@code /srv/origin.git/packed-refs.lock (12 minutes old)}
     */
    public List<String> staleLocks() {
        return transports.staleLocks();
    }

    /** What lock files in the remote mean, and the fix. */
    public static String describeLocks(String remote, List<String> locks) {
        return remote + " holds lock files that a stopped git process (or a killed build) left behind: "
                + String.join(", ", locks) + "; while they are there, pushes that delete or pack refs fail. When no"
                + " git command is working on that repository, delete them (rm with the paths above)";
    }

    private static File findGitDir(Path projectDirectory) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder()
                .findGitDir(projectDirectory.toAbsolutePath().toFile());
        if (builder.getGitDir() == null) {
            throw new RegistryException(
                    Reason.NOT_A_REPOSITORY,
                    projectDirectory + " is not in a git repository, and the model registry is a branch of the"
                            + " project's repository; run git init (and add a remote to share the registry)");
        }
        return builder.getGitDir();
    }

    private ObjectId localBranch(Repository repository) {
        try {
            Ref ref = repository.exactRef(Constants.R_HEADS + branch);
            return ref == null ? null : ref.getObjectId();
        } catch (IOException e) {
            throw context.gitFailure("read the local branch " + branch, e);
        }
    }

    private static String monitoringPath(String modelName) {
        return MONITORING_FOLDER + "/" + modelName + ".json";
    }

    private static String documentPath(String modelName) {
        return MODELS_FOLDER + "/" + modelName + ".json";
    }

    private static String name(ObjectId id) {
        return id == null ? null : id.name();
    }

    private void pause(int attempt) {
        long unit = backoff.toMillis();
        if (unit == 0) {
            return;
        }
        long wait = unit * attempt + ThreadLocalRandom.current().nextLong(unit + 1);
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(Reason.CONFLICT, "interrupted while waiting to retry; nothing was recorded", e);
        }
    }

    private static String requireValidBranch(String branch) {
        if (branch == null || branch.isBlank() || !Repository.isValidRefName(Constants.R_HEADS + branch)) {
            throw new RegistryException(
                    Reason.INVALID_NAME, "'" + branch + "' is not a valid branch name for the model registry");
        }
        return branch;
    }

    private static String requireValidRemote(String remote) {
        if (remote == null
                || remote.isBlank()
                || !Repository.isValidRefName(Constants.R_REMOTES + remote + "/x")
                || remote.contains("/")) {
            throw new RegistryException(
                    Reason.INVALID_NAME, "'" + remote + "' is not a valid remote name for the model registry");
        }
        return remote;
    }
}
