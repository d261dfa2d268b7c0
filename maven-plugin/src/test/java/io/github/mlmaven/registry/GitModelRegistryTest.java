package io.github.mlmaven.registry;

import static io.github.mlmaven.registry.RegistryDocumentTest.MODEL;
import static io.github.mlmaven.registry.RegistryDocumentTest.candidate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.registry.ModelVersion.Status;
import io.github.mlmaven.registry.RegistryEvent.Type;
import io.github.mlmaven.registry.RegistryException.Reason;
import io.github.mlmaven.testing.RecordingLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitModelRegistryTest {
    private static final String BRANCH = GitModelRegistry.DEFAULT_BRANCH;
    private static final String FILE = "models/credit-risk.json";

    @TempDir
    Path dir;

    private RegistryGitRepo repo;
    private RecordingLog log;

    @BeforeEach
    void originWithOneCommit() {
        repo = RegistryGitRepo.originWithOneCommit(dir);
        log = new RecordingLog();
    }

    private GitModelRegistry registry(Path workTree) {
        return new GitModelRegistry(workTree, BRANCH, GitModelRegistry.DEFAULT_REMOTE, null, log)
                .withRetry(GitModelRegistry.DEFAULT_MAX_ATTEMPTS, Duration.ofMillis(5));
    }

    /** ml:promote's two registry steps: reserve the next version, then (after deploying) promote it. */
    private static String promoteNext(GitModelRegistry registry, String approver, String reason) {
        RegistryCommit reserved = registry.update(
                MODEL,
                doc -> doc.reserveNext("1.3-SNAPSHOT", candidate(approver, reason), Instant.now()),
                RegistryDocument::describeLastEvent);
        String version = reserved.document().lastEvent().orElseThrow().version();
        registry.update(MODEL, doc -> doc.promote(version, Instant.now()), RegistryDocument::describeLastEvent);
        return version;
    }

    @Test
    void firstUpdateCreatesTheBranchAndTheModelFileOnOrigin() {
        // given
        assertThat(repo.originLog(BRANCH)).isEmpty();

        // when
        RegistryCommit commit = registry(repo.workTree())
                .update(
                        MODEL,
                        doc -> doc.reserveNext("1.3-SNAPSHOT", candidate("alice", "first model"), Instant.now()),
                        RegistryDocument::describeLastEvent);

        // then
        assertThat(commit.changed()).isTrue();
        assertThat(commit.attempts()).isEqualTo(1);
        assertThat(repo.originLog(BRANCH))
                .containsExactly("reserve credit-risk 1.3.0 (approved by alice: first model)\n");
        assertThat(repo.originFile(BRANCH, FILE)).hasValue(commit.document().toJson());
        assertThat(log.text())
                .contains("Registry: reserve credit-risk 1.3.0")
                .contains("on branch ml-registry of origin");
    }

    @Test
    void freshCloneReadsTheRegistryByFetchingTheBranch() throws IOException {
        // given a promotion from the first clone, and a clone of main only made afterwards
        promoteNext(registry(repo.workTree()), "alice", null);
        Path fresh = repo.freshClone("fresh");
        try (Git git = Git.open(fresh.toFile())) {
            assertThat(git.getRepository().exactRef("refs/remotes/origin/" + BRANCH))
                    .isNull();
        }

        // when
        RegistryDocument document = registry(fresh).read(MODEL);

        // then
        assertThat(document.production()).isEqualTo("1.3.0");
        assertThat(document.productionVersion()).map(ModelVersion::status).contains(Status.PROMOTED);
        try (Git git = Git.open(fresh.toFile())) {
            assertThat(git.getRepository().exactRef("refs/remotes/origin/" + BRANCH))
                    .isNotNull();
        }
    }

    @Test
    void readOfAModelTheRegistryHasNeverSeenIsEmpty() {
        // given a registry branch that holds another model
        registry(repo.workTree())
                .update(
                        "churn",
                        doc -> doc.reserveNext("2.0", candidate(null, null), Instant.now()),
                        RegistryDocument::describeLastEvent);

        // when
        RegistryDocument document = registry(repo.freshClone("fresh")).read(MODEL);

        // then
        assertThat(document).isEqualTo(RegistryDocument.empty(MODEL));
    }

    @Test
    void readBeforeAnyBranchExistsIsEmpty() {
        // when
        RegistryDocument document = registry(repo.workTree()).read(MODEL);

        // then
        assertThat(document).isEqualTo(RegistryDocument.empty(MODEL));
    }

    @Test
    void updatesLeaveTheWorkingTreeIndexAndHeadAsTheyWere() {
        // given
        RegistryGitRepo.Checkout before = RegistryGitRepo.checkout(repo.workTree());

        // when
        promoteNext(registry(repo.workTree()), "alice", null);

        // then
        RegistryGitRepo.Checkout after = RegistryGitRepo.checkout(repo.workTree());
        assertThat(after).isEqualTo(before);
        assertThat(after.clean()).isTrue();
        assertThat(after.fullBranch()).isEqualTo(Constants.R_HEADS + RegistryGitRepo.MAIN);
        assertThat(after.head()).isEqualTo(repo.sourceCommit());
        assertThat(repo.workTree().resolve("models")).doesNotExist();
    }

    @Test
    void everyUpdateIsOneCommitWhoseMessageSaysWhatHappened() {
        // given
        GitModelRegistry registry = registry(repo.workTree());

        // when
        promoteNext(registry, "alice", "better recall");
        promoteNext(registry, "bob", null);

        // then newest first, one commit per event
        assertThat(repo.originLog(BRANCH))
                .containsExactly(
                        "promote credit-risk 1.3.1 (approved by bob)\n",
                        "reserve credit-risk 1.3.1 (approved by bob)\n",
                        "promote credit-risk 1.3.0 (approved by alice: better recall)\n",
                        "reserve credit-risk 1.3.0 (approved by alice: better recall)\n");
        assertThat(registry.read(MODEL).events()).hasSize(4);
    }

    @Test
    void successivePromotionsTakeTheNextVersions() {
        // given
        GitModelRegistry registry = registry(repo.workTree());

        // when
        String first = promoteNext(registry, "alice", null);
        String second = promoteNext(registry, "alice", null);

        // then
        assertThat(first).isEqualTo("1.3.0");
        assertThat(second).isEqualTo("1.3.1");
        RegistryDocument document = registry.read(MODEL);
        assertThat(document.production()).isEqualTo("1.3.1");
        assertThat(document.nextVersion("1.3.0-SNAPSHOT")).isEqualTo("1.3.2");
    }

    @Test
    void localBranchFollowsThePushedCommitSoGitLogShowsTheAuditTrail() throws IOException {
        // given
        GitModelRegistry registry = registry(repo.workTree());

        // when
        RegistryCommit last = registry.update(
                MODEL,
                doc -> doc.reserveNext("1.3", candidate("alice", null), Instant.now()),
                RegistryDocument::describeLastEvent);

        // then
        try (Git git = Git.open(repo.workTree().toFile())) {
            Repository repository = git.getRepository();
            assertThat(repository
                            .exactRef(Constants.R_HEADS + BRANCH)
                            .getObjectId()
                            .name())
                    .isEqualTo(last.commitId());
            assertThat(repository
                            .exactRef("refs/remotes/origin/" + BRANCH)
                            .getObjectId()
                            .name())
                    .isEqualTo(last.commitId());
        }
    }

    @Test
    void updatingOneModelKeepsTheOtherModelsFiles() {
        // given
        GitModelRegistry registry = registry(repo.workTree());
        registry.update(
                "churn",
                doc -> doc.reserveNext("2.0", candidate(null, null), Instant.now()),
                RegistryDocument::describeLastEvent);

        // when
        promoteNext(registry, "alice", null);

        // then
        assertThat(repo.originFile(BRANCH, "models/churn.json")).isPresent();
        assertThat(repo.originFile(BRANCH, FILE)).isPresent();
        assertThat(registry(repo.freshClone("fresh")).modelNames()).containsExactly("churn", MODEL);
    }

    @Test
    void staleReadIsRetriedSoTheVersionIsRecomputedAndNoEventIsLost() {
        // given clone B reads the registry, then clone A promotes before B pushes
        GitModelRegistry a = registry(repo.workTree());
        GitModelRegistry b = registry(repo.freshClone("b"));
        AtomicInteger calls = new AtomicInteger();

        // when
        RegistryCommit fromB = b.update(
                MODEL,
                doc -> {
                    if (calls.getAndIncrement() == 0) {
                        promoteNext(a, "alice", null);
                    }
                    return doc.reserveNext("1.3-SNAPSHOT", candidate("bob", null), Instant.now());
                },
                RegistryDocument::describeLastEvent);

        // then
        assertThat(calls).hasValue(2);
        assertThat(fromB.attempts()).isEqualTo(2);
        assertThat(fromB.document().lastEvent().orElseThrow().version()).isEqualTo("1.3.1");
        RegistryDocument onOrigin = a.read(MODEL);
        assertThat(onOrigin.versions())
                .extracting(ModelVersion::version, ModelVersion::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("1.3.0", Status.PROMOTED),
                        org.assertj.core.groups.Tuple.tuple("1.3.1", Status.RESERVED));
        assertThat(onOrigin.events())
                .extracting(RegistryEvent::type, RegistryEvent::approver)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Type.RESERVE, "alice"),
                        org.assertj.core.groups.Tuple.tuple(Type.PROMOTE, "alice"),
                        org.assertj.core.groups.Tuple.tuple(Type.RESERVE, "bob"));
        assertThat(repo.originLog(BRANCH)).hasSize(3);
        assertThat(log.text()).contains("branch ml-registry moved while recording 'reserve credit-risk 1.3.0");
    }

    @Test
    void aMonitoringPassIsAppendedBesideTheDocumentWhichItNeverTouchesAndARaceIsRetried() {
        // given a promoted model, and clone B appending to the history while clone A appends first
        GitModelRegistry a = registry(repo.workTree());
        GitModelRegistry b = registry(repo.freshClone("b"));
        promoteNext(a, "alice", null);
        String document = repo.originFile(BRANCH, FILE).orElseThrow();
        AtomicInteger calls = new AtomicInteger();

        // when
        String commit = b.updateMonitoring(
                MODEL,
                history -> {
                    if (calls.getAndIncrement() == 0) {
                        a.updateMonitoring(MODEL, h -> (h == null ? "" : h) + "a\n", "monitor by a");
                    }
                    return (history == null ? "" : history) + "b\n";
                },
                "monitor by b");

        // then both passes are there, in order, and the model's document is as promoted
        assertThat(calls).hasValue(2);
        assertThat(commit).matches("[0-9a-f]{40}");
        assertThat(repo.originFile(BRANCH, "monitoring/" + MODEL + ".json")).contains("a\nb\n");
        assertThat(a.readMonitoring(MODEL)).contains("a\nb\n");
        assertThat(repo.originFile(BRANCH, FILE)).contains(document);
        assertThat(a.read(MODEL).production()).isEqualTo("1.3.0");
        assertThat(repo.originLog(BRANCH).subList(0, 2)).containsExactly("monitor by b\n", "monitor by a\n");
        assertThat(log.text()).contains("branch ml-registry moved while recording 'monitor by b'; re-reading it");
    }

    @Test
    void promotionsRacingFromSeveralClonesAllSucceedWithDistinctVersions() throws Exception {
        // given three clones promoting twice each at the same time
        List<GitModelRegistry> clones = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clones.add(registry(repo.freshClone("racer" + i)).withRetry(30, Duration.ofMillis(20)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(clones.size());
        List<Future<List<String>>> results = new ArrayList<>();
        try {
            // when
            for (int i = 0; i < clones.size(); i++) {
                GitModelRegistry clone = clones.get(i);
                String approver = "racer" + i;
                Callable<List<String>> twice =
                        () -> List.of(promoteNext(clone, approver, null), promoteNext(clone, approver, null));
                results.add(pool.submit(twice));
            }
            List<String> versions = new ArrayList<>();
            for (Future<List<String>> result : results) {
                versions.addAll(result.get());
            }

            // then
            assertThat(versions).containsExactlyInAnyOrder("1.3.0", "1.3.1", "1.3.2", "1.3.3", "1.3.4", "1.3.5");
        } finally {
            pool.shutdownNow();
        }
        RegistryDocument onOrigin = registry(repo.workTree()).read(MODEL);
        assertThat(onOrigin.versions()).hasSize(6).allMatch(v -> v.hasStatus(Status.PROMOTED));
        assertThat(onOrigin.events()).hasSize(12);
        assertThat(onOrigin.events().stream().filter(e -> e.type() == Type.PROMOTE))
                .extracting(RegistryEvent::version)
                .doesNotHaveDuplicates()
                .hasSize(6);
        assertThat(repo.originLog(BRANCH)).hasSize(12);
    }

    @Test
    void promotionsRacingInOneCloneAllSucceed() throws Exception {
        // given one clone, as in a parallel build of several modules: two promote the same model, one another
        GitModelRegistry registry = registry(repo.workTree()).withRetry(30, Duration.ofMillis(20));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            // when
            Future<List<String>> first =
                    pool.submit(() -> List.of(promoteNext(registry, "a", null), promoteNext(registry, "a", null)));
            Future<List<String>> second =
                    pool.submit(() -> List.of(promoteNext(registry, "b", null), promoteNext(registry, "b", null)));
            Future<RegistryCommit> other = pool.submit(() -> registry.update(
                    "churn",
                    doc -> doc.reserveNext("2.0", candidate("c", null), Instant.now()),
                    RegistryDocument::describeLastEvent));
            List<String> versions = new ArrayList<>(first.get());
            versions.addAll(second.get());
            other.get();

            // then
            assertThat(versions).containsExactlyInAnyOrder("1.3.0", "1.3.1", "1.3.2", "1.3.3");
        } finally {
            pool.shutdownNow();
        }
        assertThat(repo.originLog(BRANCH)).hasSize(9);
        assertThat(registry(repo.freshClone("check")).modelNames()).containsExactly("churn", MODEL);
        assertThat(RegistryGitRepo.checkout(repo.workTree()).clean()).isTrue();
    }

    @Test
    void whenEveryAttemptLosesTheRaceTheUpdateFailsClearlyAndRecordsNothing() {
        // given another writer moves the branch each time this registry is about to push
        GitModelRegistry registry = registry(repo.workTree()).withRetry(3, Duration.ZERO);
        AtomicInteger calls = new AtomicInteger();

        // when / then
        assertThatThrownBy(() -> registry.update(
                        MODEL,
                        doc -> {
                            int n = calls.incrementAndGet();
                            repo.moveOriginBranch(BRANCH, "notes/other-" + n + ".txt", "x", "other writer " + n);
                            return doc.reserveNext("1.3", candidate("alice", null), Instant.now());
                        },
                        RegistryDocument::describeLastEvent))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("could not record 'reserve credit-risk 1.3.0 (approved by alice)' on branch"
                        + " ml-registry of origin")
                .hasMessageContaining("moved under each of 3 attempts")
                .hasMessageContaining("so this change was not recorded; run the same command again")
                .extracting(e -> ((RegistryException) e).reason())
                .isEqualTo(Reason.CONFLICT);
        assertThat(calls).hasValue(3);
        assertThat(repo.originFile(BRANCH, FILE)).isEmpty();
        assertThat(repo.originLog(BRANCH)).hasSize(3).allMatch(m -> m.startsWith("other writer"));
    }

    @Test
    void changeThatRefusesWritesNothing() {
        // given
        GitModelRegistry registry = registry(repo.workTree());
        promoteNext(registry, "alice", null);

        // when / then asking for a version that exists
        assertThatThrownBy(() -> registry.update(
                        MODEL,
                        doc -> doc.reserve("1.3.0", candidate("bob", null), Instant.now()),
                        RegistryDocument::describeLastEvent))
                .isInstanceOf(RegistryException.class)
                .extracting(e -> ((RegistryException) e).reason())
                .isEqualTo(Reason.VERSION_EXISTS);
        assertThat(repo.originLog(BRANCH)).hasSize(2);
    }

    @Test
    void changeThatChangesNothingCommitsNothing() {
        // given
        GitModelRegistry registry = registry(repo.workTree());
        promoteNext(registry, "alice", null);

        // when
        RegistryCommit commit = registry.update(MODEL, doc -> doc, RegistryDocument::describeLastEvent);

        // then
        assertThat(commit.changed()).isFalse();
        assertThat(repo.originLog(BRANCH)).hasSize(2);
    }

    @Test
    void rollbackMovesProductionBackAsItsOwnCommitAndRemovesNothing() {
        // given
        GitModelRegistry registry = registry(repo.workTree());
        promoteNext(registry, "alice", null);
        promoteNext(registry, "alice", null);
        RegistryDocument before = registry.read(MODEL);

        // when, from another clone
        RegistryCommit rollback = registry(repo.freshClone("ops"))
                .update(
                        MODEL,
                        doc -> doc.rollback("1.3.0", "bob", "recall dropped", Instant.now()),
                        RegistryDocument::describeLastEvent);

        // then
        RegistryDocument after = registry.read(MODEL);
        assertThat(after).isEqualTo(rollback.document());
        assertThat(after.production()).isEqualTo("1.3.0");
        assertThat(after.versions()).isEqualTo(before.versions());
        assertThat(after.events()).hasSize(5).startsWith(before.events().toArray(RegistryEvent[]::new));
        assertThat(after.lastEvent()).map(RegistryEvent::from).contains("1.3.1");
        assertThat(repo.originLog(BRANCH).get(0))
                .isEqualTo("rollback credit-risk from 1.3.1 to 1.3.0 (approved by bob: recall dropped)\n");
    }

    @Test
    void tagIsAnnotatedOnTheSourceCommitAndPushed() throws IOException {
        // given a registry commit exists too: the tag must not go there
        GitModelRegistry registry = registry(repo.workTree());
        promoteNext(registry, "alice", null);

        // when
        String tag = registry.tag(MODEL, "1.3.0", repo.sourceCommit(), "credit-risk 1.3.0 approved by alice");

        // then
        assertThat(tag).isEqualTo("ml/credit-risk/1.3.0");
        RevTag onOrigin = repo.originTag(tag).orElseThrow();
        assertThat(onOrigin.getObject().name()).isEqualTo(repo.sourceCommit());
        assertThat(onOrigin.getFullMessage()).isEqualTo("credit-risk 1.3.0 approved by alice\n");
        assertThat(onOrigin.getTagName()).isEqualTo(tag);
        try (Git git = Git.open(repo.workTree().toFile())) {
            assertThat(git.getRepository().exactRef(Constants.R_TAGS + tag)).isNotNull();
        }
        assertThat(RegistryGitRepo.checkout(repo.workTree()).clean()).isTrue();
    }

    @Test
    void taggingTheSameCommitAgainKeepsTheTagSoAHalfFinishedPromotionCanBeFinished() {
        // given
        GitModelRegistry registry = registry(repo.workTree());
        registry.tag(MODEL, "1.3.0", repo.sourceCommit(), "first");
        RevTag first = repo.originTag("ml/credit-risk/1.3.0").orElseThrow();

        // when, from this clone and from another
        registry.tag(MODEL, "1.3.0", repo.sourceCommit(), "again");
        registry(repo.freshClone("other")).tag(MODEL, "1.3.0", repo.sourceCommit(), "again");

        // then
        assertThat(repo.originTag("ml/credit-risk/1.3.0")).contains(first);
    }

    @Test
    void existingTagOnAnotherCommitIsRefusedInThisClone() {
        // given
        GitModelRegistry registry = registry(repo.workTree());
        registry.tag(MODEL, "1.3.0", repo.sourceCommit(), "first");
        String later = RegistryGitRepo.commitInClone(repo.workTree(), "<project><version>2</version></project>\n");

        // when / then
        assertThatThrownBy(() -> registry.tag(MODEL, "1.3.0", later, "moved"))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("tag ml/credit-risk/1.3.0 exists already in this clone on commit "
                        + repo.sourceCommit().substring(0, 7))
                .hasMessageContaining("tags are never moved")
                .extracting(e -> ((RegistryException) e).reason())
                .isEqualTo(Reason.TAG_EXISTS);
        assertThat(repo.originTag("ml/credit-risk/1.3.0")
                        .orElseThrow()
                        .getObject()
                        .name())
                .isEqualTo(repo.sourceCommit());
    }

    @Test
    void existingTagOnAnotherCommitIsRefusedOnTheRemote() {
        // given a clone made before the tag existed, which then tags its own commit
        Path other = repo.freshClone("other");
        registry(repo.workTree()).tag(MODEL, "1.3.0", repo.sourceCommit(), "first");
        String otherCommit = RegistryGitRepo.commitInClone(other, "<project><version>2</version></project>\n");

        // when / then
        assertThatThrownBy(() -> registry(other).tag(MODEL, "1.3.0", otherCommit, "mine"))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("tag ml/credit-risk/1.3.0 exists already on origin on commit "
                        + repo.sourceCommit().substring(0, 7))
                .extracting(e -> ((RegistryException) e).reason())
                .isEqualTo(Reason.TAG_EXISTS);
        assertThat(repo.originTag("ml/credit-risk/1.3.0")
                        .orElseThrow()
                        .getObject()
                        .name())
                .isEqualTo(repo.sourceCommit());
    }

    @Test
    void tagOfACommitThatIsNotInTheRepositoryIsRefused() {
        // when / then
        assertThatThrownBy(() ->
                        registry(repo.workTree()).tag(MODEL, "1.3.0", "0000000000000000000000000000000000000001", "x"))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining(
                        "the source commit 0000000000000000000000000000000000000001 is not in the" + " repository");
    }

    @Test
    void unreachableRemoteIsReportedWithItsUrlAndTheFix() {
        // given
        String nowhere = dir.resolve("nowhere.git").toUri().toString();
        RegistryGitRepo.setOriginUrl(repo.workTree(), nowhere);

        // when / then
        assertThatThrownBy(() -> registry(repo.workTree()).read(MODEL))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("cannot fetch branch ml-registry from remote 'origin' (")
                .hasMessageContaining("nowhere.git")
                .hasMessageContaining("git remote -v")
                .extracting(e -> ((RegistryException) e).reason())
                .isEqualTo(Reason.REMOTE_UNREACHABLE);
    }

    @Test
    void directoryOutsideAnyRepositoryIsRefused() throws IOException {
        // given
        Path plain = Files.createDirectories(dir.resolve("plain"));

        // when / then
        assertThatThrownBy(() -> new GitModelRegistry(plain, BRANCH, "origin", null, MlLog.SILENT))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining(plain + " is not in a git repository")
                .extracting(e -> ((RegistryException) e).reason())
                .isEqualTo(Reason.NOT_A_REPOSITORY);
    }

    @Test
    void subdirectoryOfTheProjectFindsTheRepositoryAbove() throws IOException {
        // given a Maven module below the repository root
        Path module = Files.createDirectories(repo.workTree().resolve("modules/credit"));

        // when
        GitModelRegistry registry = registry(module);

        // then
        assertThat(registry.gitDirectory()).isEqualTo(repo.workTree().resolve(".git"));
        assertThat(registry.isShared()).isTrue();
    }

    @Test
    void invalidBranchNameIsRefused() {
        // when / then
        assertThatThrownBy(() -> new GitModelRegistry(repo.workTree(), "ml registry..", "origin", null, MlLog.SILENT))
                .isInstanceOf(RegistryException.class)
                .extracting(e -> ((RegistryException) e).reason())
                .isEqualTo(Reason.INVALID_NAME);
    }

    @Test
    void brokenDocumentOnTheBranchIsRefusedNamingFileAndCommit() {
        // given
        repo.moveOriginBranch(BRANCH, FILE, "{ broken", "hand edit");

        // when / then
        assertThatThrownBy(() -> registry(repo.workTree()).read(MODEL))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("models/credit-risk.json on branch ml-registry at ")
                .hasMessageContaining("is not a registry document")
                .extracting(e -> ((RegistryException) e).reason())
                .isEqualTo(Reason.CORRUPT_DOCUMENT);
    }

    @Test
    void localRegistryHistoryIsPublishedWhenTheRemoteHasNoBranchYet() throws IOException {
        // given a clone whose registry was local until origin was added
        try (Git git = Git.open(repo.workTree().toFile())) {
            git.getRepository().getConfig().unsetSection("remote", "origin");
            git.getRepository().getConfig().save();
        }
        registry(repo.workTree())
                .update(
                        MODEL,
                        doc -> doc.reserveNext("1.3", candidate("alice", null), Instant.now()),
                        RegistryDocument::describeLastEvent);
        RegistryGitRepo.setOriginUrl(repo.workTree(), repo.origin().toUri().toString());

        // when
        registry(repo.workTree())
                .update(MODEL, doc -> doc.promote("1.3.0", Instant.now()), RegistryDocument::describeLastEvent);

        // then
        assertThat(repo.originLog(BRANCH))
                .containsExactly(
                        "promote credit-risk 1.3.0 (approved by alice)\n",
                        "reserve credit-risk 1.3.0 (approved by alice)\n");
    }

    // ------------------------------------------------------------------ what a killed build leaves behind

    @Test
    void documentBrokenOnOriginIsRefusedNamingTheRegistryCommitToFixOrRevert() throws Exception {
        // given 1.3.0 promoted, then a hand edit that points production at a version that does not exist
        GitModelRegistry registry = registry(repo.workTree());
        promoteNext(registry, "alice", null);
        String broken = repo.originFile(BRANCH, FILE)
                .orElseThrow()
                .replace("\"production\" : \"1.3.0\"", "\"production\" : \"../../evil\"");
        repo.moveOriginBranch(BRANCH, FILE, broken, "hand edit");
        String tip = repo.originLogIds(BRANCH).get(0).substring(0, 7);

        // when / then
        assertThatThrownBy(() -> registry.read(MODEL))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining(FILE + " on branch " + BRANCH + " at registry commit " + tip)
                .hasMessageContaining("production is '../../evil', which is not one of the versions [1.3.0]")
                .hasMessageContaining("revert the commit that broke it")
                .extracting(e -> ((RegistryException) e).reason())
                .isEqualTo(Reason.CORRUPT_DOCUMENT);
        assertThatThrownBy(() -> registry.update(MODEL, doc -> doc, RegistryDocument::describeLastEvent))
                .hasMessageContaining("registry commit " + tip);
    }

    @Test
    void lockFilesLeftInALocalOriginAreReportedWithTheirAgeAndNeverRemoved() throws Exception {
        // given what a killed git gc leaves
        Path packedRefsLock = Files.writeString(repo.origin().resolve("packed-refs.lock"), "");
        Path gcLogLock = Files.writeString(repo.origin().resolve("gc.log.lock"), "");
        Files.setLastModifiedTime(packedRefsLock, FileTime.from(Instant.now().minus(Duration.ofMinutes(12))));

        // when
        List<String> locks = registry(repo.workTree()).staleLocks();

        // then
        assertThat(locks)
                .containsExactlyInAnyOrder(packedRefsLock + " (12 minutes old)", gcLogLock + " (0 minutes old)");
        assertThat(packedRefsLock).exists();
        assertThat(gcLogLock).exists();
    }

    @Test
    void aRefLockLeftInOriginMakesTheChangeFailNamingTheLockAndTheGivenAdviceNotRunAgain() throws Exception {
        // given 1.3.0 reserved (and deployed), then a lock on the registry branch in origin that nobody holds
        GitModelRegistry registry = registry(repo.workTree()).withRetry(2, Duration.ZERO);
        registry.update(
                MODEL,
                doc -> doc.reserveNext("1.3", candidate("alice", null), Instant.now()),
                RegistryDocument::describeLastEvent);
        Path lock = repo.origin().resolve("refs/heads/" + BRANCH + ".lock");
        Files.writeString(lock, "");

        // when / then
        assertThatThrownBy(() -> registry.whenNotRecorded("finish it with: mvn ml:promote -Dml.promote.finish=1.3.0")
                        .update(MODEL, doc -> doc.promote("1.3.0", Instant.now()), RegistryDocument::describeLastEvent))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("was not recorded")
                .hasMessageContaining(lock + " (0 minutes old)")
                .hasMessageContaining("delete them")
                .hasMessageContaining("finish it with: mvn ml:promote -Dml.promote.finish=1.3.0")
                .hasMessageNotContaining("run the same command again");
        assertThat(registry.read(MODEL).version("1.3.0").orElseThrow().status())
                .isEqualTo(ModelVersion.Status.RESERVED);
    }

    @Test
    void pushesToALocalOriginNeverStartAGarbageCollection() throws Exception {
        // given more pushes than JGit's gc.autoPackLimit (50), each of which adds a pack to origin
        GitModelRegistry registry = registry(repo.workTree());
        for (int i = 0; i < 52; i++) {
            int n = i;
            registry.update(
                    MODEL,
                    doc -> doc.reserve("1.3." + n, candidate("alice", null), Instant.now()),
                    RegistryDocument::describeLastEvent);
        }

        // when JGit would have started its background gc by now
        Thread.sleep(1500);

        // then nothing packed the packs or the refs, and no gc left its files
        try (var packs = Files.list(repo.origin().resolve("objects/pack"))) {
            List<String> names = packs.map(p -> p.getFileName().toString()).toList();
            assertThat(names.stream().filter(n -> n.endsWith(".pack"))).hasSizeGreaterThan(50);
            assertThat(names).noneMatch(n -> n.endsWith(".bitmap")); // only a gc writes bitmaps
        }
        assertThat(repo.origin().resolve("packed-refs")).doesNotExist(); // a gc packs the refs
        assertThat(repo.origin().resolve("gc.log")).doesNotExist();
        assertThat(repo.origin().resolve("gc.log.lock")).doesNotExist();
        assertThat(repo.origin().resolve("packed-refs.lock")).doesNotExist();
        assertThat(registry.read(MODEL).versions()).hasSize(52);
    }
}
