package io.github.mlmaven.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The errors in rows the reader words: the same message as the test oracle's ({@link ReferenceDatasetReader}) for a
 * bad row first, in the middle and last (also without a line end), read sequentially and in parallel blocks.
 */
class FastErrorWordingTest {
    private static final ReadOptions DEFAULTS = new ReadOptions(null, Map.of());
    private static final int ROWS = 300;
    private static final String[] COLOURS = {"red", "green", "blue"};
    /** The rows a bad row replaces: the first, one in the middle, the last. */
    private static final int[] WHERE = {0, ROWS / 2, ROWS - 1};

    @TempDir
    Path dir;

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    private DatasetReader reader() {
        return new DatasetReader(dir, MlLog.SILENT, SinglePassReaderTest.tuning);
    }

    private ReferenceDatasetReader reference() {
        return new ReferenceDatasetReader(dir, MlLog.SILENT);
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static String row(int i) {
        return (i * 0.25) + "," + (i % 7) + "," + COLOURS[i % 3] + "," + (i % 2 == 0 ? "a" : "b");
    }

    /** Rows with one replaced; {@code lastEol} false: no line end after the last row. */
    private static String rows(int bad, String badRow, String eol, boolean lastEol) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < ROWS; i++) {
            text.append(i == bad ? badRow : row(i));
            if (i < ROWS - 1 || lastEol) {
                text.append(eol);
            }
        }
        return text.toString();
    }

    private static String csv(int bad, String badRow, String eol, boolean lastEol) {
        return "x,y,colour,class" + eol + rows(bad, badRow, eol, lastEol);
    }

    private static String arff(int bad, String badRow, String eol, boolean lastEol) {
        return String.join(
                        eol,
                        "@relation r",
                        "@attribute x numeric",
                        "@attribute y numeric",
                        "@attribute colour {red,green,blue}",
                        "@attribute class {a,b}",
                        "@data",
                        "")
                + rows(bad, badRow, eol, lastEol);
    }

    private interface Read {
        Object read(List<Path> files);
    }

    /** The fast path's error is the reference reader's, and is thrown without reading the file again. */
    private static void assertWorded(String what, Read reference, ThrowingCallable fast, List<Path> files) {
        Throwable expected = catchThrowable(() -> reference.read(files));
        assertThat(expected).as("the reference reader's error for %s", what).isNotNull();
        Throwable actual = catchThrowable(fast);
        assertThat(actual).as(what).isInstanceOf(InvalidInputException.class);
        assertThat(actual.getMessage()).as(what).isEqualTo(expected.getMessage());
    }

    /** Each bad row at each place, with LF and CRLF line ends, with and without a line end after the last row. */
    private void forEachPlace(Map<String, String> badRows, PlaceCheck check) throws IOException {
        for (Map.Entry<String, String> bad : badRows.entrySet()) {
            for (int where : WHERE) {
                for (String eol : new String[] {"\n", "\r\n"}) {
                    for (boolean lastEol : new boolean[] {true, false}) {
                        String what = bad.getKey() + " at row " + where + (eol.length() == 2 ? ", CRLF" : "")
                                + (lastEol ? "" : ", no final line end");
                        check.run(what, where, bad.getValue(), eol, lastEol);
                    }
                }
            }
        }
    }

    private interface PlaceCheck {
        void run(String what, int where, String badRow, String eol, boolean lastEol) throws IOException;
    }

    private static final Map<String, String> CSV_SYNTAX = Map.of(
            "a field too many", "1,2,red,a,extra",
            "a field too few", "1,2,red",
            "an unclosed quote", "1,2,\"red,a",
            "text after a closing quote", "1,2,\"red\"x,a");

    private static final Map<String, String> CSV_VALUES = Map.of(
            "a value that is not a number", "1,two,red,a",
            "a label the training data never had", "1,2,purple,a");

    // a field too many is no error: Weka's ArffReader ignores the rest of a dense row, and so does the fast path
    private static final Map<String, String> ARFF_ROWS = Map.of(
            "a field too few", "1,2,red",
            "a value that is not a number", "x1,2,red,a",
            "a label the header does not declare", "1,2,purple,a",
            "an unclosed quote", "1,2,'red,a");

    @Test
    void csvTrainingDataErrorsAreWordedByTheFastPath() throws IOException {
        Map<String, String> bad = new java.util.HashMap<>(CSV_SYNTAX);
        // one stray non-number among the numbers of a column: the typing decides it is an error
        bad.put("a value that is not a number", "1,two,red,a");
        DatasetReader reader = reader();
        forEachPlace(bad, (what, where, badRow, eol, lastEol) -> {
            List<Path> files = List.of(write("train.csv", csv(where, badRow, eol, lastEol)));
            assertWorded(
                    what,
                    f -> reference().readTraining(f, DEFAULTS, "trainingData"),
                    () -> reader().readTraining(files, DEFAULTS, "trainingData"),
                    files);
        });
    }

    @Test
    void csvTestDataErrorsAreWordedByTheFastPathSequentiallyAndInBlocks() throws IOException {
        DatasetReader reader = reader();
        Schema schema = reader.readTraining(
                        List.of(write("train.csv", csv(-1, "", "\n", true))), DEFAULTS, "trainingData")
                .schema();
        Map<String, String> bad = new java.util.HashMap<>(CSV_SYNTAX);
        bad.putAll(CSV_VALUES);
        SinglePassReaderTest.Check check = () -> forEachPlace(bad, (what, where, badRow, eol, lastEol) -> {
            List<Path> files = List.of(write("test.csv", csv(where, badRow, eol, lastEol)));
            assertWorded(
                    what,
                    f -> reference().readWithSchema(f, schema, "testData"),
                    () -> reader().readWithSchema(files, schema, "testData"),
                    files);
        });
        SinglePassReaderTest.sequentiallyAndInBlocks(check, 1, 64, 1000);
    }

    @Test
    void arffErrorsAreWordedByTheFastPathSequentiallyAndInBlocks() throws IOException {
        DatasetReader reader = reader();
        Schema schema = reader.readTraining(
                        List.of(write("train.arff", arff(-1, "", "\n", true))), DEFAULTS, "trainingData")
                .schema();
        SinglePassReaderTest.Check check = () -> forEachPlace(ARFF_ROWS, (what, where, badRow, eol, lastEol) -> {
            List<Path> files = List.of(write("bad.arff", arff(where, badRow, eol, lastEol)));
            assertWorded(
                    what + " (training)",
                    f -> reference().readTraining(f, DEFAULTS, "trainingData"),
                    () -> reader().readTraining(files, DEFAULTS, "trainingData"),
                    files);
            assertWorded(
                    what + " (test)",
                    f -> reference().readWithSchema(f, schema, "testData"),
                    () -> reader().readWithSchema(files, schema, "testData"),
                    files);
        });
        SinglePassReaderTest.sequentiallyAndInBlocks(check, 1, 64, 1000);
    }

    @Test
    void anErrorInACsvFileListedBeforeTheArffFileThatGivesTheSchemaComesFirst() throws IOException {
        // one reading pass in the order listed: the ARFF file's header first, then the CSV file's rows
        Path csv = write("first.csv", csv(5, "1,2,red", "\n", true));
        Path arff = write("second.arff", arff(7, "1,2,purple,a", "\n", true));
        Throwable actual = catchThrowable(() -> reader().readTraining(List.of(csv, arff), DEFAULTS, "trainingData"));
        assertThat(actual)
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("first.csv line 7: 3 fields, but the header row has 4 columns; quote values that contain"
                        + " commas, or fix the row");
    }

    @Test
    void anUnknownArffLabelBeforeASyntaxErrorComesFirst() throws IOException {
        DatasetReader reader = reader();
        Schema schema = reader.readTraining(
                        List.of(write("train.arff", arff(-1, "", "\n", true))), DEFAULTS, "trainingData")
                .schema();
        Path test = write(
                "test.arff",
                arff(10, "1,2,purple,a", "\n", true)
                        .replace("{red,green,blue}", "{red,green,blue,purple}")
                        .replace(row(200) + "\n", "1,2\n"));
        Throwable actual = catchThrowable(() -> reader.readWithSchema(List.of(test), schema, "testData"));
        assertThat(actual)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("test.arff data row 11, attribute 'colour': value 'purple' never appears in"
                        + " the training data");
    }

    /**
     * A CSV file with about {@code before} bytes of good rows, a short row, {@code gap} bytes of good rows, and a row
     * with a byte that is not UTF-8.
     */
    private Path csvWithInvalidUtf8After(String name, int before, int gap) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("x,y,colour,class\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; bytes.size() < before; i++) {
            bytes.writeBytes((row(i) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        bytes.writeBytes("1,2,red\n".getBytes(StandardCharsets.UTF_8));
        int bad = bytes.size();
        for (int i = 0; bytes.size() < bad + gap; i++) {
            bytes.writeBytes((row(i) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        bytes.writeBytes("1,2,caf\u00e9,a\n".getBytes(StandardCharsets.ISO_8859_1));
        Path file = dir.resolve(name);
        Files.write(file, bytes.toByteArray());
        return file;
    }

    @Test
    void aBadRowIsReportedBeforeInvalidUtf8AfterIt() throws IOException {
        Schema schema = reader().readTraining(
                        List.of(write("train.csv", csv(-1, "", "\n", true))), DEFAULTS, "trainingData")
                .schema();
        for (int before : new int[] {0, 300_000}) {
            // near: within what the String-based oracle decodes ahead of the row it parses, so its error differs
            for (int gap : new int[] {1000, (256 << 10) + 1000}) {
                List<Path> files = List.of(csvWithInvalidUtf8After("bad.csv", before, gap));
                SinglePassReaderTest.Check check = () -> {
                    assertThat(catchThrowable(() -> reader().readTraining(files, DEFAULTS, "trainingData")))
                            .isInstanceOf(InvalidInputException.class)
                            .hasMessageStartingWith("bad.csv line ")
                            .hasMessageEndingWith(": 3 fields, but the header row has 4 columns; quote values that"
                                    + " contain commas, or fix the row");
                    assertThat(catchThrowable(() -> reader().readWithSchema(files, schema, "testData")))
                            .hasMessageEndingWith(": 3 fields, but the header row has 4 columns; quote values that"
                                    + " contain commas, or fix the row");
                };
                SinglePassReaderTest.sequentiallyAndInBlocks(check, 4096);
                if (gap > 256 << 10) {
                    assertWorded(
                            "far",
                            f -> reference().readTraining(f, DEFAULTS, "trainingData"),
                            () -> reader().readTraining(files, DEFAULTS, "trainingData"),
                            files);
                }
            }
        }
    }
}
