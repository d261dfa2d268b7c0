package io.github.mlmaven.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.data.SourceSpec;
import io.github.mlmaven.data.jdbc.JdbcSpec;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.testing.H2Database;
import io.github.mlmaven.testing.MlProject;
import io.github.mlmaven.testing.RecordingLog;
import java.nio.file.Path;
import java.time.Duration;
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
}
