package io.github.mlmaven.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.testing.Datasets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFilesTest {

    @TempDir
    Path basedir;

    @BeforeEach
    void projectWithDataFiles() {
        Datasets.writeCsv(basedir, "data/2024-02.csv", "x\n");
        Datasets.writeCsv(basedir, "data/2024-01.csv", "x\n");
        Datasets.writeCsv(basedir, "data/notes.txt", "x\n");
        Datasets.writeCsv(basedir, "data/archive/2023-12.csv", "x\n");
    }

    @Test
    void plainPathIsResolvedAgainstTheProjectDirectory() {
        // when
        List<Path> files = DataFiles.resolve(basedir, List.of("data/2024-01.csv"), "trainingData");

        // then
        assertThat(files).containsExactly(basedir.resolve("data/2024-01.csv"));
    }

    @Test
    void globMatchesAreSortedByPath() {
        // when
        List<Path> files = DataFiles.resolve(basedir, List.of("data/*.csv"), "trainingData");

        // then
        assertThat(files)
                .extracting(p -> basedir.relativize(p).toString().replace('\\', '/'))
                .containsExactly("data/2024-01.csv", "data/2024-02.csv");
    }

    @Test
    void globCanDescendIntoSubdirectories() {
        // when
        List<Path> files = DataFiles.resolve(basedir, List.of("data/*/*.csv"), "trainingData");

        // then
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("2023-12.csv");
    }

    @Test
    void doubleStarMatchesFilesAtAnyDepthBelowTheFolder() {
        // when
        List<Path> files = DataFiles.resolve(basedir, List.of("data/**.csv"), "trainingData");

        // then
        assertThat(files)
                .extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("2023-12.csv", "2024-01.csv", "2024-02.csv");
    }

    @Test
    void doubleStarSlashNeedsAFolderInBetweenAsJavaGlobsDo() {
        // when (docs/data.md: Java's glob syntax, unlike Maven's includes where **/ may match no folder)
        List<Path> files = DataFiles.resolve(basedir, List.of("data/**/*.csv"), "trainingData");

        // then
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("2023-12.csv");
    }

    @Test
    void plainPathMayLeaveTheProjectDirectory() {
        // given a module whose data lives beside it
        Path module = basedir.resolve("module");
        Datasets.writeCsv(basedir, "shared/2024-03.csv", "x\n");

        // when
        List<Path> files = DataFiles.resolve(module, List.of("../shared/2024-03.csv"), "trainingData");

        // then
        assertThat(files).containsExactly(basedir.resolve("shared/2024-03.csv"));
    }

    @Test
    void globMayLeaveTheProjectDirectory() throws java.io.IOException {
        // given a module whose data lives beside it
        Path module = java.nio.file.Files.createDirectories(basedir.resolve("module"));
        Datasets.writeCsv(basedir, "shared/2024-03.csv", "x\n");
        Datasets.writeCsv(basedir, "shared/2024-04.csv", "x\n");

        // when
        List<Path> files = DataFiles.resolve(module, List.of("../shared/*.csv"), "trainingData");

        // then
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("2024-03.csv", "2024-04.csv");
    }

    @Test
    void fileNamedTwiceIsKeptOnceAtItsFirstPlace() {
        // when
        List<Path> files = DataFiles.resolve(basedir, List.of("data/2024-02.csv", "data/*.csv"), "trainingData");

        // then
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("2024-02.csv", "2024-01.csv");
    }

    @Test
    void missingFileIsAnErrorNamingTheParameterAndTheFile() {
        // when / then
        assertThatThrownBy(() -> DataFiles.resolve(basedir, List.of("data/missing.csv"), "testData"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("<testData>")
                .hasMessageContaining("data/missing.csv")
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).parameter())
                        .isEqualTo("testData"));
    }

    @Test
    void globThatMatchesNothingIsAnError() {
        // when / then
        assertThatThrownBy(() -> DataFiles.resolve(basedir, List.of("data/*.arff"), "trainingData"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("data/*.arff")
                .hasMessageContaining("matches no file");
    }

    @Test
    void noEntriesIsAnError() {
        // when / then
        assertThatThrownBy(() -> DataFiles.resolve(basedir, List.of(), "trainingData"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("<trainingData>");
    }

    @Test
    void displayPathIsRelativeToTheProjectWithForwardSlashes() {
        // when
        String shown = DataFiles.displayPath(
                basedir, basedir.resolve("data").resolve("archive").resolve("x.csv"));

        // then
        assertThat(shown).isEqualTo("data/archive/x.csv");
    }

    @Test
    void displayPathOutsideTheProjectIsAbsolute() {
        // given
        Path outside = basedir.getParent().resolve("elsewhere.csv").toAbsolutePath();

        // when
        String shown = DataFiles.displayPath(basedir, outside);

        // then
        assertThat(shown).isEqualTo(outside.toString().replace('\\', '/'));
    }
}
