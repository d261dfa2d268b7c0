package io.github.mlmaven.ci;

import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
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

    /**
     * After ml:monitor on GitHub Actions: the step outputs {@code degraded} and {@code drift} ({@code true}/{@code
     * false}), which a workflow tests to start a retraining. Several models monitored in one step (a reactor) share
     * the file: an output already {@code true} there stays true, so the outputs say whether any model degraded or
     * drifted. Off GitHub Actions, or without {@code GITHUB_OUTPUT}, nothing is written.
     */
    public static void appendMonitorOutputs(GitHubEnvironment github, boolean degraded, boolean drift, MlLog log) {
        if (github == null || !github.actions()) {
            return;
        }
        if (github.output() == null) {
            log.warn("GITHUB_OUTPUT is not set: the step outputs degraded and drift are not written");
            return;
        }
        boolean anyDegraded = degraded || alreadyTrue(github.output(), "degraded");
        boolean anyDrift = drift || alreadyTrue(github.output(), "drift");
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("degraded", String.valueOf(anyDegraded));
        outputs.put("drift", String.valueOf(anyDrift));
        appendOutputs(github.output(), outputs);
        log.info("Set the step outputs degraded=" + anyDegraded + " and drift=" + anyDrift + " (GITHUB_OUTPUT)");
    }

    /** Whether the outputs file already sets {@code name=true} last (the runner keeps the last value of a name). */
    private static boolean alreadyTrue(Path file, String name) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        String last = null;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith(name + "=")) {
                    last = line.substring(name.length() + 1).strip();
                }
            }
        } catch (IOException e) {
            return false; // unreadable: this model's own figures decide
        }
        return "true".equals(last);
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
