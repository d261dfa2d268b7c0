package io.github.mlmaven.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidInputException;
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
}
