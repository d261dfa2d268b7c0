package io.github.mlmaven.monitoring.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.ci.RetryPolicy;
import io.github.mlmaven.testing.RecordingLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MlflowApiTest {
    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    private final RetryPolicy retry =
            new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), waits::add); // records, never sleeps
    private final RecordingLog log = new RecordingLog();
    private FakeMlflow mlflow;
    private MlflowClient client;
    private MlflowApi api;

    @BeforeEach
    void startServer() {
        mlflow = FakeMlflow.start();
        connect(settings(FakeMlflow.TOKEN, null, null, "the MLFLOW_TRACKING_TOKEN environment variable"));
    }

    @AfterEach
    void stopServer() {
        client.close();
        mlflow.close();
    }

    private MlflowSettings settings(String token, String username, String password, String source) {
        return new MlflowSettings(mlflow.uri(), null, token, username, password, source, false);
    }

    private void connect(MlflowSettings settings) {
        if (client != null) {
            client.close();
        }
        client = new MlflowClient(
                settings, "ml-maven-plugin/test", retry, log, Duration.ofSeconds(2), Duration.ofMillis(700));
        api = new MlflowApi(client, log);
    }

    @Test
    void aMissingExperimentIsCreatedAndThenFoundByName() {
        // when
        String first = api.experimentId("credit-risk");
        String second = api.experimentId("credit-risk");

        // then
        assertThat(second).isEqualTo(first);
        assertThat(mlflow.requests())
                .extracting(r -> r.method() + " " + r.endpoint())
                .containsExactly(
                        "GET experiments/get-by-name", "POST experiments/create", "GET experiments/get-by-name");
        assertThat(mlflow.requests().get(0).query()).containsEntry("experiment_name", "credit-risk");
        assertThat(mlflow.requests().get(1).body().get("name").asText()).isEqualTo("credit-risk");
    }

    @Test
    void anExperimentCreatedMeanwhileIsFoundAfterResourceAlreadyExists() {
        // given another client creates it between our lookup and our create
        mlflow.fail(new FakeMlflow.Failure("experiments/get-by-name", 404, "RESOURCE_DOES_NOT_EXIST", 0, false));
        mlflow.addExperiment("credit-risk");

        // when
        String id = api.experimentId("credit-risk");

        // then
        assertThat(id).isEqualTo("100");
        assertThat(mlflow.requests())
                .extracting(FakeMlflow.Request::endpoint)
                .containsExactly("experiments/get-by-name", "experiments/create", "experiments/get-by-name");
    }

    @Test
    void theTokenIsSentAsABearerHeader() {
        // when
        api.experimentId("m");

        // then
        assertThat(mlflow.requests())
                .allSatisfy(r -> assertThat(r.headers()).containsEntry("authorization", "Bearer " + FakeMlflow.TOKEN));
    }

    @Test
    void settingsXmlCredentialsAreSentAsBasicAuth() {
        // given
        String basic = "Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
        mlflow.expectAuthorization(basic);
        connect(settings(null, "alice", "s3cret", "the username and password of settings.xml server mlflow"));

        // when
        api.experimentId("m");

        // then
        assertThat(mlflow.requests()).allSatisfy(r -> assertThat(r.headers()).containsEntry("authorization", basic));
    }

    @Test
    void aRefusedTokenIsNotRetriedAndTheMessageNamesWhereItCameFrom() {
        // given
        mlflow.expectAuthorization("Bearer another");

        // when / then
        assertThatThrownBy(() -> api.experimentId("m"))
                .isInstanceOf(MlflowException.class)
                .hasMessageContaining("401")
                .hasMessageContaining("MLFLOW_TRACKING_TOKEN")
                .hasMessageNotContaining(FakeMlflow.TOKEN);
        assertThat(mlflow.requests()).hasSize(1);
        assertThat(waits).isEmpty();
        assertThat(log.text()).doesNotContain(FakeMlflow.TOKEN);
    }

    @Test
    void withoutCredentialsA401SaysHowToGiveThem() {
        // given
        connect(settings(null, null, null, null));

        // when / then
        assertThatThrownBy(() -> api.experimentId("m"))
                .hasMessageContaining(
                        "set MLFLOW_TRACKING_TOKEN, or name a settings.xml server with <mlflow><serverId>");
    }

    @Test
    void aServerErrorIsRetriedWithBackoffThenSucceeds() {
        // given
        mlflow.fail(FakeMlflow.status("experiments/get-by-name", 503));
        mlflow.fail(FakeMlflow.status("experiments/get-by-name", 500));

        // when
        String id = api.experimentId("m");

        // then
        assertThat(id).isNotEmpty();
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(log.text()).contains("MLflow answered 503").contains("attempt 2 of 3");
    }

    @Test
    void tooManyRequestsIsRetried() {
        // given
        mlflow.fail(new FakeMlflow.Failure("experiments/get-by-name", 429, "REQUEST_LIMIT_EXCEEDED", 0, false));

        // when
        api.experimentId("m");

        // then
        assertThat(waits).hasSize(1);
    }

    @Test
    void aServerThatKeepsFailingGivesUpAfterTheLastAttempt() {
        // given
        IntStream.range(0, 3).forEach(i -> mlflow.fail(FakeMlflow.status(null, 502)));

        // when / then
        assertThatThrownBy(() -> api.experimentId("m"))
                .isInstanceOf(MlflowException.class)
                .hasMessageContaining("502")
                .hasMessageContaining("after 3 attempts");
        assertThat(mlflow.requests()).hasSize(3);
        assertThat(waits).hasSize(2);
    }

    @Test
    void aStalledAnswerTimesOutAndIsRetried() {
        // given the first answer comes after the 700 ms read timeout
        mlflow.fail(FakeMlflow.stall("experiments/get-by-name", 2_000));

        // when
        String id = api.experimentId("m");

        // then
        assertThat(id).isNotEmpty();
        assertThat(log.text()).contains("no answer (SocketTimeoutException");
    }

    @Test
    void aClosedConnectionIsRetried() {
        // given
        mlflow.fail(FakeMlflow.closedConnection("experiments/get-by-name"));

        // when
        String id = api.experimentId("m");

        // then
        assertThat(id).isNotEmpty();
        assertThat(log.text()).contains("no answer (");
        assertThat(waits).hasSize(1);
    }

    @Test
    void anUnreachableServerFailsAfterTheRetries() {
        // given
        int port = mlflow.uri().getPort();
        mlflow.close();
        connect(new MlflowSettings(
                java.net.URI.create("http://127.0.0.1:" + port), null, null, null, null, null, false));
        mlflow = FakeMlflow.start(); // another port: the old one refuses connections

        // when / then
        assertThatThrownBy(() -> api.experimentId("m"))
                .isInstanceOf(MlflowException.class)
                .hasMessageContaining("no answer")
                .hasMessageContaining("after 3 attempts");
    }

    @Test
    void aRegisteredModelThatExistsIsFine() {
        // given
        api.ensureRegisteredModel("credit-risk");

        // when
        api.ensureRegisteredModel("credit-risk");

        // then
        assertThat(mlflow.requests("registered-models/create")).hasSize(2);
        assertThat(mlflow.model("credit-risk")).isNotNull();
    }

    @Test
    void anotherErrorCodeIsAnErrorWithMlflowsMessage() {
        // when / then
        assertThatThrownBy(() -> api.createModelVersion("missing", "maven:g:a:1", null, Map.of()))
                .isInstanceOf(MlflowException.class)
                .hasMessageContaining("404 RESOURCE_DOES_NOT_EXIST")
                .hasMessageContaining("Registered Model with name=missing not found")
                .satisfies(e -> assertThat(((MlflowException) e).is("RESOURCE_DOES_NOT_EXIST"))
                        .isTrue());
        assertThat(waits).isEmpty();
    }

    @Test
    void fifteenHundredMetricsAreLoggedInTwoRequests() {
        // given
        String run = api.createRun(api.experimentId("m"), "m-abc1234", 1L, Map.of());
        RunData data = new RunData();
        IntStream.range(0, 1500).forEach(i -> data.metric("m" + i, i / 10.0));

        // when
        api.logBatches(data.batches(run, 5L));

        // then
        List<FakeMlflow.Request> batches = mlflow.requests("runs/log-batch");
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0).body().get("metrics")).hasSize(1000);
        assertThat(batches.get(1).body().get("metrics")).hasSize(500);
        assertThat(batches.get(0).body().get("run_id").asText()).isEqualTo(run);
        assertThat(batches.get(0).body().get("metrics").get(1).toString())
                .isEqualTo("{\"key\":\"m1\",\"value\":0.1,\"timestamp\":5,\"step\":0}");
        assertThat(mlflow.run(run).get("data").get("metrics")).hasSize(1500);
    }

    @Test
    void anOldServerGetsParamsCutToFiveHundredCharacters() {
        // given an MLflow 1.x server
        mlflow.maxParamValue(RunData.LEGACY_PARAM_VALUE);
        String run = api.createRun(api.experimentId("m"), "m", 1L, Map.of());
        RunData data = new RunData().param("options", "-W " + "x".repeat(900)).param("seed", 1);

        // when
        api.logBatches(data.batches(run, 5L));

        // then
        List<FakeMlflow.Request> batches = mlflow.requests("runs/log-batch");
        assertThat(batches).hasSize(2);
        String logged =
                mlflow.run(run).get("data").get("params").get(0).get("value").asText();
        assertThat(logged)
                .hasSize(RunData.LEGACY_PARAM_VALUE)
                .startsWith("-W xxx")
                .endsWith("...");
        assertThat(log.text()).contains("cut to 500 characters");
    }

    @Test
    void versionsAreFoundByTagAcrossPages() {
        // given
        mlflow.pageSize(2);
        api.ensureRegisteredModel("m");
        for (int i = 1; i <= 5; i++) {
            api.createModelVersion("m", "maven:g:m:1.0." + i, null, Map.of("ml.version", "1.0." + i));
        }

        // when
        var found = api.findVersionByTag("m", "ml.version", "1.0.5");
        var missing = api.findVersionByTag("m", "ml.version", "9.9.9");

        // then
        assertThat(found).contains("5");
        assertThat(missing).isEmpty();
        assertThat(mlflow.requests("model-versions/search").get(0).query()).containsEntry("filter", "name='m'");
    }
}
