package io.github.mlmaven.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A quoted field never closed makes the rest of a CSV file one row. The reader stops at a row size limit with the
 * row's line, instead of growing one array with the rest of the file (past 1 GB, an array Java cannot allocate).
 */
class RowTooLongTest {
    @TempDir
    Path dir;

    /** The buffer starts at 1 MB and doubles: 4 MB is reached on the way. */
    private static final ReadTuning SMALL_LIMIT = ReadTuning.DEFAULTS.withMaxRowBytes(4 << 20);

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    /** A CSV whose line 3 opens a quote that no later line closes, followed by about 12 MB of rows. */
    private Path unclosedQuote(String name) throws IOException {
        Path file = dir.resolve(name);
        try (Writer out = Files.newBufferedWriter(file)) {
            out.write("amount,city,class\n1.5,Paris,good\n2.5,\"Lyon,bad\n");
            for (int i = 0; i < 400_000; i++) {
                out.write(i + ".25,Nice,good\n");
            }
        }
        return file;
    }

    @Test
    void trainingDataWithAQuoteNeverClosedFailsWithTheRowsLine() throws IOException {
        Path file = unclosedQuote("train.csv");

        Throwable error = catchThrowable(() -> new DatasetReader(dir, MlLog.SILENT, SMALL_LIMIT)
                .readTraining(List.of(file), new ReadOptions("class", Map.of()), "trainingData"));

        assertThat(error)
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("train.csv line 3: the row starting on this line runs on for more than 4 MB; a quoted"
                        + " field that is never closed makes the rest of the file one value: close it with a double"
                        + " quote (\"), or fix the row");
    }

    @Test
    void aShortFileWithTheSameQuoteGetsTheReferenceReadersWording() throws IOException {
        // below the limit nothing changes: the row ends with the file, as the reference reader words it
        Path file = dir.resolve("short.csv");
        Files.writeString(file, "amount,city,class\n1.5,Paris,good\n2.5,\"Lyon,bad\n3.5,Nice,good\n");

        Throwable error = catchThrowable(() -> new DatasetReader(dir, MlLog.SILENT, SMALL_LIMIT)
                .readTraining(List.of(file), new ReadOptions("class", Map.of()), "trainingData"));

        assertThat(error).hasMessageContaining("short.csv line 3").hasMessageContaining("is never closed");
    }

    @Test
    void testDataWithAQuoteNeverClosedFailsWithTheRowsLineToo() throws IOException {
        Path train = dir.resolve("schema.csv");
        Files.writeString(train, "amount,city,class\n1.5,Paris,good\n2.5,Lyon,bad\n3.5,Nice,good\n");
        DatasetReader reader = new DatasetReader(dir, MlLog.SILENT, SMALL_LIMIT);
        Schema schema = reader.readTraining(List.of(train), new ReadOptions("class", Map.of()), "trainingData")
                .schema();
        Path file = unclosedQuote("test.csv");

        Throwable error = catchThrowable(() -> reader.readWithSchema(List.of(file), schema, "testData"));

        assertThat(error)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("test.csv line 3: the row starting on this line runs on for more than 4 MB");
    }
}
