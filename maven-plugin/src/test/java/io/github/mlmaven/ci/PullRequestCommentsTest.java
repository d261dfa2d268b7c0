package io.github.mlmaven.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mlmaven.testing.RecordingLog;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PullRequestCommentsTest {
    private static final int PR = 1347;
    private static final String REPO = FakeGitHub.REPOSITORY;

    private FakeGitHub github;
    private GitHubClient client;
    private PullRequestComments comments;
    private final List<Duration> sleeps = new ArrayList<>();

    @BeforeEach
    void start() {
        github = FakeGitHub.start().pullRequest(PR);
        RetryPolicy retry = new RetryPolicy(4, Duration.ofMillis(10), Duration.ofSeconds(60), sleeps::add);
        RecordingLog log = new RecordingLog();
        client = new GitHubClient(URI.create(github.apiUrl()), FakeGitHub.TOKEN, "ml-maven-plugin/test", retry, log);
        comments = new PullRequestComments(client, retry, log);
    }

    @AfterEach
    void stop() {
        client.close();
        github.close();
    }

    @Test
    void firstUpsertCreatesACommentThatStartsWithTheMarker() {
        // given someone else's comment
        github.existingComment(PR, "LGTM", "octocat");

        // when
        PullRequestComments.Result result = comments.upsert(REPO, PR, "credit", "### Model `credit`: ✅ passed\n");

        // then
        assertThat(result.created()).isTrue();
        assertThat(github.comments(PR)).hasSize(2);
        ObjectNode ours = github.comments(PR).get(1);
        assertThat(ours.get("id").asLong()).isEqualTo(result.id());
        assertThat(ours.get("body").asText())
                .isEqualTo("<!-- ml-maven-plugin:model=credit -->\n### Model `credit`: ✅ passed\n");
        assertThat(result.htmlUrl())
                .isEqualTo("https://github.com/" + REPO + "/pull/" + PR + "#issuecomment-" + result.id());
    }

    @Test
    void secondUpsertEditsTheSameComment() {
        // given
        long id = comments.upsert(REPO, PR, "credit", "first").id();

        // when
        PullRequestComments.Result second = comments.upsert(REPO, PR, "credit", "second");

        // then
        assertThat(second.created()).isFalse();
        assertThat(second.id()).isEqualTo(id);
        assertThat(github.comments(PR))
                .singleElement()
                .satisfies(c ->
                        assertThat(c.get("body").asText()).isEqualTo("<!-- ml-maven-plugin:model=credit -->\nsecond"));
        assertThat(github.count("POST")).isEqualTo(1);
        assertThat(github.count("PATCH")).isEqualTo(1);
    }

    @Test
    void eachModelHasItsOwnComment() {
        // when
        comments.upsert(REPO, PR, "credit", "a");
        comments.upsert(REPO, PR, "churn", "b");
        comments.upsert(REPO, PR, "credit", "c");

        // then
        assertThat(github.comments(PR))
                .extracting(c -> c.get("body").asText())
                .containsExactly("<!-- ml-maven-plugin:model=credit -->\nc", "<!-- ml-maven-plugin:model=churn -->\nb");
    }

    @Test
    void markerOnTheSecondPageIsFound() {
        // given 150 comments, ours the 130th: GitHub serves 100 per page
        for (int i = 0; i < 150; i++) {
            github.existingComment(
                    PR, i == 129 ? PullRequestComments.marker("credit") + "\nold" : "comment " + i, "octocat");
        }
        long ours = github.comments(PR).get(129).get("id").asLong();

        // when
        PullRequestComments.Result result = comments.upsert(REPO, PR, "credit", "new");

        // then
        assertThat(result.created()).isFalse();
        assertThat(result.id()).isEqualTo(ours);
        assertThat(github.requests())
                .filteredOn(r -> r.method().equals("GET"))
                .extracting(FakeGitHub.Request::pathAndQuery)
                .containsExactly(
                        "/repos/" + REPO + "/issues/" + PR + "/comments?per_page=100",
                        "/repos/" + REPO + "/issues/" + PR + "/comments?per_page=100&page=2");
        assertThat(github.comments(PR)).hasSize(150);
    }

    @Test
    void aMentionOfTheMarkerInsideAnotherCommentIsNotOurs() {
        // given
        github.existingComment(PR, "Why does " + PullRequestComments.marker("credit") + " show up?", "octocat");

        // when
        PullRequestComments.Result result = comments.upsert(REPO, PR, "credit", "x");

        // then
        assertThat(result.created()).isTrue();
    }

    @Test
    void createThatFailedWithAServerErrorIsRetried() {
        // given
        github.failNext(FakeGitHub.serverError("POST"));

        // when
        PullRequestComments.Result result = comments.upsert(REPO, PR, "credit", "x");

        // then
        assertThat(result.created()).isTrue();
        assertThat(github.comments(PR)).hasSize(1);
        assertThat(github.count("POST")).isEqualTo(2);
    }

    @Test
    void createThatGitHubAppliedButAnsweredWithA502IsNotRepeated() {
        // given
        github.failNext(FakeGitHub.appliedButBadGateway("POST"));

        // when
        PullRequestComments.Result result = comments.upsert(REPO, PR, "credit", "x");

        // then the second look finds the comment and edits it instead of adding another
        assertThat(github.comments(PR)).hasSize(1);
        assertThat(result.created()).isFalse();
        assertThat(github.count("POST")).isEqualTo(1);
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void createAfterAClosedConnectionLooksAgainFirst() {
        // given
        github.failNext(FakeGitHub.closedConnection("POST"));

        // when
        comments.upsert(REPO, PR, "credit", "x");

        // then
        assertThat(github.comments(PR)).hasSize(1);
        assertThat(github.count("GET")).isEqualTo(2);
    }

    @Test
    void overlongSummaryIsTruncatedBelowGitHubsLimit() {
        // when
        comments.upsert(REPO, PR, "credit", "x".repeat(70_000));

        // then
        String body = github.comments(PR).get(0).get("body").asText();
        assertThat(body.length()).isLessThanOrEqualTo(65_536);
        assertThat(body).endsWith("_(truncated: the full summary is in the job summary)_\n");
    }
}
