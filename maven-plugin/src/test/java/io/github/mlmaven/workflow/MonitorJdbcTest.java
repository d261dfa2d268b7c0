package io.github.mlmaven.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.JdbcSourceParameters;
import io.github.mlmaven.api.MonitorParameters;
import io.github.mlmaven.api.Outcome;
import io.github.mlmaven.api.TrainParameters;
import io.github.mlmaven.api.ValidateParameters;
import io.github.mlmaven.monitoring.live.MonitoringReport;
import io.github.mlmaven.testing.H2Database;
import io.github.mlmaven.testing.PromotionRepo;
import io.github.mlmaven.testing.RecordingLog;
import io.github.mlmaven.testing.ShiftedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ml:monitor on a database source, through {@link Goals} as the Mojos call it: the new rows are those above the
 * production card's watermark, extracted by the monitoring run itself, and a fresh checkout restores the parts
 * published with production before it extracts.
 */
class MonitorJdbcTest {
    private static final String MODEL = "fraud";

    @TempDir
    Path dir;

    private H2Database database;
    private PromotionRepo repo;
    private PromoteGoalTest.FolderRepository releases;
    private final RecordingLog log = new RecordingLog();

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    /** Rows {@code first..last} of {@link ShiftedData}'s rows for {@code seed}, with an increasing id. */
    private void insert(int first, int last, long seed, boolean shifted) {
        List<String> rows =
                ShiftedData.csv(last - first + 1, seed, shifted).lines().skip(1).toList();
        database.insert("events", first, last, id -> {
            String[] v = rows.get(id - first).split(",");
            return id + ", " + v[0] + ", " + v[1] + ", '" + v[2] + "', '" + v[3] + "'";
        });
    }

    private GoalContext context(Path project) {
        JdbcSourceParameters source = new JdbcSourceParameters(
                database.url(),
                "SELECT id, amount, age, channel, class FROM events",
                null,
                "sa",
                "",
                null,
                null,
                null,
                "id",
                null,
                null,
                project.resolve("target/ml/fraud/data"),
                null);
        return ProductionFixture.context(project, ProductionFixture.FRAUD, null, "cv", source);
    }

    @Test
    void theRowsAboveProductionsWatermarkAreMonitoredInAFreshCheckoutToo() throws Exception {
        // given production 1.3.0 trained on ids 1-1500 of the database, promoted with its snapshot parts
        database = H2Database.inMemory("monitor");
        database.sql("CREATE TABLE events (id INT, amount DOUBLE, age DOUBLE, channel VARCHAR(10), class VARCHAR(10))");
        insert(1, 1500, 11, false);
        Path readme = Files.writeString(dir.resolve("README.txt"), "the data is in the database\n");
        repo = PromotionRepo.withData(dir.resolve("git"), readme, "README.txt");
        Path project = repo.workTree().resolve(PromotionRepo.PROJECT);
        GoalContext context = context(project);
        Goals goals = new Goals();
        TrainParameters train = new TrainParameters(
                context,
                "CLASS",
                "fraud",
                null,
                null,
                "weka.classifiers.trees.J48",
                null,
                1,
                false,
                null,
                null,
                null,
                null,
                null,
                "local",
                io.github.mlmaven.api.SparkParameters.defaults());
        assertThat(goals.train(train, null, log).message()).isNull();
        assertThat(goals.validate(
                                new ValidateParameters(
                                        context,
                                        10,
                                        null,
                                        null,
                                        null,
                                        null,
                                        true,
                                        true,
                                        List.of(),
                                        null,
                                        List.of(),
                                        null,
                                        false,
                                        "local",
                                        io.github.mlmaven.api.SparkParameters.defaults()),
                                null,
                                log)
                        .message())
                .isNull();
        releases = new PromoteGoalTest.FolderRepository(Files.createDirectories(dir.resolve("releases")));
        Outcome<Void> promoted = goals.promote(ProductionFixture.promoteParameters(context, null), releases, log);
        assertThat(promoted.message()).isNull();

        // when 800 shifted rows are labelled, and a fresh checkout (no target/) monitors
        insert(1501, 2300, 12, true);
        deleteTree(project.resolve("target"));
        MonitorParameters monitor = new MonitorParameters(
                context, null, Map.of("recall", "0.1"), "200", false, null, null, null, false, Map.of());
        Outcome<Void> outcome = goals.monitor(monitor, releases, log);

        // then exactly the 800 rows above the watermark are the new rows, and they show the decay
        assertThat(outcome.message()).isNull();
        MonitoringReport report =
                MonitoringReport.read(project.resolve("target/ml/fraud")).orElseThrow();
        assertThat(report.newRows()).isEqualTo(800);
        assertThat(report.newLabelledRows()).isEqualTo(800);
        assertThat(report.degraded()).isTrue();
        assertThat(report.driftedAttributes()).containsExactly("AMOUNT");
        assertThat(log.lines()).anyMatch(l -> l.contains("restored") || l.contains("Restored"));
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
