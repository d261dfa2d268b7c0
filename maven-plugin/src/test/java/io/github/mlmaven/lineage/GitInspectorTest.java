package io.github.mlmaven.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.runtime.GitLineage;
import io.github.mlmaven.testing.GitTestRepo;
import io.github.mlmaven.testing.RecordingLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitInspectorTest {

    @TempDir
    Path dir;

    private GitTestRepo repo;

    @BeforeEach
    void cloneWithOneCommit() {
        repo = GitTestRepo.cloneWithOneCommit(dir.resolve("git"));
    }

    @AfterEach
    void closeRepository() {
        repo.close();
    }

    @Test
    void cleanCloneReportsCommitBranchAuthorAndTime() {
        // when
        Optional<GitLineage> lineage = GitInspector.inspect(repo.workTree(), MlLog.SILENT);

        // then
        assertThat(lineage).hasValueSatisfying(git -> {
            assertThat(git.commit()).isEqualTo(repo.commitId()).hasSize(40);
            assertThat(git.branch()).isEqualTo(GitTestRepo.BRANCH);
            assertThat(git.dirty()).isFalse();
            assertThat(git.author()).isEqualTo(GitTestRepo.AUTHOR_NAME + " <" + GitTestRepo.AUTHOR_EMAIL + ">");
            assertThat(git.commitTime()).isEqualTo(GitTestRepo.COMMIT_TIME.toString());
        });
    }

    @Test
    void subdirectoryOfTheWorkTreeFindsTheRepositoryAbove() throws IOException {
        // given a Maven module below the repository root
        Path module = Files.createDirectories(repo.workTree().resolve("modules/credit"));

        // when
        Optional<GitLineage> lineage = GitInspector.inspect(module, MlLog.SILENT);

        // then
        assertThat(lineage).map(GitLineage::commit).contains(repo.commitId());
    }

    @Test
    void modifiedTrackedFileMakesTheWorkTreeDirty() {
        // given
        repo.modifyTrackedFile();

        // when
        Optional<GitLineage> lineage = GitInspector.inspect(repo.workTree(), MlLog.SILENT);

        // then
        assertThat(lineage).map(GitLineage::dirty).contains(true);
        assertThat(lineage).map(GitLineage::commit).contains(repo.commitId());
    }

    @Test
    void untrackedFileAloneDoesNotMakeTheWorkTreeDirty() {
        // given
        repo.addUntrackedFile();

        // when
        Optional<GitLineage> lineage = GitInspector.inspect(repo.workTree(), MlLog.SILENT);

        // then
        assertThat(lineage).map(GitLineage::dirty).contains(false);
    }

    @Test
    void detachedHeadHasNoBranch() {
        // given
        repo.detachHead();

        // when
        Optional<GitLineage> lineage = GitInspector.inspect(repo.workTree(), MlLog.SILENT);

        // then
        assertThat(lineage).hasValueSatisfying(git -> {
            assertThat(git.branch()).isNull();
            assertThat(git.commit()).isEqualTo(repo.commitId());
        });
    }

    @Test
    void repositoryWithoutCommitsHasNoCommit() throws Exception {
        // given
        Path fresh = dir.resolve("fresh");
        Git.init().setInitialBranch("main").setDirectory(fresh.toFile()).call().close();

        // when
        Optional<GitLineage> lineage = GitInspector.inspect(fresh, MlLog.SILENT);

        // then
        assertThat(lineage).hasValueSatisfying(git -> {
            assertThat(git.commit()).isNull();
            assertThat(git.branch()).isEqualTo("main");
            assertThat(git.dirty()).isFalse();
        });
    }

    @Test
    void directoryOutsideAnyRepositoryHasNoLineageAndIsNotAnError() throws IOException {
        // given a folder that no git repository contains (the temporary folder is outside this checkout)
        Path plain = Files.createDirectories(dir.resolve("plain/project"));
        RecordingLog log = new RecordingLog();

        // when
        Optional<GitLineage> lineage = GitInspector.inspect(plain, log);

        // then
        assertThat(lineage).isEmpty();
        assertThat(log.lines()).noneMatch(line -> line.startsWith("WARN"));
    }

    @Test
    void brokenRepositoryIsWarnedAboutButNotAnError() throws IOException {
        // given a .git folder with nothing valid in it
        Path broken = dir.resolve("broken");
        Files.createDirectories(broken.resolve(".git"));
        Files.writeString(broken.resolve(".git/HEAD"), "garbage\n");
        RecordingLog log = new RecordingLog();

        // when
        Optional<GitLineage> lineage = GitInspector.inspect(broken, log);

        // then: no exception escapes
        assertThat(lineage.map(GitLineage::commit).orElse(null)).isNull();
    }
}
