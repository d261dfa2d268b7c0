package io.github.mlmaven.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader against its test oracle ({@link ReferenceDatasetReader}) on generated and mutated inputs: CSV with quoting,
 * doubled quotes, line breaks in quotes, whitespace (non-ASCII included) around fields and quotes, a byte order mark,
 * CRLF, CR and LF, blank lines, missing-value markers, numbers in every spelling and out of range, wrong field counts
 * and text after a closing quote; ARFF with comments, quoted values, sparse rows, weights, data on the {@code @data}
 * line and one malformed row. Each input is read as training data and against a known schema; both readers must give
 * the same instances bit for bit, or errors with the same message.
 *
 * <p>An ARFF row with text after its values, or a weight that is not a number, is worded by the reader more clearly
 * than Weka's tokenizer words it: there only the place (file and line) must agree. Inputs with bytes that are not
 * UTF-8 are left out: the reader names the byte's line and column, where the
 * oracle's decoder can only say "at or after" a line. So is more than one error per ARFF file: the oracle (Weka reading
 * the whole file) reports a syntax error before an unknown label on an earlier row, the reader the first in the file.
 */
class ReaderDifferentialTest {
    private static final ReadOptions DEFAULTS = new ReadOptions(null, Map.of());
    private static final Schema SCHEMA = new Schema(
            List.of(
                    new AttributeSpec("x", AttributeType.NUMERIC, List.of()),
                    new AttributeSpec("y", AttributeType.NUMERIC, List.of()),
                    new AttributeSpec("colour", AttributeType.NOMINAL, List.of("red", "green", "dark blue")),
                    new AttributeSpec("class", AttributeType.NOMINAL, List.of("a", "b"))),
            "class");

    private static final String[] NUMBERS = {
        "1",
        "-2",
        "+3",
        ".5",
        "5.",
        "2.5e-3",
        "1E5",
        "-0",
        "0.1",
        "123456789012345678901",
        "4.9e-324",
        "1e400",
        "-1e400",
        "NA",
        "NaN",
        "null",
        "?",
        "",
        "1d",
        "0x10",
        "1,5",
        "Infinity",
        "1e",
        "--1",
        "3.14159265358979323846"
    };
    private static final String[] LABELS = {"red", "green", "dark blue", "NA", "?", "", "purple", "Red"};
    private static final String[] SPACES = {"", " ", "\t", "\u3000", "\u2003", "\u00a0", " \u2003 "};
    private static final String[] EOLS = {"\n", "\r\n", "\r"};

    /** Dates in every accepted form, and near misses: impossible days, other separators, numbers, markers. */
    private static final String[] DATES = {
        "2024-03-01",
        "2024-03-01T10:15:30",
        "2024-03-01 10:15",
        "2024-03-01T10:15:30.250",
        "1969-12-31T23:59:59.9999",
        "2024-03-01T10:15:30Z",
        "2024-03-01T12:15:30+02:00",
        "2024-03-01T05:15:30-0500",
        "2024-03-01T12:15+14",
        "?",
        "",
        "NA",
        "2023-02-29",
        "2024-03-01T24:00:00",
        "2024-03-01T10:15:30+19:00",
        "2024-03-01t10:15",
        "2024-3-1",
        "2024",
        "01.03.2024 10:15",
        "2024-03-01T10:15:30.",
        "2024-03-01T10:15:30.1234567890"
    };
    /** The schema of the generated date files read as test data: one date attribute with an ARFF pattern. */
    private static final Schema DATE_SCHEMA = new Schema(
            List.of(
                    new AttributeSpec("when", AttributeType.DATE, List.of(), "dd.MM.yyyy HH:mm"),
                    new AttributeSpec("x", AttributeType.NUMERIC, List.of()),
                    new AttributeSpec("class", AttributeType.NOMINAL, List.of("a", "b"))),
            "class");

    @TempDir
    Path dir;

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    @Test
    void generatedCsvReadsAsTheOracleReadsIt() throws IOException {
        Random random = new Random(14);
        int read = 0;
        for (int i = 0; i < 400; i++) {
            read += assertSameAsOracle(write("gen" + i + ".csv", csv(random)));
        }
        // most inputs read, some fail: both outcomes are compared
        assertThat(read).isBetween(100, 780);
    }

    @Test
    void generatedArffReadsAsTheOracleReadsIt() throws IOException {
        Random random = new Random(15);
        int read = 0;
        for (int i = 0; i < 300; i++) {
            read += assertSameAsOracle(write("gen" + i + ".arff", arff(random)));
        }
        assertThat(read).isBetween(150, 580);
    }

    @Test
    void generatedDatesReadAsTheOracleReadsThem() throws IOException {
        Random random = new Random(16);
        int read = 0;
        int dates = 0;
        for (int i = 0; i < 300; i++) {
            Path csv = write("dates" + i + ".csv", datesCsv(random));
            read += assertSameAsOracle(csv, DATE_SCHEMA);
            dates += assertSame(
                    csv + " (declared)",
                    () -> {
                        Dataset dataset = new ReferenceDatasetReader(dir, MlLog.SILENT)
                                .readTraining(List.of(csv), DECLARED_DATE, "trainingData");
                        DatasetReader.checkTrainable(dataset);
                        return dataset;
                    },
                    () -> new DatasetReader(dir, MlLog.SILENT)
                            .readTraining(List.of(csv), DECLARED_DATE, "trainingData"));
            read += assertSameAsOracle(write("dates" + i + ".arff", datesArff(random)), DATE_SCHEMA);
        }
        // valid and invalid dates both: some files read, some fail, declared or inferred
        assertThat(read).isBetween(100, 1100);
        assertThat(dates).isBetween(20, 280);
    }

    private static final ReadOptions DECLARED_DATE = new ReadOptions(null, Map.of("when", AttributeType.DATE));

    private static byte[] datesCsv(Random random) {
        StringBuilder text = new StringBuilder("when,x,class\n");
        int rows = 2 + random.nextInt(20);
        // mostly files of valid dates, so that many are read as dates
        double rare = random.nextInt(3) == 0 ? 0.3 : 0.0;
        for (int r = 0; r < rows; r++) {
            String when = random.nextDouble() < rare ? DATES[random.nextInt(DATES.length)] : DATES[random.nextInt(12)];
            text.append(random.nextInt(10) == 0 ? "\"" + when + "\"" : when)
                    .append(',')
                    .append(r)
                    .append(',')
                    .append(random.nextBoolean() ? "a" : "b")
                    .append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] datesArff(Random random) {
        boolean pattern = random.nextBoolean();
        StringBuilder text = new StringBuilder("@relation dates\n@attribute when date"
                + (pattern ? " 'dd.MM.yyyy HH:mm'" : "") + "\n@attribute x numeric\n@attribute class {a,b}\n@data\n");
        int rows = 2 + random.nextInt(20);
        int bad = random.nextInt(4) == 0 ? random.nextInt(rows) : -1;
        for (int r = 0; r < rows; r++) {
            String when = pattern ? "'0" + (1 + random.nextInt(9)) + ".03.2024 1" + random.nextInt(10) + ":15'" : "";
            if (!pattern) {
                when = "2024-03-0" + (1 + random.nextInt(9)) + "T10:15:" + (10 + random.nextInt(50));
                when = random.nextInt(4) == 0 ? "\"" + when + "\"" : when;
            }
            if (r == bad) {
                when = random.nextBoolean() ? "2024-02-30T10:15:00" : "'01.13.2024 10:15'";
            }
            String label = random.nextBoolean() ? "a" : "b";
            text.append(
                            switch (random.nextInt(6)) {
                                case 0 -> "{1 " + r + ", 2 " + label + "}";
                                case 1 -> "?," + r + "," + label;
                                case 2 -> when + "," + r + "," + label + ",{3}";
                                default -> when + "," + r + "," + label;
                            })
                    .append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] csv(Random random) {
        StringBuilder text = new StringBuilder(random.nextInt(8) == 0 ? "\ufeff" : "");
        String eol = EOLS[random.nextInt(EOLS.length)];
        text.append(pad(random, "x"))
                .append(',')
                .append("y,")
                .append(pad(random, "colour"))
                .append(",class");
        text.append(eol);
        int rows = 2 + random.nextInt(30);
        for (int r = 0; r < rows; r++) {
            if (random.nextInt(15) == 0) {
                text.append(random.nextBoolean() ? "" : " \t").append(eol);
            }
            text.append(field(random, NUMBERS, 0.05))
                    .append(',')
                    .append(field(random, NUMBERS, 0.05))
                    .append(',')
                    .append(field(random, LABELS, 0.05))
                    .append(',')
                    .append(field(random, new String[] {"a", "b"}, 0.0));
            if (random.nextInt(60) == 0) {
                text.append(",extra");
            }
            if (r < rows - 1 || random.nextBoolean()) {
                text.append(eol);
            }
        }
        String result = text.toString();
        if (random.nextInt(40) == 0) {
            result = result.replaceFirst("\"", "\"\"x"); // text after a closing quote, or a quote never closed
        }
        return result.getBytes(StandardCharsets.UTF_8);
    }

    /** A value, quoted or not, with whitespace around it; mostly plain. */
    private static String field(Random random, String[] values, double rare) {
        String value = random.nextDouble() < rare
                ? values[random.nextInt(values.length)]
                : values[random.nextInt(Math.min(values.length, 6))];
        return switch (random.nextInt(40)) {
            case 0, 1, 2, 3 -> pad(random, "\"" + value.replace("\"", "\"\"") + "\"");
            case 4, 5, 6, 7 -> pad(random, value);
            case 8 -> "\"" + value + (random.nextBoolean() ? "\n" : ",") + "\"";
            case 9 -> pad(random, "\"" + value + "\"\"q\"\"\"");
            default -> value;
        };
    }

    private static String pad(Random random, String value) {
        return SPACES[random.nextInt(SPACES.length)] + value + SPACES[random.nextInt(SPACES.length)];
    }

    private static byte[] arff(Random random) {
        String eol = EOLS[random.nextInt(EOLS.length)];
        StringBuilder text = new StringBuilder("% generated" + eol + "@relation gen" + eol);
        text.append("@attribute x numeric")
                .append(eol)
                .append("@attribute y real")
                .append(eol);
        text.append("@attribute colour {red,green,'dark blue'}").append(eol);
        text.append("@attribute class {a,b}").append(eol);
        text.append(random.nextInt(5) == 0 ? "@DATA " + row(random, false) : "@data")
                .append(eol);
        int rows = 2 + random.nextInt(30);
        int bad = random.nextInt(3) == 0 ? random.nextInt(rows) : -1;
        for (int r = 0; r < rows; r++) {
            text.append(row(random, r == bad));
            if (random.nextInt(10) == 0) {
                text.append(" % comment");
            }
            text.append(eol);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String row(Random random, boolean bad) {
        String x = random.nextInt(8) == 0 ? "?" : NUMBERS[random.nextInt(10)];
        x = x.isEmpty() || x.startsWith("+") ? "7" : x;
        String colour = new String[] {"red", "green", "'dark blue'", "\"green\"", "?"}[random.nextInt(5)];
        String label = random.nextBoolean() ? "a" : "b";
        if (bad) {
            return switch (random.nextInt(5)) {
                case 0 -> x + ",2," + colour;
                case 1 -> x + ",two," + colour + "," + label;
                case 2 -> x + ",2,purple," + label;
                case 3 -> x + ",2," + colour + "," + label + ",extra";
                default -> x + ",2," + colour + "," + label + ",{x}";
            };
        }
        return switch (random.nextInt(8)) {
            case 0 -> "{0 " + x + ", 2 " + colour + ", 3 " + label + "}";
            case 1 -> x + ",1.5," + colour + "," + label + ",{" + (1 + random.nextInt(3)) + "}";
            case 2 -> x + "\t1.5\t" + colour + "\t" + label;
            default ->
                x + "," + NUMBERS[random.nextInt(10)].replace("+", "").replaceAll("^$", "0") + "," + colour + ","
                        + label;
        };
    }

    private Path write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    /**
     * Training and test reads of {@code file} by both readers: the same datasets, or errors with the same message.
     * Returns how many of the two reads gave a dataset.
     */
    private int assertSameAsOracle(Path file) {
        return assertSameAsOracle(file, SCHEMA);
    }

    private int assertSameAsOracle(Path file, Schema schema) {
        DatasetReader reader = new DatasetReader(dir, MlLog.SILENT);
        ReferenceDatasetReader oracle = new ReferenceDatasetReader(dir, MlLog.SILENT);
        List<Path> files = List.of(file);
        return assertSame(
                        file + " (training)",
                        () -> {
                            Dataset dataset = oracle.readTraining(files, DEFAULTS, "trainingData");
                            DatasetReader.checkTrainable(dataset);
                            return dataset;
                        },
                        () -> reader.readTraining(files, DEFAULTS, "trainingData"))
                + assertSame(
                        file + " (test)",
                        () -> oracle.readWithSchema(files, schema, "testData"),
                        () -> reader.readWithSchema(files, schema, "testData"));
    }

    private static int assertSame(String what, Supplier<Dataset> oracle, Supplier<Dataset> reader) {
        Dataset expected = null;
        String expectedError = null;
        try {
            expected = oracle.get();
        } catch (RuntimeException e) {
            expectedError = e.getMessage();
        }
        Dataset actual = null;
        String actualError = null;
        try {
            actual = reader.get();
        } catch (RuntimeException e) {
            actualError = e.getMessage();
        }
        if (actualError != null && expectedError != null && ownWording(actualError)) {
            assertThat(actualError).as(what).startsWith(expectedError.substring(0, expectedError.indexOf(": ")));
            return 0;
        }
        assertThat(actualError).as("error of %s: %s", what, content(what)).isEqualTo(expectedError);
        if (expected == null) {
            return 0;
        }
        SinglePassReaderTest.assertSame(expected, actual);
        return 1;
    }

    /**
     * An ARFF row's error that the reader words more clearly than Weka's tokenizer (which the oracle quotes): text
     * after the row's values, or an instance weight that is not a number. Only the place (file and line) must agree.
     */
    private static boolean ownWording(String error) {
        return error.contains("the row has text after its") || error.contains("instance weight");
    }

    private static String content(String what) {
        try {
            String path = what.substring(0, what.lastIndexOf(" ("));
            return "\n" + Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
