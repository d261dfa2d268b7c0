package io.github.mlmaven.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.runtime.Sha256;
import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.testing.RecordingLog;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.bayes.NaiveBayes;
import weka.core.Instance;
import weka.core.Instances;

/** .parquet files read as training and test data, written by parquet-java's writer in the test. */
class ParquetReaderTest {
    private static final ReadOptions DEFAULTS = new ReadOptions(null, Map.of());

    /** Every column type the reader maps, each with a null. */
    private static final String TYPES = """
            message types {
              optional int32 count;
              optional int64 total;
              optional float share;
              optional double ratio;
              optional int64 price (DECIMAL(10,2));
              optional boolean member;
              optional binary city (STRING);
              optional int32 opened (DATE);
              optional int64 seen (TIMESTAMP(MILLIS,true));
              optional binary class (STRING);
            }
            """;

    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    private DatasetReader reader() {
        return new DatasetReader(dir, log);
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    private Path typesFile(String name, CompressionCodecName codec) {
        List<List<Object>> rows = List.of(
                row(1, 10L, 0.5f, 0.25, 12345L, true, "Zürich", 19_727, 1_704_457_815_250L, "yes"),
                row(2, 20L, 1.5f, 0.5, -250L, false, "São Paulo", 0, 0L, "no"),
                row(null, null, null, null, null, null, null, null, null, "yes"),
                row(4, 40L, 2.5f, 1.0, 100L, true, "東京", -1, -1L, "no"),
                row(5, 50L, 3.5f, 2.0, 1L, false, "Zürich", 365, 86_400_000L, "yes"),
                row(6, 60L, 1.1f, 1e-3, 99L, true, "São Paulo", 1, 1L, null),
                row(7, 9_007_199_254_740_993L, 0.1f, 7.0, 0L, null, "東京", 2, 2L, "no"));
        return ParquetTestFiles.write(dir.resolve(name), TYPES, rows, codec, 3);
    }

    private static double value(Dataset data, int row, String column) {
        Instance instance = data.instances().instance(row);
        return instance.value(data.instances().attribute(column));
    }

    private static String label(Dataset data, int row, String column) {
        Instance instance = data.instances().instance(row);
        return instance.stringValue(data.instances().attribute(column));
    }

    private static boolean missing(Dataset data, int row, String column) {
        return data.instances().instance(row).isMissing(data.instances().attribute(column));
    }

    private static AttributeSpec spec(Dataset data, String column) {
        return data.schema().attributes().get(data.schema().indexOf(column));
    }

    // ------------------------------------------------------------------ types

    @Test
    void everyColumnTypeIsReadAcrossRowGroupsWithNullsAsMissingValues() {
        // given: seven rows in row groups of three
        Path file = typesFile("types.parquet", CompressionCodecName.SNAPPY);

        // when
        Dataset data = reader().readTraining(List.of(file), DEFAULTS, "trainingData");

        // then
        assertThat(data.rows()).isEqualTo(7);
        assertThat(data.schema().attributes())
                .extracting(AttributeSpec::type)
                .containsExactly(
                        AttributeType.NUMERIC,
                        AttributeType.NUMERIC,
                        AttributeType.NUMERIC,
                        AttributeType.NUMERIC,
                        AttributeType.NUMERIC,
                        AttributeType.NOMINAL,
                        AttributeType.NOMINAL,
                        AttributeType.DATE,
                        AttributeType.DATE,
                        AttributeType.NOMINAL);
        assertThat(value(data, 0, "count")).isEqualTo(1);
        // an INT64 beyond 2^53 is the double nearest to it, as the same digits in a CSV file are
        assertThat(value(data, 6, "total")).isEqualTo(Double.parseDouble("9007199254740993"));
        // a FLOAT as it prints (1.1), not as the double nearest the float (1.100000023841858)
        assertThat(value(data, 5, "share")).isEqualTo(1.1);
        assertThat(value(data, 5, "ratio")).isEqualTo(1e-3);
        assertThat(value(data, 0, "price")).isEqualTo(123.45);
        assertThat(value(data, 1, "price")).isEqualTo(-2.5);
        // booleans are the nominal attribute a CSV column of true and false is
        assertThat(spec(data, "member").values()).containsExactly("true", "false");
        assertThat(spec(data, "city").values()).containsExactly("Zürich", "São Paulo", "東京");
        assertThat(label(data, 3, "city")).isEqualTo("東京");
        // dates and timestamps: date attributes, whose values are milliseconds since 1970-01-01T00:00Z
        assertThat(spec(data, "opened").format()).isEqualTo("yyyy-MM-dd");
        assertThat(spec(data, "seen").format()).isEqualTo("yyyy-MM-dd'T'HH:mm:ss.SSS");
        assertThat(value(data, 0, "opened")).isEqualTo(1_704_412_800_000.0);
        assertThat(value(data, 3, "opened")).isEqualTo(-86_400_000.0);
        assertThat(value(data, 0, "seen")).isEqualTo(1_704_457_815_250.0);
        assertThat(value(data, 3, "seen")).isEqualTo(-1.0);
        assertThat(label(data, 3, "seen")).isEqualTo("1969-12-31T23:59:59.999");
        for (String column : List.of("count", "total", "share", "ratio", "price", "member", "city", "opened", "seen")) {
            assertThat(missing(data, 2, column)).as(column).isTrue();
            assertThat(missing(data, 1, column)).as(column).isFalse();
        }
        assertThat(missing(data, 5, "class")).isTrue();
        assertThat(data.classDistribution()).containsExactly(Map.entry("yes", 3L), Map.entry("no", 3L));
    }

    @Test
    void thePartIsTheFileFingerprintedByTheSha256OfItsBytes() throws IOException {
        // given
        Path file = typesFile("types.parquet", CompressionCodecName.UNCOMPRESSED);

        // when
        Dataset data = reader().readTraining(List.of(file), DEFAULTS, "trainingData");

        // then
        DataFile part = data.files().get(0);
        assertThat(part.path()).isEqualTo("types.parquet");
        assertThat(part.sha256()).isEqualTo(Sha256.ofFile(file));
        assertThat(part.rows()).isEqualTo(7);
        assertThat(part.sizeBytes()).isEqualTo(Files.size(file));
    }

    @Test
    void everyCodecTheReaderTakesGivesTheSameRows() {
        // given
        String snappy = read(typesFile("snappy.parquet", CompressionCodecName.SNAPPY));

        // then
        for (CompressionCodecName codec :
                List.of(CompressionCodecName.UNCOMPRESSED, CompressionCodecName.GZIP, CompressionCodecName.ZSTD)) {
            assertThat(read(typesFile(codec + ".parquet", codec)))
                    .as(codec.name())
                    .isEqualTo(snappy);
        }
    }

    private String read(Path file) {
        Instances instances =
                reader().readTraining(List.of(file), DEFAULTS, "trainingData").instances();
        instances.setRelationName("rows");
        return instances.toString();
    }

    @Test
    void attributeTypesOverrideWhatTheValuesSay() {
        // given
        Path file = typesFile("types.parquet", CompressionCodecName.SNAPPY);

        // when
        Dataset data = reader().readTraining(
                        List.of(file),
                        new ReadOptions(null, Map.of("count", AttributeType.NOMINAL, "city", AttributeType.STRING)),
                        "trainingData");

        // then
        assertThat(spec(data, "count").type()).isEqualTo(AttributeType.NOMINAL);
        assertThat(spec(data, "count").values()).containsExactly("1", "2", "4", "5", "6", "7");
        assertThat(spec(data, "city").type()).isEqualTo(AttributeType.STRING);
        assertThat(label(data, 1, "city")).isEqualTo("São Paulo");
    }

    // ------------------------------------------------------------------ the same rows as CSV

    @Test
    void theSameRowsAsCsvAndAsParquetGiveTheSameDataSetAndModel() throws Exception {
        // given: credit-g as CSV, and as a typed Parquet file (integers INT64, the rest strings) in row groups
        Path csvDir = Files.createDirectories(dir.resolve("csv"));
        Path csvTrain = Files.copy(Datasets.creditGTrainCsv(), csvDir.resolve("credit-g.csv"));
        Path csvTest = Files.copy(Datasets.creditGTestCsv(), csvDir.resolve("credit-g-test.csv"));
        Path parquetTrain = asParquet(csvTrain, dir.resolve("parquet/credit-g.parquet"));
        Path parquetTest = asParquet(csvTest, dir.resolve("parquet/credit-g-test.parquet"));

        // when
        Dataset fromCsv = reader().readTraining(List.of(csvTrain), DEFAULTS, "trainingData");
        Dataset fromParquet = reader().readTraining(List.of(parquetTrain), DEFAULTS, "trainingData");

        // then
        assertThat(fromParquet.schema()).isEqualTo(fromCsv.schema());
        assertThat(fromParquet.instances().toString())
                .isEqualTo(fromCsv.instances().toString());
        assertThat(fromParquet.classDistribution()).isEqualTo(fromCsv.classDistribution());
        assertThat(model(fromParquet.instances())).isEqualTo(model(fromCsv.instances()));

        // and the test data, read against the training schema
        Dataset testFromCsv = reader().readWithSchema(List.of(csvTest), fromCsv.schema(), "testData");
        Dataset testFromParquet = reader().readWithSchema(List.of(parquetTest), fromCsv.schema(), "testData");
        assertThat(testFromParquet.instances().toString())
                .isEqualTo(testFromCsv.instances().toString());

        // and streamed, as an updateable classifier is trained
        List<double[]> streamed = new ArrayList<>();
        List<DataFile> parts = reader().stream(
                List.of(parquetTrain), fromCsv.schema(), "trainingData", (values, weight) -> streamed.add(values));
        assertThat(parts.get(0).rows()).isEqualTo(fromCsv.rows());
        assertThat(streamed).hasSize(fromCsv.instances().numInstances());
        for (int r = 0; r < streamed.size(); r++) {
            assertThat(streamed.get(r))
                    .as("row " + (r + 1))
                    .containsExactly(fromCsv.instances().instance(r).toDoubleArray());
        }
    }

    private static String model(Instances data) throws Exception {
        NaiveBayes bayes = new NaiveBayes();
        bayes.buildClassifier(data);
        return bayes.toString();
    }

    /** A CSV file without quotes as Parquet: columns of integers INT64, other columns strings; 200 rows a group. */
    static Path asParquet(Path csv, Path parquet) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",", -1);
        List<String[]> cells = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            assertThat(line).doesNotContain("\"");
            cells.add(line.split(",", -1));
        }
        boolean[] integers = new boolean[header.length];
        StringBuilder schema = new StringBuilder("message data {\n");
        for (int c = 0; c < header.length; c++) {
            int column = c;
            integers[c] = cells.stream().allMatch(r -> r[column].matches("-?\\d+"));
            schema.append("  optional ")
                    .append(integers[c] ? "int64 " : "binary ")
                    .append(header[c])
                    .append(integers[c] ? "" : " (STRING)")
                    .append(";\n");
        }
        schema.append("}\n");
        List<List<Object>> rows = new ArrayList<>();
        for (String[] r : cells) {
            List<Object> values = new ArrayList<>();
            for (int c = 0; c < r.length; c++) {
                values.add(r[c].isEmpty() ? null : integers[c] ? (Object) Long.parseLong(r[c]) : r[c]);
            }
            rows.add(values);
        }
        return ParquetTestFiles.write(parquet, schema.toString(), rows, CompressionCodecName.SNAPPY, 200);
    }

    // ------------------------------------------------------------------ several files

    @Test
    void csvAndParquetFilesOfTheSameColumnsAreOneTrainingSet() throws IOException {
        // given
        Path csv = Datasets.writeCsv(dir, "a.csv", "x,colour,class\n1,red,yes\n2,blue,no\n");
        Path parquet = ParquetTestFiles.write(
                dir.resolve("b.parquet"),
                "message m { optional int64 x; optional binary colour (STRING); optional binary class (STRING); }",
                List.of(row(3L, "green", "no"), row(4L, "red", "yes")),
                CompressionCodecName.SNAPPY,
                10);

        // when
        Dataset data = reader().readTraining(List.of(csv, parquet), DEFAULTS, "trainingData");

        // then
        assertThat(data.rows()).isEqualTo(4);
        assertThat(spec(data, "colour").values()).containsExactly("red", "blue", "green");
        assertThat(data.files()).extracting(DataFile::path).containsExactly("a.csv", "b.parquet");
    }

    @Test
    void parquetFilesWhoseColumnsDifferAreRefusedNamingTheDifference() {
        // given
        Path first = ParquetTestFiles.write(
                dir.resolve("first.parquet"),
                "message m { optional int64 x; optional binary class (STRING); }",
                List.of(row(1L, "yes"), row(2L, "no")),
                CompressionCodecName.SNAPPY,
                10);
        Path second = ParquetTestFiles.write(
                dir.resolve("second.parquet"),
                "message m { optional int64 y; optional binary class (STRING); }",
                List.of(row(1L, "yes")),
                CompressionCodecName.SNAPPY,
                10);

        // then
        assertThatThrownBy(() -> reader().readTraining(List.of(first, second), DEFAULTS, "trainingData"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("second.parquet: its columns differ from first.parquet: column 1 is 'y', expected 'x';"
                        + " all training files must have the same columns in the same order");
    }

    @Test
    void aLabelTheTrainingDataNeverHadIsNamedWithItsFileRowAndColumn() {
        // given
        Path train = ParquetTestFiles.write(
                dir.resolve("train.parquet"),
                "message m { optional binary colour (STRING); optional binary class (STRING); }",
                List.of(row("red", "yes"), row("blue", "no")),
                CompressionCodecName.SNAPPY,
                10);
        Path test = ParquetTestFiles.write(
                dir.resolve("test.parquet"),
                "message m { optional binary colour (STRING); optional binary class (STRING); }",
                List.of(row("red", "yes"), row("purple", "no")),
                CompressionCodecName.SNAPPY,
                10);
        Schema schema =
                reader().readTraining(List.of(train), DEFAULTS, "trainingData").schema();

        // then
        assertThatThrownBy(() -> reader().readWithSchema(List.of(test), schema, "testData"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("test.parquet row 2, column 'colour' (field 1): value 'purple' never appears in the"
                        + " training data; known values: red, blue. Retrain with data that holds it, or correct"
                        + " the value");
    }

    @Test
    void aTestFileWithoutAColumnOfTheTrainingDataIsRefusedNamingIt() {
        // given
        Path test = ParquetTestFiles.write(
                dir.resolve("test.parquet"),
                "message m { optional binary class (STRING); }",
                List.of(row("yes")),
                CompressionCodecName.SNAPPY,
                10);
        Schema schema = new Schema(
                List.of(
                        new AttributeSpec("colour", AttributeType.NOMINAL, List.of("red")),
                        new AttributeSpec("class", AttributeType.NOMINAL, List.of("yes", "no"))),
                "class");

        // then
        assertThatThrownBy(() -> reader().readWithSchema(List.of(test), schema, "testData"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("test.parquet: no column 'colour', which the training data has; its columns are: class");
    }

    // ------------------------------------------------------------------ bad files

    @Test
    void aFileThatIsNoParquetIsRefusedNamingIt() {
        // given
        Path file = Datasets.writeCsv(dir, "data/events.parquet", "x,class\n1,yes\n");

        // then
        assertThatThrownBy(() -> reader().readTraining(List.of(file), DEFAULTS, "trainingData"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("data/events.parquet is not a readable Parquet file (")
                .hasMessageEndingWith("write it again, or rename it if it is in another format");
    }

    @Test
    void aTruncatedFileIsRefusedNamingIt() throws IOException {
        // given: the footer cut off, as by a copy interrupted half-way
        Path whole = typesFile("whole.parquet", CompressionCodecName.SNAPPY);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.parquet"), Arrays.copyOf(bytes, bytes.length / 2));

        // then
        assertThatThrownBy(() -> reader().readTraining(List.of(cut), DEFAULTS, "trainingData"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("cut.parquet is not a readable Parquet file (");
    }

    @Test
    void aDamagedPageIsRefusedNamingTheFileAndRowGroup() throws IOException {
        // given: the writer's page checksums, and a byte changed in the first page's values
        Path file = ParquetTestFiles.write(
                dir.resolve("damaged.parquet"),
                "message m { required int64 x; required binary class (STRING); }",
                List.of(row(1L, "yes"), row(2L, "no"), row(3L, "yes")),
                CompressionCodecName.UNCOMPRESSED,
                10);
        byte[] bytes = Files.readAllBytes(file);
        int value = indexOf(bytes, new byte[] {2, 0, 0, 0, 0, 0, 0, 0});
        bytes[value] = 9;
        Files.write(file, bytes);

        // then
        assertThatThrownBy(() -> reader().readTraining(List.of(file), DEFAULTS, "trainingData"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("damaged.parquet, row group 1: cannot be read (")
                .hasMessageEndingWith("the file is damaged or was not completely written: write it again");
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void anEmptyFileIsRefusedNamingIt() throws IOException {
        // given
        Path file = Files.write(dir.resolve("empty.parquet"), new byte[0]);

        // then
        assertThatThrownBy(() -> reader().readTraining(List.of(file), DEFAULTS, "trainingData"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("empty.parquet is empty; a Parquet file ends with its footer, written when its writer is"
                        + " closed: write it again");
    }

    @Test
    void aRepeatedColumnIsRefusedNamingIt() {
        // given
        Path file = ParquetTestFiles.write(
                dir.resolve("repeated.parquet"),
                "message m { repeated int32 scores; optional binary class (STRING); }",
                List.of(),
                CompressionCodecName.SNAPPY,
                10);

        // then
        assertThatThrownBy(() -> reader().readTraining(List.of(file), DEFAULTS, "trainingData"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("repeated.parquet: column 'scores' is a repeated value (a list); the plugin reads flat"
                        + " tables, one value per column and row: write the file without it, or with its parts as"
                        + " columns of their own");
    }

    @Test
    void aNanIsAMissingValueAndAnInfinityIsRefusedNamingItsRowAndColumn() {
        // given: a NaN (pandas' missing float) and an infinity
        String schema = "message m { optional double x; optional binary class (STRING); }";
        Path nan = ParquetTestFiles.write(
                dir.resolve("nan.parquet"),
                schema,
                List.of(row(1.5, "yes"), row(Double.NaN, "no"), row(2.5, "no")),
                CompressionCodecName.SNAPPY,
                10);
        Path infinite = ParquetTestFiles.write(
                dir.resolve("infinite.parquet"),
                schema,
                List.of(row(1.5, "yes"), row(2.5, "no"), row(Double.POSITIVE_INFINITY, "no")),
                CompressionCodecName.SNAPPY,
                10);

        // when
        Dataset data = reader().readTraining(List.of(nan), DEFAULTS, "trainingData");

        // then
        assertThat(spec(data, "x").type()).isEqualTo(AttributeType.NUMERIC);
        assertThat(missing(data, 1, "x")).isTrue();
        assertThat(value(data, 2, "x")).isEqualTo(2.5);
        assertThatThrownBy(() -> reader().readTraining(List.of(infinite), DEFAULTS, "trainingData"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("infinite.parquet row 3, column 'x' (field 1): the value is infinity, which no classifier"
                        + " can use; write it as a missing value (null) or as a finite number");
    }

    @Test
    void aStructColumnIsRefusedNamingIt() {
        // given
        Path file =
                ParquetTestFiles.write(dir.resolve("struct.parquet"), """
                message m {
                  optional int32 x;
                  optional group address { optional binary city (STRING); }
                  optional binary class (STRING);
                }
                """, List.of(), CompressionCodecName.SNAPPY, 10);

        // then
        assertThatThrownBy(() -> reader().readTraining(List.of(file), DEFAULTS, "trainingData"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("struct.parquet: column 'address' is a nested group (struct); the plugin reads flat"
                        + " tables, one value per column and row: write the file without it, or with its parts as"
                        + " columns of their own");
    }

    @Test
    void aMapColumnInTestDataIsRefusedNamingIt() {
        // given: flat training data, and a test file with a map column
        Path training = typesFile("train.parquet", CompressionCodecName.SNAPPY);
        Dataset data = reader().readTraining(List.of(training), DEFAULTS, "trainingData");
        Path test =
                ParquetTestFiles.write(dir.resolve("test.parquet"), """
                message m {
                  optional group attrs (MAP) {
                    repeated group key_value { required binary key (STRING); optional binary value (STRING); }
                  }
                  optional binary class (STRING);
                }
                """, List.of(), CompressionCodecName.SNAPPY, 10);

        // then
        assertThatThrownBy(() -> reader().readWithSchema(List.of(test), data.schema(), "testData"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("test.parquet: column 'attrs' is a map; the plugin reads flat tables");
    }

    @Test
    void aFileWithoutRowsIsNoTrainingDataAsAHeaderOnlyCsvFileIsNot() {
        // given: a complete file, footer and schema, with no row
        Path file = ParquetTestFiles.write(
                dir.resolve("none.parquet"),
                "message m { optional int32 x; optional binary class (STRING); }",
                List.of(),
                CompressionCodecName.SNAPPY,
                10);

        // then
        assertThatThrownBy(() -> reader().readTraining(List.of(file), DEFAULTS, "trainingData"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("<trainingData> holds no data rows (none.parquet)");
    }

    @Test
    void aColumnOfAnUnreadableTypeIsRefusedNamingIt() {
        // given
        Path file = ParquetTestFiles.write(
                dir.resolve("uuid.parquet"),
                "message m { optional fixed_len_byte_array(16) id (UUID); optional binary class (STRING); }",
                List.of(),
                CompressionCodecName.SNAPPY,
                10);

        // then
        assertThatThrownBy(() -> reader().readTraining(List.of(file), DEFAULTS, "trainingData"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("uuid.parquet: column 'id' is of Parquet type optional fixed_len_byte_array(16)"
                        + " id (UUID), which the plugin does not read; write it as a number or a string, or leave it"
                        + " out of the file");
    }

    @Test
    void anotherExtensionIsRefusedNamingTheFormatsRead() {
        // given
        Path file = Datasets.writeCsv(dir, "data.json", "{}");

        // then
        assertThatThrownBy(() -> reader().readTraining(List.of(file), DEFAULTS, "trainingData"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("data.json is not .csv, .arff or .parquet; the format is chosen by extension");
    }

    // ------------------------------------------------------------------ the data source

    @Test
    void aGlobOverAPartitionedFolderIsOnePartPerFileInPathOrder() throws IOException {
        // given: a folder partitioned by day, as pyarrow's and Spark's dataset writers lay it out
        for (String day : List.of("2024-01-02", "2024-01-01")) {
            for (int part = 0; part < 2; part++) {
                Path file = ParquetTestFiles.write(
                        dir.resolve("data/events/day=" + day + "/part-" + part + ".parquet"),
                        "message m { optional int64 x; optional binary class (STRING); }",
                        List.of(row((long) part, "yes"), row(10L + part, "no")),
                        CompressionCodecName.SNAPPY,
                        10);
                // written clearly before it is hashed: a fresh file is "racily clean", its hash not trusted
                Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
            }
        }
        Datasets.writeCsv(dir, "data/events/_SUCCESS", "");
        DataSource.Context context = DataSource.Context.of(dir, dir.resolve("target/ml/model"), MlLog.SILENT);

        // when
        DataSource deep =
                DataSources.open(context, SourceSpec.files(List.of("data/events/**/*.parquet")), "trainingData");
        DataSource shallow =
                DataSources.open(context, SourceSpec.files(List.of("data/events/*/part-*.parquet")), "trainingData");
        Dataset data = deep.read(DEFAULTS);

        // then
        List<String> expected = List.of(
                "data/events/day=2024-01-01/part-0.parquet",
                "data/events/day=2024-01-01/part-1.parquet",
                "data/events/day=2024-01-02/part-0.parquet",
                "data/events/day=2024-01-02/part-1.parquet");
        assertThat(deep.identities()).isEqualTo(expected);
        assertThat(shallow.identities()).isEqualTo(expected);
        assertThat(data.rows()).isEqualTo(8);
        assertThat(data.files()).extracting(DataFile::rows).containsOnly(2L);
        assertThat(deep.schemaInHeader()).isFalse();
        // the hashes read are remembered: the next run knows them without reading
        assertThat(DataSources.open(
                                DataSource.Context.of(dir, dir.resolve("target/ml/model"), MlLog.SILENT),
                                SourceSpec.files(List.of("data/events/**/*.parquet")),
                                "trainingData")
                        .knownHashes())
                .contains(data.files().stream().map(DataFile::sha256).toList());
    }

    @Test
    void aKnownHashIsNotComputedAgainAndAChangedFileIsHashedAgain() throws IOException {
        // given: a file read once through the data source, so its hash is remembered
        Path file = typesFile("types.parquet", CompressionCodecName.SNAPPY);
        DataSource.Context context = DataSource.Context.of(dir, dir.resolve("target/ml/model"), MlLog.SILENT);
        String first = DataSources.open(context, SourceSpec.files(List.of("types.parquet")), "trainingData")
                .read(DEFAULTS)
                .files()
                .get(0)
                .sha256();

        // when: it is rewritten with other rows
        Files.delete(file);
        typesFile("types.parquet", CompressionCodecName.GZIP);
        DataSource again = DataSources.open(
                DataSource.Context.of(dir, dir.resolve("target/ml/model"), MlLog.SILENT),
                SourceSpec.files(List.of("types.parquet")),
                "trainingData");

        // then
        assertThat(again.knownHashes()).isEmpty();
        assertThat(again.read(DEFAULTS).files().get(0).sha256())
                .isEqualTo(Sha256.ofFile(file))
                .isNotEqualTo(first);
    }
}
