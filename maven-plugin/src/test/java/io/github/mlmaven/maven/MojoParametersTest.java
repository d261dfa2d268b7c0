package io.github.mlmaven.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import io.github.mlmaven.api.CiReportParameters;
import io.github.mlmaven.api.CoreGoals;
import io.github.mlmaven.api.CoreLog;
import io.github.mlmaven.api.ExtractParameters;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.HistoryParameters;
import io.github.mlmaven.api.JdbcSourceParameters;
import io.github.mlmaven.api.MonitorParameters;
import io.github.mlmaven.api.Outcome;
import io.github.mlmaven.api.PromoteParameters;
import io.github.mlmaven.api.ReportParameters;
import io.github.mlmaven.api.RollbackParameters;
import io.github.mlmaven.api.SparkParameters;
import io.github.mlmaven.api.TrainParameters;
import io.github.mlmaven.api.ValidateParameters;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each goal's POM configuration reaches the core as its parameters record: the Mojo is configured from a test POM as
 * Maven configures it (defaults, element names, types), then mapped. The core is not run.
 */
@MojoTest
class MojoParametersTest {
    @Inject
    private MavenProject project;

    @Inject
    private MavenSession session;

    private final GoalContext context = context(List.of("data/train.csv"));

    /** The settings every goal has, as the Mojo's context would give them for a project in /p. */
    static GoalContext context(List<String> trainingData) {
        return new GoalContext(
                Path.of("/p"),
                Path.of("/p/target/ml"),
                "credit-risk",
                trainingData,
                null,
                null,
                20,
                "0.1.0",
                "1.3-SNAPSHOT",
                List.of(),
                new GoalContext.Registry("ml-registry", "origin", null),
                null,
                new GoalContext.Prometheus(null, null, null),
                false,
                null,
                null,
                List.of());
    }

    @BeforeEach
    void projectCoordinates() {
        lenient().when(project.getGroupId()).thenReturn("com.example");
        lenient().when(project.getArtifactId()).thenReturn("credit");
        lenient().when(project.getVersion()).thenReturn("1.3-SNAPSHOT");
        lenient().when(project.getFile()).thenReturn(new File("/p/pom.xml"));
        lenient().when(session.getProjects()).thenReturn(List.of(project, project));
    }

    @Test
    @InjectMojo(goal = "train", pom = "classpath:/unit/train/pom.xml")
    void trainMapsEveryElement(TrainMojo mojo) {
        assertThat(mojo.parameters(context))
                .isEqualTo(new TrainParameters(
                        context,
                        "risk",
                        "bad",
                        Map.of("zip", "nominal"),
                        null,
                        "weka.classifiers.bayes.NaiveBayes",
                        "-K",
                        7,
                        true,
                        500L,
                        true,
                        30,
                        null,
                        null,
                        "local",
                        SparkParameters.defaults()));
    }

    @Test
    @InjectMojo(goal = "train", pom = "classpath:/unit/plain/pom.xml")
    void trainDefaultsAreThoseOfTheDocumentation(TrainMojo mojo) {
        assertThat(mojo.parameters(context))
                .isEqualTo(new TrainParameters(
                        context,
                        null,
                        null,
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
                        SparkParameters.defaults()));
    }

    @Test
    @InjectMojo(goal = "train", pom = "classpath:/unit/train-spark/pom.xml")
    void trainMapsTheSparkEngineAndItsSettings(TrainMojo mojo) {
        TrainParameters parameters = mojo.parameters(context);

        assertThat(parameters.engine()).isEqualTo("spark");
        assertThat(mojo.sparkEngine()).isTrue();
        assertThat(parameters.spark())
                .isEqualTo(new SparkParameters(
                        "spark://127.0.0.1:7077",
                        "4",
                        "2g",
                        "1",
                        "1g",
                        "30",
                        Map.of("spark.eventLog.enabled", "false", "spark.ui.enabled", "false"),
                        List.of(
                                "org.apache.spark:spark-kubernetes_2.13:4.2.0",
                                "org.apache.spark:spark-yarn_2.13:4.2.0"),
                        List.of(),
                        List.of()));
    }

    @Test
    @InjectMojo(goal = "validate", pom = "classpath:/unit/train-spark/pom.xml")
    void validateMapsThePluginLevelSparkEngineAsTrainDoes(ValidateMojo mojo) {
        // the POM configures <engine> and <spark> once, at the plugin's level, for every goal
        ValidateParameters parameters = mojo.parameters(context);

        assertThat(parameters.engine()).isEqualTo("spark");
        assertThat(mojo.sparkEngine()).isTrue();
        assertThat(parameters.spark())
                .isEqualTo(new SparkParameters(
                        "spark://127.0.0.1:7077",
                        "4",
                        "2g",
                        "1",
                        "1g",
                        "30",
                        Map.of("spark.eventLog.enabled", "false", "spark.ui.enabled", "false"),
                        List.of(
                                "org.apache.spark:spark-kubernetes_2.13:4.2.0",
                                "org.apache.spark:spark-yarn_2.13:4.2.0"),
                        List.of(),
                        List.of()));
    }

    @Test
    @InjectMojo(goal = "train", pom = "classpath:/unit/train-spark-bad-dependency/pom.xml")
    void aSparkDependencyThatIsNoCoordinateIsRefusedBeforeAnythingIsResolved(TrainMojo mojo) {
        CoreGoals goals = mock(CoreGoals.class);

        Outcome<?> outcome = mojo.run(goals, context, mock(CoreLog.class));

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.INVALID_CONFIGURATION);
        assertThat(outcome.parameter()).isEqualTo("spark/dependencies");
        assertThat(outcome.message())
                .startsWith("<spark><dependencies> has the entry 'org.apache.spark:spark-yarn_2.13'")
                .contains("groupId:artifactId:version");
        verifyNoInteractions(goals);
    }

    @Test
    @InjectMojo(goal = "train", pom = "classpath:/unit/train-monitoring/pom.xml")
    void anEmptyRetrainWhenElementIsSwitchedOnAndItsTextIsKept(TrainMojo mojo) {
        TrainParameters parameters = mojo.parameters(context);

        assertThat(parameters.retrainDegraded()).isEmpty();
        assertThat(parameters.retrainDrift()).isEqualTo("false");
        assertThat(parameters.retrainNewRows()).isNull();
    }

    @Test
    @InjectMojo(goal = "monitor", pom = "classpath:/unit/monitor/pom.xml")
    void monitorMapsEveryElement(MonitorMojo mojo) {
        assertThat(mojo.parameters(context, Map.of()))
                .isEqualTo(new MonitorParameters(
                        context,
                        List.of("data/scored-1.csv", "data/scored-2.csv"),
                        Map.of("recall", "0.05", "rocAuc", "0.03"),
                        "300",
                        true,
                        "0.4",
                        Map.of("amount", "psi"),
                        Map.of("amount", "0.2"),
                        true,
                        Map.of()));
    }

    @Test
    @InjectMojo(goal = "monitor", pom = "classpath:/unit/plain/pom.xml")
    void monitorDefaultsJudgeNothingAndFailNothing(MonitorMojo mojo) {
        assertThat(mojo.parameters(context, Map.of()))
                .isEqualTo(new MonitorParameters(context, null, null, null, false, null, null, null, false, Map.of()));
    }

    @Test
    @InjectMojo(goal = "validate", pom = "classpath:/unit/validate/pom.xml")
    void validateMapsThresholdsAndTheChampion(ValidateMojo mojo) {
        assertThat(mojo.parameters(context))
                .isEqualTo(new ValidateParameters(
                        context,
                        5,
                        Map.of("recall", "0.8"),
                        null,
                        Map.of("f1", "0.02"),
                        "0.05",
                        true,
                        true,
                        List.of(),
                        null,
                        List.of(),
                        null,
                        false,
                        "local",
                        SparkParameters.defaults()));
    }

    @Test
    @InjectMojo(goal = "validate", pom = "classpath:/unit/validate-slices/pom.xml")
    void validateMapsTheSlicesAndTheirRules(ValidateMojo mojo) {
        assertThat(mojo.parameters(context))
                .isEqualTo(new ValidateParameters(
                        context,
                        10,
                        null,
                        null,
                        null,
                        null,
                        false,
                        false,
                        List.of(
                                new ValidateParameters.Slice("channel", null),
                                new ValidateParameters.Slice("channel,amount", "0,100,1000")),
                        50,
                        List.of(
                                new ValidateParameters.SliceThreshold("channel=atm", "recall", "0.6", null),
                                new ValidateParameters.SliceThreshold("channel=web,amount>=1000", "rmse", null, "3")),
                        null,
                        true,
                        "local",
                        SparkParameters.defaults()));
    }

    @Test
    @InjectMojo(goal = "validate", pom = "classpath:/unit/plain/pom.xml")
    void validateDefaults(ValidateMojo mojo) {
        assertThat(mojo.parameters(context))
                .isEqualTo(new ValidateParameters(
                        context,
                        10,
                        null,
                        null,
                        null,
                        null,
                        false,
                        false,
                        List.of(),
                        null,
                        List.of(),
                        null,
                        false,
                        "local",
                        SparkParameters.defaults()));
    }

    @Test
    @InjectMojo(goal = "promote", pom = "classpath:/unit/promote/pom.xml")
    void promoteMapsTheVersionApprovalAndTheDefaultArtifactId(PromoteMojo mojo) {
        assertThat(mojo.parameters(context, Map.of("GITHUB_ACTIONS", "true")))
                .isEqualTo(new PromoteParameters(
                        context,
                        "com.example",
                        "credit",
                        "credit-risk-model",
                        false,
                        true,
                        "1.4.0",
                        "alice",
                        "retrained on March data",
                        true,
                        null,
                        Map.of("GITHUB_ACTIONS", "true")));
    }

    @Test
    @InjectMojo(goal = "rollback", pom = "classpath:/unit/rollback/pom.xml")
    void rollbackMapsTheVersionAndTheApproval(RollbackMojo mojo) {
        assertThat(mojo.parameters(context, Map.of()))
                .isEqualTo(
                        new RollbackParameters(context, "1.3.0", "bob", "1.3.1 misroutes bad loans", false, Map.of()));
    }

    @Test
    @InjectMojo(goal = "ci-report", pom = "classpath:/unit/ci-report/pom.xml")
    void ciReportMapsItsSwitchesAndThePom(CiReportMojo mojo) {
        CiReportParameters parameters = mojo.parameters(context, Map.of());

        assertThat(parameters.pom()).isEqualTo(new File("/p/pom.xml").toPath().toAbsolutePath());
        assertThat(parameters.commentOnPr()).isFalse();
        assertThat(parameters.failOnGate()).isTrue();
        assertThat(parameters.buildOutcome()).isEqualTo("failure");
        assertThat(parameters.reactorSize()).isEqualTo(2);
    }

    @Test
    @InjectMojo(goal = "history", pom = "classpath:/unit/plain/pom.xml")
    void historyAndReportTakeTheContextAlone(HistoryMojo mojo) {
        assertThat(mojo.parameters(context)).isEqualTo(new HistoryParameters(context));
        assertThat(new ReportMojo().parameters(context)).isEqualTo(new ReportParameters(context));
    }

    @Test
    @InjectMojo(goal = "history", pom = "classpath:/unit/plain/pom.xml")
    void theContextCarriesTheModelTheRegistryAndTheMonitoring(HistoryMojo mojo) throws Exception {
        // when
        GoalContext built = mojo.context(List.of(Path.of("/p/target/classes")), Map.of("GITHUB_TOKEN", "t0k")::get);

        // then
        assertThat(built.modelName()).isEqualTo("credit-risk");
        assertThat(built.outputDirectory()).isEqualTo(built.basedir().resolve("target/ml"));
        assertThat(built.holdoutPercent()).isEqualTo(20);
        assertThat(built.projectVersion()).isEqualTo("1.3-SNAPSHOT");
        assertThat(built.classpath()).containsExactly(Path.of("/p/target/classes"));
        assertThat(built.registry())
                .isEqualTo(new GoalContext.Registry(
                        "models",
                        "origin",
                        new GoalContext.Credentials("x-access-token", "t0k", "the GITHUB_TOKEN environment variable")));
        assertThat(built.mlflow()).isNull();
        assertThat(built.prometheus())
                .isEqualTo(new GoalContext.Prometheus("http://pushgateway:9091", "nightly", null));
        assertThat(built.failOnMonitoringError()).isFalse();
    }

    @Test
    @InjectMojo(goal = "history", pom = "classpath:/unit/plain/pom.xml")
    void aRegistryServerComesFromSettingsAndAnUnknownOneIsNamed(HistoryMojo mojo) throws Exception {
        // given
        Settings settings = new Settings();
        Server server = new Server();
        server.setId("github");
        server.setUsername("ci");
        server.setPassword("s3cret");
        settings.addServer(server);
        MojoExtension.setVariableValueToObject(mojo, "settings", settings);
        MojoExtension.setVariableValueToObject(mojo, "registryServerId", "github");

        // when
        GoalContext built = mojo.context(List.of(), Map.of("GITHUB_TOKEN", "ignored")::get);

        // then
        assertThat(built.registry().credentials())
                .isEqualTo(new GoalContext.Credentials("ci", "s3cret", "settings.xml server github"));

        // and a server settings.xml does not have is an error that says how to add it
        MojoExtension.setVariableValueToObject(mojo, "registryServerId", "gitlab");
        assertThatThrownBy(() -> mojo.context(List.of(), Map.<String, String>of()::get))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("-Dml.registry.serverId=gitlab names no <server> in settings.xml; add"
                        + " <server><id>gitlab</id><username>...</username><password>...</password></server>");
    }

    @Test
    @InjectMojo(goal = "train", pom = "classpath:/unit/train/pom.xml")
    void fileEntriesStayPaths(TrainMojo mojo) throws Exception {
        GoalContext built = mojo.context(List.of(), Map.<String, String>of()::get);

        assertThat(built.trainingData()).containsExactly("data/train-*.csv");
        assertThat(built.trainingJdbc()).isNull();
        assertThat(built.testData()).isNullOrEmpty();
        assertThat(built.testJdbc()).isNull();
        assertThat(built.exclude()).isEmpty();
    }

    @Test
    @InjectMojo(goal = "train", pom = "classpath:/unit/jdbc/pom.xml")
    void aJdbcSourceReachesTheContextWithItsCredentialsAndFolder(TrainMojo mojo) throws Exception {
        // given: the server has both, the environment only the password, which wins
        MojoExtension.setVariableValueToObject(mojo, "settings", settingsWith("labels-db", "reader", "from-settings"));

        // when
        GoalContext built = mojo.context(List.of(), Map.of("LABELS_DB_PASSWORD", "from-env")::get);

        // then
        Path model = built.outputDirectory().resolve("fraud");
        assertThat(built.trainingData()).isNull();
        assertThat(built.trainingJdbc())
                .isEqualTo(new JdbcSourceParameters(
                        "jdbc:postgresql://localhost:5432/labels",
                        "SELECT * FROM labelled_events",
                        null,
                        "reader",
                        "from-env",
                        "username from settings.xml server labels-db, password from the LABELS_DB_PASSWORD"
                                + " environment variable",
                        500,
                        Map.of("sslmode", "disable"),
                        "labelled_at",
                        "id",
                        "PT5M",
                        model.resolve("data"),
                        "arff"));
        assertThat(built.testJdbc())
                .isEqualTo(new JdbcSourceParameters(
                        "jdbc:h2:./labels",
                        null,
                        "holdout",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        built.basedir().resolve("data/test-snapshots"),
                        null));
        assertThat(built.exclude()).containsExactly("id", "created_at");
        // the password is in no printed form of the context
        assertThat(built.toString()).doesNotContain("from-env").doesNotContain("from-settings");
        // nor in a field of the Mojo, whose values Maven prints with -X ("(f) trainingData = ...")
        assertThat(printedFields(mojo)).doesNotContain("from-env").doesNotContain("from-settings");
    }

    /** Every field of the Mojo as {@code -X} prints it: name and {@code String.valueOf(value)}. */
    private static String printedFields(Object mojo) throws IllegalAccessException {
        StringBuilder printed = new StringBuilder();
        for (Class<?> type = mojo.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (java.lang.reflect.Field field : type.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                printed.append(field.getName())
                        .append(" = ")
                        .append(field.get(mojo))
                        .append('\n');
            }
        }
        return printed.toString();
    }

    @Test
    @InjectMojo(goal = "extract", pom = "classpath:/unit/jdbc/pom.xml")
    void extractTakesTheContextAndEnvironmentCredentialsWinWhenSet(ExtractMojo mojo) throws Exception {
        MojoExtension.setVariableValueToObject(mojo, "settings", settingsWith("labels-db", "reader", "from-settings"));

        GoalContext built = mojo.context(List.of(), Map.of("LABELS_DB_USER", "ci", "LABELS_DB_PASSWORD", "p")::get);

        assertThat(mojo.parameters(built)).isEqualTo(new ExtractParameters(built));
        assertThat(built.trainingJdbc().username()).isEqualTo("ci");
        assertThat(built.trainingJdbc().credentialsSource())
                .isEqualTo("username from the LABELS_DB_USER environment variable, password from the"
                        + " LABELS_DB_PASSWORD environment variable");
        // the test data's folder defaults to test-data when none is written: here one is, so check the training one
        assertThat(built.trainingJdbc().snapshotDirectory())
                .isEqualTo(built.outputDirectory().resolve("fraud/data"));
    }

    @Test
    @InjectMojo(goal = "train", pom = "classpath:/unit/jdbc-mixed/pom.xml")
    void aFileBesideAJdbcSourceIsRefusedNamingTheElement(TrainMojo mojo) {
        assertThatThrownBy(() -> mojo.context(List.of(), Map.<String, String>of()::get))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("Invalid configuration of ml:train <trainingData><jdbc>: <trainingData> holds"
                        + " both a <file> entry and a <jdbc> source");
    }

    private static Settings settingsWith(String id, String username, String password) {
        Settings settings = new Settings();
        Server server = new Server();
        server.setId(id);
        server.setUsername(username);
        server.setPassword(password);
        settings.addServer(server);
        return settings;
    }
}
