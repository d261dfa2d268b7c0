package io.github.mlmaven.ci;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Who approved a workflow run's deployments to protected environments, from GitHub's review history of the run
 * ({@code GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals}). A job bound to an environment with required
 * reviewers starts only once they approved, so within that job the run's approvals name them.
 */
public final class GitHubApprovals {
    private GitHubApprovals() {}

    /**
     * The run's approvals.
     *
     * @param approvers the logins of the users who approved, sorted, without repeats
     * @param comments their comments, non-blank ones, in the order GitHub lists them
     * @param environments the environments they approved, sorted
     */
    public record Approvals(List<String> approvers, List<String> comments, List<String> environments) {

        public boolean any() {
            return !approvers.isEmpty();
        }

        /** {@code alice,bob}. */
        public String approver() {
            return String.join(",", approvers);
        }

        /** The comments joined by {@code "; "}, or null when there are none. */
        public String reason() {
            return comments.isEmpty() ? null : String.join("; ", comments);
        }
    }

    /** Reads the approvals of run {@code runId} of {@code repository} ({@code owner/name}). */
    public static Approvals read(GitHubClient client, String repository, String runId) {
        GitHubClient.Response response = client.get(
                client.uri("/repos/" + repository + "/actions/runs/" + runId + "/approvals"),
                new GitHubClient.Operation(
                        "read the approvals of run " + runId + " of " + repository,
                        "the token cannot read the approvals of run " + runId + " (403): give the job `permissions:"
                                + " actions: read`, or pass -Dml.promote.approver=<who approved it>",
                        "run " + runId + " of " + repository + " was not found (404): check GITHUB_REPOSITORY and"
                                + " GITHUB_RUN_ID, and that the token can see the repository"));
        JsonNode reviews = response.json();
        if (reviews == null || !reviews.isArray()) {
            throw new GitHubException(
                    "GitHub's API answered the approvals of run " + runId + " with something other than a JSON array;"
                            + " check GITHUB_API_URL",
                    response.status(),
                    false,
                    null);
        }
        TreeSet<String> approvers = new TreeSet<>();
        List<String> comments = new ArrayList<>();
        TreeSet<String> environments = new TreeSet<>();
        for (JsonNode review : reviews) {
            if (!"approved".equals(review.path("state").asText())) {
                continue;
            }
            String login = review.path("user").path("login").asText("");
            if (login.isBlank()) {
                continue;
            }
            approvers.add(login);
            String comment = review.path("comment").asText("").strip();
            if (!comment.isEmpty() && !comments.contains(comment)) {
                comments.add(comment.replaceAll("\\s+", " "));
            }
            for (JsonNode environment : review.path("environments")) {
                String name = environment.path("name").asText("");
                if (!name.isBlank()) {
                    environments.add(name);
                }
            }
        }
        return new Approvals(List.copyOf(approvers), List.copyOf(comments), List.copyOf(environments));
    }
}
