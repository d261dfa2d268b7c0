package io.github.mlmaven.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.api.ExtractParameters;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.JdbcSourceParameters;
import io.github.mlmaven.api.Outcome;
import io.github.mlmaven.api.TrainParameters;
import io.github.mlmaven.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ml:extract through the core's entry point, as the Mojo calls it, against an H2 database whose user has a password:
 * what it logs (every level, debug included, as {@code -X} shows it) and that the password is in none of it, whether
 * the login works or is refused.
 */
class ExtractGoalTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final String USER = "labeller";
    private static final String PASSWORD = "Pa55-w0rd-4711";

    @TempDir
    Path basedir;

    private String url;
    private final RecordingLog log = new RecordingLog();

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    @BeforeEach
    void database() {
        // the first connection to a new H2 database makes its user the admin, with this password
        // a name of this class only: other tests of the same JVM keep their in-memory databases too
        url = "jdbc:h2:mem:extract-goal-test-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        sql("CREATE TABLE labelled_events (id INT, labelled_at TIMESTAMP, amount DOUBLE, label VARCHAR(10))");
    }

    private void sql(String... statements) {
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void insert(int first, int last) {
        for (int id = first; id <= last; id++) {
            sql(String.format(
                    "INSERT INTO labelled_events VALUES (%d, TIMESTAMP '2026-01-%02d 10:00:00', %d.5, '%s')",
                    id, id, id, id % 2 == 0 ? "good" : "bad"));
        }
    }

    private JdbcSourceParameters source(String password) {
        return new JdbcSourceParameters(
                url,
                null,
                "labelled_events",
                USER,
                password,
                "username and password from settings.xml server labels-db",
                null,
                null,
                "labelled_at",
                "id",
                null,
                basedir.resolve("target/ml/fraud/data"),
                null);
    }

    private Outcome<Void> extract(JdbcSourceParameters training) {
        return new Goals()
                .extract(
                        new ExtractParameters(context(training, null)),
                        new PromoteGoalTest.FolderRepository(basedir.resolve("releases")),
                        log);
    }

    private GoalContext context(JdbcSourceParameters training, JdbcSourceParameters test) {
        return new GoalContext(
                basedir,
                basedir.resolve("target/ml"),
                "fraud",
                null,
                null,
                null,
                20,
                "test",
                "1.0-SNAPSHOT",
                List.of(),
                new GoalContext.Registry("ml-registry", "origin", null),
                null,
                new GoalContext.Prometheus(null, null, null),
                false,
                training,
                test,
                List.of());
    }

    @Test
    void eachRunWritesOnlyTheNewRowsAsAPartAndSaysWhatItHolds() throws Exception {
        // given
        insert(1, 4);

        // when: a first extraction, then one after two more rows, then one without new rows
        Outcome<Void> first = extract(source(PASSWORD));
        insert(5, 6);
        Outcome<Void> second = extract(source(PASSWORD));
        Outcome<Void> third = extract(source(PASSWORD));

        // then
        assertThat(List.of(first.kind(), second.kind(), third.kind())).containsOnly(Outcome.Kind.OK);
        Path data = basedir.resolve("target/ml/fraud/data");
        try (Stream<Path> files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("part-000001.csv", "part-000001.json", "part-000002.csv", "part-000002.json");
        }
        assertThat(Files.readAllLines(data.resolve("part-000002.csv"))).hasSize(3);
        assertThat(log.lines())
                .anyMatch(l ->
                        l.startsWith("INFO <trainingData>: new snapshot part part-000001.csv, 4 rows, labelled_at in"
                                + " (the first row, 2026-01-04T10:00:00 (tie-breaker 4)], SHA-256 "))
                .anyMatch(
                        l -> l.startsWith(
                                "INFO <trainingData>: new snapshot part part-000002.csv, 2 rows, labelled_at in"
                                        + " (2026-01-04T10:00:00 (tie-breaker 4), 2026-01-06T10:00:00 (tie-breaker 6)], SHA-256 "))
                .noneMatch(l -> l.contains("part-000003"))
                .contains("INFO <trainingData> " + url + ": no new rows; reading 2 parts, 6 rows");
        assertThat(log.lines()).as("no line at any level, debug included").noneMatch(l -> l.contains(PASSWORD));
        for (String sidecar : List.of("part-000001.json", "part-000002.json")) {
            assertThat(Files.readString(data.resolve(sidecar))).doesNotContain(PASSWORD);
        }
    }

    @Test
    void trainExtractsTheNewRowsOfADatabaseTestSourceForTheBuildsValidation() throws Exception {
        // given a training table and a test table
        insert(1, 8);
        sql(
                "CREATE TABLE holdout_events AS SELECT * FROM labelled_events WHERE id <= 4",
                "UPDATE holdout_events SET id = id + 100");
        JdbcSourceParameters test = new JdbcSourceParameters(
                url,
                null,
                "holdout_events",
                USER,
                PASSWORD,
                "settings.xml server labels-db",
                null,
                null,
                "id",
                null,
                null,
                basedir.resolve("target/ml/fraud/test-data"),
                null);
        TrainParameters parameters = new TrainParameters(
                context(source(PASSWORD), test),
                "LABEL",
                null,
                Map.of(),
                null,
                "weka.classifiers.bayes.NaiveBayes",
                null,
                1L,
                false,
                null,
                null,
                null,
                null,
                null,
                "local",
                io.github.mlmaven.api.SparkParameters.defaults());
        PromoteGoalTest.FolderRepository releases = new PromoteGoalTest.FolderRepository(basedir.resolve("releases"));

        // when: a train, then two new test rows and nothing new to train on
        Outcome<Void> first = new Goals().train(parameters, releases, log);
        sql("INSERT INTO holdout_events SELECT id + 200, labelled_at, amount, label FROM labelled_events WHERE id > 6");
        Outcome<Void> second = new Goals().train(parameters, releases, log);

        // then each train extracted the test rows that were new, though the second trained nothing
        assertThat(List.of(first.kind(), second.kind())).containsOnly(Outcome.Kind.OK);
        Path testData = basedir.resolve("target/ml/fraud/test-data");
        assertThat(Files.readAllLines(testData.resolve("part-000001.csv"))).hasSize(5);
        assertThat(Files.readAllLines(testData.resolve("part-000002.csv")))
                .hasSize(3)
                .anyMatch(l -> l.startsWith("207,"))
                .anyMatch(l -> l.startsWith("208,"));
        assertThat(basedir.resolve("target/ml/fraud/data/part-000002.csv")).doesNotExist();
        assertThat(log.lines()).noneMatch(l -> l.contains(PASSWORD));
    }

    @Test
    void aRefusedPasswordIsNamedByWhereItCameFromAndNeverShown() {
        // given
        insert(1, 2);
        String wrong = "Wr0ng-" + PASSWORD;

        // when
        Outcome<Void> outcome = extract(source(wrong));

        // then
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.INVALID_CONFIGURATION);
        assertThat(outcome.parameter()).isEqualTo("trainingData/jdbc/url");
        assertThat(outcome.message())
                .contains(
                        "refused the credentials of user 'labeller', taken from username and password from settings.xml"
                                + " server labels-db")
                .doesNotContain(wrong)
                .doesNotContain(PASSWORD);
        assertThat(log.lines()).noneMatch(l -> l.contains(wrong) || l.contains(PASSWORD));
        assertThat(basedir.resolve("target/ml/fraud/data/part-000001.csv")).doesNotExist();
    }

    @Test
    void aProjectWithoutADatabaseSourceIsToldSoAndSucceeds() {
        Outcome<Void> outcome = extract(null);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.OK);
        assertThat(log.lines())
                .contains("INFO Nothing to extract for fraud: neither <trainingData> nor <testData> has a <jdbc>"
                        + " source");
    }
}
