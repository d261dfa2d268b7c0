package io.github.mlmaven.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.runtime.Sha256;
import io.github.mlmaven.testing.Datasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDataSourceTest {
    private static final ReadOptions OPTIONS = new ReadOptions(null, Map.of());

    @TempDir
    Path basedir;

    private DataSource.Context context() {
        return DataSource.Context.of(basedir, basedir.resolve("target/ml/model"), MlLog.SILENT);
    }

    private DataSource open(String... entries) {
        return DataSources.open(context(), SourceSpec.files(List.of(entries)), "trainingData");
    }

    @Test
    void pathsAndGlobsAreOpenedAsFilesIdentifiedByTheirPathInTheProject() {
        // given
        Datasets.writeCsv(basedir, "data/b.csv", "x,class\n1,a\n");
        Datasets.writeCsv(basedir, "data/a.csv", "x,class\n2,b\n");
        Datasets.writeCsv(basedir, "extra.csv", "x,class\n3,a\n");

        // when
        DataSource source = open("data/*.csv", "extra.csv");

        // then
        assertThat(source).isInstanceOf(FileDataSource.class);
        assertThat(source.parameter()).isEqualTo("trainingData");
        assertThat(source.identities()).containsExactly("data/a.csv", "data/b.csv", "extra.csv");
        assertThat(source.schemaInHeader()).isFalse();
    }

    @Test
    void aNameThatNamesNoFileIsAConfigurationErrorOfItsParameter() {
        assertThatThrownBy(() -> open("data/*.csv"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("<trainingData> pattern 'data/*.csv' matches no file under ");
    }

    @Test
    void hashesAreKnownWithoutReadingOnlyAfterTheDataWasReadAndWhileItIsUnchanged() throws Exception {
        // given: a file written clearly before it is hashed (a fresh one is "racily clean" and not trusted)
        Path file = Datasets.writeCsv(basedir, "data/train.csv", "x,class\n1,a\n2,b\n");
        Files.setLastModifiedTime(
                file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        assertThat(open("data/train.csv").knownHashes()).isEmpty();

        // when
        Dataset read = open("data/train.csv").read(OPTIONS);

        // then: a source opened later (the next run) knows the hash, the same as the content's
        assertThat(open("data/train.csv").knownHashes()).contains(List.of(Sha256.ofFile(file)));
        assertThat(read.files().get(0).sha256()).isEqualTo(Sha256.ofFile(file));

        // when the file changes, its hash is no longer known
        Files.writeString(file, "x,class\n1,a\n2,b\n3,a\n");
        assertThat(open("data/train.csv").knownHashes()).isEmpty();
        assertThat(open("data/train.csv").hashes()).containsExactly(Sha256.ofFile(file));
    }

    @Test
    void streamedRowsArriveInFileOrderWithEachFilesFingerprint() {
        // given
        Datasets.writeCsv(basedir, "data/1.csv", "x,class\n1,a\n2,b\n");
        Datasets.writeCsv(basedir, "data/2.csv", "x,class\n3,a\n");
        DataSource source = open("data/*.csv");
        Schema schema = source.schema(OPTIONS);
        List<Double> xs = new ArrayList<>();

        // when
        List<DataFile> parts = source.stream(schema, "testData", (values, weight) -> xs.add(values[0]));

        // then
        assertThat(xs).containsExactly(1.0, 2.0, 3.0);
        assertThat(parts).extracting(DataFile::path).containsExactly("data/1.csv", "data/2.csv");
        assertThat(parts).extracting(DataFile::rows).containsExactly(2L, 1L);
    }

    @Test
    void theCardDescribesEachFileAndTheTotals() {
        // given
        Datasets.writeCsv(basedir, "data/1.csv", "x,class\n1,a\n2,b\n");
        Datasets.writeCsv(basedir, "data/2.csv", "x,class\n3,a\n");
        DataSource source = open("data/*.csv");
        Dataset dataset = source.read(OPTIONS);

        // when
        ModelCard.DataSection section = source.describe(dataset);

        // then
        assertThat(section.files())
                .extracting(ModelCard.FileEntry::path, ModelCard.FileEntry::rows, ModelCard.FileEntry::sizeBytes)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("data/1.csv", 2L, 16L),
                        org.assertj.core.groups.Tuple.tuple("data/2.csv", 1L, 12L));
        assertThat(section.totalRows()).isEqualTo(3);
        assertThat(section.totalBytes()).isEqualTo(28);
        assertThat(section.classDistribution()).containsExactly(Map.entry("a", 2L), Map.entry("b", 1L));
    }

    @Test
    void newRowsSinceARecordedFingerprintFollowTheFileRules() {
        // given: production was trained on same.csv, moved.csv (then at old/moved.csv), grown.csv and edited.csv
        DataSource source = anySource();
        List<ModelCard.FileEntry> recorded = List.of(
                new ModelCard.FileEntry("same.csv", "s1", 10, 100),
                new ModelCard.FileEntry("old/moved.csv", "m1", 5, 50),
                new ModelCard.FileEntry("grown.csv", "g1", 10, 100),
                new ModelCard.FileEntry("edited.csv", "e1", 10, 100));
        List<DataFile> now = List.of(
                part("same.csv", "s1", 10),
                part("moved.csv", "m1", 5),
                part("grown.csv", "g2", 14),
                part("edited.csv", "e2", 10),
                part("fresh.csv", "f1", 7));

        // when
        List<DataSource.NewRows> changes =
                source.newRowsSince(now, new ModelCard.DataSection(recorded, 42, 350, Map.of()));

        // then
        assertThat(changes)
                .containsExactly(
                        new DataSource.NewRows("unchanged", 0),
                        new DataSource.NewRows("unchanged", 0),
                        new DataSource.NewRows("grown", 4),
                        new DataSource.NewRows("changed", 0),
                        new DataSource.NewRows("new", 7));
    }

    private DataSource anySource() {
        Datasets.writeCsv(basedir, "any.csv", "x,class\n1,a\n");
        return open("any.csv");
    }

    private static DataFile part(String path, String sha256, long rows) {
        return new DataFile(path, Path.of(path), sha256, rows, rows * 10);
    }
}
