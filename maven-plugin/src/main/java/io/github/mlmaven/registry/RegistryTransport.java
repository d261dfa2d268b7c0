package io.github.mlmaven.registry;

import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.registry.RegistryException.Reason;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.StoredConfig;
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
import org.eclipse.jgit.util.FS;

/**
 * Reaching the registry's remote: opening a fetch or push transport, fetching the registry branch, pushing it with
 * compare-and-swap, and reporting lock files left in a remote on this machine.
 */
final class RegistryTransport {
    private static final int TIMEOUT_SECONDS = 60;

    private final RegistryContext context;
    private final String branch;
    private final String remote;
    private final MlLog log;

    RegistryTransport(RegistryContext context) {
        this.context = context;
        this.branch = context.branch();
        this.remote = context.remote();
        this.log = context.log();
    }

    /** A transport to the remote, and the remote repository when this process opened it itself. */
    record Link(Transport transport, Repository opened) implements AutoCloseable {
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
    Link link(Repository repository, RemoteConfig remoteConfig, Transport.Operation operation) throws IOException {
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
                transport = inProcess.open(inProcess.register(null, opened), repository, context.remote());
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

    /** See {@link GitModelRegistry#staleLocks}. */
    List<String> staleLocks() {
        try (Repository repository = context.open()) {
            return context.remoteConfig(repository)
                    .flatMap(config -> localGitDir(repository, config))
                    .map(RegistryTransport::lockFiles)
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
    String staleLockNote(RemoteConfig remoteConfig) {
        List<String> locks;
        try (Repository repository = context.open()) {
            locks = localGitDir(repository, remoteConfig)
                    .map(RegistryTransport::lockFiles)
                    .orElse(List.of());
        }
        return locks.isEmpty() ? "" : ". " + GitModelRegistry.describeLocks(context.remote(), locks);
    }

    private void configure(Transport transport) {
        transport.setTimeout(TIMEOUT_SECONDS);
        RegistryCredentials credentials = context.credentials();
        if (credentials != null) {
            transport.setCredentialsProvider(
                    new UsernamePasswordCredentialsProvider(credentials.username(), credentials.secret()));
        }
    }

    /** How a compare-and-swap of the registry branch ended: recorded, or lost to another writer. */
    enum Outcome {
        DONE,
        MOVED
    }

    /** Fetches the branch into its remote-tracking ref; returns its commit, or the zero id when the remote lacks it. */
    ObjectId fetch(Repository repository, RemoteConfig remoteConfig) {
        String remoteRef = Constants.R_HEADS + branch;
        String trackingRef = context.trackingRef();
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
            // another writer in this clone that found no branch a moment ago may delete the tracking ref just after
            // this fetch wrote it: fetch again, as the branch exists on the remote now
            Ref fetched = null;
            for (int attempt = 0; attempt < 3 && (fetched == null || fetched.getObjectId() == null); attempt++) {
                transport.fetch(
                        NullProgressMonitor.INSTANCE, List.of(new RefSpec("+" + remoteRef + ":" + trackingRef)));
                fetched = repository.exactRef(trackingRef);
            }
            if (fetched == null || fetched.getObjectId() == null) {
                throw new RegistryException(
                        Reason.GIT_FAILURE,
                        "fetching " + context.describeRemoteBranch(remoteConfig) + " left no " + trackingRef);
            }
            log.debug("Registry: fetched " + context.describeRemoteBranch(remoteConfig) + " at "
                    + fetched.getObjectId().abbreviate(7).name());
            return fetched.getObjectId();
        } catch (TransportException | NotSupportedException e) {
            throw context.transportFailure(remoteConfig, "fetch branch " + branch + " from", e);
        } catch (IOException e) {
            throw context.gitFailure("fetch branch " + branch + " from " + remote, e);
        }
    }

    Outcome compareAndSwapRemote(Repository repository, ObjectId expected, ObjectId commit, String message) {
        RemoteConfig remoteConfig = context.remoteConfig(repository).orElseThrow();
        String remoteRef = Constants.R_HEADS + branch;
        RemoteRefUpdate.Status status;
        String serverMessage;
        try (Link link = link(repository, remoteConfig, Transport.Operation.PUSH)) {
            Transport transport = link.transport();
            RemoteRefUpdate update =
                    new RemoteRefUpdate(repository, null, commit, remoteRef, false, context.trackingRef(), expected);
            PushResult result = transport.push(NullProgressMonitor.INSTANCE, List.of(update));
            RemoteRefUpdate pushed = result.getRemoteUpdate(remoteRef);
            status = pushed.getStatus();
            serverMessage = pushed.getMessage();
        } catch (TransportException | NotSupportedException e) {
            throw context.transportFailure(
                    remoteConfig,
                    "push branch " + branch + " to",
                    e,
                    "nothing was recorded" + staleLockNote(remoteConfig) + "; " + context.notRecordedAdvice());
        } catch (IOException e) {
            throw context.gitFailure("push branch " + branch + " to " + remote, e);
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
                if (!fetch(repository, remoteConfig).equals(expected)) {
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
                        context.describeRemoteBranch(remoteConfig) + " refused the push of '" + message + "': " + status
                                + (serverMessage == null ? "" : " (" + context.scrub(serverMessage) + ")")
                                + (TransportFailures.isLocal(RegistryContext.url(remoteConfig))
                                        ? ". It is a directory on this machine: one of its hooks refused the push,"
                                                + " or this user may not write its files (ls -l)"
                                        : ". The registry branch must accept pushes from this build (no branch"
                                                + " protection or required reviews on " + branch + ")")
                                + "; nothing was recorded"
                                + staleLockNote(remoteConfig) + "; " + context.notRecordedAdvice());
        }
    }

    /** Fast-forwards the local branch to what was pushed, so that {@code git log ml-registry} shows it too. */
    private void advanceLocalBranch(Repository repository, ObjectId commit, String message) {
        String ref = Constants.R_HEADS + branch;
        try {
            if (ref.equals(repository.getFullBranch())) {
                log.warn("Registry: branch " + branch + " is checked out, so it was not moved; "
                        + context.trackingRef().substring(Constants.R_REMOTES.length()) + " has the new commit");
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
}
