package io.github.mlmaven.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of the CSV readers, seeded with the repository's CSV files and the mutants that once
 * crashed a build or changed a value (src/test/resources/.../CsvReaderFuzzTestInputs). In a plain test run only the
 * seeds are read; .ci/fuzz.sh fuzzes each method for a time budget. Weka's CSVLoader infers types by rules of its
 * own, so the single-pass reader is held to the reference reader, which docs/data.md describes.
 */
class CsvReaderFuzzTest {
    private static final ReaderFuzzing FUZZ = new ReaderFuzzing();
    /** The schema of the weather CSV that the seeds of the known-schema and streamed reads share. */
    private static final Schema WEATHER = FUZZ.reader()
            .trainingSchema(
                    List.of(FUZZ.write(
                            "weather.csv",
                            ("outlook,temperature,humidity,windy,play\nsunny,85,85,FALSE,no\n"
                                            + "overcast,83,86,FALSE,yes\nrainy,70,96,FALSE,yes\n")
                                    .getBytes(StandardCharsets.UTF_8))),
                    ReaderFuzzing.DEFAULTS,
                    "trainingData");

    @FuzzTest(maxDuration = "30s")
    void trainingRead(byte[] data) {
        Path file = FUZZ.write("fuzz.csv", data);
        Dataset read = FUZZ.read(
                file, () -> FUZZ.reader().readTraining(List.of(file), ReaderFuzzing.DEFAULTS, "trainingData"));
        if (read == null) {
            return;
        }
        Dataset reference = FUZZ.read(
                file, () -> FUZZ.reference().readTraining(List.of(file), ReaderFuzzing.DEFAULTS, "trainingData"));
        if (reference != null) {
            assertThat(read.schema()).isEqualTo(reference.schema());
            assertThat(ReaderFuzzing.rows(read.instances())).isEqualTo(ReaderFuzzing.rows(reference.instances()));
        }
    }

    @FuzzTest(maxDuration = "30s")
    void readWithKnownSchema(byte[] data) {
        Path file = FUZZ.write("fuzz.csv", data);
        Dataset read = FUZZ.read(file, () -> FUZZ.reader().readWithSchema(List.of(file), WEATHER, "testData"));
        if (read == null) {
            return;
        }
        Dataset reference = FUZZ.read(file, () -> FUZZ.reference().readWithSchema(List.of(file), WEATHER, "testData"));
        if (reference != null) {
            assertThat(ReaderFuzzing.rows(read.instances())).isEqualTo(ReaderFuzzing.rows(reference.instances()));
        }
    }

    @FuzzTest(maxDuration = "30s")
    void streamedRead(byte[] data) {
        Path file = FUZZ.write("fuzz.csv", data);
        List<double[]> rows = new ArrayList<>();
        List<DataFile> streamed = FUZZ.read(
                file,
                () -> FUZZ.reader().stream(List.of(file), WEATHER, "testData", (values, weight) -> {
                    rows.add(values);
                }));
        if (streamed == null) {
            return;
        }
        Dataset held = FUZZ.read(file, () -> FUZZ.reader().readWithSchema(List.of(file), WEATHER, "testData"));
        if (held != null) {
            assertThat(rows).hasSize(held.instances().numInstances());
            for (int r = 0; r < rows.size(); r++) {
                assertThat(rows.get(r)).isEqualTo(held.instances().instance(r).toDoubleArray());
            }
        }
    }
}
