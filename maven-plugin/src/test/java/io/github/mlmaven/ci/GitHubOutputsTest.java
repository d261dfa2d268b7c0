package io.github.mlmaven.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubOutputsTest {

    @TempDir
    Path dir;

    @Test
    void singleLineValuesAreNameEqualsValueAndMultiLineValuesAHeredoc() throws Exception {
        // given an outputs file the runner created, with a line from an earlier step
        Path file = dir.resolve("github_output");
        Files.writeString(file, "earlier=1\n");
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("passed", "true");
        outputs.put("summary", "### a\n\n| x |\n");

        // when
        GitHubOutputs.appendOutputs(file, outputs);

        // then
        String text = Files.readString(file);
        assertThat(text).startsWith("earlier=1\npassed=true\nsummary<<ghadelimiter_");
        String delimiter = text.lines()
                .filter(l -> l.startsWith("summary<<"))
                .findFirst()
                .orElseThrow()
                .substring("summary<<".length());
        assertThat(text).endsWith("summary<<" + delimiter + "\n### a\n\n| x |\n" + delimiter + "\n");
    }

    @Test
    void aValueWithoutFinalLineBreakStillEndsBeforeTheDelimiter() {
        // when
        String formatted = GitHubOutputs.format("summary", "a\nb");

        // then
        String delimiter = formatted.substring("summary<<".length(), formatted.indexOf('\n'));
        assertThat(formatted).isEqualTo("summary<<" + delimiter + "\na\nb\n" + delimiter + "\n");
    }

    @Test
    void stepSummaryIsAppended() throws Exception {
        // given
        Path file = dir.resolve("step_summary");
        Files.writeString(file, "# Build\n");

        // when
        GitHubOutputs.appendStepSummary(file, "### Model");

        // then
        assertThat(Files.readString(file)).isEqualTo("# Build\n### Model\n");
    }

    @Test
    void unwritableFileNamesTheVariable() {
        // given a directory where a file is expected
        // when / then
        assertThatThrownBy(() -> GitHubOutputs.appendStepSummary(dir, "x"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("cannot append to GITHUB_STEP_SUMMARY=" + dir);
    }

    private GitHubEnvironment actions(Path output) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GITHUB_ACTIONS", "true");
        env.put("GITHUB_OUTPUT", output.toString());
        return GitHubEnvironment.from(env);
    }

    @Test
    void monitorOutputsSayWhetherAnyModelOfTheStepDegradedOrDrifted() throws Exception {
        // given the outputs file of a step that monitors two models
        Path file = dir.resolve("github_output");
        Files.writeString(file, "");
        RecordingLog log = new RecordingLog();

        // when the first degraded without drift, the second drifted without degrading
        GitHubOutputs.appendMonitorOutputs(actions(file), true, false, log);
        GitHubOutputs.appendMonitorOutputs(actions(file), false, true, log);

        // then the values the runner keeps (the last of each name) say both
        assertThat(Files.readString(file)).endsWith("degraded=true\ndrift=true\n");
        assertThat(log.text()).contains("Set the step outputs degraded=true and drift=false");

        // given a fresh step, when a model is well
        Path next = dir.resolve("next_output");
        GitHubOutputs.appendMonitorOutputs(actions(next), false, false, log);

        // then
        assertThat(Files.readString(next)).isEqualTo("degraded=false\ndrift=false\n");
    }

    @Test
    void monitorOutputsAreNotWrittenOffGitHubActionsAndWarnWithoutAnOutputsFile() {
        // given
        RecordingLog log = new RecordingLog();
        Path file = dir.resolve("never");

        // when
        GitHubOutputs.appendMonitorOutputs(
                GitHubEnvironment.from(Map.of("GITHUB_OUTPUT", file.toString())), true, true, log);
        GitHubOutputs.appendMonitorOutputs(GitHubEnvironment.from(Map.of("GITHUB_ACTIONS", "true")), true, true, log);

        // then
        assertThat(file).doesNotExist();
        assertThat(log.text())
                .isEqualTo("WARN GITHUB_OUTPUT is not set: the step outputs degraded and drift are not" + " written");
    }
}
