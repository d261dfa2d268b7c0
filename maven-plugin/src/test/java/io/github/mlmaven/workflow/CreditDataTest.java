package io.github.mlmaven.workflow;

import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.testing.MlProject;
import io.github.mlmaven.testing.RecordingLog;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The setup of the workflow tests on credit-g: a fresh project with its train and test split as data files. */
abstract class CreditDataTest {

    @TempDir
    Path dir;

    MlProject project;
    /** credit-g's training rows, as the project names them. */
    String trainCsv;
    /** credit-g's test rows, as the project names them. */
    String testCsv;

    final RecordingLog log = new RecordingLog();

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    @BeforeEach
    void creditData() {
        project = MlProject.in(dir);
        trainCsv = project.withData(Datasets.creditGTrainCsv(), "train.csv");
        testCsv = project.withData(Datasets.creditGTestCsv(), "test.csv");
    }
}
