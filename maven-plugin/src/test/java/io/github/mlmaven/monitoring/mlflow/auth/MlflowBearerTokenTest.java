package io.github.mlmaven.monitoring.mlflow.auth;

import static io.github.mlmaven.testing.MlflowServer.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.ci.RetryPolicy;
import io.github.mlmaven.monitoring.mlflow.MlflowApi;
import io.github.mlmaven.monitoring.mlflow.MlflowClient;
import io.github.mlmaven.monitoring.mlflow.MlflowException;
import io.github.mlmaven.monitoring.mlflow.MlflowSettings;
import io.github.mlmaven.testing.MlflowServer;
import io.github.mlmaven.testing.RecordingLog;
import io.github.mlmaven.workflow.StepLauncher;
import java.io.IOException;
import java.io.InputStream;
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
 * The plugin's bearer token ({@code MLFLOW_TRACKING_TOKEN}) against a real MLflow server. MLflow has no bearer
 * authentication of its own; its basic-auth app takes a custom {@code authorization_function}, here
 * {@code ml_bearer_auth.py} (a test resource), which accepts one token and maps it to the admin user, as a site
 * would map its identity provider's tokens. One server for the class.
 */
class MlflowBearerTokenTest {
    private static final String TOKEN = "token-" + UUID.randomUUID();
    private static final String TOKEN_SOURCE = "the MLFLOW_TRACKING_TOKEN environment variable";

    @TempDir
    static Path dir;

    private static MlflowServer server;
    private static ValidatedModel model;

    @BeforeAll
    static void startServer() throws IOException {
        Path home = MlflowServer.home();
        Assumptions.assumeFalse(
                MlflowServer.olderThan(2, 5),
                "MLflow " + MlflowServer.version() + " at " + home + " has no authorization_function in its basic-auth"
                        + " app (MLflow 2.5 and later have), so no bearer token to accept");
        assertThat(MlflowServer.supportsAuthorizationFunction())
                .as("MLflow " + MlflowServer.version() + "'s basic-auth app reads authorization_function")
                .isTrue();
        Path serverDir = Files.createDirectories(dir.resolve("server"));
        Path python = Files.createDirectories(serverDir.resolve("python"));
        try (InputStream module = MlflowBearerTokenTest.class.getResourceAsStream("ml_bearer_auth.py")) {
            Files.copy(module, python.resolve("ml_bearer_auth.py"));
        }
        Path ini = Files.writeString(
                serverDir.resolve("bearer_auth.ini"),
                String.join(
                        "\n",
                        "[mlflow]",
                        "default_permission = READ",
                        "database_uri = sqlite:///" + serverDir.toAbsolutePath().resolve("basic_auth.db"),
                        "admin_username = admin",
                        "admin_password = admin-" + UUID.randomUUID(),
                        "authorization_function = ml_bearer_auth:authenticate_bearer",
                        ""));
        server = MlflowServer.launch(
                List.of("--app-name", "basic-auth"),
                Map.of(
                        "MLFLOW_AUTH_CONFIG_PATH", ini.toString(),
                        "MLFLOW_FLASK_SERVER_SECRET_KEY", UUID.randomUUID().toString(),
                        "PYTHONPATH", python.toString(),
                        "ML_TEST_BEARER_TOKEN", TOKEN,
                        "ML_TEST_BEARER_USER", "admin"));
        // the model is trained while MLflow starts
        model = ValidatedModel.in(dir.resolve("project"));
        server.awaitHealth();
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

    private MlflowApi api(MlflowSettings settings) {
        MlflowClient client = new MlflowClient(settings, "ml-maven-plugin/test", retry, log);
        clients.add(client);
        return new MlflowApi(client, log);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(MlflowClient::close);
    }

    @Test
    void theTokenLogsTheValidationRunAndRegistersTheModel() throws IOException {
        // given
        String experiment = unique("weather-bearer");
        Map<String, Object> p = model.parameters(server.uri(), experiment, retry, true);
        p.put("mlflowToken", TOKEN);
        p.put("mlflowCredentialsSource", TOKEN_SOURCE);

        // when
        Map<String, String> outcome = model.launchMlflowValidate(p);
        String runId = model.runId();
        MlflowApi api = api(new MlflowSettings(server.uri(), null, TOKEN, null, null, TOKEN_SOURCE, true));
        String name = unique("weather-model");
        api.ensureRegisteredModel(name);
        String version =
                api.createModelVersion(name, "runs:/" + runId + "/model", runId, Map.of("ml.version", "1.0.0"), null);
        api.setAlias(name, "production", version);

        // then
        assertThat(outcome).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        assertThat(model.logged()).noneMatch(l -> l.startsWith("warn"));
        JsonNode run = server.run(runId, bearer());
        model.assertLoggedAsValidated(run);
        JsonNode aliased = server.get("registered-models/alias", Map.of("name", name, "alias", "production"), bearer())
                .get("model_version");
        assertThat(aliased.get("version").asText()).isEqualTo(version);
        assertThat(aliased.get("run_id").asText()).isEqualTo(runId);
        assertThat(waits).isEmpty();
    }

    @Test
    void aWrongTokenIsRefusedAt401OnceAndTheMessageNamesTheVariable() {
        // given
        String experiment = unique("weather-wrong-token");
        Map<String, Object> p = model.parameters(server.uri(), experiment, retry, true);
        p.put("mlflowToken", "not-" + TOKEN);
        p.put("mlflowCredentialsSource", TOKEN_SOURCE);

        // when
        Map<String, String> outcome = model.launchMlflowValidate(p);

        // then
        ValidatedModel.assertRefusedOnceAt401(
                outcome,
                TOKEN_SOURCE,
                TOKEN,
                waits,
                server.getAnswer("experiments/get-by-name", Map.of("experiment_name", experiment), bearer()));
    }

    @Test
    void basicCredentialsAreRefusedWhereOnlyTheTokenIsAccepted() {
        // given a server that knows only bearer tokens, and a password from settings.xml
        MlflowApi api = api(new MlflowSettings(
                server.uri(),
                null,
                null,
                "admin",
                "secret-" + TOKEN,
                "the username and password of settings.xml server mlflow",
                true));

        // when / then
        assertThatThrownBy(() -> api.experimentId(unique("basic-on-bearer")))
                .isInstanceOf(MlflowException.class)
                .hasMessageContaining("401 (not authenticated)")
                .hasMessageContaining("check the username and password of settings.xml server mlflow")
                .hasMessageNotContaining(TOKEN);
        assertThat(waits).isEmpty();
    }

    private static String[] bearer() {
        return MlflowServer.bearer(TOKEN);
    }
}
