package io.github.mlmaven.lineage;

import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.runtime.GitLineage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Reads {@link GitLineage} with JGit. A project outside any git repository simply has none; that is not an error. */
public final class GitInspector {
    private GitInspector() {}

    public static Optional<GitLineage> inspect(Path directory, MlLog log) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder()
                .findGitDir(directory.toAbsolutePath().toFile());
        if (builder.getGitDir() == null) {
            log.debug("No git repository at or above " + directory + "; the model card has no git section");
            return Optional.empty();
        }
        try (Repository repository = builder.setMustExist(true).build();
                Git git = new Git(repository)) {
            String fullBranch = repository.getFullBranch();
            String branch = fullBranch != null && fullBranch.startsWith(Constants.R_HEADS)
                    ? Repository.shortenRefName(fullBranch)
                    : null;
            ObjectId head = repository.resolve(Constants.HEAD);
            if (head == null) {
                return Optional.of(new GitLineage(null, branch, false, null, null));
            }
            try (RevWalk walk = new RevWalk(repository)) {
                RevCommit commit = walk.parseCommit(head);
                PersonIdent author = commit.getAuthorIdent();
                boolean dirty = git.status().call().hasUncommittedChanges();
                return Optional.of(new GitLineage(
                        head.name(),
                        branch,
                        dirty,
                        Instant.ofEpochSecond(commit.getCommitTime()).toString(),
                        author.getName() + " <" + author.getEmailAddress() + ">"));
            }
        } catch (Exception e) {
            log.warn("Could not read the git repository at " + builder.getGitDir() + " (" + e.getMessage()
                    + "); the model card has no git section");
            return Optional.empty();
        }
    }
}
