package io.github.mlmaven.monitoring.mlflow.auth;

import static io.github.mlmaven.testing.MlflowServer.basic;
import static io.github.mlmaven.testing.MlflowServer.body;
import static io.github.mlmaven.testing.MlflowServer.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.ci.RetryPolicy;
import io.github.mlmaven.monitoring.mlflow.MlflowApi;
import io.github.mlmaven.monitoring.mlflow.MlflowClient;
import io.github.mlmaven.monitoring.mlflow.MlflowException;
import io.github.mlmaven.monitoring.mlflow.MlflowSettings;
import io.github.mlmaven.monitoring.mlflow.RunData;
import io.github.mlmaven.testing.MlflowServer;
import io.github.mlmaven.testing.RecordingLog;
import io.github.mlmaven.workflow.StepLauncher;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin against MLflow's own authentication: {@code mlflow server --app-name basic-auth}, its users in its own
 * SQLite database, the admin user and the default permission (READ, MLflow's default) from the ini file of
 * {@code MLFLOW_AUTH_CONFIG_PATH}. One server for the class; every test works in experiments and models of its own.
 */
class MlflowBasicAuthTest {
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "admin-" + UUID.randomUUID();
    private static final String BOB = "bob";
    private static final String BOB_PASSWORD = "bob-" + UUID.randomUUID();
    private static final String SETTINGS_XML = "the username and password of settings.xml server mlflow";
    private static final String ENVIRONMENT =
            "the MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD environment variables";

    @TempDir
    static Path dir;

    private static MlflowServer server;
    private static ValidatedModel model;

    @BeforeAll
    static void startServer() throws IOException {
        MlflowServer.home();
        Path serverDir = Files.createDirectories(dir.resolve("server"));
        // MLflow only creates the admin user on first start, from these two lines
        Path ini = Files.writeString(
                serverDir.resolve("basic_auth.ini"),
                String.join(
                        "\n",
                        "[mlflow]",
                        "default_permission = READ",
                        "database_uri = sqlite:///" + serverDir.toAbsolutePath().resolve("basic_auth.db"),
                        "admin_username = " + ADMIN,
                        "admin_password = " + ADMIN_PASSWORD,
                        ""));
        server = MlflowServer.launch(
                List.of("--app-name", "basic-auth"),
                Map.of(
                        "MLFLOW_AUTH_CONFIG_PATH", ini.toString(),
                        "MLFLOW_FLASK_SERVER_SECRET_KEY", UUID.randomUUID().toString()));
        // the model is trained while MLflow starts
        model = ValidatedModel.in(dir.resolve("project"));
        server.awaitHealth();
        // a user who is not an admin, through the auth app's REST API as an operator would create one
        HttpResponse<String> created = server.postAnswer(
                "users/create", body("username", BOB, "password", BOB_PASSWORD), basic(ADMIN, ADMIN_PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    /** Records the waits and never sleeps: a refusal must not be retried, so none may be recorded. */
    private final RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(10), waits::add);

    private final RecordingLog log = new RecordingLog();

    private final List<MlflowClient> clients = new ArrayList<>();

    private MlflowApi api(String username, String password, String source) {
        MlflowSettings settings = new MlflowSettings(server.uri(), null, null, username, password, source, false);
        MlflowClient client = new MlflowClient(settings, "ml-maven-plugin/test", retry, log);
        clients.add(client);
        return new MlflowApi(client, log);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(MlflowClient::close);
    }

    @Test
    void settingsXmlCredentialsLogTheValidationRun() throws IOException {
        // given
        String experiment = unique("weather-basic");
        Map<String, Object> p = model.parameters(server.uri(), experiment, retry, false);
        p.put("mlflowUsername", ADMIN);
        p.put("mlflowPassword", ADMIN_PASSWORD);
        p.put("mlflowCredentialsSource", SETTINGS_XML);

        // when
        Map<String, String> outcome = model.launchMlflowValidate(p);

        // then the run is there, read back as the admin, with the figures of validation.json
        assertThat(outcome).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        assertThat(model.logged()).noneMatch(l -> l.startsWith("warn"));
        String runId = model.runId();
        JsonNode run = server.run(runId, adminAuth());
        assertThat(run.get("info").get("experiment_id").asText())
                .isEqualTo(server.experimentId(experiment, adminAuth()));
        model.assertLoggedAsValidated(run);
        assertThat(waits).isEmpty();
    }

    @Test
    void aUserWhoIsNoAdminLogsAndRegistersInWhatHeCreates() {
        // given bob (default permission READ) with his own experiment and registered model: MLflow gives their
        // creator MANAGE, so a CI user needs no admin rights
        MlflowApi api = api(BOB, BOB_PASSWORD, ENVIRONMENT);
        String name = unique("bobs-model");

        // when
        String experimentId = api.experimentId(unique("bobs-experiment"));
        String runId = api.createRun(experimentId, "bobs-run", System.currentTimeMillis(), Map.of("ml.modelName", name))
                .runId();
        // MLflow 2.3's basic-auth app looks a run up in a file store of its own (./mlruns in the server's directory),
        // not in the server's backend store: to a user who is not an admin, every run is "not found" there
        if (MlflowServer.olderThan(2, 4)) {
            assertThat(server.getAnswer("runs/get", Map.of("run_id", runId), basic(BOB, BOB_PASSWORD))
                            .statusCode())
                    .as("bob's own run, asked by bob")
                    .isEqualTo(404);
            Assumptions.assumeTrue(
                    false,
                    "MLflow " + MlflowServer.version() + "'s basic-auth app does not find the runs of users who are"
                            + " not admins (runs/get answers 404 to bob for his own run; MLflow 2.3)");
        }
        api.finishRun(runId, "FINISHED", System.currentTimeMillis());
        api.ensureRegisteredModel(name);
        String version =
                api.createModelVersion(name, "runs:/" + runId + "/model", runId, Map.of("ml.version", "1.0.0"), null);
        api.setAlias(name, "production", version);

        // then
        JsonNode aliased = server.get(
                        "registered-models/alias", Map.of("name", name, "alias", "production"), adminAuth())
                .get("model_version");
        assertThat(aliased.get("version").asText()).isEqualTo(version);
        assertThat(aliased.get("run_id").asText()).isEqualTo(runId);
        assertThat(aliased.get("source").asText()).isEqualTo("runs:/" + runId + "/model");
        assertThat(api.findVersionByTag(name, "ml.version", "1.0.0")).contains(version);
        assertThat(waits).isEmpty();
    }

    @Test
    void aWrongPasswordIsRefusedAt401OnceAndTheMessageNamesWhereItCameFrom() {
        // given
        String experiment = unique("weather-wrong-password");
        Map<String, Object> p = model.parameters(server.uri(), experiment, retry, true);
        p.put("mlflowUsername", ADMIN);
        p.put("mlflowPassword", "not-" + ADMIN_PASSWORD);
        p.put("mlflowCredentialsSource", SETTINGS_XML);

        // when failOnError is set, the refusal is the build's error
        Map<String, String> outcome = model.launchMlflowValidate(p);

        // then
        ValidatedModel.assertRefusedOnceAt401(
                outcome,
                SETTINGS_XML,
                ADMIN_PASSWORD,
                waits,
                server.getAnswer("experiments/get-by-name", Map.of("experiment_name", experiment), adminAuth()));
    }

    @Test
    void aWrongPasswordOnlyWarnsByDefault() {
        // given
        Map<String, Object> p = model.parameters(server.uri(), unique("weather-warn"), retry, false);
        p.put("mlflowUsername", BOB);
        p.put("mlflowPassword", "wrong");
        p.put("mlflowCredentialsSource", ENVIRONMENT);

        // when
        Map<String, String> outcome = model.launchMlflowValidate(p);

        // then the build goes on, the log says what to check
        assertThat(outcome).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        assertThat(model.logged())
                .anySatisfy(l -> assertThat(l)
                        .startsWith("warn Could not log the validation of weather to MLflow")
                        .contains("401 (not authenticated)")
                        .contains("check " + ENVIRONMENT));
        assertThat(waits).isEmpty();
    }

    @Test
    void withoutCredentialsThe401SaysHowToGiveThem() {
        // given
        MlflowApi api = api(null, null, null);

        // when / then
        assertThatThrownBy(() -> api.experimentId(unique("anonymous")))
                .isInstanceOf(MlflowException.class)
                .hasMessageContaining("401 (not authenticated)")
                .hasMessageContaining(
                        "set MLFLOW_TRACKING_TOKEN, or name a settings.xml server with <mlflow><serverId>")
                .satisfies(e -> assertThat(((MlflowException) e).status()).isEqualTo(401));
        assertThat(waits).isEmpty();
    }

    @Test
    void aUserWithoutPermissionOnTheExperimentIsRefusedAt403() {
        // given an experiment the admin created: bob may read it (READ), not log runs into it
        String experiment = unique("admins-experiment");
        assertThat(server.postAnswer("experiments/create", body("name", experiment), adminAuth())
                        .statusCode())
                .isEqualTo(200);
        Map<String, Object> p = model.parameters(server.uri(), experiment, retry, true);
        p.put("mlflowUsername", BOB);
        p.put("mlflowPassword", BOB_PASSWORD);
        p.put("mlflowCredentialsSource", ENVIRONMENT);

        // when
        Map<String, String> outcome = model.launchMlflowValidate(p);

        // then
        assertThat(outcome).containsEntry(StepLauncher.OUTCOME, StepLauncher.INVALID_INPUT);
        assertThat(outcome.get(StepLauncher.MESSAGE))
                .contains("refused runs/create with 403 (not allowed)")
                .contains("the MLflow user of " + ENVIRONMENT + " may not do this")
                .contains("an MLflow admin can grant it EDIT or MANAGE on the experiment or model")
                .contains("or choose an <mlflow><experiment> that user created")
                .doesNotContain("check " + ENVIRONMENT)
                .doesNotContain(BOB_PASSWORD);
        assertThat(waits).isEmpty();
        assertThat(server.runs(server.experimentId(experiment, adminAuth()), adminAuth()))
                .as("no run was created")
                .isEmpty();
    }

    @Test
    void aParamLongerThanAnOldServerAcceptsIsKeptWholeOrSentAgainCut() {
        // given a value of 1000 characters: MLflow 2.9 and later keep up to 6000, MLflow 2.3 only 500
        MlflowApi api = api(ADMIN, ADMIN_PASSWORD, SETTINGS_XML);
        long now = System.currentTimeMillis();
        String runId = api.createRun(api.experimentId(unique("long-params")), "long-params", now, Map.of())
                .runId();
        String options = "-C 0.25 -M 2 ".repeat(77).substring(0, 1000);

        // when
        api.logBatches(new RunData().param("options", options).batches(runId, now));

        // then
        JsonNode params = server.run(runId, adminAuth()).get("data").get("params");
        String logged = params.get(0).get("value").asText();
        if (logged.length() == RunData.LEGACY_PARAM_VALUE) {
            assertThat(logged).isEqualTo(options.substring(0, RunData.LEGACY_PARAM_VALUE - 3) + "...");
            assertThat(log.text())
                    .contains("sending the params again cut to 500 characters, the limit of servers before MLflow 2.9");
        } else {
            assertThat(logged).isEqualTo(options);
        }
        assertThat(waits).isEmpty();
    }

    private static String[] adminAuth() {
        return basic(ADMIN, ADMIN_PASSWORD);
    }
}
