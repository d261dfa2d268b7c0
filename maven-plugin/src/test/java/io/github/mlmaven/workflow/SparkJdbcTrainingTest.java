package io.github.mlmaven.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.data.SourceSpec;
import io.github.mlmaven.data.jdbc.JdbcSpec;
import io.github.mlmaven.engine.SparkDriverProcess;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.testing.H2Database;
import io.github.mlmaven.testing.MlProject;
import io.github.mlmaven.testing.RecordingLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database source on the Spark engine: the job's files are the snapshot parts extracted in the build, and the
 * watermark columns the source drops are dropped by the driver too (else the parts would not fit the schema).
 */
class SparkJdbcTrainingTest {
    @TempDir
    Path dir;

    private H2Database database;
    private final RecordingLog log = new RecordingLog();

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    @BeforeEach
    void database() {
        database = H2Database.inMemory("spark");
        database.sql(
                "CREATE TABLE labelled_events (id INT, labelled_at TIMESTAMP, amount DOUBLE, label VARCHAR(10))",
                "CREATE USER labeller PASSWORD 'Spark-Test-1' ADMIN");
        database.insert(
                "labelled_events",
                1,
                20,
                id -> String.format(
                        "%d, TIMESTAMP '2026-01-%02d 10:00:00', %d.5, '%s'",
                        id, id, id % 2 == 0 ? id : -id, id % 2 == 0 ? "good" : "bad"));
    }

    @Test
    void theSnapshotPartsAreTheJobsFilesAndTheWatermarkColumnsAreDropped() throws Exception {
        MlProject project = MlProject.in(dir);
        SourceSpec source = SourceSpec.jdbc(JdbcSpec.of(
                        "trainingData/jdbc",
                        database.url(),
                        null,
                        "labelled_events",
                        project.file("target/ml/model/data"))
                .withCredentials("labeller", "Spark-Test-1", "test")
                .withWatermark(new JdbcSpec.Watermark("labelled_at", "id", Duration.ZERO)));

        ModelCard card = SparkTrainingTest.workflow(log)
                .run(project.train(source)
                        .algorithm("weka.classifiers.bayes.NaiveBayes")
                        .spark(SparkTrainingTest.settings(2, "ok"))
                        .request())
                .card();

        assertThat(card.engine().name()).isEqualTo("spark");
        assertThat(card.data().totalRows()).isEqualTo(20);
        assertThat(card.data().extraction()).isNotNull();
        assertThat(card.data().extraction().watermarkTo()).isNotNull();
        assertThat(card.schema().attributes())
                .extracting(ModelCard.AttributeEntry::name)
                .doesNotContain("LABELLED_AT", "ID", "labelled_at", "id");
        assertThat(card.data().classDistribution()).containsEntry("good", 10L).containsEntry("bad", 10L);
    }

    @Test
    void aDatabaseTestSourceIsEvaluatedOnSparkThroughItsSnapshotParts() throws Exception {
        // given a model trained from the table, and the table as a <jdbc> test source of its own snapshot folder
        MlProject project = MlProject.in(dir);
        SourceSpec training = events(project, "trainingData/jdbc", "target/ml/model/data");
        SourceSpec test = events(project, "testData/jdbc", "target/ml/model/test-data");
        SparkTrainingTest.workflow(log)
                .run(project.train(training)
                        .algorithm("weka.classifiers.bayes.NaiveBayes")
                        .positiveClass("bad")
                        .request());
        ValidationReport local = new ValidateWorkflow(log)
                .run(project.validate(training).testData(test).request());

        // when the same model is validated on the Spark engine
        ValidationReport spark = new ValidateWorkflow(
                        log,
                        s -> new SparkDriverProcess(
                                log,
                                s,
                                io.github.mlmaven.engine.FakeSparkDriver.class.getName(),
                                cp -> List.of(),
                                Duration.ofSeconds(5)))
                .run(project.validate(training)
                        .testData(test)
                        .spark(SparkTrainingTest.settings(2, "ok"))
                        .request());

        // then the parts (watermark columns dropped) give the local engine's figures
        assertThat(spark.evaluation().engine().name()).isEqualTo("spark");
        assertThat(spark.evaluation().rows()).isEqualTo(20);
        assertThat(spark.evaluation().data()).isEqualTo(local.evaluation().data());
        assertThat(spark.metrics()).isEqualTo(local.metrics());
        assertThat(spark.confusionMatrix()).isEqualTo(local.confusionMatrix());
    }

    private SourceSpec events(MlProject project, String parameter, String snapshots) {
        return SourceSpec.jdbc(JdbcSpec.of(parameter, database.url(), null, "labelled_events", project.file(snapshots))
                .withCredentials("labeller", "Spark-Test-1", "test")
                .withWatermark(new JdbcSpec.Watermark("labelled_at", "id", Duration.ZERO)));
    }
}
