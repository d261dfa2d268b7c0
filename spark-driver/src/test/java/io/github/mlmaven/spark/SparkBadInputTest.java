package io.github.mlmaven.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.engine.SparkFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failures inside the partitions' tasks reach result.json with their kind and a message naming the source. */
class SparkBadInputTest {
    private static final Path WORK = Path.of(System.getProperty("ml.test.workDirectory", "target/spark-jobs"));

    private static Path csv(Path file, int badRow) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("x,class");
        for (int i = 0; i < 20; i++) {
            lines.add((i == badRow ? "oops" : Integer.toString(i)) + "," + (i % 2 == 0 ? "a" : "b"));
        }
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
        return file.toAbsolutePath();
    }

    @Test
    void aBadValueIsReportedAtItsLineInTheSourceFile() throws Exception {
        Path clean = csv(WORK.resolve("bad-value/clean/rows.csv"), -1);
        // row 15 (line 17 with the header) is in the second of two partitions of 20 rows
        Path bad = csv(WORK.resolve("bad-value/data/rows.csv"), 15);
        DriverRun run = DriverRun.trainAgainst(
                WORK.resolve("bad-value"), bad, DriverRun.schema(List.of(clean)), "weka.classifiers.bayes.NaiveBayes");

        assertThat(run.exitCode).isEqualTo(SparkDriverMain.FAILED);
        SparkFailure failure = run.failure();
        assertThat(failure.kind()).isEqualTo(SparkFailure.INVALID_INPUT);
        assertThat(failure.message()).contains(bad + " line 17").doesNotContain("partition-");
    }

    @Test
    void aModelThatCannotBeSerializedIsNamed() throws Exception {
        DriverRun run = DriverRun.train(
                WORK.resolve("unshippable"),
                "local[2]",
                2,
                List.of(DriverRun.dataset("credit-g-train.csv")),
                UnshippableClassifier.class.getName(),
                null);

        assertThat(run.exitCode).isEqualTo(SparkDriverMain.FAILED);
        SparkFailure failure = run.failure();
        assertThat(failure.kind()).isEqualTo(SparkFailure.INVALID_INPUT);
        assertThat(failure.message())
                .contains(UnshippableClassifier.class.getName(), "java.lang.Object", "not Serializable");
    }
}
