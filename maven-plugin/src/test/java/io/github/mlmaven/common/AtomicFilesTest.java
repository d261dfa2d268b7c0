package io.github.mlmaven.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private Path target() {
        return dir.resolve("model-card.json");
    }

    private Stream<String> filesInDir() throws IOException {
        return Files.list(dir).map(p -> p.getFileName().toString());
    }

    @Test
    void writerThatFailsMidwayLeavesThePreviousContentIntactAndNoTemporaryFile() throws IOException {
        // given
        Files.writeString(target(), "previous good content");

        // when
        assertThatThrownBy(() -> AtomicFiles.write(target(), out -> {
                    out.write("half of the new con".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    throw new IOException("disk full");
                }))
                .isInstanceOf(IOException.class)
                .hasMessage("disk full");

        // then
        assertThat(Files.readString(target())).isEqualTo("previous good content");
        try (Stream<String> files = filesInDir()) {
            assertThat(files).containsExactly("model-card.json");
        }
    }

    @Test
    void writerThatThrowsAnUncheckedExceptionAlsoLeavesNoTrace() throws IOException {
        // given
        Files.writeString(target(), "previous good content");

        // when
        assertThatThrownBy(() -> AtomicFiles.write(target(), out -> {
                    out.write(1);
                    throw new IllegalStateException("serializer broke");
                }))
                .isInstanceOf(IllegalStateException.class);

        // then
        assertThat(Files.readString(target())).isEqualTo("previous good content");
        try (Stream<String> files = filesInDir()) {
            assertThat(files).containsExactly("model-card.json");
        }
    }

    @Test
    void failedFirstWriteCreatesNoTarget() throws IOException {
        // when
        assertThatThrownBy(() -> AtomicFiles.write(target(), out -> {
                    throw new IOException("broken");
                }))
                .isInstanceOf(IOException.class);

        // then
        try (Stream<String> files = filesInDir()) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void successfulWriteReplacesTheTargetAndLeavesNoTemporaryFile() throws IOException {
        // given
        Files.writeString(target(), "old");

        // when
        AtomicFiles.writeString(target(), "new ✓");

        // then
        assertThat(Files.readString(target())).isEqualTo("new ✓");
        try (Stream<String> files = filesInDir()) {
            assertThat(files).containsExactly("model-card.json");
        }
    }

    @Test
    void outputsAreReadableByOthersAsBuildArtifacts() throws IOException {
        // given a POSIX file system (on others there is nothing to check)
        org.junit.jupiter.api.Assumptions.assumeTrue(
                dir.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "the temporary folder is not on a POSIX file system: no permissions to check");

        // when
        AtomicFiles.writeString(target(), "{}");

        // then
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(target())))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void missingParentDirectoriesAreCreated() throws IOException {
        // given
        Path nested = dir.resolve("target/ml/credit/summary.md");

        // when
        AtomicFiles.writeString(nested, "# summary");

        // then
        assertThat(Files.readString(nested)).isEqualTo("# summary");
    }
}
