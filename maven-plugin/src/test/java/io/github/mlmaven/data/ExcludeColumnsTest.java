package io.github.mlmaven.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.testing.RecordingLog;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.core.Attribute;
import weka.core.Instances;
import weka.core.converters.ArffSaver;

/**
 * {@code <exclude>}: the columns it names are dropped as CSV and ARFF files are read, in memory, against a known schema
 * and streamed; the rows read equal those of the same file without those columns.
 */
class ExcludeColumnsTest {
    private static final Set<String> DROPPED = Set.of("id", "channel");

    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    /** credit-g's training rows; with {@code extra}, an id first and a nominal channel in the middle as well. */
    private static Instances creditG(boolean extra) {
        Instances rows = Datasets.loadWithWeka(Datasets.creditGTrainArff());
        if (!extra) {
            return rows;
        }
        rows.setClassIndex(-1);
        rows.insertAttributeAt(new Attribute("id"), 0);
        rows.insertAttributeAt(new Attribute("channel", List.of("web", "shop", "phone")), 6);
        for (int i = 0; i < rows.numInstances(); i++) {
            rows.instance(i).setValue(0, 1000 + i);
            if (i % 7 == 3) {
                rows.instance(i).setMissing(6);
            } else {
                rows.instance(i).setValue(6, i % 3);
            }
        }
        rows.setClassIndex(rows.numAttributes() - 1);
        return rows;
    }

    private Path arff(Instances rows, String relativePath) {
        try {
            Path file = dir.resolve(relativePath);
            Files.createDirectories(file.getParent());
            ArffSaver saver = new ArffSaver();
            saver.setInstances(rows);
            saver.setFile(file.toFile());
            saver.writeBatch();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DatasetReader reader() {
        return new DatasetReader(dir, log);
    }

    private static ReadOptions dropping(Set<String> columns) {
        return new ReadOptions(null, Map.of(), Map.of(), columns);
    }

    private static void assertSameRows(Instances actual, Instances expected) {
        assertThat(actual.equalHeadersMsg(expected)).isNull();
        assertThat(actual.classIndex()).isEqualTo(expected.classIndex());
        assertThat(actual.numInstances()).isEqualTo(expected.numInstances());
        for (int i = 0; i < expected.numInstances(); i++) {
            assertThat(actual.instance(i).toDoubleArray())
                    .as("row %d", i)
                    .isEqualTo(expected.instance(i).toDoubleArray());
        }
    }

    @Test
    void csvTrainingDataWithoutTheExcludedColumnsEqualsTheFileWithoutThem() throws IOException {
        // given
        Path with = Datasets.saveAsCsv(creditG(true), dir.resolve("with/train.csv"));
        Path without = Datasets.saveAsCsv(creditG(false), dir.resolve("without/train.csv"));

        // when
        Dataset read = reader().readTraining(List.of(with), dropping(DROPPED), "trainingData");

        // then
        Dataset expected = reader().readTraining(List.of(without), dropping(Set.of()), "trainingData");
        assertThat(read.schema()).isEqualTo(expected.schema());
        assertThat(read.schema().indexOf("id")).isEqualTo(-1);
        assertSameRows(read.instances(), expected.instances());
        assertThat(read.files().get(0).sha256())
                .as("the fingerprint is the whole file's")
                .isEqualTo(io.github.mlmaven.runtime.Sha256.ofFile(with));
    }

    @Test
    void arffTrainingDataWithoutTheExcludedAttributesEqualsTheFileWithoutThem() {
        // given
        Path with = arff(creditG(true), "with/train.arff");
        Path without = arff(creditG(false), "without/train.arff");

        // when
        Dataset read = reader().readTraining(List.of(with), dropping(DROPPED), "trainingData");

        // then
        Dataset expected = reader().readTraining(List.of(without), dropping(Set.of()), "trainingData");
        assertThat(read.schema()).isEqualTo(expected.schema());
        assertSameRows(read.instances(), expected.instances());
    }

    @Test
    void arffRowsReadInParallelBlocksAndByWekaDropTheSameAttributes() {
        // given: a weighted row, which Weka reads, among plain rows parsed in parallel blocks
        Instances rows = creditG(true);
        Path with = arff(rows, "with/train.arff");
        String text = readString(with).replaceFirst("\n1001,(.*)\n", "\n1001,$1,{2}\n");
        writeString(with, text);
        Path without = arff(creditG(false), "without/train.arff");
        DatasetReader parallel = new DatasetReader(
                dir,
                MlLog.SILENT,
                ReadTuning.DEFAULTS.withParallelMinBytes(0).withBlockBytes(4096).withParallelThreads(2));

        // when
        Dataset read = parallel.readTraining(List.of(with), dropping(DROPPED), "trainingData");

        // then
        Dataset expected = reader().readTraining(List.of(without), dropping(Set.of()), "trainingData");
        assertThat(read.instances().numInstances())
                .isEqualTo(expected.instances().numInstances());
        assertThat(read.instances().instance(1).weight()).isEqualTo(2.0);
        for (int i = 0; i < expected.instances().numInstances(); i++) {
            assertThat(read.instances().instance(i).toDoubleArray())
                    .as("row %d", i)
                    .isEqualTo(expected.instances().instance(i).toDoubleArray());
        }
    }

    @Test
    void aDroppedStringAttributeIsParsedButNotKept() {
        // given
        Path file = Datasets.writeCsv(dir, "notes.arff", """
                @relation notes
                @attribute note string
                @attribute x numeric
                @attribute class {a,b}
                @data
                'first note',1,a
                'second, with a comma',2,b
                """);

        // when
        Dataset read = reader().readTraining(List.of(file), dropping(Set.of("note")), "trainingData");

        // then
        assertThat(read.schema().attributeNames()).isEqualTo("x, class");
        assertThat(read.instances().instance(1).toDoubleArray()).containsExactly(2.0, 1.0);
    }

    @Test
    void testDataIsReadAgainstTheTrainingSchemaSkippingTheExcludedColumns() {
        // given schemas trained without the columns, and test files (CSV, ARFF) that have them
        Dataset csvTraining = reader().readTraining(
                        List.of(Datasets.saveAsCsv(creditG(false), dir.resolve("plain/train.csv"))),
                        dropping(Set.of()),
                        "trainingData");
        Dataset arffTraining = reader().readTraining(
                        List.of(arff(creditG(false), "plain/train.arff")), dropping(Set.of()), "trainingData");
        Path csv = Datasets.saveAsCsv(creditG(true), dir.resolve("test/test.csv"));
        Path arff = arff(creditG(true), "test/test.arff");

        // when
        Dataset fromCsv = reader().readWithSchema(List.of(csv), csvTraining.schema(), "testData", DROPPED);
        Dataset fromArff = reader().readWithSchema(List.of(arff), arffTraining.schema(), "testData", DROPPED);

        // then
        assertSameRows(fromCsv.instances(), csvTraining.instances());
        assertSameRows(fromArff.instances(), arffTraining.instances());
    }

    @Test
    void withoutExcludeAColumnTheTrainingDataLacksIsStillRefused() {
        // given
        Schema schema = reader().readTraining(
                        List.of(Datasets.saveAsCsv(creditG(false), dir.resolve("plain/train.csv"))),
                        dropping(Set.of()),
                        "trainingData")
                .schema();
        Path csv = Datasets.saveAsCsv(creditG(true), dir.resolve("test/test.csv"));

        // when / then
        assertThatThrownBy(() -> reader().readWithSchema(List.of(csv), schema, "testData", Set.of("channel")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("column 'id' is not in the training data");
    }

    @Test
    void streamedRowsLackTheExcludedColumns() {
        // given
        Path with = Datasets.saveAsCsv(creditG(true), dir.resolve("with/train.csv"));
        Schema schema = reader().trainingSchema(List.of(with), dropping(DROPPED), "trainingData");
        List<double[]> rows = new ArrayList<>();

        // when
        List<DataFile> read = reader().stream(List.of(with), schema, "trainingData", DROPPED, (v, w) -> rows.add(v));

        // then
        Instances expected = reader().readTraining(
                        List.of(Datasets.saveAsCsv(creditG(false), dir.resolve("without/train.csv"))),
                        dropping(Set.of()),
                        "trainingData")
                .instances();
        assertThat(schema.attributes()).hasSize(expected.numAttributes());
        assertThat(read.get(0).rows()).isEqualTo(expected.numInstances());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i))
                    .as("row %d", i)
                    .isEqualTo(expected.instance(i).toDoubleArray());
        }
    }

    @Test
    void aFileSourceDropsTheColumnsItsContextExcludes() {
        // given
        Datasets.saveAsCsv(creditG(true), dir.resolve("data/train.csv"));
        DataSource.Context context = DataSource.Context.of(dir, dir.resolve("target/ml/m"), MlLog.SILENT)
                .withExclude(List.of("id", "channel"));
        DataSource source = DataSources.open(context, SourceSpec.files(List.of("data/train.csv")), "trainingData");

        // when
        Dataset read = source.read(new ReadOptions(null, Map.of()));
        List<DataFile> streamed = source.stream(read.schema(), "trainingData", (v, w) -> {
            assertThat(v).hasSize(read.schema().attributes().size());
        });

        // then
        assertThat(read.schema().indexOf("id")).isEqualTo(-1);
        assertThat(read.schema().indexOf("channel")).isEqualTo(-1);
        assertThat(streamed.get(0).rows()).isEqualTo(read.rows());
    }

    @Test
    void aNameThatIsNoColumnIsAConfigurationErrorNamingTheColumns() {
        // given
        Path csv = Datasets.writeCsv(dir, "data/train.csv", "id,x,class\n1,2,a\n2,3,b\n");
        Path arff = Datasets.writeCsv(
                dir, "data/train.arff", "@relation r\n@attribute x numeric\n" + "@attribute class {a,b}\n@data\n1,a\n");

        // when / then: the names as configured, in their order
        assertThatThrownBy(() -> reader().readTraining(
                                List.of(csv), dropping(new LinkedHashSet<>(List.of("ID", "created"))), "trainingData"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("<exclude> names columns 'ID', 'created' that data/train.csv does not have; its columns"
                        + " are: id, x, class")
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).parameter())
                        .isEqualTo("exclude"));
        assertThatThrownBy(() -> reader().trainingSchema(List.of(arff), dropping(Set.of("id")), "trainingData"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("<exclude> names column 'id' that data/train.arff does not have; its columns are: x,"
                        + " class");
    }

    @Test
    void theConfigurationRefusesToDropTheClassOrATypedColumn() {
        assertThatThrownBy(() -> ReadOptions.fromConfiguration("label", null, null, List.of("id", "label")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'label', which is the <classAttribute>");
        assertThatThrownBy(() -> ReadOptions.fromConfiguration(null, Map.of("zip", "nominal"), null, List.of("zip")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'zip', which <attributeTypes> gives a type");
        assertThat(ReadOptions.fromConfiguration(null, null, null, List.of(" id ", "", "created_at"))
                        .exclude())
                .containsExactly("id", "created_at");
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
