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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.core.Instance;
import weka.core.Instances;

class DatasetReaderTest {

    private static final ReadOptions DEFAULTS = new ReadOptions(null, Map.of());

    /** Training data: a numeric, a nominal and a string column, and a nominal class. */
    private static final String MIXED_CSV = """
            amount,colour,comment,class
            1.5,red,%s,yes
            2,green,%s,no
            3.25,blue,%s,yes
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

    private Dataset readTraining(Path... files) {
        return reader().readTraining(List.of(files), DEFAULTS, "trainingData");
    }

    private Path csv(String name, String content) {
        return Datasets.writeCsv(dir, name, content);
    }

    private static AttributeType typeOf(Dataset data, String column) {
        return data.schema().attributes().get(data.schema().indexOf(column)).type();
    }

    private static List<String> valuesOf(Dataset data, String column) {
        return data.schema().attributes().get(data.schema().indexOf(column)).values();
    }

    /** A CSV whose {@code comment} column has {@code rows} distinct free-text values. */
    private static String freeTextCsv(int rows) {
        return "amount,colour,comment,class\n"
                + IntStream.range(0, rows)
                        .mapToObj(i -> i + "," + (i % 2 == 0 ? "red" : "blue") + ",remark number " + i + ","
                                + (i % 3 == 0 ? "yes" : "no"))
                        .collect(Collectors.joining("\n"))
                + "\n";
    }

    // ------------------------------------------------------------------ type inference

    @Test
    void csvColumnsOfNumbersAreNumericAndOtherColumnsNominal() {
        // given
        Path file = csv("train.csv", MIXED_CSV.formatted("a", "b", "a"));

        // when
        Dataset data = readTraining(file);

        // then
        assertThat(typeOf(data, "amount")).isEqualTo(AttributeType.NUMERIC);
        assertThat(typeOf(data, "colour")).isEqualTo(AttributeType.NOMINAL);
        assertThat(typeOf(data, "comment")).isEqualTo(AttributeType.NOMINAL);
        assertThat(typeOf(data, "class")).isEqualTo(AttributeType.NOMINAL);
        assertThat(data.schema().classAttribute()).isEqualTo("class");
        assertThat(data.rows()).isEqualTo(3);
        assertThat(data.instances().instance(2).value(0)).isEqualTo(3.25);
    }

    @Test
    void highCardinalityTextColumnIsReadAsString() {
        // given 40 rows, each with its own comment
        Path file = csv("train.csv", freeTextCsv(40));

        // when
        Dataset data = readTraining(file);

        // then
        assertThat(typeOf(data, "comment")).isEqualTo(AttributeType.STRING);
        assertThat(typeOf(data, "colour")).isEqualTo(AttributeType.NOMINAL);
        assertThat(data.instances().instance(7).stringValue(2)).isEqualTo("remark number 7");
        assertThat(log.text()).contains("comment").contains("string");
    }

    @Test
    void nominalValuesAreListedInOrderOfFirstAppearance() {
        // given
        Path file = csv("train.csv", MIXED_CSV.formatted("a", "b", "c"));

        // when
        Dataset data = readTraining(file);

        // then
        assertThat(valuesOf(data, "colour")).containsExactly("red", "green", "blue");
        assertThat(valuesOf(data, "class")).containsExactly("yes", "no");
        Instance first = data.instances().instance(0);
        assertThat(first.stringValue(1)).isEqualTo("red");
        assertThat(first.stringValue(3)).isEqualTo("yes");
    }

    @Test
    void nominalValuesAreOrderedAsWekasCsvLoaderOrdersThem() {
        // given a CSV that Weka's CSVLoader reads with its default options
        Path file = Datasets.creditGTestCsv();
        Instances weka = Datasets.loadWithWeka(file);

        // when
        Dataset data = readTraining(file);

        // then
        for (int a = 0; a < weka.numAttributes(); a++) {
            weka.core.Attribute attribute = weka.attribute(a);
            AttributeSpec spec = data.schema().attributes().get(a);
            assertThat(spec.name()).isEqualTo(attribute.name());
            if (attribute.isNominal()) {
                List<String> values = new java.util.ArrayList<>();
                attribute.enumerateValues().asIterator().forEachRemaining(v -> values.add((String) v));
                assertThat(spec.values()).as(attribute.name()).isEqualTo(values);
            } else {
                assertThat(spec.type()).as(attribute.name()).isEqualTo(AttributeType.NUMERIC);
            }
        }
    }

    @Test
    void sameRowsInAnotherOrderGiveTheSameValuesInAnotherOrder() {
        // given the same rows in two orders
        Path forward = csv("forward.csv", "x,colour,class\n1,red,yes\n2,green,no\n3,blue,maybe\n");
        Path backward = csv("backward.csv", "x,colour,class\n3,blue,maybe\n2,green,no\n1,red,yes\n");

        // when
        Schema one = readTraining(forward).schema();
        Schema other = readTraining(backward).schema();

        // then
        assertThat(one.attributeNames()).isEqualTo(other.attributeNames());
        assertThat(one.attributes().get(1).values())
                .containsExactlyInAnyOrderElementsOf(other.attributes().get(1).values());
        assertThat(other.attributes().get(1).values()).containsExactly("blue", "green", "red");
    }

    @Test
    void identifierColumnWithoutSpacesStaysNominal() {
        // given 40 distinct single-word identifiers
        StringBuilder csv = new StringBuilder("customer,class\n");
        for (int i = 0; i < 40; i++) {
            csv.append("C")
                    .append(1000 + i)
                    .append(',')
                    .append(i % 2 == 0 ? "yes" : "no")
                    .append('\n');
        }
        Path file = csv("train.csv", csv.toString());

        // when
        Dataset data = readTraining(file);

        // then
        assertThat(typeOf(data, "customer")).isEqualTo(AttributeType.NOMINAL);
        assertThat(valuesOf(data, "customer")).hasSize(40).startsWith("C1000", "C1001");
    }

    @Test
    void nominalColumnWithMoreThanTenThousandValuesIsRefused() {
        // given 10,001 distinct identifiers
        StringBuilder csv = new StringBuilder("id,class\n");
        for (int i = 0; i <= DatasetReader.MAX_NOMINAL_VALUES; i++) {
            csv.append("id")
                    .append(i)
                    .append(',')
                    .append(i % 2 == 0 ? "yes" : "no")
                    .append('\n');
        }
        Path file = csv("train.csv", csv.toString());

        // when / then
        assertThatThrownBy(() -> readTraining(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'id'")
                .hasMessageContaining("10000");
    }

    @Test
    void semicolonSeparatedFileIsRefusedWithAHint() {
        // given
        Path file = csv("train.csv", "age;income;class\n1;2;yes\n3;4;no\n");

        // when / then
        assertThatThrownBy(() -> readTraining(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("train.csv")
                .hasMessageContaining("line 1")
                .hasMessageContaining("';'")
                .hasMessageContaining("comma-separated");
    }

    @Test
    void classColumnOfZeroAndOneIsNominal() {
        // given
        Path file = csv("train.csv", "x,label\n0.5,0\n1.5,1\n2.5,1\n3.5,0\n");

        // when
        Dataset data = readTraining(file);

        // then
        assertThat(typeOf(data, "label")).isEqualTo(AttributeType.NOMINAL);
        assertThat(valuesOf(data, "label")).containsExactly("0", "1");
        assertThat(typeOf(data, "x")).isEqualTo(AttributeType.NUMERIC);
        assertThat(log.text()).contains("label").contains("nominal");
    }

    @Test
    void integerClassValuesAreListedInOrderOfFirstAppearance() {
        // given
        Path file = csv("train.csv", "x,grade\n1,10\n2,9\n3,100\n4,9\n");

        // when
        Dataset data = readTraining(file);

        // then
        assertThat(valuesOf(data, "grade")).containsExactly("10", "9", "100");
    }

    @Test
    void attributeTypesOverrideWhatIsInferred() {
        // given a 0/1 class declared numeric and a numeric column declared nominal
        Path file = csv("train.csv", "code,label\n7,0\n3,1\n7,1\n");
        ReadOptions options =
                new ReadOptions(null, Map.of("label", AttributeType.NUMERIC, "code", AttributeType.NOMINAL));

        // when
        Dataset data = reader().readTraining(List.of(file), options, "trainingData");

        // then
        assertThat(typeOf(data, "label")).isEqualTo(AttributeType.NUMERIC);
        assertThat(typeOf(data, "code")).isEqualTo(AttributeType.NOMINAL);
        assertThat(valuesOf(data, "code")).containsExactly("7", "3");
    }

    @Test
    void classAttributeOptionChoosesTheClassColumn() {
        // given
        Path file = csv("train.csv", "label,x\nyes,1\nno,2\n");

        // when
        Dataset data = reader().readTraining(List.of(file), new ReadOptions("label", Map.of()), "trainingData");

        // then
        assertThat(data.instances().classIndex()).isEqualTo(0);
        assertThat(data.schema().classAttribute()).isEqualTo("label");
    }

    @Test
    void questionMarkAndEmptyFieldAreMissingValues() {
        // given
        Path file = csv("train.csv", "x,colour,class\n1,red,yes\n?,,no\n,?,yes\n4,\"\",no\n");

        // when
        Dataset data = readTraining(file);

        // then
        Instances rows = data.instances();
        assertThat(rows.instance(1).isMissing(0)).isTrue();
        assertThat(rows.instance(1).isMissing(1)).isTrue();
        assertThat(rows.instance(2).isMissing(0)).isTrue();
        assertThat(rows.instance(2).isMissing(1)).isTrue();
        assertThat(rows.instance(3).isMissing(1)).isTrue();
        assertThat(valuesOf(data, "colour")).containsExactly("red");
        assertThat(typeOf(data, "x")).isEqualTo(AttributeType.NUMERIC);
    }

    @Test
    void csvWithByteOrderMarkCrlfAndQuotedCommasLoads() {
        // given
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "name,amount,class\r\n\"Smith, John\",1,yes\r\n\"Doe,\nJane\",2,no\r\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, content, 0, bom.length);
        System.arraycopy(text, 0, content, bom.length, text.length);
        Path file = Datasets.writeBytes(dir, "bom.csv", content);

        // when
        Dataset data = readTraining(file);

        // then
        assertThat(data.schema().attributes().get(0).name()).isEqualTo("name");
        assertThat(valuesOf(data, "name")).containsExactly("Smith, John", "Doe,\nJane");
        assertThat(data.rows()).isEqualTo(2);
    }

    @Test
    void strayNonNumberAmongManyNumbersIsAnErrorNamingFileLineAndValue() {
        // given 199 numbers and one typo on line 102
        StringBuilder csv = new StringBuilder("amount,class\n");
        for (int i = 1; i <= 200; i++) {
            csv.append(i == 101 ? "12..5" : String.valueOf(i)).append(',').append(i % 2 == 0 ? "a" : "b");
            csv.append('\n');
        }
        Path file = csv("train.csv", csv.toString());

        // when / then
        assertThatThrownBy(() -> readTraining(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("train.csv")
                .hasMessageContaining("line 102")
                .hasMessageContaining("amount")
                .hasMessageContaining("'12..5'");
    }

    @Test
    void naMarkersInANumericColumnAreMissingValues() {
        // given values as pandas or R write them
        Path file = csv("train.csv", "x,y,class\n1,NA,yes\nNaN,2,no\n3,null,yes\n#N/A,4.5,no\n");

        // when
        Dataset data = readTraining(file);

        // then
        assertThat(typeOf(data, "x")).isEqualTo(AttributeType.NUMERIC);
        assertThat(typeOf(data, "y")).isEqualTo(AttributeType.NUMERIC);
        assertThat(data.instances().instance(0).isMissing(1)).isTrue();
        assertThat(data.instances().instance(1).isMissing(0)).isTrue();
        assertThat(data.instances().instance(2).isMissing(1)).isTrue();
        assertThat(data.instances().instance(3).isMissing(0)).isTrue();
        assertThat(data.instances().instance(3).value(1)).isEqualTo(4.5);
    }

    @Test
    void naInANumericColumnOfTestDataIsMissing() {
        // given
        Schema schema =
                readTraining(csv("train.csv", "age,class\n1,yes\n2,no\n")).schema();
        Path test = csv("test.csv", "age,class\nNA,yes\n3,no\n");

        // when
        Dataset data = reader().readWithSchema(List.of(test), schema, "testData");

        // then
        assertThat(data.instances().instance(0).isMissing(0)).isTrue();
    }

    @Test
    void integerClassWithNaMarkersHasOnlyTheIntegersAsValues() {
        // given
        Path file = csv("train.csv", "x,label\n1,0\n2,1\n3,NA\n4,1\n");

        // when
        Dataset data = readTraining(file);

        // then
        assertThat(valuesOf(data, "label")).containsExactly("0", "1");
        assertThat(data.instances().instance(2).classIsMissing()).isTrue();
    }

    @Test
    void fileThatIsNotUtf8IsRefusedNamingFileAndLine() {
        // given a Latin-1 'é' (a single byte 0xE9) on line 3
        byte[] latin1 = "name,class\nabc,yes\ncaf\u00e9,no\n".getBytes(StandardCharsets.ISO_8859_1);
        Path file = Datasets.writeBytes(dir, "latin1.csv", latin1);

        // when / then
        assertThatThrownBy(() -> readTraining(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("latin1.csv")
                .hasMessageContaining("UTF-8");
    }

    @Test
    void duplicateColumnNameIsRefused() {
        // given
        Path file = csv("train.csv", "x,x,class\n1,2,yes\n");

        // when / then
        assertThatThrownBy(() -> readTraining(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 1")
                .hasMessageContaining("'x'")
                .hasMessageContaining("twice");
    }

    @Test
    void headerColumnWithoutNameIsRefused() {
        // given
        Path file = csv("train.csv", "x,,class\n1,2,yes\n");

        // when / then
        assertThatThrownBy(() -> readTraining(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("column 2")
                .hasMessageContaining("no name");
    }

    @Test
    void arffWithARelationalAttributeIsRefusedNamingIt() {
        // given
        Path file = csv("bags.arff", """
                @relation bags
                @attribute bag relational
                  @attribute x numeric
                @end bag
                @attribute class {a,b}
                @data
                "1\\n2",a
                "3",b
                """);

        // when / then
        assertThatThrownBy(() -> readTraining(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bags.arff")
                .hasMessageContaining("'bag'")
                .hasMessageContaining("not supported");
    }

    @Test
    void malformedArffIsRefusedWithWekasMessage() {
        // given
        Path file = csv("broken.arff", """
                @relation broken
                @attribute x numeric
                @attribute class {a,b}
                @data
                1,a
                2,c
                """);

        // when / then
        assertThatThrownBy(() -> readTraining(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("broken.arff")
                .hasMessageContaining("not a valid ARFF file")
                .hasMessageContaining("line");
    }

    @Test
    void numbersAreWhatDoubleParseDoubleReadsWithADigitSignOrPointAtEachEnd() {
        // then
        assertThat(CsvNumbers.tryParseNumber("-1.5")).isEqualTo(-1.5);
        assertThat(CsvNumbers.tryParseNumber("+3")).isEqualTo(3.0);
        assertThat(CsvNumbers.tryParseNumber(".5")).isEqualTo(0.5);
        assertThat(CsvNumbers.tryParseNumber("2.5e-3")).isEqualTo(0.0025);
        assertThat(CsvNumbers.tryParseNumber("5.")).isEqualTo(5.0);
        for (String text : List.of("1,5", "1_000", "NaN", "Infinity", "-Infinity", "1d", "12%", "0x1F", "e5", "-")) {
            assertThat(CsvNumbers.tryParseNumber(text)).as(text).isNull();
        }
    }

    @Test
    void columnWithNoValuesAtAllIsNumeric() {
        // given
        Path file = csv("train.csv", "empty,class\n,yes\n?,no\n");

        // when
        Dataset data = readTraining(file);

        // then
        assertThat(typeOf(data, "empty")).isEqualTo(AttributeType.NUMERIC);
    }

    @Test
    void quotedQuestionMarkAndQuotedEmptyFieldAreMissing() {
        // given
        Path file = csv("train.csv", "colour,class\n\"?\",yes\n\"\",no\nred,yes\n");

        // when
        Dataset data = readTraining(file);

        // then
        assertThat(valuesOf(data, "colour")).containsExactly("red");
        assertThat(data.instances().instance(0).isMissing(0)).isTrue();
        assertThat(data.instances().instance(1).isMissing(0)).isTrue();
    }

    @Test
    void naMarkersInATextColumnAreOrdinaryLabels() {
        // given
        Path file = csv("train.csv", "colour,class\nred,yes\nNA,no\nblue,yes\n");

        // when
        Dataset data = readTraining(file);

        // then
        assertThat(valuesOf(data, "colour")).containsExactly("red", "NA", "blue");
        assertThat(data.instances().instance(1).isMissing(0)).isFalse();
    }

    @Test
    void csvHoldingOnlyBlankLinesIsEmpty() {
        // given
        Path file = csv("blank.csv", "\n  \n\n");

        // when / then
        assertThatThrownBy(() -> readTraining(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("blank.csv is empty");
    }

    // ------------------------------------------------------------------ malformed training data

    @Test
    void rowWithWrongNumberOfFieldsNamesFileAndLine() {
        // given
        Path file = csv("train.csv", "a,b,class\n1,2,yes\n3,4,5,no\n");

        // when / then
        assertThatThrownBy(() -> readTraining(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("train.csv")
                .hasMessageContaining("line 3")
                .hasMessageContaining("4 fields")
                .hasMessageContaining("3 columns");
    }

    @Test
    void classAttributeNotFoundListsTheColumns() {
        // given
        Path file = csv("train.csv", "age,income,label\n1,2,yes\n3,4,no\n");

        // when / then
        assertThatThrownBy(
                        () -> reader().readTraining(List.of(file), new ReadOptions("target", Map.of()), "trainingData"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'target'")
                .hasMessageContaining("age, income, label");
    }

    @Test
    void classAttributeNotFoundInArffListsTheAttributes() {
        // given
        Path file = Datasets.weatherNominalArff();

        // when / then
        assertThatThrownBy(
                        () -> reader().readTraining(List.of(file), new ReadOptions("target", Map.of()), "trainingData"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'target'")
                .hasMessageContaining("outlook, temperature, humidity, windy, play");
    }

    @Test
    void trainingDataWithASingleClassValueIsRefused() {
        // given
        Path file = csv("train.csv", "x,class\n1,yes\n2,yes\n3,?\n");

        // when / then
        assertThatThrownBy(() -> readTraining(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("only one class value")
                .hasMessageContaining("'yes'");
    }

    @Test
    void emptyFileIsRefused() {
        // given
        Path file = csv("empty.csv", "");

        // when / then
        assertThatThrownBy(() -> readTraining(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("empty.csv")
                .hasMessageContaining("empty");
    }

    @Test
    void emptyArffFileIsRefused() {
        // given
        Path file = csv("empty.arff", "");

        // when / then
        assertThatThrownBy(() -> readTraining(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("empty.arff")
                .hasMessageContaining("empty");
    }

    @Test
    void csvWithOnlyAHeaderRowIsRefused() {
        // given
        Path file = csv("header-only.csv", "x,class\n");

        // when / then
        assertThatThrownBy(() -> readTraining(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("header-only.csv");
    }

    @Test
    void unknownFileExtensionIsRefused() {
        // given
        Path file = csv("train.txt", "x,class\n1,a\n2,b\n");

        // when / then
        assertThatThrownBy(() -> readTraining(file))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("train.txt")
                .hasMessageContaining(".csv");
    }

    // ------------------------------------------------------------------ several files

    @Test
    void severalFilesAreConcatenatedWithRowsAndSha256PerFile() {
        // given
        Path first = csv("part-1.csv", "x,class\n1,yes\n2,no\n");
        Path second = csv("part-2.csv", "x,class\n3,no\n4,yes\n5,no\n");

        // when
        Dataset data = readTraining(first, second);

        // then
        assertThat(data.rows()).isEqualTo(5);
        assertThat(data.files()).extracting(DataFile::path).containsExactly("part-1.csv", "part-2.csv");
        assertThat(data.files()).extracting(DataFile::rows).containsExactly(2L, 3L);
        assertThat(data.files().get(0).sha256()).isEqualTo(Sha256.ofFile(first));
        assertThat(data.files().get(1).sha256()).isEqualTo(Sha256.ofFile(second));
        assertThat(data.instances().instance(4).value(0)).isEqualTo(5.0);
        assertThat(data.classDistribution()).containsEntry("no", 3L).containsEntry("yes", 2L);
    }

    @Test
    void sha256OfAnArffFileIsTheHashOfTheWholeFile() {
        // given
        Path file = Datasets.copy(Datasets.weatherNominalArff(), dir, "weather.arff");

        // when
        Dataset data = readTraining(file);

        // then
        assertThat(data.files().get(0).sha256()).isEqualTo(Sha256.ofFile(file));
        assertThat(data.files().get(0).rows()).isEqualTo(14);
        assertThat(data.files().get(0).sizeBytes()).isEqualTo(file.toFile().length());
    }

    @Test
    void sha256OfACsvFileIsTheHashOfTheWholeFile() {
        // given a CSV that ends in blank lines, which the reader skips
        Path file = csv("train.csv", "x,class\n1,yes\n2,no\n\n\n");

        // when
        Dataset data = readTraining(file);

        // then
        assertThat(data.files().get(0).sha256()).isEqualTo(Sha256.ofFile(file));
    }

    @Test
    void byteOrderMarkInALaterFileDoesNotMakeItsHeaderDiffer() {
        // given a second file saved by a tool that writes a BOM
        Path first = csv("part-1.csv", "x,class\n1,yes\n2,no\n");
        Path second = csv("part-2.csv", "\uFEFFx,class\n3,no\n");

        // when
        Dataset data = readTraining(first, second);

        // then
        assertThat(data.rows()).isEqualTo(3);
    }

    @Test
    void filesWithDifferentHeadersAreRefused() {
        // given
        Path first = csv("part-1.csv", "x,class\n1,yes\n2,no\n");
        Path second = csv("part-2.csv", "y,class\n3,no\n4,yes\n");

        // when / then
        assertThatThrownBy(() -> readTraining(first, second))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("part-2.csv")
                .hasMessageContaining("part-1.csv")
                .hasMessageContaining("'y'");
    }

    @Test
    void nominalValuesAreCollectedFromAllFiles() {
        // given a value that only the second file has
        Path first = csv("part-1.csv", "colour,class\nred,yes\nblue,no\n");
        Path second = csv("part-2.csv", "colour,class\ngreen,no\nred,yes\n");

        // when
        Dataset data = readTraining(first, second);

        // then
        assertThat(valuesOf(data, "colour")).containsExactly("red", "blue", "green");
    }

    // ------------------------------------------------------------------ test data against the training schema

    @Test
    void testDataColumnsAreMatchedByNameAndNominalValuesByLabel() {
        // given training data, and test data with columns and class values in another order
        Schema schema = readTraining(csv("train.csv", "x,colour,class\n1,red,yes\n2,blue,no\n"))
                .schema();
        Path test = csv("test.csv", "class,colour,x\nno,red,7\nyes,blue,8\n");

        // when
        Dataset data = reader().readWithSchema(List.of(test), schema, "testData");

        // then
        assertThat(data.schema()).isEqualTo(schema);
        Instance first = data.instances().instance(0);
        assertThat(first.value(0)).isEqualTo(7.0);
        assertThat(first.stringValue(1)).isEqualTo("red");
        assertThat(first.stringValue(2)).isEqualTo("no");
    }

    @Test
    void nonNumericValueInANumericColumnOfTestDataNamesFileLineAndColumn() {
        // given
        Schema schema =
                readTraining(csv("train.csv", "age,class\n1,yes\n2,no\n")).schema();
        Path test = csv("test.csv", "age,class\n3,yes\n\n4,no\nforty,yes\n");

        // when / then
        assertThatThrownBy(() -> reader().readWithSchema(List.of(test), schema, "testData"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("test.csv")
                .hasMessageContaining("line 5")
                .hasMessageContaining("column 'age'")
                .hasMessageContaining("'forty'");
    }

    @Test
    void unseenNominalValueInTestDataIsNamedWithTheKnownValues() {
        // given
        Schema schema = readTraining(csv("train.csv", "colour,class\nred,yes\nblue,no\n"))
                .schema();
        Path test = csv("test.csv", "colour,class\nred,yes\npurple,no\n");

        // when / then
        assertThatThrownBy(() -> reader().readWithSchema(List.of(test), schema, "testData"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("test.csv")
                .hasMessageContaining("line 3")
                .hasMessageContaining("'purple'")
                .hasMessageContaining("red, blue");
    }

    @Test
    void testDataWithoutATrainingColumnNamesIt() {
        // given
        Schema schema = readTraining(csv("train.csv", "age,colour,class\n1,red,yes\n2,blue,no\n"))
                .schema();
        Path test = csv("test.csv", "age,class\n3,yes\n");

        // when / then
        assertThatThrownBy(() -> reader().readWithSchema(List.of(test), schema, "testData"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("test.csv")
                .hasMessageContaining("'colour'");
    }

    @Test
    void arffTestDataWithADifferentAttributeTypeIsRefusedNamingTheAttribute() {
        // given training data where 'duration' is numeric, and test data where it is nominal
        Path train = csv("train.arff", """
                @relation loans
                @attribute duration numeric
                @attribute class {good,bad}
                @data
                12,good
                48,bad
                """);
        Path test = csv("test.arff", """
                @relation loans
                @attribute duration {short,long}
                @attribute class {good,bad}
                @data
                short,good
                long,bad
                """);
        Schema schema = readTraining(train).schema();

        // when / then
        assertThatThrownBy(() -> reader().readWithSchema(List.of(test), schema, "testData"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("test.arff")
                .hasMessageContaining("'duration'")
                .hasMessageContaining("nominal")
                .hasMessageContaining("numeric");
    }

    @Test
    void arffTestDataDeclaringNominalValuesInAnotherOrderIsMappedByLabel() {
        // given
        Path train = csv("train.arff", """
                @relation loans
                @attribute purpose {car,house}
                @attribute class {good,bad}
                @data
                car,good
                house,bad
                """);
        Path test = csv("test.arff", """
                @relation loans
                @attribute class {bad,good}
                @attribute purpose {house,car,boat}
                @data
                bad,car
                good,house
                """);
        Schema schema = readTraining(train).schema();

        // when
        Dataset data = reader().readWithSchema(List.of(test), schema, "testData");

        // then
        assertThat(data.instances().instance(0).stringValue(0)).isEqualTo("car");
        assertThat(data.instances().instance(0).stringValue(1)).isEqualTo("bad");
        assertThat(data.instances().instance(1).stringValue(0)).isEqualTo("house");
        assertThat(data.instances().instance(1).stringValue(1)).isEqualTo("good");
    }

    @Test
    void arffTestDataWithClassValuesInAnotherOrderIsMappedByLabel() {
        // given training ARFF with class {good, bad} and the test rows as CSV, where no header fixes the order
        Dataset train = readTraining(Datasets.creditGTrainArff());
        Instances wekaTest = Datasets.loadWithWeka(Datasets.creditGTestCsv());

        // when
        Dataset test = reader().readWithSchema(List.of(Datasets.creditGTestCsv()), train.schema(), "testData");

        // then
        assertThat(valuesOf(train, "class")).containsExactly("good", "bad");
        assertThat(test.rows()).isEqualTo(200);
        for (int i = 0; i < test.rows(); i++) {
            assertThat(test.instances().instance(i).stringValue(test.instances().classIndex()))
                    .isEqualTo(wekaTest.instance(i).stringValue(wekaTest.classIndex()));
        }
        assertThat(test.classDistribution()).containsEntry("good", 136L).containsEntry("bad", 64L);
    }

    @Test
    void csvAndArffOfTheSameRowsGiveTheSameValues() {
        // given
        Dataset arff = readTraining(Datasets.creditGTrainArff());

        // when
        Dataset csv = reader().readWithSchema(List.of(Datasets.creditGTrainCsv()), arff.schema(), "trainingData");

        // then
        assertThat(csv.rows()).isEqualTo(arff.rows());
        for (int i = 0; i < arff.rows(); i++) {
            assertThat(csv.instances().instance(i).toDoubleArray())
                    .as("row %d", i + 1)
                    .containsExactly(arff.instances().instance(i).toDoubleArray());
        }
    }

    @Test
    void readerWithoutLogIsSilent() {
        // given
        Path file = csv("train.csv", "x,class\n1,yes\n2,no\n");

        // when
        Dataset data = new DatasetReader(dir, MlLog.SILENT).readTraining(List.of(file), DEFAULTS, "trainingData");

        // then
        assertThat(data.rows()).isEqualTo(2);
    }
}
