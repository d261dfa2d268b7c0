package io.github.mlmaven.registry;

import static io.github.mlmaven.registry.RegistryDocumentTest.MODEL;
import static io.github.mlmaven.registry.RegistryDocumentTest.candidate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.registry.RegistryException.Reason;
import io.github.mlmaven.testing.RecordingLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A repository without the remote: the registry is the local branch, with the same compare-and-swap. */
class LocalGitModelRegistryTest {
    private static final String BRANCH = GitModelRegistry.DEFAULT_BRANCH;

    @TempDir
    Path dir;

    private Path workTree;
    private RecordingLog log;

    @BeforeEach
    void localRepositoryWithOneCommit() {
        workTree = RegistryGitRepo.localOnlyWithOneCommit(dir);
        log = new RecordingLog();
    }

    private GitModelRegistry registry() {
        return new GitModelRegistry(workTree, BRANCH, GitModelRegistry.DEFAULT_REMOTE, null, log)
                .withRetry(3, Duration.ZERO);
    }

    @Test
    void localRegistryRecordsOnTheLocalBranchAndSaysOnceThatItIsNotShared() throws IOException {
        // given
        GitModelRegistry registry = registry();
        RegistryGitRepo.Checkout before = RegistryGitRepo.checkout(workTree);

        // when
        registry.update(
                MODEL,
                doc -> doc.reserveNext("1.3-SNAPSHOT", candidate("alice", null), Instant.now()),
                RegistryDocument::describeLastEvent);
        registry.update(MODEL, doc -> doc.promote("1.3.0", Instant.now()), RegistryDocument::describeLastEvent);
        RegistryDocument document = registry.read(MODEL);

        // then
        assertThat(document.production()).isEqualTo("1.3.0");
        assertThat(registry.isShared()).isFalse();
        assertThat(registry.location()).isEqualTo("local branch ml-registry (no remote 'origin')");
        assertThat(log.lines().stream().filter(l -> l.contains("local only"))).hasSize(1);
        assertThat(log.text())
                .contains("INFO Registry: the repository has no remote 'origin', so the model registry is local only");
        assertThat(localLog())
                .containsExactly(
                        "promote credit-risk 1.3.0 (approved by alice)",
                        "reserve credit-risk 1.3.0 (approved by alice)");
        assertThat(RegistryGitRepo.checkout(workTree)).isEqualTo(before);
    }

    @Test
    void staleLocalReadIsRetriedWithTheNextVersion() {
        // given a second writer in the same repository records first
        GitModelRegistry first = registry();
        GitModelRegistry second = registry();
        AtomicInteger calls = new AtomicInteger();

        // when
        RegistryCommit commit = first.update(
                MODEL,
                doc -> {
                    if (calls.getAndIncrement() == 0) {
                        second.update(
                                MODEL,
                                d -> d.reserveNext("1.3", candidate("bob", null), Instant.now()),
                                RegistryDocument::describeLastEvent);
                    }
                    return doc.reserveNext("1.3", candidate("alice", null), Instant.now());
                },
                RegistryDocument::describeLastEvent);

        // then
        assertThat(commit.attempts()).isEqualTo(2);
        assertThat(registry().read(MODEL).versionNames()).containsExactly("1.3.0", "1.3.1");
        assertThat(localLog())
                .containsExactly(
                        "reserve credit-risk 1.3.1 (approved by alice)", "reserve credit-risk 1.3.0 (approved by bob)");
    }

    @Test
    void localTagIsCreatedOnTheSourceCommit() throws IOException {
        // given
        String head;
        try (Git git = Git.open(workTree.toFile())) {
            head = git.getRepository().resolve(Constants.HEAD).name();
        }

        // when
        String tag = registry().tag(MODEL, "1.3.0", head, "credit-risk 1.3.0");

        // then
        try (Git git = Git.open(workTree.toFile());
                RevWalk walk = new RevWalk(git.getRepository())) {
            Ref ref = git.getRepository().exactRef(Constants.R_TAGS + tag);
            RevTag annotated = walk.parseTag(ref.getObjectId());
            assertThat(annotated.getObject().name()).isEqualTo(head);
        }
        assertThat(log.text()).contains("tag ml/credit-risk/1.3.0 on " + head.substring(0, 7) + " (local only)");
    }

    @Test
    void checkedOutRegistryBranchIsNotWrittenUnderTheUsersFeet() throws Exception {
        // given the user checked out the registry branch
        try (Git git = Git.open(workTree.toFile())) {
            git.checkout().setCreateBranch(true).setName(BRANCH).call();
        }

        // when / then
        assertThatThrownBy(() -> registry()
                        .update(
                                MODEL,
                                doc -> doc.reserveNext("1.3", candidate(null, null), Instant.now()),
                                RegistryDocument::describeLastEvent))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("branch ml-registry is checked out")
                .extracting(e -> ((RegistryException) e).reason())
                .isEqualTo(Reason.GIT_FAILURE);
    }

    private List<String> localLog() {
        try (Git git = Git.open(workTree.toFile())) {
            return java.util.stream.StreamSupport.stream(
                            git.log()
                                    .add(git.getRepository().resolve(Constants.R_HEADS + BRANCH))
                                    .call()
                                    .spliterator(),
                            false)
                    .map(RevCommit::getShortMessage)
                    .toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
