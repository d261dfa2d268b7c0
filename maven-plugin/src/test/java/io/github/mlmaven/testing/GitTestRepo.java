package io.github.mlmaven.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A frozen git repository built with JGit: a bare {@code origin.git} and a clone {@code work/} holding one commit of
 * {@code data/train.csv} on branch {@value #BRANCH}, by a known author at a known time, pushed to origin. Nothing
 * depends on the machine's git or its configuration.
 */
public final class GitTestRepo implements AutoCloseable {
    public static final String AUTHOR_NAME = "Ada Lovelace";
    public static final String AUTHOR_EMAIL = "ada@example.org";
    public static final Instant COMMIT_TIME = Instant.parse("2024-03-01T12:00:00Z");
    public static final String BRANCH = "main";
    public static final String TRACKED_FILE = "data/train.csv";

    private final Path origin;
    private final Path workTree;
    private final Git git;
    private final RevCommit commit;

    private GitTestRepo(Path origin, Path workTree, Git git, RevCommit commit) {
        this.origin = origin;
        this.workTree = workTree;
        this.git = git;
        this.commit = commit;
    }

    public static GitTestRepo cloneWithOneCommit(Path root) {
        Path origin = root.resolve("origin.git");
        Path workTree = root.resolve("work");
        try {
            Git.init()
                    .setBare(true)
                    .setInitialBranch(BRANCH)
                    .setDirectory(origin.toFile())
                    .call()
                    .close();
            Git git = Git.cloneRepository()
                    .setURI(origin.toUri().toString())
                    .setDirectory(workTree.toFile())
                    .call();
            // an empty clone's HEAD follows the machine's init.defaultBranch; pin it
            RefUpdate head = git.getRepository().updateRef(Constants.HEAD);
            head.disableRefLog();
            head.link(Constants.R_HEADS + BRANCH);

            write(workTree.resolve(TRACKED_FILE), "x,class\n1,a\n2,b\n");
            git.add().addFilepattern(TRACKED_FILE).call();
            PersonIdent author = new PersonIdent(AUTHOR_NAME, AUTHOR_EMAIL, COMMIT_TIME, ZoneOffset.UTC);
            RevCommit commit = git.commit()
                    .setMessage("Add training data")
                    .setAuthor(author)
                    .setCommitter(author)
                    .setSign(false)
                    .call();
            git.push().call();
            return new GitTestRepo(origin, workTree, git, commit);
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException("cannot build the test repository in " + root, e);
        }
    }

    public Path origin() {
        return origin;
    }

    public Path workTree() {
        return workTree;
    }

    public String commitId() {
        return commit.name();
    }

    /** Changes the content of the committed file without committing: the work tree becomes dirty. */
    public void modifyTrackedFile() {
        write(workTree.resolve(TRACKED_FILE), "x,class\n1,a\n2,b\n3,a\n");
    }

    /** Adds a file git does not track; that alone does not make the work tree dirty. */
    public void addUntrackedFile() {
        write(workTree.resolve("notes.txt"), "not tracked\n");
    }

    /** Checks out the commit itself instead of the branch. */
    public void detachHead() {
        try {
            git.checkout().setName(commit.name()).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
