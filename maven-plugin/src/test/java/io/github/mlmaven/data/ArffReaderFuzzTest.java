package io.github.mlmaven.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import weka.core.Instances;

/**
 * Coverage-guided fuzzing of the ARFF readers, seeded with the repository's ARFF files and the mutants that once hung
 * or crashed a build (src/test/resources/.../ArffReaderFuzzTestInputs). In a plain test run only the seeds are read;
 * .ci/fuzz.sh fuzzes each method for a time budget.
 */
class ArffReaderFuzzTest {
    private static final ReaderFuzzing FUZZ = new ReaderFuzzing();
    /** The schema that the seeds of the known-schema and streamed reads share. */
    private static final Schema WEATHER = FUZZ.reader()
            .trainingSchema(
                    List.of(ReaderFuzzing.resource("datasets/weather.nominal.arff")),
                    ReaderFuzzing.DEFAULTS,
                    "trainingData");

    @FuzzTest(maxDuration = "30s")
    void trainingRead(byte[] data) {
        Path file = FUZZ.write("fuzz.arff", data);
        Dataset read = FUZZ.read(
                file, () -> FUZZ.reader().readTraining(List.of(file), ReaderFuzzing.DEFAULTS, "trainingData"));
        if (read == null) {
            return;
        }
        // where Weka's own loader accepts the file too, it reads the same rows
        Instances weka = ReaderFuzzing.wekaArff(file);
        if (weka != null) {
            assertThat(read.instances().numAttributes()).isEqualTo(weka.numAttributes());
            assertThat(ReaderFuzzing.rows(read.instances())).isEqualTo(ReaderFuzzing.rows(weka));
        }
    }

    @FuzzTest(maxDuration = "30s")
    void readWithKnownSchema(byte[] data) {
        Path file = FUZZ.write("fuzz.arff", data);
        Dataset read = FUZZ.read(file, () -> FUZZ.reader().readWithSchema(List.of(file), WEATHER, "testData"));
        if (read == null) {
            return;
        }
        assertThat(read.instances().numAttributes())
                .isEqualTo(WEATHER.attributes().size());
    }

    @FuzzTest(maxDuration = "30s")
    void streamedRead(byte[] data) {
        Path file = FUZZ.write("fuzz.arff", data);
        List<double[]> rows = new ArrayList<>();
        List<DataFile> streamed = FUZZ.read(
                file,
                () -> FUZZ.reader().stream(List.of(file), WEATHER, "testData", (values, weight) -> {
                    rows.add(values);
                }));
        if (streamed == null) {
            return;
        }
        // the rows streamed are those the in-memory read holds
        Dataset held = FUZZ.read(file, () -> FUZZ.reader().readWithSchema(List.of(file), WEATHER, "testData"));
        if (held != null) {
            assertThat(rows).hasSize(held.instances().numInstances());
            for (int r = 0; r < rows.size(); r++) {
                assertThat(rows.get(r)).isEqualTo(held.instances().instance(r).toDoubleArray());
            }
        }
    }
}
