package io.github.mlmaven.ci;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.runtime.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The pull request number of a {@code pull_request} or {@code pull_request_target} event payload. */
public final class PullRequestEvent {
    private PullRequestEvent() {}

    /** {@code .pull_request.number}, else {@code .number}, of the JSON file at {@code eventPath}. */
    public static int number(Path eventPath, String eventName) {
        if (eventPath == null) {
            throw new InvalidInputException("GITHUB_EVENT_PATH is not set, so the " + eventName + " event cannot be"
                    + " read to find the pull request to comment on; run on GitHub's runner, or set"
                    + " -Dml.ciReport.commentOnPr=false");
        }
        if (!Files.isRegularFile(eventPath)) {
            throw new InvalidInputException("GITHUB_EVENT_PATH=" + eventPath + " is not a file, so the " + eventName
                    + " event cannot be read; it must name the event payload (the runner sets it)");
        }
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(eventPath.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(
                    "GITHUB_EVENT_PATH=" + eventPath + " cannot be read as JSON ("
                            + GitHubClient.oneLine(e.getMessage(), 160) + "); it must name the event payload",
                    e);
        }
        JsonNode number = event == null ? null : event.path("pull_request").get("number");
        if (number == null || !number.canConvertToInt()) {
            number = event == null ? null : event.get("number");
        }
        if (number == null || !number.canConvertToInt() || number.asInt() <= 0) {
            throw new InvalidInputException("the " + eventName + " event in " + eventPath + " has no pull request"
                    + " number (.pull_request.number or .number); comment only on pull_request events, or set"
                    + " -Dml.ciReport.commentOnPr=false (the action's comment-on-pr: false)");
        }
        return number.asInt();
    }
}
