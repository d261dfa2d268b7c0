package io.github.mlmaven.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.mlmaven.common.MlLog;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GitHubApprovalsTest {
    private static final String RUN = "30433642";

    private FakeGitHub github;
    private GitHubClient client;

    @BeforeEach
    void start() {
        github = FakeGitHub.start();
        client = new GitHubClient(
                URI.create(github.apiUrl()),
                FakeGitHub.TOKEN,
                "ml-maven-plugin/test",
                new RetryPolicy(2, Duration.ofMillis(1), Duration.ofSeconds(1), d -> {}),
                MlLog.SILENT);
    }

    @AfterEach
    void stop() {
        client.close();
        github.close();
    }

    @Test
    void approvedReviewersAreSortedAndTheirCommentsKept() {
        // given
        github.review(RUN, "approved", "carol", "Ship it!", "production")
                .review(RUN, "rejected", "mallory", "no", "production")
                .review(RUN, "approved", "alice", "recall is better", "production")
                .review(RUN, "approved", "carol", "", "staging");

        // when
        GitHubApprovals.Approvals approvals = GitHubApprovals.read(client, FakeGitHub.REPOSITORY, RUN);

        // then
        assertThat(approvals.approver()).isEqualTo("alice,carol");
        assertThat(approvals.reason()).isEqualTo("Ship it!; recall is better");
        assertThat(approvals.environments()).containsExactly("production", "staging");
        assertThat(github.requests())
                .singleElement()
                .extracting(FakeGitHub.Request::pathAndQuery)
                .isEqualTo("/repos/octocat/Hello-World/actions/runs/" + RUN + "/approvals");
    }

    @Test
    void runWithoutReviewsHasNoApprover() {
        // given
        github.run(RUN);

        // when
        GitHubApprovals.Approvals approvals = GitHubApprovals.read(client, FakeGitHub.REPOSITORY, RUN);

        // then
        assertThat(approvals.any()).isFalse();
        assertThat(approvals.reason()).isNull();
    }

    @Test
    void forbiddenSaysWhichPermissionReadsApprovals() {
        // given
        github.run(RUN).failNext(FakeGitHub.forbidden("GET"));

        // when
        GitHubException e = catchThrowableOfType(
                GitHubException.class, () -> GitHubApprovals.read(client, FakeGitHub.REPOSITORY, RUN));

        // then
        assertThat(e.getMessage())
                .startsWith("the token cannot read the approvals of run " + RUN + " (403): give the job `permissions:"
                        + " actions: read`");
    }

    @Test
    void unknownRunIsNamed() {
        // when
        GitHubException e = catchThrowableOfType(
                GitHubException.class, () -> GitHubApprovals.read(client, FakeGitHub.REPOSITORY, "1"));

        // then
        assertThat(e.getMessage()).startsWith("run 1 of octocat/Hello-World was not found (404)");
    }
}
