package io.github.mlmaven.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.mlmaven.testing.RecordingLog;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Headers, retries and messages of the client, against the fake GitHub. */
class GitHubClientTest {
    private static final int PR = 1347;

    private FakeGitHub github;
    private final List<Duration> sleeps = new ArrayList<>();
    private final RecordingLog log = new RecordingLog();
    private GitHubClient client;

    @BeforeEach
    void start() {
        github = FakeGitHub.start().pullRequest(PR);
        client = client(FakeGitHub.TOKEN);
    }

    @AfterEach
    void stop() {
        client.close();
        github.close();
    }

    private GitHubClient client(String token) {
        RetryPolicy retry = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(60), sleeps::add);
        return new GitHubClient(URI.create(github.apiUrl()), token, "ml-maven-plugin/test", retry, log);
    }

    private GitHubClient.Response list() {
        return client.get(
                client.uri("/repos/" + FakeGitHub.REPOSITORY + "/issues/" + PR + "/comments?per_page=100"),
                new GitHubClient.Operation("list comments", "no permission", "not found"));
    }

    @Test
    void sendsTheHeadersGitHubAsksFor() {
        // when
        list();

        // then
        FakeGitHub.Request request = github.requests().get(0);
        assertThat(request.headers())
                .containsEntry("authorization", "Bearer " + FakeGitHub.TOKEN)
                .containsEntry("accept", "application/vnd.github+json")
                .containsEntry("x-github-api-version", "2022-11-28")
                .containsEntry("user-agent", "ml-maven-plugin/test");
    }

    @Test
    void serverErrorIsRetriedWithBackoff() {
        // given
        github.failNext(FakeGitHub.serverError("GET")).failNext(FakeGitHub.serverError("GET"));

        // when
        GitHubClient.Response response = list();

        // then
        assertThat(response.status()).isEqualTo(200);
        assertThat(github.count("GET")).isEqualTo(3);
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(log.text())
                .contains("GitHub's API answered 500 to list comments; retrying in 100 ms (attempt 2 of 4)");
    }

    @Test
    void tooManyRequestsWaitsAsLongAsRetryAfterSays() {
        // given
        github.failNext(FakeGitHub.tooManyRequests("GET", 7));

        // when
        GitHubClient.Response response = list();

        // then
        assertThat(response.status()).isEqualTo(200);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterIsCappedAtAMinute() {
        // given
        github.failNext(FakeGitHub.tooManyRequests("GET", 3600));

        // when
        list();

        // then
        assertThat(sleeps).containsExactly(Duration.ofSeconds(60));
    }

    @Test
    void exhaustedRateLimitWaitsUntilTheResetCapped() {
        // given the primary rate limit, reset in 30 s
        github.failNext(FakeGitHub.rateLimited("GET", Instant.now().getEpochSecond() + 30));

        // when
        GitHubClient.Response response = list();

        // then
        assertThat(response.status()).isEqualTo(200);
        assertThat(sleeps).hasSize(1);
        assertThat(sleeps.get(0)).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(32));
    }

    @Test
    void rateLimitThatOutlastsTheRetriesSaysWhenItResets() {
        // given
        long reset = Instant.now().getEpochSecond() + 3000;
        for (int i = 0; i < 4; i++) {
            github.failNext(FakeGitHub.rateLimited("GET", reset));
        }

        // when
        GitHubException e = catchThrowableOfType(GitHubException.class, this::list);

        // then
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.getMessage())
                .isEqualTo("could not list comments: GitHub's API rate limit is exhausted (403) until "
                        + Instant.ofEpochSecond(reset) + "; run the job again later");
        assertThat(sleeps).hasSize(3).allMatch(d -> d.equals(Duration.ofSeconds(60)));
    }

    @Test
    void closedConnectionIsRetried() {
        // given
        github.failNext(FakeGitHub.closedConnection("GET"));

        // when
        GitHubClient.Response response = list();

        // then
        assertThat(response.status()).isEqualTo(200);
        assertThat(github.count("GET")).isEqualTo(2);
        assertThat(log.text()).contains("No answer from GitHub's API to list comments");
    }

    @Test
    void persistentServerErrorsGiveUpAfterTheLastAttempt() {
        // given
        for (int i = 0; i < 4; i++) {
            github.failNext(FakeGitHub.serverError("GET"));
        }

        // when
        GitHubException e = catchThrowableOfType(GitHubException.class, this::list);

        // then
        assertThat(github.count("GET")).isEqualTo(4);
        assertThat(e.getMessage())
                .startsWith("could not list comments: GitHub's API answered 500 Server Error 4 times");
    }

    @Test
    void refusedTokenSaysWhereToSetIt() {
        // given
        client.close();
        client = client("ghp_wrong0000000000000000000000000000");

        // when
        GitHubException e = catchThrowableOfType(GitHubException.class, this::list);

        // then one line, no retry, and never the token
        assertThat(e.getMessage())
                .isEqualTo("the GitHub token was refused (401): set the action's github-token input or GITHUB_TOKEN");
        assertThat(github.count("GET")).isEqualTo(1);
        assertThat(log.text() + e.getMessage()).doesNotContain("ghp_wrong");
    }

    @Test
    void forbiddenIsTheOperationsPermissionHintWithGitHubsReason() {
        // given
        github.failNext(FakeGitHub.forbidden("GET"));

        // when
        GitHubException e = catchThrowableOfType(GitHubException.class, this::list);

        // then
        assertThat(e.getMessage()).isEqualTo("no permission (GitHub: Resource not accessible by integration)");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void notFoundIsTheOperationsNotFoundMessage() {
        // when
        GitHubException e = catchThrowableOfType(
                GitHubException.class,
                () -> client.get(
                        client.uri("/repos/octocat/Unknown/issues/1/comments"),
                        new GitHubClient.Operation("list", "forbidden", "octocat/Unknown was not found")));

        // then
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.getMessage()).isEqualTo("octocat/Unknown was not found");
    }

    @Test
    void postIsNotRepeatedBlindlyAfterAServerError() {
        // given
        github.failNext(FakeGitHub.serverError("POST"));

        // when
        GitHubException e = catchThrowableOfType(
                GitHubException.class,
                () -> client.post(
                        client.uri("/repos/" + FakeGitHub.REPOSITORY + "/issues/" + PR + "/comments"),
                        Map.of("body", "x"),
                        new GitHubClient.Operation("comment", "forbidden", "not found")));

        // then the caller is told to look before trying again
        assertThat(e.mayHaveBeenApplied()).isTrue();
        assertThat(github.count("POST")).isEqualTo(1);
    }

    @Test
    void postIsRetriedAfterARateLimitWhichGitHubDidNotApply() {
        // given
        github.failNext(FakeGitHub.tooManyRequests("POST", 1));

        // when
        GitHubClient.Response response = client.post(
                client.uri("/repos/" + FakeGitHub.REPOSITORY + "/issues/" + PR + "/comments"),
                Map.of("body", "x"),
                new GitHubClient.Operation("comment", "forbidden", "not found"));

        // then
        assertThat(response.status()).isEqualTo(201);
        assertThat(github.comments(PR)).hasSize(1);
    }

    @Test
    void nextPageOnAnotherHostIsRefused() {
        // when
        var e = catchThrowableOfType(
                io.github.mlmaven.common.InvalidInputException.class,
                () -> client.sameOrigin("https://evil.example.org/repos/x/y/issues/1/comments?page=2"));

        // then
        assertThat(e.getMessage()).contains("not sending the token there");
    }

    @Test
    void unreachableApiSaysWhichUrlAndWhatToCheck() {
        // given a port nothing listens on
        github.close();

        // when
        GitHubException e = catchThrowableOfType(GitHubException.class, this::list);

        // then
        assertThat(e.getMessage())
                .startsWith("could not list comments: GitHub's API at " + github.apiUrl() + " did not answer after 4"
                        + " attempts")
                .endsWith("check GITHUB_API_URL and the runner's network");
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
    }
}
