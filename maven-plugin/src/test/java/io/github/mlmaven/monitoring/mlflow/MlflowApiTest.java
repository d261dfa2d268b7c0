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

/**
 * MlflowClient and MlflowApi where only the fake can be made to misbehave: server errors, 429, stalls, closed and
 * refused connections, refused credentials, a creation race, paging, a server before MLflow 2.9 (500-character params). The behaviour of a working
 * server is tested against a real one in {@link MlflowRealServerTest}.
 */
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
    void anOldServerGetsParamsCutToFiveHundredCharacters() {
        // given a server before MLflow 2.9
        mlflow.maxParamValue(RunData.LEGACY_PARAM_VALUE);
        String run = api.createRun(api.experimentId("m"), "m", 1L, Map.of()).runId();
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
        assertThat(log.text())
                .contains("sending the params again cut to 500 characters, the limit of servers before MLflow 2.9"
                        + " (2.3.2: 500 characters)");
    }

    @Test
    void versionsAreFoundByTagAcrossPages() {
        // given
        mlflow.pageSize(2);
        api.ensureRegisteredModel("m");
        String run = api.createRun(api.experimentId("m"), "m", 1L, Map.of()).runId();
        for (int i = 1; i <= 5; i++) {
            api.createModelVersion("m", "runs:/" + run + "/model", run, Map.of("ml.version", "1.0." + i), null);
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
