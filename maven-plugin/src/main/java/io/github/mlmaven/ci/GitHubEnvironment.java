package io.github.mlmaven.ci;

import io.github.mlmaven.common.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The variables a GitHub Actions runner sets for a step, as plain values: the Maven layer reads them from the process
 * environment, tests make them up. {@link #toString()} never shows the token.
 *
 * @param actions {@code GITHUB_ACTIONS=true}
 * @param stepSummary {@code GITHUB_STEP_SUMMARY}, the job summary file, or null
 * @param output {@code GITHUB_OUTPUT}, the step outputs file, or null
 * @param workspace {@code GITHUB_WORKSPACE}, the checkout, or null
 * @param eventName {@code GITHUB_EVENT_NAME}, e.g. {@code pull_request}, or null
 * @param eventPath {@code GITHUB_EVENT_PATH}, the event payload, or null
 * @param apiUrl {@code GITHUB_API_URL}, {@code https://api.github.com} when not set
 * @param serverUrl {@code GITHUB_SERVER_URL}, {@code https://github.com} when not set
 * @param repository {@code GITHUB_REPOSITORY}, {@code owner/name}, or null
 * @param runId {@code GITHUB_RUN_ID}, or null
 * @param token {@code GITHUB_TOKEN}, or null
 */
public record GitHubEnvironment(
        boolean actions,
        Path stepSummary,
        Path output,
        Path workspace,
        String eventName,
        Path eventPath,
        String apiUrl,
        String serverUrl,
        String repository,
        String runId,
        String token) {

    /** The variables the plugin reads, so the Maven layer passes exactly these. */
    public static final List<String> VARIABLES = List.of(
            "GITHUB_ACTIONS",
            "GITHUB_STEP_SUMMARY",
            "GITHUB_OUTPUT",
            "GITHUB_WORKSPACE",
            "GITHUB_EVENT_NAME",
            "GITHUB_EVENT_PATH",
            "GITHUB_API_URL",
            "GITHUB_SERVER_URL",
            "GITHUB_REPOSITORY",
            "GITHUB_RUN_ID",
            "GITHUB_TOKEN");

    public static final String DEFAULT_API_URL = "https://api.github.com";
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

    /** Reads the variables from a map such as {@code System.getenv()}; blank values count as not set. */
    public static GitHubEnvironment from(Map<String, String> env) {
        Map<String, String> e = env == null ? Map.of() : env;
        return new GitHubEnvironment(
                "true".equalsIgnoreCase(blankToNull(e.get("GITHUB_ACTIONS"))),
                path(e.get("GITHUB_STEP_SUMMARY")),
                path(e.get("GITHUB_OUTPUT")),
                path(e.get("GITHUB_WORKSPACE")),
                blankToNull(e.get("GITHUB_EVENT_NAME")),
                path(e.get("GITHUB_EVENT_PATH")),
                orDefault(e.get("GITHUB_API_URL"), DEFAULT_API_URL),
                orDefault(e.get("GITHUB_SERVER_URL"), "https://github.com"),
                blankToNull(e.get("GITHUB_REPOSITORY")),
                blankToNull(e.get("GITHUB_RUN_ID")),
                blankToNull(e.get("GITHUB_TOKEN")));
    }

    /** A pull_request or pull_request_target event: the ones that have a pull request to comment on. */
    public boolean pullRequestEvent() {
        return "pull_request".equals(eventName) || "pull_request_target".equals(eventName);
    }

    /** The API's base URI, checked: an http(s) URL. */
    public URI apiUri() {
        try {
            URI uri = new URI(apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new InvalidInputException(
                "GITHUB_API_URL=" + apiUrl + " is not an http(s) URL; unset it to use " + DEFAULT_API_URL);
    }

    /** {@code owner/name}, checked; the message says what to set when it is missing or malformed. */
    public String requireRepository() {
        if (repository == null) {
            throw new InvalidInputException(
                    "GITHUB_REPOSITORY is not set; it names the repository as owner/name (the runner sets it)");
        }
        if (!REPOSITORY.matcher(repository).matches()) {
            throw new InvalidInputException(
                    "GITHUB_REPOSITORY=" + repository + " is not of the form owner/name, e.g. octocat/Hello-World");
        }
        return repository;
    }

    /** The run id, checked: digits. */
    public String requireRunId() {
        if (runId == null || !runId.chars().allMatch(Character::isDigit)) {
            throw new InvalidInputException(
                    (runId == null ? "GITHUB_RUN_ID is not set" : "GITHUB_RUN_ID=" + runId + " is not a run id")
                            + "; it names the workflow run whose approvals are read (the runner sets it)");
        }
        return runId;
    }

    /** Where the run is shown on GitHub, or null when the variables are missing. */
    public String runUrl() {
        if (repository == null || runId == null) {
            return null;
        }
        String server = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
        return server + "/" + repository + "/actions/runs/" + runId;
    }

    @Override
    public String toString() {
        return "GitHubEnvironment[actions=" + actions + ", eventName=" + eventName + ", repository=" + repository
                + ", runId=" + runId + ", apiUrl=" + apiUrl + ", token=" + (token == null ? "not set" : "***") + "]";
    }

    private static Path path(String value) {
        String v = blankToNull(value);
        return v == null ? null : Path.of(v);
    }

    private static String orDefault(String value, String fallback) {
        String v = blankToNull(value);
        return v == null ? fallback : v;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
