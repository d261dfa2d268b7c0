package io.github.mlmaven.ci;

import io.github.mlmaven.common.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;

/**
 * Appends to the files the runner reads after a step: {@code $GITHUB_OUTPUT} (step outputs) and
 * {@code $GITHUB_STEP_SUMMARY} (the job summary, Markdown). A value with a line break is written with the heredoc form
 * {@code name<<ghadelimiter_<random>} ... {@code ghadelimiter_<random>}, as actions/toolkit does.
 */
public final class GitHubOutputs {
    private GitHubOutputs() {}

    /** Appends {@code name=value} lines, in the map's order. */
    public static void appendOutputs(Path file, Map<String, String> outputs) {
        StringBuilder text = new StringBuilder();
        outputs.forEach((name, value) -> text.append(format(name, value)));
        append(file, text.toString(), "GITHUB_OUTPUT");
    }

    /** One output in the file's syntax, ending with a line break. */
    static String format(String name, String value) {
        String v = value == null ? "" : value;
        if (!v.contains("\n") && !v.contains("\r")) {
            return name + "=" + v + "\n";
        }
        String delimiter;
        do {
            delimiter = "ghadelimiter_" + UUID.randomUUID();
        } while (v.contains(delimiter));
        return name + "<<" + delimiter + "\n" + v + (v.endsWith("\n") ? "" : "\n") + delimiter + "\n";
    }

    /** Appends Markdown to the job summary. */
    public static void appendStepSummary(Path file, String markdown) {
        append(file, markdown.endsWith("\n") ? markdown : markdown + "\n", "GITHUB_STEP_SUMMARY");
    }

    private static void append(Path file, String text, String variable) {
        try {
            Files.writeString(
                    file,
                    text,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new InvalidInputException(
                    "cannot append to " + variable + "=" + file + " (" + e + "); it must name a writable file", e);
        }
    }
}
