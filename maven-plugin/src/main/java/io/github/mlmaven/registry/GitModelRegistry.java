package io.github.mlmaven.registry;

import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.registry.RegistryException.Reason;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
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
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.lib.UserConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteConfig;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TestProtocol;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UploadPack;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathSuffixFilter;
import org.eclipse.jgit.util.FS;

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
    /** Tags are {@code ml/<modelName>/<version>}. */
    public static final String TAG_PREFIX = "ml/";

    static final String DEFAULT_COMMITTER_NAME = "ml-maven-plugin";
    static final String DEFAULT_COMMITTER_EMAIL = "ml-maven-plugin@localhost";
    private static final int TIMEOUT_SECONDS = 60;
    private static final String RUN_AGAIN = "run the same command again: it re-reads the registry first";

    private final File gitDir;
    private final String branch;
    private final String remote;
    private final RegistryCredentials credentials;
    private final MlLog log;
    private final int maxAttempts;
    private final Duration backoff;
    private final PersonIdent committer;
    private final AtomicBoolean localOnlyNoticeGiven;
    /** What to do when a change could not be recorded, appended to the message; see {@link #whenNotRecorded}. */
    private final String notRecordedAdvice;

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
                findGitDir(projectDirectory),
                requireValidBranch(branch),
                requireValidRemote(remote),
                credentials,
                Objects.requireNonNull(log, "log"),
                DEFAULT_MAX_ATTEMPTS,
                DEFAULT_BACKOFF,
                null,
                new AtomicBoolean(),
                RUN_AGAIN);
    }

    private GitModelRegistry(
            File gitDir,
            String branch,
            String remote,
            RegistryCredentials credentials,
            MlLog log,
            int maxAttempts,
            Duration backoff,
            PersonIdent committer,
            AtomicBoolean localOnlyNoticeGiven,
            String notRecordedAdvice) {
        this.gitDir = gitDir;
        this.branch = branch;
        this.remote = remote;
        this.credentials = credentials;
        this.log = log;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.committer = committer;
        this.localOnlyNoticeGiven = localOnlyNoticeGiven;
        this.notRecordedAdvice = notRecordedAdvice;
    }

    /**
     * A registry that tries a contended update {@code maxAttempts} times, waiting about {@code backoff} times the
     * attempt number, plus up to {@code backoff} at random, between attempts.
     */
    public GitModelRegistry withRetry(int maxAttempts, Duration backoff) {
        if (maxAttempts < 1 || backoff.isNegative()) {
            throw new IllegalArgumentException("maxAttempts must be at least 1 and backoff not negative");
        }
        return new GitModelRegistry(
                gitDir,
                branch,
                remote,
                credentials,
                log,
                maxAttempts,
                backoff,
                committer,
                localOnlyNoticeGiven,
                notRecordedAdvice);
    }

    /**
     * A registry whose messages, when a change could not be recorded, end with this advice instead of "run the same
     * command again": after a deployment, running ml:promote again would deploy another version, so the promotion
     * names the command that finishes it.
     */
    public GitModelRegistry whenNotRecorded(String advice) {
        return new GitModelRegistry(
                gitDir,
                branch,
                remote,
                credentials,
                log,
                maxAttempts,
                backoff,
                committer,
                localOnlyNoticeGiven,
                Objects.requireNonNull(advice, "advice"));
    }

    /**
     * A registry whose commits and tags name this committer. By default they name the repository's {@code user.name}
     * and {@code user.email}, or {@value #DEFAULT_COMMITTER_NAME} when those are not configured (as on CI runners).
     */
    public GitModelRegistry withCommitter(String name, String email) {
        return new GitModelRegistry(
                gitDir,
                branch,
                remote,
                credentials,
                log,
                maxAttempts,
                backoff,
                new PersonIdent(name, email),
                localOnlyNoticeGiven,
                notRecordedAdvice);
    }

    /** The repository's git directory. */
    public Path gitDirectory() {
        return gitDir.toPath();
    }

    public String branch() {
        return branch;
    }

    public String remote() {
        return remote;
    }

    /** Whether the repository has the remote, i.e. whether the registry is shared rather than local only. */
    public boolean isShared() {
        try (Repository repository = open()) {
            return remoteConfig(repository).isPresent();
        }
    }

    /** Where the registry lives, for messages: {@code branch ml-registry of origin (https://...)}. */
    public String location() {
        try (Repository repository = open()) {
            return remoteConfig(repository)
                    .map(this::describeRemoteBranch)
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
        try (Repository repository = open()) {
            return snapshot(repository, modelName).document();
        }
    }

    /** The models the registry holds, sorted, at the tip of the branch (fetched first when there is a remote). */
    public List<String> modelNames() {
        try (Repository repository = open()) {
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
            throw gitFailure("list the models on branch " + branch, e);
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
        try (Repository repository = open()) {
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
                ObjectId commit = writeCommit(repository, snapshot.tip().base(), modelName, changed, lastMessage);
                Outcome outcome = snapshot.tip().remote() == null
                        ? compareAndSwapLocal(repository, snapshot.tip(), commit, lastMessage)
                        : compareAndSwapRemote(repository, snapshot.tip(), commit, lastMessage);
                if (outcome == Outcome.DONE) {
                    log.info("Registry: " + lastMessage + "; commit "
                            + commit.abbreviate(7).name() + " on " + where(repository));
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
                    "could not record '" + lastMessage + "' on " + where(repository) + ": the branch moved under"
                            + " each of " + maxAttempts + " attempts (others writing to the registry at the same"
                            + " time), so this change was not recorded"
                            + remoteConfig(repository).map(this::staleLockNote).orElse("") + "; "
                            + notRecordedAdvice);
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
        String name = tagName(modelName, version);
        String refName = Constants.R_TAGS + name;
        try (Repository repository = open();
                RevWalk walk = new RevWalk(repository)) {
            RevCommit source = parseSourceCommit(repository, walk, sourceCommit);
            ObjectId tagObject = createLocalTag(repository, walk, name, source, message);
            Optional<RemoteConfig> remoteConfig = remoteConfig(repository);
            if (remoteConfig.isEmpty()) {
                noteLocalOnly();
                log.info("Registry: tag " + name + " on " + source.abbreviate(7).name() + " (local only)");
                return name;
            }
            pushTag(repository, walk, remoteConfig.get(), refName, tagObject, source);
            return name;
        } catch (IOException e) {
            throw gitFailure("create tag " + name, e);
        }
    }

    /**
     * The versions of a model that have their tag {@code ml/<modelName>/<version>} where the registry lives: on the
     * remote when there is one (a tag made in this clone but never pushed does not count), else in this repository.
     */
    public java.util.Set<String> taggedVersions(String modelName) {
        String prefix = Constants.R_TAGS + TAG_PREFIX + RegistryDocument.requireValidModelName(modelName) + "/";
        try (Repository repository = open()) {
            Optional<RemoteConfig> remoteConfig = remoteConfig(repository);
            java.util.Collection<Ref> refs;
            if (remoteConfig.isEmpty()) {
                refs = repository.getRefDatabase().getRefsByPrefix(prefix);
            } else {
                try (Link link = link(repository, remoteConfig.get(), Transport.Operation.FETCH);
                        FetchConnection connection = link.transport().openFetch()) {
                    refs = connection.getRefs();
                } catch (TransportException | NotSupportedException e) {
                    throw transportFailure(remoteConfig.get(), "list the tags of", e);
                }
            }
            java.util.Set<String> versions = new java.util.TreeSet<>();
            for (Ref ref : refs) {
                if (ref.getName().startsWith(prefix)) {
                    versions.add(ref.getName().substring(prefix.length()));
                }
            }
            return versions;
        } catch (IOException e) {
            throw gitFailure("list the tags of " + modelName, e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // reading

    /**
     * @param base the commit to build on and read from, null when there is none
     * @param remote the commit the remote branch is expected at (zero id: it must not exist), null when local only
     */
    private record Tip(ObjectId base, ObjectId remote) {}

    private record Snapshot(Tip tip, RegistryDocument document) {}

    private enum Outcome {
        DONE,
        MOVED
    }

    private Snapshot snapshot(Repository repository, String modelName) {
        Tip tip = tip(repository);
        return new Snapshot(tip, readDocument(repository, tip.base(), modelName));
    }

    private Tip tip(Repository repository) {
        Optional<RemoteConfig> remoteConfig = remoteConfig(repository);
        if (remoteConfig.isEmpty()) {
            noteLocalOnly();
            return new Tip(localBranch(repository), null);
        }
        ObjectId remoteTip = fetch(repository, remoteConfig.get());
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

    /** Fetches the branch into its remote-tracking ref; returns its commit, or the zero id when the remote lacks it. */
    private ObjectId fetch(Repository repository, RemoteConfig remoteConfig) {
        String remoteRef = Constants.R_HEADS + branch;
        String trackingRef = trackingRef();
        try (Link link = link(repository, remoteConfig, Transport.Operation.FETCH)) {
            Transport transport = link.transport();
            Ref advertised;
            try (FetchConnection connection = transport.openFetch()) {
                advertised = connection.getRef(remoteRef);
            }
            if (advertised == null) {
                deleteRef(repository, trackingRef);
                log.debug("Registry: " + remote + " has no branch " + branch);
                return ObjectId.zeroId();
            }
            transport.fetch(NullProgressMonitor.INSTANCE, List.of(new RefSpec("+" + remoteRef + ":" + trackingRef)));
            Ref fetched = repository.exactRef(trackingRef);
            if (fetched == null || fetched.getObjectId() == null) {
                throw new RegistryException(
                        Reason.GIT_FAILURE,
                        "fetching " + describeRemoteBranch(remoteConfig) + " left no " + trackingRef);
            }
            log.debug("Registry: fetched " + describeRemoteBranch(remoteConfig) + " at "
                    + fetched.getObjectId().abbreviate(7).name());
            return fetched.getObjectId();
        } catch (TransportException | NotSupportedException e) {
            throw transportFailure(remoteConfig, "fetch branch " + branch + " from", e);
        } catch (IOException e) {
            throw gitFailure("fetch branch " + branch + " from " + remote, e);
        }
    }

    private RegistryDocument readDocument(Repository repository, ObjectId commitId, String modelName) {
        if (commitId == null) {
            return RegistryDocument.empty(modelName);
        }
        String path = documentPath(modelName);
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(commitId);
            try (TreeWalk tree = TreeWalk.forPath(repository, path, commit.getTree())) {
                if (tree == null) {
                    return RegistryDocument.empty(modelName);
                }
                byte[] bytes =
                        repository.open(tree.getObjectId(0), Constants.OBJ_BLOB).getBytes();
                return RegistryDocument.fromJson(
                        new String(bytes, StandardCharsets.UTF_8),
                        modelName,
                        path + " on branch " + branch + " at registry commit "
                                + commit.abbreviate(7).name());
            }
        } catch (IOException e) {
            throw gitFailure("read " + path + " from branch " + branch, e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // writing

    private ObjectId writeCommit(
            Repository repository, ObjectId parent, String modelName, RegistryDocument document, String message) {
        try (ObjectInserter inserter = repository.newObjectInserter();
                ObjectReader reader = inserter.newReader();
                RevWalk walk = new RevWalk(reader)) {
            ObjectId blob =
                    inserter.insert(Constants.OBJ_BLOB, document.toJson().getBytes(StandardCharsets.UTF_8));
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
            editor.add(new DirCacheEditor.PathEdit(documentPath(modelName)) {
                @Override
                public void apply(DirCacheEntry entry) {
                    entry.setFileMode(FileMode.REGULAR_FILE);
                    entry.setObjectId(blob);
                }
            });
            editor.finish();
            PersonIdent ident = ident(repository);
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
            throw gitFailure("write a commit for " + modelName, e);
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
            throw gitFailure("move the local branch " + branch, e);
        }
    }

    private Outcome compareAndSwapRemote(Repository repository, Tip tip, ObjectId commit, String message) {
        RemoteConfig remoteConfig = remoteConfig(repository).orElseThrow();
        String remoteRef = Constants.R_HEADS + branch;
        RemoteRefUpdate.Status status;
        String serverMessage;
        try (Link link = link(repository, remoteConfig, Transport.Operation.PUSH)) {
            Transport transport = link.transport();
            RemoteRefUpdate update =
                    new RemoteRefUpdate(repository, null, commit, remoteRef, false, trackingRef(), tip.remote());
            PushResult result = transport.push(NullProgressMonitor.INSTANCE, List.of(update));
            RemoteRefUpdate pushed = result.getRemoteUpdate(remoteRef);
            status = pushed.getStatus();
            serverMessage = pushed.getMessage();
        } catch (TransportException | NotSupportedException e) {
            throw transportFailure(
                    remoteConfig,
                    "push branch " + branch + " to",
                    e,
                    "nothing was recorded" + staleLockNote(remoteConfig) + "; " + notRecordedAdvice);
        } catch (IOException e) {
            throw gitFailure("push branch " + branch + " to " + remote, e);
        }
        switch (status) {
            case OK, UP_TO_DATE:
                advanceLocalBranch(repository, commit, message);
                return Outcome.DONE;
            case REJECTED_REMOTE_CHANGED, REJECTED_NONFASTFORWARD:
                return Outcome.MOVED;
            default:
                // a server that lost the race after advertising its refs rejects with a lock error; anything else
                // (a protected branch, a hook) rejects again and again: tell them apart by whether the branch moved
                if (!fetch(repository, remoteConfig).equals(tip.remote())) {
                    return Outcome.MOVED;
                }
                // the other writer may still hold the ref's lock without having moved it yet: a lock failure is
                // always a race, so it is retried like a moved branch
                if (serverMessage != null
                        && serverMessage.toLowerCase(java.util.Locale.ROOT).contains("lock")) {
                    return Outcome.MOVED;
                }
                throw new RegistryException(
                        Reason.PUSH_REJECTED,
                        describeRemoteBranch(remoteConfig) + " refused the push of '" + message + "': " + status
                                + (serverMessage == null ? "" : " (" + scrub(serverMessage) + ")")
                                + (TransportFailures.isLocal(url(remoteConfig))
                                        ? ". It is a directory on this machine: one of its hooks refused the push,"
                                                + " or this user may not write its files (ls -l)"
                                        : ". The registry branch must accept pushes from this build (no branch"
                                                + " protection or required reviews on " + branch + ")")
                                + "; nothing was recorded"
                                + staleLockNote(remoteConfig) + "; " + notRecordedAdvice);
        }
    }

    /** Fast-forwards the local branch to what was pushed, so that {@code git log ml-registry} shows it too. */
    private void advanceLocalBranch(Repository repository, ObjectId commit, String message) {
        String ref = Constants.R_HEADS + branch;
        try {
            if (ref.equals(repository.getFullBranch())) {
                log.warn("Registry: branch " + branch + " is checked out, so it was not moved; "
                        + trackingRef().substring(Constants.R_REMOTES.length()) + " has the new commit");
                return;
            }
            for (int attempt = 0; attempt < 3; attempt++) {
                Ref local = repository.exactRef(ref);
                ObjectId old = local == null ? ObjectId.zeroId() : local.getObjectId();
                if (local != null && !isAncestor(repository, old, commit)) {
                    log.warn("Registry: the local branch " + branch + " has commits that " + remote + " does not have;"
                            + " it was left as it is (compare with: git log " + branch + "..." + remote + "/" + branch
                            + ")");
                    return;
                }
                RefUpdate update = repository.updateRef(ref);
                update.setExpectedOldObjectId(old);
                update.setNewObjectId(commit);
                update.setRefLogMessage("ml-maven-plugin: " + message, false);
                switch (update.update()) {
                    case NEW, FAST_FORWARD, NO_CHANGE, FORCED:
                        return;
                    default:
                    // another writer in this clone moved it: look again
                }
            }
            log.debug("Registry: the local branch " + branch + " kept moving; left as it is");
        } catch (IOException e) {
            log.warn("Registry: could not move the local branch " + branch + " (" + e.getMessage() + "); " + remote
                    + "/" + branch + " has the new commit");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // tags

    private RevCommit parseSourceCommit(Repository repository, RevWalk walk, String sourceCommit) throws IOException {
        String missing = "the source commit " + sourceCommit + " is not in the repository " + gitDir
                + "; the tag goes on the commit the model was trained from";
        try {
            ObjectId id = sourceCommit == null ? null : repository.resolve(sourceCommit + "^{commit}");
            if (id == null) {
                throw new RegistryException(Reason.GIT_FAILURE, missing);
            }
            return walk.parseCommit(id);
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            throw new RegistryException(Reason.GIT_FAILURE, missing, e);
        }
    }

    private ObjectId createLocalTag(Repository repository, RevWalk walk, String name, RevCommit source, String message)
            throws IOException {
        String refName = Constants.R_TAGS + name;
        Ref existing = repository.exactRef(refName);
        if (existing == null) {
            TagBuilder tag = new TagBuilder();
            tag.setTag(name);
            tag.setObjectId(source);
            tag.setTagger(ident(repository));
            tag.setMessage(message == null || message.endsWith("\n") ? message : message + "\n");
            ObjectId tagObject;
            try (ObjectInserter inserter = repository.newObjectInserter()) {
                tagObject = inserter.insert(tag);
                inserter.flush();
            }
            RefUpdate update = repository.updateRef(refName);
            update.setExpectedOldObjectId(ObjectId.zeroId());
            update.setNewObjectId(tagObject);
            update.setRefLogMessage("ml-maven-plugin: tag " + name, false);
            RefUpdate.Result result = update.update();
            if (result == RefUpdate.Result.NEW) {
                return tagObject;
            }
            existing = repository.exactRef(refName);
            if (existing == null) {
                throw new RegistryException(Reason.GIT_FAILURE, "could not create tag " + name + ": " + result);
            }
        }
        ObjectId tagged = peel(walk, existing.getObjectId());
        if (!source.equals(tagged)) {
            throw tagExists(name, tagged, source, "in this clone");
        }
        log.info("Registry: tag " + name + " exists already on "
                + source.abbreviate(7).name() + "; kept");
        return existing.getObjectId();
    }

    private void pushTag(
            Repository repository,
            RevWalk walk,
            RemoteConfig remoteConfig,
            String refName,
            ObjectId tagObject,
            RevCommit source) {
        String name = refName.substring(Constants.R_TAGS.length());
        String action = "push tag " + name + " to";
        try (Link link = link(repository, remoteConfig, Transport.Operation.PUSH)) {
            Transport transport = link.transport();
            Ref advertised;
            try (FetchConnection connection = transport.openFetch()) {
                advertised = connection.getRef(refName);
            }
            if (advertised != null) {
                ObjectId tagged = advertised.getPeeledObjectId() != null
                        ? advertised.getPeeledObjectId()
                        : peelIfKnown(walk, advertised.getObjectId());
                if (advertised.getObjectId().equals(tagObject) || source.equals(tagged)) {
                    log.info("Registry: tag " + name + " is on " + remote + " already");
                    return;
                }
                throw tagExists(name, tagged, source, "on " + remote);
            }
            RemoteRefUpdate update =
                    new RemoteRefUpdate(repository, null, tagObject, refName, false, null, ObjectId.zeroId());
            RemoteRefUpdate pushed = transport
                    .push(NullProgressMonitor.INSTANCE, List.of(update))
                    .getRemoteUpdate(refName);
            switch (pushed.getStatus()) {
                case OK, UP_TO_DATE ->
                    log.info("Registry: tag " + name + " on "
                            + source.abbreviate(7).name() + " pushed to " + remote);
                case REJECTED_REMOTE_CHANGED, REJECTED_NONFASTFORWARD ->
                    throw tagExists(name, null, source, "on " + remote);
                default ->
                    throw new RegistryException(
                            Reason.PUSH_REJECTED,
                            remote + " refused tag " + name + ": " + pushed.getStatus()
                                    + (pushed.getMessage() == null ? "" : " (" + scrub(pushed.getMessage()) + ")")
                                    + "; the tag exists in this clone: push it with git push " + remote + " "
                                    + refName);
            }
        } catch (TransportException | NotSupportedException e) {
            throw transportFailure(
                    remoteConfig,
                    action,
                    e,
                    "the tag exists in this clone: push it with git push " + remote + " " + refName);
        } catch (IOException e) {
            throw gitFailure(action + " " + remote, e);
        }
    }

    private static ObjectId peel(RevWalk walk, ObjectId id) throws IOException {
        RevObject object = walk.peel(walk.parseAny(id));
        return object.copy();
    }

    private static ObjectId peelIfKnown(RevWalk walk, ObjectId id) {
        try {
            return peel(walk, id);
        } catch (IOException notHere) {
            return null;
        }
    }

    private RegistryException tagExists(String name, ObjectId tagged, RevCommit source, String where) {
        return new RegistryException(
                Reason.TAG_EXISTS,
                "tag " + name + " exists already " + where
                        + (tagged == null
                                ? ""
                                : " on commit " + tagged.abbreviate(7).name()) + ", not on "
                        + source.abbreviate(7).name() + "; tags are never moved. Promote under another version, or"
                        + " delete the tag yourself if it is wrong");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // plumbing

    private Repository open() {
        try {
            return new FileRepositoryBuilder()
                    .setGitDir(gitDir)
                    .setMustExist(true)
                    .build();
        } catch (IOException e) {
            throw new RegistryException(
                    Reason.NOT_A_REPOSITORY, "cannot open the git repository " + gitDir + ": " + e.getMessage(), e);
        }
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

    private Optional<RemoteConfig> remoteConfig(Repository repository) {
        try {
            RemoteConfig config = new RemoteConfig(repository.getConfig(), remote);
            return config.getURIs().isEmpty() ? Optional.empty() : Optional.of(config);
        } catch (URISyntaxException e) {
            throw new RegistryException(
                    Reason.REMOTE_UNREACHABLE,
                    "the URL of remote '" + remote + "' is not valid (" + e.getMessage() + "); check git remote -v",
                    e);
        }
    }

    private void noteLocalOnly() {
        if (localOnlyNoticeGiven.compareAndSet(false, true)) {
            log.info("Registry: the repository has no remote '" + remote + "', so the model registry is local only:"
                    + " branch " + branch + " in " + gitDir + " is not shared with anyone (add the remote to share"
                    + " it)");
        }
    }

    /** A transport to the remote, and the remote repository when this process opened it itself. */
    private record Link(Transport transport, Repository opened) implements AutoCloseable {
        @Override
        public void close() {
            try {
                transport.close();
            } finally {
                if (opened != null) {
                    opened.close();
                }
            }
        }
    }

    /**
     * Opens the remote. A remote in a local directory is written by a receive-pack in this very process; JGit's own
     * would start a garbage collection in the background after enough pushes (receive.autogc), which Maven's exit cuts
     * off, leaving packed-refs.lock and gc.log.lock behind in the remote. So the remote is opened here with automatic
     * garbage collection switched off in its configuration as this process sees it (its config file is not changed).
     * A remote with its own receive-pack program (remote.NAME.receivepack), and every remote on another host, is
     * reached through JGit's usual transports.
     */
    private Link link(Repository repository, RemoteConfig remoteConfig, Transport.Operation operation)
            throws IOException {
        Optional<File> local = localGitDir(repository, remoteConfig);
        Transport transport;
        Repository opened = null;
        if (local.isEmpty() || !RemoteConfig.DEFAULT_RECEIVE_PACK.equals(remoteConfig.getReceivePack())) {
            transport = Transport.open(repository, remoteConfig, operation);
        } else {
            opened = new FileRepositoryBuilder()
                    .setGitDir(local.get())
                    .setMustExist(true)
                    .build();
            StoredConfig config = opened.getConfig();
            config.setBoolean("receive", null, "autogc", false);
            config.setInt("gc", null, "auto", 0);
            config.setInt("gc", null, "autoPackLimit", 0);
            config.setBoolean("gc", null, "autoDetach", false);
            TestProtocol<Void> inProcess =
                    new TestProtocol<>((request, db) -> new UploadPack(db), (request, db) -> new ReceivePack(db));
            try {
                transport = inProcess.open(inProcess.register(null, opened), repository, remote);
            } catch (IOException | RuntimeException e) {
                opened.close();
                throw e;
            }
        }
        configure(transport);
        return new Link(transport, opened);
    }

    /** The git directory of a remote that is a local directory, or empty for a remote on another host. */
    private static Optional<File> localGitDir(Repository repository, RemoteConfig remoteConfig) {
        List<URIish> uris = remoteConfig.getPushURIs().isEmpty() ? remoteConfig.getURIs() : remoteConfig.getPushURIs();
        if (uris.isEmpty()) {
            return Optional.empty();
        }
        URIish uri = uris.get(0);
        boolean local = (uri.getScheme() == null && uri.getHost() == null) || "file".equals(uri.getScheme());
        if (!local || uri.getPath() == null) {
            return Optional.empty();
        }
        FS fs = repository.getFS();
        File base = repository.isBare() ? repository.getDirectory() : repository.getWorkTree();
        File directory = fs.resolve(base, uri.getPath());
        return Optional.ofNullable(RepositoryCache.FileKey.resolve(directory, fs));
    }

    /**
     * Lock files in the remote's git directory, when the remote is a local directory: git and JGit leave them behind
     * when they are killed, and while they are there pushes that delete or pack refs fail. They are reported, never
     * removed: nothing tells a lock of a stopped process from one of a git command still running.
     *
     * @return each lock file with its age, e.g. {@code /srv/origin.git/packed-refs.lock (12 minutes old)}
     */
    public List<String> staleLocks() {
        try (Repository repository = open()) {
            return remoteConfig(repository)
                    .flatMap(config -> localGitDir(repository, config))
                    .map(GitModelRegistry::lockFiles)
                    .orElse(List.of());
        }
    }

    private static List<String> lockFiles(File gitDir) {
        List<String> locks = new ArrayList<>();
        Path root = gitDir.toPath();
        List<Path> candidates = new ArrayList<>();
        for (String name :
                List.of("packed-refs.lock", "gc.log.lock", "gc.pid", "config.lock", "HEAD.lock", "shallow.lock")) {
            candidates.add(root.resolve(name));
        }
        Path refs = root.resolve(Constants.R_REFS);
        if (java.nio.file.Files.isDirectory(refs)) {
            try (var walk = java.nio.file.Files.walk(refs)) {
                walk.filter(p -> p.getFileName().toString().endsWith(".lock")).forEach(candidates::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                // a ref folder that vanished while it was listed holds no lock worth reporting
            }
        }
        long now = System.currentTimeMillis();
        for (Path candidate : candidates) {
            try {
                long modified =
                        java.nio.file.Files.getLastModifiedTime(candidate).toMillis();
                long minutes = Math.max(0, (now - modified) / 60_000);
                locks.add(candidate + " (" + minutes + (minutes == 1 ? " minute" : " minutes") + " old)");
            } catch (IOException absent) {
                // no such lock: the usual case
            }
        }
        return locks;
    }

    /** A sentence naming the lock files left in a local remote and how to remove them, or "" when there are none. */
    private String staleLockNote(RemoteConfig remoteConfig) {
        List<String> locks;
        try (Repository repository = open()) {
            locks = localGitDir(repository, remoteConfig)
                    .map(GitModelRegistry::lockFiles)
                    .orElse(List.of());
        }
        return locks.isEmpty() ? "" : ". " + describeLocks(remote, locks);
    }

    /** What lock files in the remote mean, and the fix. */
    public static String describeLocks(String remote, List<String> locks) {
        return remote + " holds lock files that a stopped git process (or a killed build) left behind: "
                + String.join(", ", locks) + "; while they are there, pushes that delete or pack refs fail. When no"
                + " git command is working on that repository, delete them (rm with the paths above)";
    }

    private void configure(Transport transport) {
        transport.setTimeout(TIMEOUT_SECONDS);
        if (credentials != null) {
            transport.setCredentialsProvider(
                    new UsernamePasswordCredentialsProvider(credentials.username(), credentials.secret()));
        }
    }

    private PersonIdent ident(Repository repository) {
        if (committer != null) {
            return new PersonIdent(committer.getName(), committer.getEmailAddress());
        }
        UserConfig user = repository.getConfig().get(UserConfig.KEY);
        String name = user.isCommitterNameImplicit() ? DEFAULT_COMMITTER_NAME : user.getCommitterName();
        String email = user.isCommitterEmailImplicit() ? DEFAULT_COMMITTER_EMAIL : user.getCommitterEmail();
        return new PersonIdent(name, email);
    }

    private ObjectId localBranch(Repository repository) {
        try {
            Ref ref = repository.exactRef(Constants.R_HEADS + branch);
            return ref == null ? null : ref.getObjectId();
        } catch (IOException e) {
            throw gitFailure("read the local branch " + branch, e);
        }
    }

    private static void deleteRef(Repository repository, String name) throws IOException {
        if (repository.exactRef(name) != null) {
            RefUpdate delete = repository.updateRef(name);
            delete.setForceUpdate(true);
            delete.delete();
        }
    }

    private static boolean isAncestor(Repository repository, ObjectId ancestor, ObjectId descendant)
            throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(descendant));
        }
    }

    private String trackingRef() {
        return Constants.R_REMOTES + remote + "/" + branch;
    }

    private static String documentPath(String modelName) {
        return MODELS_FOLDER + "/" + modelName + ".json";
    }

    private static String name(ObjectId id) {
        return id == null ? null : id.name();
    }

    private String where(Repository repository) {
        return remoteConfig(repository).map(this::describeRemoteBranch).orElse("local branch " + branch);
    }

    private String describeRemoteBranch(RemoteConfig remoteConfig) {
        return "branch " + branch + " of " + remote + " (" + url(remoteConfig) + ")";
    }

    /** The remote's URL without any password in it. */
    private static String url(RemoteConfig remoteConfig) {
        URIish uri = remoteConfig.getURIs().get(0);
        return uri.setPass(null).toString();
    }

    private RegistryException transportFailure(RemoteConfig remoteConfig, String action, Exception e) {
        return transportFailure(remoteConfig, action, e, null);
    }

    private RegistryException transportFailure(RemoteConfig remoteConfig, String action, Exception e, String after) {
        return TransportFailures.describe(
                remote, url(remoteConfig), action, Optional.ofNullable(credentials), e, after);
    }

    private String scrub(String text) {
        return TransportFailures.scrub(text, Optional.ofNullable(credentials));
    }

    private RegistryException gitFailure(String action, IOException e) {
        return new RegistryException(
                Reason.GIT_FAILURE, "could not " + action + " in " + gitDir + ": " + scrub(String.valueOf(e)), e);
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
