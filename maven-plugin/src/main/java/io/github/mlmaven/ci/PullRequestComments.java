package io.github.mlmaven.ci;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.common.MlLog;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * One comment per model on a pull request, found again by a hidden marker at the start of its body and edited in
 * place on later runs, through GitHub's issue comments API (a pull request is an issue).
 */
public final class PullRequestComments {
    /** GitHub refuses bodies over 65,536 characters. */
    static final int MAX_BODY = 65_000;

    private static final String PERMISSION = "the token lacks permission to comment: give the workflow `permissions:"
            + " pull-requests: write` (issues: write for issue comments)";

    private final GitHubClient client;
    private final RetryPolicy retry;
    private final MlLog log;

    public PullRequestComments(GitHubClient client, RetryPolicy retry, MlLog log) {
        this.client = client;
        this.retry = retry;
        this.log = log;
    }

    /** What happened to the comment: created or updated, its id and where it is shown. */
    public record Result(boolean created, long id, String htmlUrl) {}

    /** The hidden marker that starts the comment of {@code modelName}. */
    public static String marker(String modelName) {
        return "<!-- ml-maven-plugin:model=" + modelName.replace("--", "- -") + " -->";
    }

    /**
     * Creates the model's comment on pull request {@code number}, or updates the one that starts with its marker.
     * Creating is not idempotent: when a create fails in a way that may have left a comment behind, the comments are
     * listed again before another try, so a retry never adds a second comment.
     */
    public Result upsert(String repository, int number, String modelName, String summary) {
        String marker = marker(modelName);
        String body = truncate(marker + "\n" + summary);
        for (int attempt = 1; ; attempt++) {
            Optional<JsonNode> existing = find(repository, number, marker);
            if (existing.isPresent()) {
                long id = existing.get().get("id").asLong();
                JsonNode updated = client.patch(
                                client.uri("/repos/" + repository + "/issues/comments/" + id),
                                Map.of("body", body),
                                new GitHubClient.Operation(
                                        "update comment " + id + " on pull request #" + number + " of " + repository,
                                        PERMISSION,
                                        "comment " + id + " on pull request #" + number + " of " + repository
                                                + " was not found (404); it may have been deleted while this step"
                                                + " ran: run the step again"))
                        .json();
                return new Result(false, id, text(updated, "html_url"));
            }
            try {
                JsonNode created = client.post(
                                client.uri("/repos/" + repository + "/issues/" + number + "/comments"),
                                Map.of("body", body),
                                operation(
                                        "comment on pull request #" + number + " of " + repository, repository, number))
                        .json();
                return new Result(true, created.get("id").asLong(), text(created, "html_url"));
            } catch (GitHubException e) {
                if (!e.mayHaveBeenApplied() || attempt >= retry.maxAttempts()) {
                    throw e;
                }
                var wait = retry.backoff(attempt);
                log.warn(e.getMessage() + "; looking for the comment again before retrying in " + wait.toMillis()
                        + " ms (attempt " + (attempt + 1) + " of " + retry.maxAttempts() + ")");
                try {
                    retry.sleeper().sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The first comment, oldest first, whose body starts with the marker; every page is read until one is found. */
    Optional<JsonNode> find(String repository, int number, String marker) {
        URI page = client.uri("/repos/" + repository + "/issues/" + number + "/comments?per_page=100");
        GitHubClient.Operation list =
                operation("list the comments of pull request #" + number + " of " + repository, repository, number);
        for (int pages = 0; page != null && pages < 1000; pages++) {
            GitHubClient.Response response = client.get(page, list);
            JsonNode comments = response.json();
            if (comments == null || !comments.isArray()) {
                throw new GitHubException(
                        "GitHub's API answered the list of comments of pull request #" + number + " with "
                                + (comments == null
                                        ? "nothing"
                                        : comments.getNodeType().toString().toLowerCase())
                                + ", not a JSON array; check GITHUB_API_URL",
                        response.status(),
                        false,
                        null);
            }
            for (JsonNode comment : comments) {
                String text = text(comment, "body");
                if (text != null && text.stripLeading().startsWith(marker) && comment.hasNonNull("id")) {
                    return Optional.of(comment);
                }
            }
            page = response.nextLink().map(client::sameOrigin).orElse(null);
        }
        return Optional.empty();
    }

    private static GitHubClient.Operation operation(String description, String repository, int number) {
        return new GitHubClient.Operation(
                description,
                PERMISSION,
                "pull request #" + number + " of " + repository + " was not found (404): check GITHUB_REPOSITORY and"
                        + " the event payload, and that the token can see the repository");
    }

    static String truncate(String body) {
        if (body.length() <= MAX_BODY) {
            return body;
        }
        String note = "\n\n_(truncated: the full summary is in the job summary)_\n";
        return body.substring(0, MAX_BODY - note.length()) + note;
    }

    private static String text(JsonNode node, String field) {
        return node != null && node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
