package io.github.mlmaven.registry;

import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.registry.RegistryException.Reason;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.UserConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RemoteConfig;
import org.eclipse.jgit.transport.URIish;

/**
 * What {@link GitModelRegistry}, {@link RegistryTags} and {@link RegistryTransport} share about one registry: where it
 * lives, who commits, how failures are worded. Immutable apart from the once-only local-only notice, which copies made
 * by {@code with...} share so the log says it once per registry.
 *
 * @param committer the committer chosen with {@link GitModelRegistry#withCommitter}, or null for the repository's
 * @param notRecordedAdvice what to do when a change could not be recorded, appended to the message
 */
record RegistryContext(
        File gitDir,
        String branch,
        String remote,
        RegistryCredentials credentials,
        MlLog log,
        PersonIdent committer,
        AtomicBoolean localOnlyNoticeGiven,
        String notRecordedAdvice) {

    RegistryContext withCommitter(PersonIdent newCommitter) {
        return new RegistryContext(
                gitDir, branch, remote, credentials, log, newCommitter, localOnlyNoticeGiven, notRecordedAdvice);
    }

    RegistryContext withNotRecordedAdvice(String advice) {
        return new RegistryContext(gitDir, branch, remote, credentials, log, committer, localOnlyNoticeGiven, advice);
    }

    Repository open() {
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

    Optional<RemoteConfig> remoteConfig(Repository repository) {
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

    void noteLocalOnly() {
        if (localOnlyNoticeGiven.compareAndSet(false, true)) {
            log.info("Registry: the repository has no remote '" + remote + "', so the model registry is local only:"
                    + " branch " + branch + " in " + gitDir + " is not shared with anyone (add the remote to share"
                    + " it)");
        }
    }

    PersonIdent ident(Repository repository) {
        if (committer != null) {
            return new PersonIdent(committer.getName(), committer.getEmailAddress());
        }
        UserConfig user = repository.getConfig().get(UserConfig.KEY);
        String name =
                user.isCommitterNameImplicit() ? GitModelRegistry.DEFAULT_COMMITTER_NAME : user.getCommitterName();
        String email =
                user.isCommitterEmailImplicit() ? GitModelRegistry.DEFAULT_COMMITTER_EMAIL : user.getCommitterEmail();
        return new PersonIdent(name, email);
    }

    String trackingRef() {
        return Constants.R_REMOTES + remote + "/" + branch;
    }

    String where(Repository repository) {
        return remoteConfig(repository).map(this::describeRemoteBranch).orElse("local branch " + branch);
    }

    String describeRemoteBranch(RemoteConfig remoteConfig) {
        return "branch " + branch + " of " + remote + " (" + url(remoteConfig) + ")";
    }

    /** The remote's URL without any password in it. */
    static String url(RemoteConfig remoteConfig) {
        URIish uri = remoteConfig.getURIs().get(0);
        return uri.setPass(null).toString();
    }

    RegistryException transportFailure(RemoteConfig remoteConfig, String action, Exception e) {
        return transportFailure(remoteConfig, action, e, null);
    }

    RegistryException transportFailure(RemoteConfig remoteConfig, String action, Exception e, String after) {
        return TransportFailures.describe(
                remote, url(remoteConfig), action, Optional.ofNullable(credentials), e, after);
    }

    String scrub(String text) {
        return TransportFailures.scrub(text, Optional.ofNullable(credentials));
    }

    RegistryException gitFailure(String action, IOException e) {
        return new RegistryException(
                Reason.GIT_FAILURE, "could not " + action + " in " + gitDir + ": " + scrub(String.valueOf(e)), e);
    }
}
