package io.github.mlmaven.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A project to promote from, in a frozen git repository built with JGit only: a bare {@code origin.git} and a clone
 * {@code work/} whose folder {@value #PROJECT} holds a data set under {@code data/} and a {@code .gitignore} of
 * {@code target/}, committed on {@value #MAIN} by a known author at a known time and pushed. Training there afterwards
 * leaves the work tree clean, so the model card names {@link #sourceCommit()}. Inspections read origin directly, never
 * through the registry under test.
 */
public final class PromotionRepo {
    public static final String MAIN = "main";
    public static final String PROJECT = "project";
    public static final PersonIdent AUTHOR =
            new PersonIdent("Ada Lovelace", "ada@example.org", Instant.parse("2024-03-01T12:00:00Z"), ZoneOffset.UTC);

    private final Path origin;
    private final Path workTree;
    private final String dataPath;
    private final String sourceCommit;

    private PromotionRepo(Path origin, Path workTree, String dataPath, String sourceCommit) {
        this.origin = origin;
        this.workTree = workTree;
        this.dataPath = dataPath;
        this.sourceCommit = sourceCommit;
    }

    /** The repositories under {@code root}, with {@code dataSet} committed as {@code project/data/<dataFileName>}. */
    public static PromotionRepo withData(Path root, Path dataSet, String dataFileName) {
        Path origin = root.resolve("origin.git");
        Path workTree = root.resolve("work");
        try {
            Git.init()
                    .setBare(true)
                    .setInitialBranch(MAIN)
                    .setDirectory(origin.toFile())
                    .call()
                    .close();
            try (Git git = Git.cloneRepository()
                    .setURI(origin.toUri().toString())
                    .setDirectory(workTree.toFile())
                    .call()) {
                // an empty clone's HEAD follows the machine's init.defaultBranch; pin it
                RefUpdate head = git.getRepository().updateRef(Constants.HEAD);
                head.disableRefLog();
                head.link(Constants.R_HEADS + MAIN);

                Path project = workTree.resolve(PROJECT);
                Files.createDirectories(project);
                Files.writeString(project.resolve(".gitignore"), "target/\n", StandardCharsets.UTF_8);
                String dataPath = "data/" + dataFileName;
                Datasets.copy(dataSet, project, dataPath);
                git.add().addFilepattern(PROJECT).call();
                RevCommit commit = git.commit()
                        .setMessage("Add the project")
                        .setAuthor(AUTHOR)
                        .setCommitter(AUTHOR)
                        .setSign(false)
                        .call();
                git.push().call();
                return new PromotionRepo(origin, workTree, dataPath, commit.name());
            }
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException("cannot build the test repositories in " + root, e);
        }
    }

    public Path origin() {
        return origin;
    }

    public Path workTree() {
        return workTree;
    }

    /** The project folder inside the clone, as an {@link MlProject}. */
    public MlProject project() {
        return MlProject.in(workTree.resolve(PROJECT));
    }

    /** The committed data file, relative to the project, as a POM names it. */
    public String dataPath() {
        return dataPath;
    }

    /** The project commit on main: what a model trained here records, and what a promotion tags. */
    public String sourceCommit() {
        return sourceCommit;
    }

    /** Commit messages on a branch of origin, newest first; empty when the branch does not exist. */
    public List<String> originLog(String branch) {
        try (Repository repository = bare();
                Git git = new Git(repository)) {
            ObjectId tip = repository.resolve(Constants.R_HEADS + branch);
            List<String> messages = new ArrayList<>();
            if (tip != null) {
                git.log().add(tip).call().forEach(c -> messages.add(c.getFullMessage()));
            }
            return messages;
        } catch (IOException | GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file's content at the tip of a branch of origin. */
    public Optional<String> originFile(String branch, String path) {
        try (Repository repository = bare();
                RevWalk walk = new RevWalk(repository)) {
            ObjectId tip = repository.resolve(Constants.R_HEADS + branch);
            if (tip == null) {
                return Optional.empty();
            }
            try (TreeWalk tree =
                    TreeWalk.forPath(repository, path, walk.parseCommit(tip).getTree())) {
                return tree == null
                        ? Optional.empty()
                        : Optional.of(
                                new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An annotated tag of origin (what it points at, and its message), if it exists. */
    public Optional<RevTag> originTag(String tagName) {
        try (Repository repository = bare();
                RevWalk walk = new RevWalk(repository)) {
            Ref ref = repository.exactRef(Constants.R_TAGS + tagName);
            return ref == null ? Optional.empty() : Optional.of(walk.parseTag(ref.getObjectId()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Repository bare() {
        try {
            return new FileRepositoryBuilder()
                    .setGitDir(origin.toFile())
                    .setMustExist(true)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
