package io.github.mlmaven.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.core.converters.ArffLoader;

/**
 * Malformed data files end in an {@link InvalidInputException} that names the file and the line (and the column where
 * there is one), in every way a file is read: for training, against a known schema, and streamed. Never a hang, a full
 * heap, another exception type, or a value read differently from what the file says.
 */
class MalformedDataTest {
    private static final ReadOptions DEFAULTS = new ReadOptions(null, Map.of());
    private static final String HEADER = "@relation r\n@attribute a numeric\n@attribute c {x,y}\n@data\n";

    @TempDir
    Path dir;

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    private DatasetReader reader() {
        return new DatasetReader(dir, MlLog.SILENT);
    }

    private ReferenceDatasetReader reference() {
        return new ReferenceDatasetReader(dir, MlLog.SILENT);
    }

    private Path write(String name, String content) throws IOException {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    /** The error of reading {@code file} for training, within a few seconds (a hang fails the test). */
    private AbstractThrowableAssert<?, ? extends Throwable> trainingError(Path file) {
        Throwable[] thrown = new Throwable[1];
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try {
                reader().readTraining(List.of(file), DEFAULTS, "trainingData");
            } catch (Throwable t) {
                thrown[0] = t;
            }
        });
        return assertThat(thrown[0]).as("error of %s", file.getFileName()).isInstanceOf(InvalidInputException.class);
    }

    /** The errors of reading {@code file} against the schema of {@code training}, in memory and streamed. */
    private List<Throwable> testErrors(Path file, Path training) {
        Schema schema = reader().trainingSchema(List.of(training), DEFAULTS, "trainingData");
        List<Throwable> errors = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try {
                reader().readWithSchema(List.of(file), schema, "testData");
            } catch (Throwable t) {
                errors.add(t);
            }
            try {
                reader().stream(List.of(file), schema, "testData", (values, weight) -> {});
            } catch (Throwable t) {
                errors.add(t);
            }
        });
        return errors;
    }

    @Test
    void anArffHeaderCutOffAfterAnAttributeLineIsAnErrorNotAHang() throws IOException {
        Path file = write("t.arff", "@relation r\n@attribute a numeric\n@attribute b numeric");
        trainingError(file)
                .hasMessageStartingWith("t.arff line 3: not a valid ARFF file")
                .hasMessageContaining("@data");
        assertThatThrownBy(() -> reader().trainingSchema(List.of(file), DEFAULTS, "trainingData"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("t.arff line 3");
    }

    @Test
    void aNominalListNeverClosedIsAnErrorNotAFullHeap() throws IOException {
        trainingError(write("t.arff", "@relation r\n@attribute a numeric\n@attribute c {x,y"))
                .hasMessageStartingWith("t.arff line 3: not a valid ARFF file");
        trainingError(write("u.arff", "@relation r\n@attribute a numeric\n@attribute c {x,y\n@data\n1,x\n"))
                .hasMessageStartingWith("u.arff")
                .hasMessageContaining("line 4");
    }

    @Test
    void theReferenceReaderRefusesAHeaderWithoutDataAsTheSinglePassReaderDoes() throws IOException {
        Path file = write("t.arff", "@relation r\n@attribute a numeric\n@attribute c {x,y");
        assertTimeoutPreemptively(
                Duration.ofSeconds(20),
                () -> assertThatThrownBy(() -> reference().readTraining(List.of(file), DEFAULTS, "trainingData"))
                        .isInstanceOf(InvalidInputException.class)
                        .hasMessageStartingWith(
                                "t.arff line 3: not a valid ARFF file: the file ends without an @data"));
    }

    @Test
    void wekaAskingForMoreAtTheEndOfTheTextIsStoppedWithTheLine() {
        // Weka's header parser asks again and again at the end of an unclosed list, adding a label each time
        ArffGuard guard =
                new ArffGuard(new StringReader("@relation r\n@attribute a numeric\n@attribute c {x,y"), "t.arff");
        assertTimeoutPreemptively(
                Duration.ofSeconds(20),
                () -> assertThatThrownBy(() -> new ArffLoader.ArffReader(guard))
                        .isInstanceOf(ArffGuard.UnexpectedEnd.class)
                        .hasMessageStartingWith("t.arff line 3: not a valid ARFF file: it ends inside the header"));
    }

    @Test
    void duplicateAttributeNamesNameBothLines() throws IOException {
        trainingError(write(
                        "t.arff",
                        "@relation r\n@attribute age numeric\n@attribute age numeric\n"
                                + "@attribute c {x,y}\n@data\n1,2,x\n3,4,y\n"))
                .hasMessage("t.arff line 3: attribute name 'age' is declared twice (first on line 2); attribute names"
                        + " must be unique: rename or remove one");
    }

    @Test
    void duplicateNominalLabelsNameTheFileAndLine() throws IOException {
        trainingError(write("t.arff", "@relation r\n@attribute a numeric\n@attribute c {a,a,b}\n@data\n1,a\n3,b\n"))
                .hasMessageStartingWith("t.arff line 3: not a valid ARFF file")
                .hasMessageContaining("duplicate labels (a)");
    }

    @Test
    void aWeightCutOffAfterItsBraceIsAnErrorNamingTheLine() throws IOException {
        trainingError(write("t.arff", HEADER + "1,x,{\n3,y\n"))
                .hasMessageStartingWith("t.arff line 5: not a valid ARFF file")
                .hasMessageContaining("{number}");
    }

    @Test
    void aWeightThatIsNotANumberIsRefusedNotReadAsOne() throws IOException {
        trainingError(write("t.arff", HEADER + "1,x\n3,y,{abc}\n")).hasMessageStartingWith("t.arff line 6");
    }

    @Test
    void extraValuesOnAnArffRowAreRefusedNotDropped() throws IOException {
        String header = "@relation r\n@attribute a numeric\n@attribute b {x,y}\n@attribute c numeric\n"
                + "@attribute d {x,y}\n@data\n";
        Path file = write("t.arff", header + "3,x,4,y\n2,y,7,x,8,y,9\n3,x,4,y\n");
        trainingError(file)
                .hasMessageStartingWith(
                        "t.arff line 8: not a valid ARFF file: the row has text after its 4" + " values");
        Path training = write("train.arff", header + "3,x,4,y\n2,y,7,x\n");
        assertThat(testErrors(file, training))
                .hasSize(2)
                .allSatisfy(e ->
                        assertThat(e).isInstanceOf(InvalidInputException.class).hasMessageContaining("t.arff line 8"));
    }

    @Test
    void invalidUtf8InAnArffFileIsRefusedWithLineAndColumn() throws IOException {
        byte[] latin1 = (HEADER.replace("@data", "@attribute s string\n@data") + "1,x,ok\n3,y,caf\u00e9\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        trainingError(write("t.arff", latin1))
                .hasMessageStartingWith("t.arff line 7, column 8: byte 0xE9 is not valid UTF-8");
        byte[] inHeader = "@relation caf\u00e9\n@attribute a numeric\n@attribute c {x,y}\n@data\n1,x\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        trainingError(write("h.arff", inHeader)).hasMessageStartingWith("h.arff line 1, column 14: byte 0xE9");
    }

    @Test
    void invalidUtf8InATestCsvIsRefusedWithLineAndColumnWhenStreamedToo() throws IOException {
        Path training = write("train.csv", "a,c\n1,x\n2,y\n");
        Path test = write("test.csv", "a,c\n1,x\n2,\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(testErrors(test, training))
                .hasSize(2)
                .allSatisfy(e -> assertThat(e)
                        .isInstanceOf(InvalidInputException.class)
                        .hasMessageStartingWith("test.csv line 3, column 3: byte 0xE9 is not valid UTF-8"));
    }

    @Test
    void aCsvNumberBeyondTheRangeOfDoublesIsRefusedNotReadAsInfinity() throws IOException {
        trainingError(write("t.csv", "a,c\n1,x\n1e99999,y\n2,x\n"))
                .hasMessageStartingWith("t.csv line 3, column 'a': '1e99999' is out of the range of numbers");
        Path training = write("train.csv", "a,c\n1,x\n2,y\n");
        assertThat(testErrors(write("test.csv", "a,c\n1,x\n-1e400,y\n"), training))
                .hasSize(2)
                .allSatisfy(e -> assertThat(e)
                        .isInstanceOf(InvalidInputException.class)
                        .hasMessageStartingWith("test.csv line 3, column 'a' (field 1): '-1e400' is out of the range"));
    }

    @Test
    void aHugeNumberInAnArffFileIsRefusedToo() throws IOException {
        trainingError(write("t.arff", HEADER + "1,x\n1e400,y\n"))
                .hasMessageStartingWith("t.arff line 6, attribute 'a': a number is out of the range of numbers");
    }

    @Test
    void aHugeNumberInANominalCsvColumnStaysALabel() throws IOException {
        Dataset data = reader().readTraining(
                        List.of(write("t.csv", "code,c\nA1,x\n1e99999,y\nB2,x\n")), DEFAULTS, "trainingData");
        assertThat(data.instances().attribute("code").isNominal()).isTrue();
        assertThat(data.instances().instance(1).stringValue(0)).isEqualTo("1e99999");
    }

    @Test
    void messagesQuoteOnlyAnExcerptOfAHugeField() throws IOException {
        String huge = "z".repeat(100_000);
        Path training = write("train.csv", "a,c\n1,x\n2,y\n");
        assertThat(testErrors(write("test.csv", "a,c\n1,x\n" + huge + ",y\n"), training))
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.getMessage())
                        .hasSizeLessThan(400)
                        .contains("z".repeat(ArffGuard.EXCERPT) + "… (100000 characters)"));
        // a stray text among many numbers, and a label unknown to the training data
        trainingError(write("t.csv", "a,c\n" + "1,x\n2,y\n".repeat(100) + huge + ",x\n"))
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(600).contains("z".repeat(60) + "…"));
        assertThat(testErrors(write("label.csv", "a,c\n1," + huge + "\n"), training))
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.getMessage()).hasSizeLessThan(600).contains("z".repeat(60) + "…"));
    }

    @Test
    void aMissingValueMarkerInATextColumnOfTestDataIsAnUnknownLabelNotAMissingClass() throws IOException {
        Path training = write("train.csv", "x,class\n1,yes\n2,no\n");
        assertThat(testErrors(write("test.csv", "x,class\n1,yes\n2,NA\n"), training))
                .hasSize(2)
                .allSatisfy(e -> assertThat(e)
                        .isInstanceOf(InvalidInputException.class)
                        .hasMessageStartingWith("test.csv line 3, column 'class' (field 2): value 'NA' never appears"));
        // in a column of integers read as nominal, NA stays a missing value
        Path integers = write("integers.csv", "x,class\n1,0\n2,1\n");
        Schema schema = reader().trainingSchema(List.of(integers), DEFAULTS, "trainingData");
        Dataset test = reader().readWithSchema(List.of(write("t.csv", "x,class\n1,NA\n")), schema, "testData");
        assertThat(test.instances().instance(0).isMissing(1)).isTrue();
    }
}
