package io.github.mlmaven.registry;

import io.github.mlmaven.runtime.Sha256;
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
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
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
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Frozen git repositories for the registry, built with JGit only: a bare {@code origin.git} and a clone {@code work/}
 * holding one commit of {@value #TRACKED_FILE} on {@value #MAIN}, by a known author at a known time, pushed to origin;
 * more clones on demand, each fetching only {@value #MAIN} as a CI checkout does; and a repository without any remote.
 * Inspections read origin directly, never through the registry under test.
 */
final class RegistryGitRepo {
    static final String MAIN = "main";
    static final String TRACKED_FILE = "pom.xml";
    static final PersonIdent AUTHOR =
            new PersonIdent("Ada Lovelace", "ada@example.org", Instant.parse("2024-03-01T12:00:00Z"), ZoneOffset.UTC);

    private final Path root;
    private final Path origin;
    private final Path workTree;
    private final String sourceCommit;

    private RegistryGitRepo(Path root, Path origin, Path workTree, String sourceCommit) {
        this.root = root;
        this.origin = origin;
        this.workTree = workTree;
        this.sourceCommit = sourceCommit;
    }

    /** A bare origin and a clone of it with one commit on main, pushed. */
    static RegistryGitRepo originWithOneCommit(Path root) {
        Path origin = root.resolve("origin.git");
        try {
            Git.init()
                    .setBare(true)
                    .setInitialBranch(MAIN)
                    .setDirectory(origin.toFile())
                    .call()
                    .close();
            Path workTree = root.resolve("work");
            try (Git git = Git.cloneRepository()
                    .setURI(origin.toUri().toString())
                    .setDirectory(workTree.toFile())
                    .call()) {
                pinHeadToMain(git.getRepository());
                RevCommit commit = commitProjectFile(git, workTree);
                git.push().call();
                return new RegistryGitRepo(root, origin, workTree, commit.name());
            }
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException("cannot build the test repositories in " + root, e);
        }
    }

    /** A repository with one commit on main and no remote at all. */
    static Path localOnlyWithOneCommit(Path root) {
        Path workTree = root.resolve("local");
        try (Git git = Git.init()
                .setInitialBranch(MAIN)
                .setDirectory(workTree.toFile())
                .call()) {
            commitProjectFile(git, workTree);
            return workTree;
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot build the local repository in " + root, e);
        }
    }

    Path origin() {
        return origin;
    }

    /** The first clone, which made the commit. */
    Path workTree() {
        return workTree;
    }

    /** The project commit on main: what a promotion tags. */
    String sourceCommit() {
        return sourceCommit;
    }

    /** Another clone of origin, of main only, as a CI checkout makes it: no registry branch, local or remote. */
    Path freshClone(String name) {
        Path clone = root.resolve(name);
        try (Git git = Git.cloneRepository()
                .setURI(origin.toUri().toString())
                .setDirectory(clone.toFile())
                .setBranchesToClone(List.of(Constants.R_HEADS + MAIN))
                .setBranch(MAIN)
                .call()) {
            return clone;
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot clone " + origin + " into " + clone, e);
        }
    }

    /** Commits a change of the project file in a clone, without pushing; returns the new commit. */
    static String commitInClone(Path workTree, String content) {
        try (Git git = Git.open(workTree.toFile())) {
            write(workTree.resolve(TRACKED_FILE), content);
            git.add().addFilepattern(TRACKED_FILE).call();
            return git.commit()
                    .setMessage("Change the project")
                    .setAuthor(AUTHOR)
                    .setCommitter(AUTHOR)
                    .setSign(false)
                    .call()
                    .name();
        } catch (IOException | GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Points the clone's origin at a URL where nothing answers. */
    static void setOriginUrl(Path workTree, String url) {
        try (Git git = Git.open(workTree.toFile())) {
            git.getRepository().getConfig().setString("remote", "origin", "url", url);
            git.getRepository().getConfig().save();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commit messages on a branch of origin, newest first; empty when the branch does not exist. */
    List<String> originLog(String branch) {
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
    Optional<String> originFile(String branch, String path) {
        try (Repository repository = bare()) {
            return fileAt(repository, Constants.R_HEADS + branch, path);
        }
    }

    /** The commit a tag of origin points at, and the tag's message, if the tag exists and is annotated. */
    Optional<RevTag> originTag(String tagName) {
        try (Repository repository = bare();
                RevWalk walk = new RevWalk(repository)) {
            Ref ref = repository.exactRef(Constants.R_TAGS + tagName);
            return ref == null ? Optional.empty() : Optional.of(walk.parseTag(ref.getObjectId()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The commit ids of a branch of origin, newest first. */
    List<String> originLogIds(String branch) {
        try (Repository repository = bare();
                Git git = new Git(repository)) {
            List<String> ids = new ArrayList<>();
            ObjectId tip = repository.resolve(Constants.R_HEADS + branch);
            if (tip != null) {
                git.log().add(tip).call().forEach(c -> ids.add(c.name()));
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Moves a branch of origin, as another writer's push would, without the registry knowing. */
    void moveOriginBranch(String branch, String path, String content, String message) {
        try (Repository repository = bare()) {
            ObjectId parent = repository.resolve(Constants.R_HEADS + branch);
            ObjectId commit = commitFile(repository, parent, path, content, message);
            RefUpdate update = repository.updateRef(Constants.R_HEADS + branch);
            update.setNewObjectId(commit);
            update.setForceUpdate(true);
            update.update();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a user sees of a checkout: HEAD, the index file's bytes, the files and git status. */
    record Checkout(String fullBranch, String head, String indexSha256, List<String> files, boolean clean) {}

    static Checkout checkout(Path workTree) {
        try (Git git = Git.open(workTree.toFile())) {
            Repository repository = git.getRepository();
            String index = Sha256.ofFile(repository.getIndexFile().toPath());
            List<String> files;
            try (Stream<Path> walk = Files.walk(workTree)) {
                files = walk.filter(Files::isRegularFile)
                        .map(f -> workTree.relativize(f).toString().replace('\\', '/'))
                        .filter(f -> !f.startsWith(".git/"))
                        .sorted()
                        .toList();
            }
            return new Checkout(
                    repository.getFullBranch(),
                    repository.resolve(Constants.HEAD).name(),
                    index,
                    files,
                    git.status().call().isClean());
        } catch (IOException | GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    static Optional<String> fileAt(Repository repository, String revision, String path) {
        try (RevWalk walk = new RevWalk(repository)) {
            ObjectId tip = repository.resolve(revision);
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

    private static ObjectId commitFile(
            Repository repository, ObjectId parent, String path, String content, String message) throws IOException {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId blob = inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
            DirCache tree = DirCache.newInCore();
            DirCacheBuilder builder = tree.builder();
            if (parent != null) {
                try (ObjectReader reader = repository.newObjectReader();
                        RevWalk walk = new RevWalk(reader)) {
                    builder.addTree(
                            new byte[0],
                            DirCacheEntry.STAGE_0,
                            reader,
                            walk.parseCommit(parent).getTree());
                }
            }
            builder.finish();
            DirCacheEditor editor = tree.editor();
            editor.add(new DirCacheEditor.PathEdit(path) {
                @Override
                public void apply(DirCacheEntry entry) {
                    entry.setFileMode(FileMode.REGULAR_FILE);
                    entry.setObjectId(blob);
                }
            });
            editor.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree.writeTree(inserter));
            if (parent != null) {
                commit.setParentId(parent);
            }
            commit.setAuthor(AUTHOR);
            commit.setCommitter(AUTHOR);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        }
    }

    private static RevCommit commitProjectFile(Git git, Path workTree) throws GitAPIException {
        write(workTree.resolve(TRACKED_FILE), "<project/>\n");
        git.add().addFilepattern(TRACKED_FILE).call();
        return git.commit()
                .setMessage("Add the project")
                .setAuthor(AUTHOR)
                .setCommitter(AUTHOR)
                .setSign(false)
                .call();
    }

    /** An empty clone's HEAD follows the machine's init.defaultBranch; pin it. */
    private static void pinHeadToMain(Repository repository) throws IOException {
        RefUpdate head = repository.updateRef(Constants.HEAD);
        head.disableRefLog();
        head.link(Constants.R_HEADS + MAIN);
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
