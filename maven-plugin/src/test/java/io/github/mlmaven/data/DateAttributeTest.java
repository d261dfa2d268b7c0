package io.github.mlmaven.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.core.Instances;
import weka.core.converters.ArffLoader;

/**
 * Date attributes: ISO-8601 CSV columns inferred or declared as dates, ARFF {@code date} attributes read as Weka's
 * ArffLoader reads them (in UTC), in memory and streamed, each value the milliseconds java.time gives for it.
 */
class DateAttributeTest {
    private static final ReadOptions DEFAULTS = new ReadOptions(null, Map.of());

    @TempDir
    Path dir;

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private DatasetReader reader() {
        return new DatasetReader(dir, MlLog.SILENT);
    }

    private static double millis(String isoInstant) {
        return Instant.parse(isoInstant).toEpochMilli();
    }

    private static List<Double> column(Instances instances, String name) {
        int index = instances.attribute(name).index();
        List<Double> values = new ArrayList<>();
        for (int r = 0; r < instances.numInstances(); r++) {
            values.add(
                    instances.instance(r).isMissing(index)
                            ? null
                            : instances.instance(r).value(index));
        }
        return values;
    }

    // ------------------------------------------------------------------ CSV

    @Test
    void isoColumnIsInferredADateInEveryAcceptedForm() throws IOException {
        // given: the forms of docs/data.md, and those the JDBC extraction writes (DATE, TIMESTAMP in UTC)
        Path file = write("visits.csv", """
                visit,amount,class
                2024-03-01,1,a
                2024-03-01T10:15:30,2,b
                2024-03-01 10:15,3,a
                2024-03-01T10:15:30.250,4,b
                2024-03-01T10:15:30.123456789,5,a
                2024-03-01T10:15:30Z,6,b
                2024-03-01T12:15:30+02:00,7,a
                2024-03-01T05:15:30-0500,8,b
                2024-03-01T12:15:30+02,9,a
                ?,10,b
                ,11,a
                NA,12,b
                """);

        // when
        Dataset dataset = reader().readTraining(List.of(file), DEFAULTS, "trainingData");

        // then
        AttributeSpec visit = dataset.schema().attributes().get(0);
        assertThat(visit.type()).isEqualTo(AttributeType.DATE);
        assertThat(visit.format()).isEqualTo("yyyy-MM-dd'T'HH:mm:ss.SSS");
        assertThat(dataset.instances().attribute("visit").isDate()).isTrue();
        assertThat(column(dataset.instances(), "visit"))
                .containsExactly(
                        millis("2024-03-01T00:00:00Z"),
                        millis("2024-03-01T10:15:30Z"),
                        millis("2024-03-01T10:15:00Z"),
                        millis("2024-03-01T10:15:30.250Z"),
                        millis("2024-03-01T10:15:30.123Z"),
                        millis("2024-03-01T10:15:30Z"),
                        millis("2024-03-01T10:15:30Z"),
                        millis("2024-03-01T10:15:30Z"),
                        millis("2024-03-01T10:15:30Z"),
                        null,
                        null,
                        null);
    }

    @Test
    void formatSaysWhatTheColumnHolds() throws IOException {
        Path days = write("days.csv", "day,class\n2024-02-29,a\n1999-12-31,b\n");
        Path times = write("times.csv", "at,class\n2024-02-29T23:59:59,a\n2024-01-01,b\n");

        assertThat(reader().trainingSchema(List.of(days), DEFAULTS, "trainingData")
                        .attributes()
                        .get(0))
                .isEqualTo(new AttributeSpec("day", AttributeType.DATE, List.of(), "yyyy-MM-dd"));
        assertThat(reader().trainingSchema(List.of(times), DEFAULTS, "trainingData")
                        .attributes()
                        .get(0)
                        .format())
                .isEqualTo("yyyy-MM-dd'T'HH:mm:ss");
    }

    @Test
    void yearsAndOtherNumbersStayNumericAndImpossibleDatesNominal() throws IOException {
        // given: years, compact dates, an impossible day and a month 13
        Path file = write("years.csv", """
                year,compact,odd,class
                2024,20240101,2023-02-29,a
                2023,20231231,2024-13-01,b
                """);

        // when
        Schema schema = reader().trainingSchema(List.of(file), DEFAULTS, "trainingData");

        // then
        assertThat(schema.attributes().stream().map(AttributeSpec::type))
                .containsExactly(
                        AttributeType.NUMERIC, AttributeType.NUMERIC, AttributeType.NOMINAL, AttributeType.NOMINAL);
    }

    @Test
    void columnWithADateAndOtherTextIsNominalAndTheClassIsNeverInferredADate() throws IOException {
        Path file = write("mixed.csv", "when,day\n2024-01-01,2024-01-01\nsoon,2024-01-02\n");

        Schema schema = reader().trainingSchema(List.of(file), DEFAULTS, "trainingData");

        assertThat(schema.attributes().get(0).type()).isEqualTo(AttributeType.NOMINAL);
        assertThat(schema.attributes().get(1).type()).isEqualTo(AttributeType.NOMINAL);
    }

    @Test
    void declaredDateWithAValueThatIsNoDateNamesFileLineColumnValueAndForms() throws IOException {
        // given
        Path file = write("declared.csv", "when,class\n2024-01-01,a\n01/02/2024,b\n");
        ReadOptions options = new ReadOptions(null, Map.of("when", AttributeType.DATE));

        // when / then
        assertThatThrownBy(() -> reader().readTraining(List.of(file), options, "trainingData"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("declared.csv line 3, column 'when': '01/02/2024' is not a date")
                .hasMessageContaining("<attributeTypes> declares 'when' date")
                .hasMessageContaining("yyyy-MM-dd, yyyy-MM-ddTHH:mm[:ss[.SSS]]");
    }

    @Test
    void missingMarkersOfADateColumnAreMissingInferredOrDeclared() throws IOException {
        // given
        Path file = write("declared.csv", "when,class\n2024-01-01,a\nnull,b\n2024-01-03,a\n");
        ReadOptions declared = new ReadOptions(null, Map.of("when", AttributeType.DATE));

        // when
        Dataset inferred = reader().readTraining(List.of(file), DEFAULTS, "trainingData");
        Dataset dataset = reader().readTraining(List.of(file), declared, "trainingData");

        // then
        assertThat(column(dataset.instances(), "when"))
                .containsExactly(millis("2024-01-01T00:00:00Z"), null, millis("2024-01-03T00:00:00Z"));
        SinglePassReaderTest.assertSame(inferred, dataset);
    }

    @Test
    void dateClassIsRefused() throws IOException {
        Path file = write("byday.csv", "x,day\n1,2024-01-01\n2,2024-01-02\n");
        ReadOptions options = new ReadOptions(null, Map.of("day", AttributeType.DATE));

        assertThatThrownBy(() -> reader().readTraining(List.of(file), options, "trainingData"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("class attribute 'day' cannot be a date");
    }

    @Test
    void testDataThatIsNoDateIsRefusedNamingTheValue() throws IOException {
        // given
        Path train = write("train.csv", "when,class\n2024-01-01,a\n2024-01-02,b\n");
        Path test = write("test.csv", "when,class\n2024-01-05T08:00:00Z,a\nyesterday,b\n");
        Schema schema = reader().trainingSchema(List.of(train), DEFAULTS, "trainingData");

        // when / then
        assertThatThrownBy(() -> reader().readWithSchema(List.of(test), schema, "testData"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("test.csv line 3, column 'when' (field 1): 'yesterday' is not a date")
                .hasMessageContaining("yyyy-MM-ddTHH:mm[:ss[.SSS]]");
    }

    @Test
    void largeCsvReadInParallelBlocksGivesTheRowsOfTheSequentialRead() throws IOException {
        // given: a file above the parallel threshold of the tuning below
        StringBuilder text = new StringBuilder("when,n,class\n");
        for (int i = 0; i < 20_000; i++) {
            text.append(LocalDate.of(2000, 1, 1).plusDays(i % 9000))
                    .append(i % 3 == 0 ? "T12:30:00" : "")
                    .append(',')
                    .append(i)
                    .append(',')
                    .append(i % 2 == 0 ? "a" : "b")
                    .append('\n');
        }
        Path file = write("big.csv", text.toString());
        Schema schema = reader().trainingSchema(List.of(file), DEFAULTS, "trainingData");
        DatasetReader parallel = new DatasetReader(dir, MlLog.SILENT, new ReadTuning(1024, 4096, 2, 1 << 20));

        // when
        Dataset sequential = reader().readWithSchema(List.of(file), schema, "testData");
        Dataset blocks = parallel.readWithSchema(List.of(file), schema, "testData");

        // then
        SinglePassReaderTest.assertSame(sequential, blocks);
        assertThat(sequential.instances().instance(3).value(0)).isEqualTo(millis("2000-01-04T12:30:00Z"));
    }

    @Test
    void columnOfIsoDatesWithDatesOfAnotherFormIsAnErrorNamingTheFirstOne() throws IOException {
        // given: a column that mixes ISO-8601 with day/month/year, which as nominal would lose every date
        Path file = write("mixed.csv", "when,class\n2024-01-01,a\n2024-01-02T10:00,b\n03/01/2024,a\n2024.1.4,b\n");

        // when / then
        assertThatThrownBy(() -> reader().readTraining(List.of(file), DEFAULTS, "trainingData"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("mixed.csv line 4, column 'when': '03/01/2024' is not an ISO-8601 date, while"
                        + " 2 of the 4 values in this column are (the column mixes date forms)")
                .hasMessageContaining("<attributeTypes><when>date dd/MM/yyyy</when></attributeTypes>")
                .hasMessageContaining("<attributeTypes><when>nominal</when></attributeTypes>");
    }

    @Test
    void columnOfIsoDatesWithAFewStraysIsAnErrorAndWithManyItIsNominal() throws IOException {
        // given: 150 dates and one stray word; the same dates with as many words
        StringBuilder few = new StringBuilder("when,class\n");
        StringBuilder many = new StringBuilder("when,class\n");
        for (int i = 0; i < 150; i++) {
            String day = LocalDate.of(2024, 1, 1).plusDays(i).toString();
            few.append(i == 70 ? "soon" : day).append(",a\n");
            many.append(i % 2 == 0 ? "soon" + i : day).append(",a\n");
        }
        Path strays = write("strays.csv", few.toString());
        Path text = write("text.csv", many.toString());

        // when / then
        assertThatThrownBy(() -> reader().readTraining(List.of(strays), DEFAULTS, "trainingData"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("strays.csv line 72, column 'when': 'soon' is not an ISO-8601 date, while 149"
                        + " of the 150 values in this column are;");
        assertThat(reader().trainingSchema(List.of(text), DEFAULTS, "trainingData")
                        .attributes()
                        .get(0)
                        .type())
                .isEqualTo(AttributeType.NOMINAL);
    }

    @Test
    void datesWithOffsetsAreTheInstantTheyName() throws IOException {
        // given: one instant written in four zones, and a value without an offset, which is UTC
        Path file = write("zones.csv", """
                at,class
                2024-06-30T22:30:00Z,a
                2024-07-01T00:30:00+02:00,b
                2024-06-30T18:30-04,a
                2024-07-01T04:00:00.000+0530,b
                2024-06-30T22:30:00,a
                """);

        // when
        Dataset dataset = reader().readTraining(List.of(file), DEFAULTS, "trainingData");

        // then
        assertThat(column(dataset.instances(), "at")).containsOnly(millis("2024-06-30T22:30:00Z"));
    }

    // ------------------------------------------------------------------ declared patterns

    private static ReadOptions declared(String type) {
        return ReadOptions.fromConfiguration(null, Map.of("when", type), null);
    }

    @Test
    void columnDeclaredADateWithAPatternReadsThePatternAndIso() throws IOException {
        // given
        Path file = write("dotted.csv", """
                when,n,class
                01.03.2024 10:15,1,a
                2024-03-02T08:00:00Z,2,b
                NA,3,a
                ,4,b
                """);

        // when
        Dataset dataset = reader().readTraining(List.of(file), declared("date dd.MM.yyyy HH:mm"), "trainingData");

        // then: the card keeps the pattern; the model reads both forms, in UTC
        assertThat(dataset.schema().attributes().get(0))
                .isEqualTo(new AttributeSpec("when", AttributeType.DATE, List.of(), "dd.MM.yyyy HH:mm"));
        assertThat(dataset.instances().attribute("when").getDateFormat()).isEqualTo("dd.MM.yyyy HH:mm");
        assertThat(column(dataset.instances(), "when"))
                .containsExactly(millis("2024-03-01T10:15:00Z"), millis("2024-03-02T08:00:00Z"), null, null);
    }

    @Test
    void patternOfCompactDatesReadsWhatWouldOtherwiseBeNumbers() throws IOException {
        Path file = write("compact.csv", "when,class\n20240301,a\n20231231,b\n");

        Dataset dataset = reader().readTraining(List.of(file), declared("date yyyyMMdd"), "trainingData");

        assertThat(column(dataset.instances(), "when"))
                .containsExactly(millis("2024-03-01T00:00:00Z"), millis("2023-12-31T00:00:00Z"));
    }

    @Test
    void valueThatIsNeitherThePatternNorIsoNamesFileLineColumnAndPattern() throws IOException {
        // given: a day/month/year column with one month/day/year value, which a strict pattern refuses
        Path file = write("dotted.csv", "when,class\n01.03.2024,a\n12/31/2024,b\n");

        // when / then
        assertThatThrownBy(() -> reader().readTraining(List.of(file), declared("date dd.MM.yyyy"), "trainingData"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("dotted.csv line 3, column 'when': '12/31/2024' is not a date, but"
                        + " <attributeTypes> declares 'when' date dd.MM.yyyy;")
                .hasMessageContaining("or as dd.MM.yyyy, or ? or nothing for a missing value");
    }

    @Test
    void testDataIsReadWithTheDeclaredPatternOfTheTrainingSchema() throws IOException {
        // given
        Path train = write("train.csv", "when,class\n01.03.2024,a\n02.03.2024,b\n");
        Schema schema = reader().trainingSchema(List.of(train), declared("date dd.MM.yyyy"), "trainingData");
        Path test = write("test.csv", "when,class\n05.03.2024,a\n2024-03-06,b\n31.02.2024,a\n");

        // when / then: the pattern is not lenient: there is no 31 February
        assertThatThrownBy(() -> reader().readWithSchema(List.of(test), schema, "testData"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("test.csv line 4, column 'when' (field 1): '31.02.2024' is not a date")
                .hasMessageContaining("or dd.MM.yyyy");
        Dataset dataset = reader().readWithSchema(
                        List.of(write("ok.csv", "when,class\n05.03.2024,a\n2024-03-06,b\n")), schema, "testData");
        assertThat(column(dataset.instances(), "when"))
                .containsExactly(millis("2024-03-05T00:00:00Z"), millis("2024-03-06T00:00:00Z"));
    }

    @Test
    void propertyFormTakesAPatternWithColons() {
        ReadOptions options =
                ReadOptions.fromConfiguration(null, null, "when:date dd.MM.yyyy HH:mm:ss,odd:name:nominal");

        assertThat(options.attributeTypes())
                .isEqualTo(Map.of("when", AttributeType.DATE, "odd:name", AttributeType.NOMINAL));
        assertThat(options.datePatterns()).isEqualTo(Map.of("when", "dd.MM.yyyy HH:mm:ss"));
    }

    @Test
    void patternThatIsNoDatePatternOrOnAnotherTypeIsAConfigurationError() {
        assertThatThrownBy(() -> declared("date dd.MM.yyyy qq"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("date pattern 'dd.MM.yyyy qq' of column 'when' is not a date pattern");
        assertThatThrownBy(() -> declared("nominal dd.MM.yyyy"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("names a pattern, which only a date takes");
        assertThat(declared("date").datePatterns()).isEmpty();
    }

    // ------------------------------------------------------------------ ARFF

    private static final String VISITS_ARFF = """
            @relation visits
            @attribute visit date
            @attribute booked date "dd.MM.yyyy HH:mm"
            @attribute amount numeric
            @attribute class {a,b}
            @data
            2024-03-01T10:15:30,'01.03.2024 09:00',1,a
            2024-03-02T00:00:00,"02.03.2024 18:45",2,b
            ?,?,3,a
            '2024-03-04T23:59:59',"04.03.2024 00:00",4,b
            {0 2024-03-05T06:00:00, 2 5, 3 a}
            2024-03-06T07:00:00,'06.03.2024 07:00',6,b,{2}
            """;

    @Test
    void arffDatesAreReadAsWekaReadsThemInUtc() throws IOException {
        // given
        Path file = write("visits.arff", VISITS_ARFF);

        // when
        Dataset dataset = reader().readTraining(List.of(file), DEFAULTS, "trainingData");

        // then: the milliseconds java.time gives, the sparse row's absent date Weka's 0, the weight kept
        assertThat(dataset.schema().attributes().get(0))
                .isEqualTo(new AttributeSpec("visit", AttributeType.DATE, List.of(), "yyyy-MM-dd'T'HH:mm:ss"));
        assertThat(dataset.schema().attributes().get(1).format()).isEqualTo("dd.MM.yyyy HH:mm");
        assertThat(column(dataset.instances(), "visit"))
                .containsExactly(
                        millis("2024-03-01T10:15:30Z"),
                        millis("2024-03-02T00:00:00Z"),
                        null,
                        millis("2024-03-04T23:59:59Z"),
                        millis("2024-03-05T06:00:00Z"),
                        millis("2024-03-06T07:00:00Z"));
        assertThat(column(dataset.instances(), "booked"))
                .containsExactly(
                        millis("2024-03-01T09:00:00Z"),
                        millis("2024-03-02T18:45:00Z"),
                        null,
                        millis("2024-03-04T00:00:00Z"),
                        0.0,
                        millis("2024-03-06T07:00:00Z"));
        assertThat(dataset.instances().instance(5).weight()).isEqualTo(2.0);
        // and Weka's own loader, in UTC, reads the same rows
        assertThat(ReaderFuzzing.rows(dataset.instances())).isEqualTo(ReaderFuzzing.rows(wekaInUtc(file)));
    }

    @Test
    void arffDatesDoNotDependOnTheMachinesTimeZone() throws IOException {
        // given
        Path file = write("visits.arff", VISITS_ARFF);
        Dataset inUtc = reader().readTraining(List.of(file), DEFAULTS, "trainingData");
        TimeZone zone = TimeZone.getDefault();

        // when
        Dataset elsewhere;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
            elsewhere = reader().readTraining(List.of(file), DEFAULTS, "trainingData");
        } finally {
            TimeZone.setDefault(zone);
        }

        // then
        SinglePassReaderTest.assertSame(inUtc, elsewhere);
    }

    @Test
    void arffDateThatIsNoDateFailsWithWekasMessageNamingTheLine() throws IOException {
        // given
        Path file = write("bad.arff", """
                @relation bad
                @attribute visit date
                @attribute class {a,b}
                @data
                2024-03-01T10:15:30,a
                2024-03-01,b
                """);

        // when / then
        assertThatThrownBy(() -> reader().readTraining(List.of(file), DEFAULTS, "trainingData"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bad.arff line 6")
                .hasMessageContaining("unparseable date: 2024-03-01");
    }

    @Test
    void arffDateWithAnOffsetItsPatternDoesNotReadIsRefusedRatherThanDropped() throws IOException {
        // given: Weka would read 10:15:30 and ignore the +02:00
        Path file = write("offset.arff", """
                @relation offset
                @attribute visit date
                @attribute class {a,b}
                @data
                2024-03-01T10:15:30,a
                2024-03-01T10:15:30+02:00,b
                """);

        // when / then
        assertThatThrownBy(() -> reader().readTraining(List.of(file), DEFAULTS, "trainingData"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("offset.arff line 6, attribute 'visit': '2024-03-01T10:15:30+02:00' holds"
                        + " '+02:00' after the date that its pattern yyyy-MM-dd'T'HH:mm:ss reads")
                .hasMessageContaining("@attribute visit date \"yyyy-MM-dd'T'HH:mm:ssXXX\"");
    }

    @Test
    void arffPatternWithAnOffsetReadsTheInstant() throws IOException {
        Path file = write("zoned.arff", """
                @relation zoned
                @attribute visit date "yyyy-MM-dd'T'HH:mm:ssXXX"
                @attribute class {a,b}
                @data
                2024-03-01T12:15:30+02:00,a
                '2024-03-01T10:15:30Z',b
                """);

        Dataset dataset = reader().readTraining(List.of(file), DEFAULTS, "trainingData");

        assertThat(column(dataset.instances(), "visit")).containsOnly(millis("2024-03-01T10:15:30Z"));
        assertThat(ReaderFuzzing.rows(dataset.instances())).isEqualTo(ReaderFuzzing.rows(wekaInUtc(file)));
    }

    @Test
    void arffDateClassIsRefused() throws IOException {
        Path file = write("dateclass.arff", """
                @relation c
                @attribute x numeric
                @attribute day date yyyy-MM-dd
                @data
                1,2024-01-01
                """);

        assertThatThrownBy(() -> reader().readTraining(List.of(file), DEFAULTS, "trainingData"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("class attribute 'day' is a date attribute in dateclass.arff");
    }

    @Test
    void csvTestDataIsReadAgainstAnArffDateByIsoAndByTheArffPattern() throws IOException {
        // given
        Path train = write("visits.arff", VISITS_ARFF);
        Schema schema = reader().trainingSchema(List.of(train), DEFAULTS, "trainingData");
        Path test = write("test.csv", """
                visit,booked,amount,class
                2024-03-07T08:00:00,07.03.2024 08:30,1,a
                2024-03-07,2024-03-07T08:30:00Z,2,b
                """);

        // when
        Dataset dataset = reader().readWithSchema(List.of(test), schema, "testData");

        // then
        assertThat(column(dataset.instances(), "booked"))
                .containsExactly(millis("2024-03-07T08:30:00Z"), millis("2024-03-07T08:30:00Z"));
        assertThatThrownBy(() -> reader().readWithSchema(
                                List.of(write(
                                        "worse.csv", "visit,booked,amount,class\n2024-03-07,07.03.2024 8h,1,a\n")),
                                schema,
                                "testData"))
                .hasMessageContaining("'07.03.2024 8h' is not a date")
                .hasMessageContaining("or dd.MM.yyyy HH:mm");
    }

    @Test
    void arffTestDataWhoseDateIsNumericElsewhereIsRefused() throws IOException {
        Path train = write("visits.arff", VISITS_ARFF);
        Schema schema = reader().trainingSchema(List.of(train), DEFAULTS, "trainingData");
        Path test = write("numeric.arff", VISITS_ARFF.replace("@attribute visit date", "@attribute visit numeric"));

        assertThatThrownBy(() -> reader().readWithSchema(List.of(test), schema, "testData"))
                .hasMessageContaining("attribute 'visit' is numeric here but date in the training data");
    }

    // ------------------------------------------------------------------ streaming

    @Test
    void streamedRowsAreThoseOfTheInMemoryRead() throws IOException {
        Path arff = write("visits.arff", VISITS_ARFF);
        Path csv = write("visits.csv", "visit,amount,class\n2024-03-01,1,a\n2024-03-01T10:15:30Z,2,b\n?,3,a\n");
        for (Path file : List.of(arff, csv)) {
            Schema schema = reader().trainingSchema(List.of(file), DEFAULTS, "trainingData");
            Dataset held = reader().readWithSchema(List.of(file), schema, "testData");
            List<double[]> streamed = new ArrayList<>();

            reader().stream(List.of(file), schema, "testData", (values, weight) -> streamed.add(values.clone()));

            assertThat(streamed).hasSize(held.instances().numInstances());
            for (int r = 0; r < streamed.size(); r++) {
                assertThat(streamed.get(r))
                        .isEqualTo(held.instances().instance(r).toDoubleArray());
            }
        }
    }

    @Test
    void timestampsOfTheJdbcExtractionRoundTrip() throws IOException {
        // given: DATE as yyyy-MM-dd, TIMESTAMP as yyyy-MM-dd'T'HH:mm:ss[.SSS] in UTC
        OffsetDateTime stamp = OffsetDateTime.parse("2031-07-15T21:04:05.007Z");
        Path file = write(
                "part-000001.csv",
                "d,ts,class\n2031-07-15,2031-07-15T21:04:05.007,a\n" + "2031-07-16,2031-07-15T21:04:05,b\n");

        // when
        Dataset dataset = reader().readTraining(List.of(file), DEFAULTS, "trainingData");

        // then
        assertThat(column(dataset.instances(), "d"))
                .containsExactly(millis("2031-07-15T00:00:00Z"), millis("2031-07-16T00:00:00Z"));
        assertThat(column(dataset.instances(), "ts"))
                .containsExactly((double) stamp.toInstant().toEpochMilli(), millis("2031-07-15T21:04:05Z"));
    }

    /** What Weka's own ArffLoader reads, in a JVM whose default time zone is UTC. */
    private static Instances wekaInUtc(Path file) throws IOException {
        TimeZone zone = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            ArffLoader loader = new ArffLoader();
            loader.setFile(file.toFile());
            return loader.getDataSet();
        } finally {
            TimeZone.setDefault(zone);
        }
    }
}
