package io.github.mlmaven.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.core.Attribute;
import weka.core.Instances;

/**
 * The single-pass reader against the reference (two-pass, String-based) reader: the same instances, schema and file
 * fingerprints for every fixture and for generated edge cases; and what only the single-pass reader does.
 */
class SinglePassReaderTest {
    private static final ReadOptions DEFAULTS = new ReadOptions(null, Map.of());

    @TempDir
    Path dir;

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    /** The tuning of the readers {@link #reader()} makes: {@link #inBlocks} forces the parallel path on. */
    static ReadTuning tuning = ReadTuning.DEFAULTS;

    private DatasetReader reader() {
        return new DatasetReader(dir, MlLog.SILENT, tuning);
    }

    private ReferenceDatasetReader reference() {
        return new ReferenceDatasetReader(dir, MlLog.SILENT);
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private Path write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    // ---------------------------------------------------------------- equivalence

    /** Reads with both readers; equal results, or errors with equal messages. */
    private void assertSameTraining(ReadOptions options, Path... files) {
        DatasetReader reader = reader();
        DatasetReader fast = reader;
        Dataset expected = null;
        RuntimeException expectedError = null;
        try {
            expected = reference().readTraining(List.of(files), options, "trainingData");
        } catch (RuntimeException e) {
            expectedError = e;
        }
        if (expectedError != null) {
            RuntimeException reference = expectedError;
            assertThatThrownBy(() -> fast.readTraining(List.of(files), options, "trainingData"))
                    .as("error of %s", List.of(files))
                    .hasMessage(reference.getMessage());
            return;
        }
        String untrainable = null;
        try {
            DatasetReader.checkTrainable(expected);
        } catch (RuntimeException e) {
            untrainable = e.getMessage();
        }
        if (untrainable != null) {
            assertThatThrownBy(() -> fast.readTraining(List.of(files), options, "trainingData"))
                    .hasMessage(untrainable);
        } else {
            assertSame(expected, fast.readTraining(List.of(files), options, "trainingData"));
        }
        // and as test data against that schema
        Dataset expectedTest = reference().readWithSchema(List.of(files), expected.schema(), "testData");
        assertSame(expectedTest, fast.readWithSchema(List.of(files), expected.schema(), "testData"));
        // the schema alone, and streamed rows
        assertThat(reader.trainingSchema(List.of(files), options, "trainingData"))
                .isEqualTo(expected.schema());
        if (expected.schema().attributes().stream().noneMatch(a -> a.type() == AttributeType.STRING)) {
            List<double[]> rows = new ArrayList<>();
            List<Double> weights = new ArrayList<>();
            List<DataFile> streamed = reader.stream(List.of(files), expected.schema(), "trainingData", (v, w) -> {
                rows.add(v);
                weights.add(w);
            });
            assertThat(streamed).isEqualTo(expectedTest.files());
            assertThat(rows).hasSize((int) expectedTest.rows());
            for (int r = 0; r < rows.size(); r++) {
                assertThat(bits(rows.get(r)))
                        .as("streamed row %d", r)
                        .isEqualTo(bits(expectedTest.instances().get(r).toDoubleArray()));
                assertThat(weights.get(r))
                        .isEqualTo(expectedTest.instances().get(r).weight());
            }
        }
    }

    private static long[] bits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToLongBits(values[i]);
        }
        return bits;
    }

    static void assertSame(Dataset expected, Dataset actual) {
        assertThat(actual.schema()).isEqualTo(expected.schema());
        assertThat(actual.files()).isEqualTo(expected.files());
        Instances e = expected.instances();
        Instances a = actual.instances();
        assertThat(a.equalHeadersMsg(e)).isNull();
        assertThat(a.relationName()).isEqualTo(e.relationName());
        assertThat(a.classIndex()).isEqualTo(e.classIndex());
        for (int i = 0; i < e.numAttributes(); i++) {
            Attribute attribute = e.attribute(i);
            assertThat(a.attribute(i).numValues()).isEqualTo(attribute.numValues());
            for (int v = 0; v < attribute.numValues(); v++) {
                assertThat(a.attribute(i).value(v)).isEqualTo(attribute.value(v));
            }
        }
        assertThat(a.numInstances()).isEqualTo(e.numInstances());
        for (int r = 0; r < e.numInstances(); r++) {
            assertThat(bits(a.get(r).toDoubleArray()))
                    .as("row %d", r)
                    .isEqualTo(bits(e.get(r).toDoubleArray()));
            assertThat(a.get(r).weight()).isEqualTo(e.get(r).weight());
            assertThat(a.get(r).dataset()).isSameAs(a);
        }
    }

    @Test
    void everyFixtureReadsAsTheReferenceReaderReadsIt() throws IOException {
        List<Path> fixtures = new ArrayList<>();
        for (Path root : List.of(Path.of("src/test/resources"), Path.of("../src-it"))) {
            try (Stream<Path> files = Files.walk(root)) {
                // the fuzz tests' seeds include malformed files whose errors the single-pass reader words better
                files.filter(f -> DatasetReader.isCsv(f) || DatasetReader.isArff(f))
                        .filter(f -> !f.toString().contains("FuzzTestInputs"))
                        .sorted()
                        .forEach(fixtures::add);
            }
        }
        assertThat(fixtures).hasSizeGreaterThan(30);
        for (Path fixture : fixtures) {
            assertSameTraining(DEFAULTS, fixture.toAbsolutePath());
        }
    }

    @Test
    void csvEdgeCasesReadAsTheReferenceReaderReadsThem() throws IOException {
        assertSameTraining(
                DEFAULTS,
                write(
                        "quoted.csv",
                        "name,\"note, quoted\",class\n\"a, b\",\"line one\nline two\",yes\n"
                                + "\"say \"\"hi\"\"\",  \"  spaced  \"  ,no\n  plain  ,\"\",yes\nc,d,no\n"));
        assertSameTraining(DEFAULTS, write("crlf.csv", "x,y,class\r\n1,2,a\r\n\r\n3,4,b\r\n5,,a\r\n"));
        assertSameTraining(DEFAULTS, write("cr.csv", "x,y,class\r1,2,a\r3,4,b\r"));
        assertSameTraining(DEFAULTS, write("bom.csv", "\uFEFFx,class\n1,a\n2,b\n"));
        assertSameTraining(DEFAULTS, write("trailing.csv", "x,class\n1,a\n2,b\n\n   \n"));
        assertSameTraining(DEFAULTS, write("no-newline.csv", "x,class\n1,a\n2,b"));
        assertSameTraining(DEFAULTS, write("numbers.csv", """
                x,class
                1e5,a
                -0,b
                .5,a
                5.,b
                +3,a
                NaN,b
                NA,a
                ?,b
                ,a
                123456789012345678901234567890.123456789,b
                0.1000000000000000055511151231257827021181583404541015625,a
                1e-400,b
                4.9e-324,a
                1.7976931348623157e308,b
                -1.234567,a
                0x1p3,b
                00012.5000,a
                """));
        assertSameTraining(DEFAULTS, write("integer-class.csv", "x,class\n1,1\n2,0\n3,NA\n4,1\n"));
        assertSameTraining(DEFAULTS, write("text.csv", textCsv(40)));
        assertSameTraining(DEFAULTS, write("unicode.csv", "name,class\ncafé,a\nnaïve,b\n\"é, è\",a\n日本,b\n"));
        assertSameTraining(
                new ReadOptions("x", Map.of("x", AttributeType.NOMINAL, "class", AttributeType.STRING)),
                write("override.csv", "x,class\n1.0,a b\n1,c d\n2,a b\n"));
        // errors: the same messages
        assertSameTraining(DEFAULTS, write("stray.csv", "x,class\n" + "1,a\n".repeat(200) + "oops,b\n"));
        assertSameTraining(DEFAULTS, write("fields.csv", "x,class\n1,a\n2,b,c\n"));
        assertSameTraining(DEFAULTS, write("unclosed.csv", "x,class\n1,a\n\"2,b\n3,c\n"));
        assertSameTraining(DEFAULTS, write("after-quote.csv", "x,class\n1,a\n\"2\"x,b\n"));
        assertSameTraining(DEFAULTS, write("header.csv", "x;y;class\n1;2;3\n"));
        assertSameTraining(DEFAULTS, write("dup.csv", "x,x\n1,2\n"));
        assertSameTraining(DEFAULTS, write("noname.csv", "x,,c\n1,2,3\n"));
        assertSameTraining(DEFAULTS, write("only-header.csv", "x,class\n"));
    }

    private static String textCsv(int rows) {
        StringBuilder text = new StringBuilder("id,comment,class\n");
        for (int i = 0; i < rows; i++) {
            text.append(i)
                    .append(",\"words number ")
                    .append(i)
                    .append(" here\",")
                    .append(i % 2 == 0 ? "a" : "b");
            text.append('\n');
        }
        return text.toString();
    }

    @Test
    void arffEdgeCasesReadAsWekaReadsThem() throws IOException {
        String header = """
                % a comment
                @relation 'edge cases'
                @attribute x numeric
                @attribute 'the colour' {red,'dark green',blue}
                @attribute note string
                @attribute class {yes,no}
                @data
                """;
        assertSameTraining(DEFAULTS, write("edge.arff", header + """
                1.5,red,hello,yes
                % a comment line

                2, 'dark green' , "quoted, note" ,no
                ?,blue,?,yes
                3,red,x,no,{2.5}
                {0 7, 3 no}
                -0,blue,tail,no % trailing comment
                4\tred\tnote\tyes
                1e5,red,last,no"""));
        assertSameTraining(
                DEFAULTS, write("crlf.arff", header.replace("\n", "\r\n") + "1,red,a,yes\r\n2,blue,b,no\r\n"));
        assertSameTraining(
                DEFAULTS, write("upper.arff", "@RELATION r\n@ATTRIBUTE x REAL\n@ATTRIBUTE c {a,b}\n@DATA\n1,a\n2,b\n"));
        // errors, with Weka's messages and line numbers
        assertSameTraining(DEFAULTS, write("bad-number.arff", header + "1,red,a,yes\nabc,red,a,yes\n"));
        assertSameTraining(DEFAULTS, write("bad-label.arff", header + "1,red,a,yes\n2,pink,a,yes\n"));
        assertSameTraining(DEFAULTS, write("short.arff", header + "1,red,a,yes\n2,red\n"));
        assertSameTraining(DEFAULTS, write("long.arff", header + "1,red,a,yes\n2,red,a,yes,extra\n"));
        assertSameTraining(DEFAULTS, write("comment.arff", header + "1,red,a,yes\n2,red,a % yes\n3,red,a,no\n"));
        assertSameTraining(DEFAULTS, write("short-last.arff", header + "1,red,a,yes\n2,red"));
        assertSameTraining(DEFAULTS, write("date.arff", "@relation r\n@attribute d date\n@attribute c {a,b}\n@data\n"));
    }

    // ---------------------------------------------------------------- fallback

    @Test
    void aFreeTextColumnWithTooManyValuesForANominalOneIsReadAsString() throws IOException {
        Path file = write("many.csv", textCsv(DatasetReader.MAX_NOMINAL_VALUES + 5));
        DatasetReader reader = reader();
        assertThat(reader.readTraining(List.of(file), DEFAULTS, "trainingData")
                        .schema()
                        .attributes()
                        .get(1)
                        .type())
                .isEqualTo(AttributeType.STRING);
        assertSame(
                reference().readTraining(List.of(file), DEFAULTS, "trainingData"),
                reader.readTraining(List.of(file), DEFAULTS, "trainingData"));
    }

    @Test
    void nonAsciiWhitespaceAtAFieldEdgeIsStrippedAsStringStripDoes() throws IOException {
        Path file = write("ideographic.csv", "x,class\n1,\u3000a\n2,b\n");
        DatasetReader reader = reader();
        assertSame(
                reference().readTraining(List.of(file), DEFAULTS, "trainingData"),
                reader.readTraining(List.of(file), DEFAULTS, "trainingData"));
    }

    @Test
    void invalidUtf8IsReportedWithItsLineAndColumn() throws IOException {
        byte[] latin1 = "x,class\n1,caf\u00e9\n2,b\n".getBytes(StandardCharsets.ISO_8859_1);
        Path file = write("latin1.csv", latin1);
        assertThatThrownBy(() -> reader().readTraining(List.of(file), DEFAULTS, "trainingData"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("latin1.csv line 2, column 6: byte 0xE9 is not valid UTF-8");
    }

    // ---------------------------------------------------------------- errors near the end of big files

    @Test
    void aMalformedRowNearTheEndOfABigFileIsReportedWithItsLine() throws IOException {
        int rows = 150_000;
        StringBuilder csv = new StringBuilder("x,y,class\n");
        for (int i = 0; i < rows; i++) {
            csv.append(i).append('.').append(i % 7).append(",").append(i % 3).append(i % 2 == 0 ? ",a\n" : ",b\n");
        }
        Path wrongCount = write("wrong-count.csv", csv + "1,2\n");
        Path unclosed = write("unclosed.csv", csv + "1,\"2,a\n");
        DatasetReader reader = reader();
        int line = rows + 2;
        assertThatThrownBy(() -> reader.readTraining(List.of(wrongCount), DEFAULTS, "trainingData"))
                .hasMessage("wrong-count.csv line " + line
                        + ": 2 fields, but the header row has 3 columns; quote values that contain commas, or fix"
                        + " the row");
        assertThatThrownBy(() -> reader.readTraining(List.of(unclosed), DEFAULTS, "trainingData"))
                .hasMessageStartingWith("unclosed.csv line " + line + ": a quoted field opened on line " + line);
        Dataset training = reader.readTraining(List.of(write("train.csv", csv.toString())), DEFAULTS, "t");
        Path badNumber = write("bad-number.csv", csv + "1,two,a\n");
        assertThatThrownBy(() -> reader.readWithSchema(List.of(badNumber), training.schema(), "testData"))
                .hasMessageStartingWith(
                        "bad-number.csv line " + line + ", column 'y' (field 2): 'two' is not a number");

        StringBuilder arff = new StringBuilder("@relation r\n@attribute x numeric\n@attribute c {a,b}\n@data\n");
        for (int i = 0; i < rows; i++) {
            arff.append(i).append(".5,").append(i % 2 == 0 ? "a\n" : "b\n");
        }
        Path badArff = write("bad.arff", arff + "x1,a\n");
        RuntimeException reference = null;
        try {
            reference().readTraining(List.of(badArff), DEFAULTS, "trainingData");
        } catch (RuntimeException e) {
            reference = e;
        }
        assertThat(reference).isNotNull();
        assertThat(reference.getMessage()).contains("line " + (rows + 5));
        RuntimeException expected = reference;
        assertThatThrownBy(() -> reader.readTraining(List.of(badArff), DEFAULTS, "trainingData"))
                .hasMessage(expected.getMessage());
    }

    // ---------------------------------------------------------------- files that change while read

    @Test
    void aFileThatGrowsWhileItIsReadIsReported() throws IOException {
        for (String name : List.of("grows.csv", "grows.arff")) {
            Path file = name.endsWith(".csv")
                    ? write(name, "x,class\n1,a\n2,b\n")
                    : write(name, "@relation r\n@attribute x numeric\n@attribute c {a,b}\n@data\n1,a\n2,b\n");
            long size = Files.size(file);
            DatasetReader reader = reader();
            boolean[] appended = {false};
            reader.chunkListener((path, bytesSoFar) -> {
                if (!appended[0]) {
                    appended[0] = true;
                    Files.writeString(path, "3,a\n", StandardOpenOption.APPEND);
                }
            });
            assertThatThrownBy(() -> reader.readTraining(List.of(file), DEFAULTS, "trainingData"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(name + " changed while it was being read (size " + size
                            + " bytes when opened, " + (size + 4) + " now); ");
        }
    }

    @Test
    void aFileThatShrinksWhileItIsReadIsReported() throws IOException {
        StringBuilder csv = new StringBuilder("x,class\n");
        while (csv.length() < 3 * ChunkedInput.CHUNK) {
            csv.append("1.5,a\n2.5,b\n");
        }
        Path file = write("shrinks.csv", csv.toString());
        long size = Files.size(file);
        DatasetReader reader = reader();
        reader.chunkListener((path, bytesSoFar) -> {
            if (bytesSoFar == ChunkedInput.CHUNK) {
                try (var channel = java.nio.channels.FileChannel.open(path, StandardOpenOption.WRITE)) {
                    channel.truncate(2L * ChunkedInput.CHUNK);
                }
            }
        });
        assertThatThrownBy(() -> reader.readWithSchema(
                        List.of(file),
                        new Schema(
                                List.of(
                                        new AttributeSpec("x", AttributeType.NUMERIC, List.of()),
                                        new AttributeSpec("class", AttributeType.NOMINAL, List.of("a", "b"))),
                                "class"),
                        "testData"))
                .hasMessageStartingWith("shrinks.csv changed while it was being read (size " + size
                        + " bytes when opened, " + 2L * ChunkedInput.CHUNK + " now); ");
    }

    // ---------------------------------------------------------------- streaming

    @Test
    void streamingCountsRowsWithoutKeepingThemAndReportsTheSinksErrors() throws IOException {
        StringBuilder csv = new StringBuilder("x,colour,class\n");
        for (int i = 0; i < 50_000; i++) {
            csv.append(i * 0.25).append(i % 3 == 0 ? ",red," : ",blue,").append(i % 2 == 0 ? "yes\n" : "no\n");
        }
        Path file = write("stream.csv", csv.toString());
        DatasetReader reader = reader();
        Schema schema = reader.trainingSchema(List.of(file), DEFAULTS, "trainingData");
        assertThat(schema.attributeNames()).isEqualTo("x, colour, class");
        assertThat(schema.attributes().get(1).values()).containsExactly("red", "blue");
        long[] count = {0};
        List<DataFile> files = reader.stream(List.of(file), schema, "trainingData", (values, weight) -> count[0]++);
        assertThat(count[0]).isEqualTo(50_000);
        assertThat(files.get(0).rows()).isEqualTo(50_000);
        assertThat(files.get(0).sha256()).isEqualTo(io.github.mlmaven.runtime.Sha256.ofFile(file));

        IllegalStateException unchecked = new IllegalStateException("full");
        assertThatThrownBy(() -> reader.stream(List.of(file), schema, "trainingData", (values, weight) -> {
                    throw unchecked;
                }))
                .isSameAs(unchecked);
        assertThatThrownBy(() -> reader.stream(List.of(file), schema, "trainingData", (values, weight) -> {
                    if (values[0] == 2.5) {
                        throw new Exception("cannot update the model");
                    }
                }))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("stream.csv line 12")
                .hasMessageContaining("cannot update the model");
    }

    @Test
    void streamingRefusesStringAttributes() throws IOException {
        Path file = write("text.csv", textCsv(40));
        DatasetReader reader = reader();
        Schema schema = reader.trainingSchema(List.of(file), DEFAULTS, "trainingData");
        assertThatThrownBy(() -> reader.stream(List.of(file), schema, "trainingData", (values, weight) -> {}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("streaming does not support string attributes");
    }

    // ---------------------------------------------------------------- ARFF data parsed in parallel blocks

    interface Check {
        void run() throws IOException;
    }

    /** Runs {@code check} as it is, then with the parallel path forced on in blocks of each of {@code blockBytes}. */
    static void sequentiallyAndInBlocks(Check check, int... blockBytes) throws IOException {
        check.run();
        for (int bytes : blockBytes) {
            inBlocks(bytes, check);
        }
    }

    /** Runs with the parallel ARFF path forced on, in blocks of about {@code bytes} bytes. */
    static void inBlocks(int bytes, Check check) throws IOException {
        ReadTuning before = tuning;
        tuning = ReadTuning.DEFAULTS
                .withParallelMinBytes(0)
                .withBlockBytes(bytes)
                .withParallelThreads(3);
        try {
            check.run();
        } finally {
            tuning = before;
        }
    }

    private static String numericArff(int rows, Map<Integer, String> replaced) {
        StringBuilder arff = new StringBuilder(
                "@relation r\n@attribute x numeric\n@attribute y numeric\n@attribute c {a,b,'c d'}\n@data\n");
        for (int i = 0; i < rows; i++) {
            String row = replaced.get(i);
            if (row == null) {
                row = (i * 0.37) + "," + (i % 5 == 0 ? "?" : String.valueOf(i)) + "," + (i % 2 == 0 ? "a" : "b");
            }
            arff.append(row).append('\n');
        }
        return arff.toString();
    }

    @Test
    void fixturesReadInSmallParallelBlocksAsTheReferenceReaderReadsThem() throws IOException {
        List<Path> fixtures = new ArrayList<>();
        for (Path root : List.of(Path.of("src/test/resources"), Path.of("../src-it"))) {
            try (Stream<Path> files = Files.walk(root)) {
                // the fuzz tests' seeds include malformed files whose errors the single-pass reader words better
                files.filter(f -> DatasetReader.isCsv(f) || DatasetReader.isArff(f))
                        .filter(f -> !f.toString().contains("FuzzTestInputs"))
                        .sorted()
                        .forEach(fixtures::add);
            }
        }
        assertThat(fixtures).hasSizeGreaterThan(30);
        String header = "@relation r\n@attribute x numeric\n@attribute 'the colour' {red,'dark green',blue}\n"
                + "@attribute class {yes,no}\n@data\n";
        String unusual = header + """
                1.5,red,yes
                % a comment line

                2, 'dark green' ,no
                ?,blue,yes
                3,red,no,{2.5}
                {0 7, 2 no}
                -0,blue,no % trailing comment
                4\tred\tyes
                1e5,red,no""";
        Path generated = write("generated.arff", numericArff(3000, Map.of(7, "1,a,b,{3}", 900, "{0 2, 2 'c d'}")));
        Path edges = write("edges.arff", unusual);
        Path crlf = write("crlf.arff", unusual.replace("\n", "\r\n"));
        Path cr = write("cr.arff", unusual.replace("\n", "\r"));
        Path mixed =
                write("mixed.arff", unusual.replace("red,yes\n", "red,yes\r\n").replace("no\n", "no\r"));
        for (int bytes : new int[] {1, 7, 64, 1000}) {
            inBlocks(bytes, () -> {
                for (Path fixture : fixtures) {
                    assertSameTraining(DEFAULTS, fixture.toAbsolutePath());
                }
                for (Path file : List.of(generated, edges, crlf, cr, mixed)) {
                    assertSameTraining(DEFAULTS, file);
                }
            });
        }
    }

    @Test
    void plainLinesReadInOnePassAsWekaReadsThem() throws IOException {
        // no string attribute, so lines take the one-pass path where they can; the rest fall back to the general one
        String header = "@relation r\n@attribute x numeric\n@attribute y real\n"
                + "@attribute c {a,b,'c d',gr\u00fcn}\n@data\n";
        String lines = """
                1.5,2,a
                1.5 , 2 ,b
                \t-0,+.5,a\t
                1,,2,a
                ,1,2,a
                1,2,a,
                1e5,1E-3,b
                -.25,1e+2,b
                ?,?,?
                ?,1,a
                1,2,a%c
                1,2,a % c
                1,2,'c d'
                1,2,gr\u00fcn
                1d,2,a
                NaN,2,a
                1,2,a,{3}
                {0 4, 2 b}
                0.12345678901234567890,2,a
                123456789012345678901,2,a

                % comment
                7,8,b""";
        Path plain = write("plain.arff", header + lines);
        List<Path> bad = new ArrayList<>();
        for (String line : List.of(
                "?x,1,a",
                "1.2.3,1,a",
                "1-2,a",
                "1.5.5,a",
                "1e,1,a",
                "0x10,1,a",
                "1,2,c d",
                "1,2%c,a",
                "1,2,pink",
                "1,2",
                "1,2,a,b")) {
            bad.add(write("bad-" + bad.size() + ".arff", header + "1,2,a\n" + line + "\n3,4,b\n"));
        }
        sequentiallyAndInBlocks(
                () -> {
                    assertSameTraining(DEFAULTS, plain);
                    for (Path file : bad) {
                        assertSameTraining(DEFAULTS, file);
                    }
                },
                7);
    }

    @Test
    void inParallelBlocksTheFirstMalformedRowOfTheFileIsReported() throws IOException {
        // malformed rows in different blocks: a bad number late, a short row earlier, a bad label in between
        Path bad = write("bad.arff", numericArff(5000, Map.of(4000, "x1,2,a", 1200, "1,2", 2500, "1,2,pink")));
        DatasetReader reader = reader();
        RuntimeException reference = null;
        try {
            reference().readTraining(List.of(bad), DEFAULTS, "trainingData");
        } catch (RuntimeException e) {
            reference = e;
        }
        assertThat(reference).isNotNull();
        // Weka names the line after a short row (row 1200 is on line 1206)
        assertThat(reference.getMessage()).contains("line " + (1200 + 7));
        String expected = reference.getMessage();
        for (int bytes : new int[] {1, 100, 4096}) {
            inBlocks(bytes, () -> {
                assertThatThrownBy(() -> reader().readTraining(List.of(bad), DEFAULTS, "trainingData"))
                        .hasMessage(expected);
                assertSameTraining(DEFAULTS, bad);
            });
        }
        // a label the training data never had: the message counts data rows across blocks
        Path train = write("train.arff", numericArff(10, Map.of()));
        Schema schema =
                reader.readTraining(List.of(train), DEFAULTS, "trainingData").schema();
        Path test = write(
                "test.arff",
                numericArff(3000, Map.of(2999, "1,2,c", 2100, "1,2,'c d'")).replace("{a,b,'c d'}", "{a,b,'c d',c}"));
        Schema narrower = new Schema(
                List.of(
                        schema.attributes().get(0),
                        schema.attributes().get(1),
                        new AttributeSpec("c", AttributeType.NOMINAL, List.of("a", "b"))),
                schema.classAttribute());
        RuntimeException referenceTest = null;
        try {
            reference().readWithSchema(List.of(test), narrower, "testData");
        } catch (RuntimeException e) {
            referenceTest = e;
        }
        assertThat(referenceTest).isNotNull();
        assertThat(referenceTest.getMessage()).contains("data row 2101");
        String expectedTest = referenceTest.getMessage();
        inBlocks(
                50,
                () -> assertThatThrownBy(() -> reader().readWithSchema(List.of(test), narrower, "testData"))
                        .hasMessage(expectedTest));
    }

    @Test
    void inParallelBlocksStreamedRowsArriveInFileOrderOnTheCallingThread() throws IOException {
        Path file = write("stream.arff", numericArff(20_000, Map.of(5, "1,2,a,{0.5}")));
        DatasetReader reader = reader();
        Schema schema = reader.trainingSchema(List.of(file), DEFAULTS, "trainingData");
        inBlocks(333, () -> {
            DatasetReader inBlocks = reader();
            Thread caller = Thread.currentThread();
            List<double[]> rows = new ArrayList<>();
            List<Double> weights = new ArrayList<>();
            inBlocks.stream(List.of(file), schema, "trainingData", (values, weight) -> {
                assertThat(Thread.currentThread()).isSameAs(caller);
                rows.add(values);
                weights.add(weight);
            });
            assertThat(rows).hasSize(20_000);
            for (int i = 0; i < rows.size(); i++) {
                if (i != 5) {
                    assertThat(rows.get(i)[0]).as("row %d", i).isEqualTo(i * 0.37);
                }
                assertThat(weights.get(i)).isEqualTo(i == 5 ? 0.5 : 1.0);
            }
            // the sink's error names the row's line
            assertThatThrownBy(() -> inBlocks.stream(List.of(file), schema, "trainingData", (values, weight) -> {
                        if (values[0] == 12_345 * 0.37) {
                            throw new Exception("cannot update the model");
                        }
                    }))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("stream.arff line " + (12_345 + 6) + ":");
        });
    }
}
